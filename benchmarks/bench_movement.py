"""Movement (issue 17): the power map as it stood on a date, read on the benchmark book (target <= 100 ms).

The campaign map is the one the screen opens on (the campaign with the most people), as of 60 days ago;
the overall map holds every active contact.
"""
from __future__ import annotations

import statistics
import time
from datetime import timedelta
from pathlib import Path

from bench import measure

TIMES = 7


@measure("power map as of a date")
def _power_map_as_of(path: Path) -> dict:
    from relmeet.domain import today
    from relmeet.store import Book, campaigns, standing

    on = today() - timedelta(days=60)
    results = {}
    with Book(path) as book:
        busiest = max(campaigns.list_campaigns(book), key=lambda c: (c.status == "active", c.contacts)).id
        for key, campaign in (("power_map_as_of_ms", busiest), ("power_map_as_of_overall_ms", None)):
            samples = []
            for _ in range(TIMES + 1):
                start = time.perf_counter()
                grid, moved, _added = standing.map_as_of(book, campaign, on)
                samples.append(time.perf_counter() - start)
            results[key] = round(statistics.median(samples[1:]) * 1000, 1)
            results[key.replace("_ms", "_moved")] = len(moved)
    return results

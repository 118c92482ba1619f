"""Issue 5's figures: how long each of the organizer's map views takes to open on the benchmark book.

The real app runs in a pseudo-terminal; each view is opened with its key and timed from the key
press until its content has been drawn on the terminal (median of nine openings), then Escape goes
back home. `home_health_ms` is the time of the queries behind the home screen's relationship-health
panes (tend these, due this week, overdue counts, reciprocity), which are drawn as part of start-up.
Target: each <= 200 ms.
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from app_probe import HOME, _read_until, start_in_pty
from bench import clean_env, measure

# key -> (json key, text the view draws once its content is filled, spaces removed)
VIEWS = {
    "\x1bOS": ("power_map_ms", "Infl.┃Opposition"),        # F4
    "\x1b[15~": ("levels_ms", "Directlyimpacted("),  # F5
    "\x1b[17~": ("referrals_ms", "ReferredMeetings"),       # F6
    "\x1b[18~": ("campaign_ms", "Peoplemetunderit:"),       # F7: the detail's first counts
    "\x1b[19~": ("wins_ms", "Winstocelebrate"),              # F8
}
TIMES = 9  # single openings now and then take twice as long on this shared machine; the median holds


def _open_views(path: Path, extra: tuple[str, ...] = ()) -> dict:
    """extra: more arguments for relmeet (a locked book's --passphrase-file)."""
    proc, main, _start = start_in_pty([sys.executable, "-m", "relmeet", "--db", str(path), *extra], clean_env())
    results = {}
    try:
        if not _read_until(main, HOME, [], timeout=60):
            raise RuntimeError("the app did not show its home screen")
        time.sleep(1)  # let start-up's side panes and daily backup settle
        for key, (name, drawn) in VIEWS.items():
            samples = []
            for _ in range(TIMES):
                start = time.perf_counter()
                os.write(main, key.encode())
                if not _read_until(main, drawn, [], timeout=30):
                    raise RuntimeError(f"{name}: the view never drew {drawn!r}")
                samples.append(time.perf_counter() - start)
                time.sleep(0.2)
                os.write(main, b"\x1b")
                if not _read_until(main, HOME, [], timeout=30):
                    raise RuntimeError(f"{name}: Escape did not lead back home")
                time.sleep(float(os.environ.get("BENCH_SETTLE", 0.5)))  # the home screen refreshes its lists on return; let it, as a user would
            results[name] = round(statistics.median(samples) * 1000, 1)
            if os.environ.get("BENCH_SAMPLES"):
                print(name, [round(x * 1000) for x in samples], file=sys.stderr)
        os.write(main, b"\x11")  # ctrl+q
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            _read_until(main, "\x00never", [], timeout=0.1)  # keep draining, or the app blocks writing
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(main)
    return results


def _home_health(path: Path) -> dict:
    from relmeet.store import Book, due, health, meetings

    with Book(path) as book:
        samples = []
        for _ in range(TIMES + 1):
            start = time.perf_counter()
            health.tend_these(book)
            health.overview(book)
            due.due_soon(book)
            meetings.upcoming(book)
            samples.append(time.perf_counter() - start)
    return {"home_health_ms": round(statistics.median(samples[1:]) * 1000, 1)}


@measure("map views (open in the app)")
def _views(path: Path) -> dict:
    return _home_health(path) | _open_views(path)

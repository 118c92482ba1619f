"""Start-up side by side: relmeet against a bare Textual app of the home screen's shape (bare_app.py).

Each is timed from the command until its home screen's title line has reached a pseudo-terminal
(app_probe.time_to_home; both draw "… sorted by name" once their 200-row table is filled). The three
commands (bare app, relmeet on the benchmark book, relmeet on a copy of the demo book) run in turn, in a rotating order,
TIMES rounds after one warm-up round, so the machine's noise falls on all of them alike. Ratios are
of the medians; the bare app is what Textual itself costs on this machine that day.

    uv run python benchmarks/bench.py --only startup        # BENCH_SAMPLES=1 also prints every sample
"""
from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

from app_probe import time_to_home
from bench import HERE, clean_env, measure

TIMES = 7


def _commands(path: Path, demo: Path) -> dict[str, list[str]]:
    return {
        "bare": [sys.executable, str(HERE / "bare_app.py")],
        "relmeet": [sys.executable, "-m", "relmeet", "--db", str(path)],
        "demo": [sys.executable, "-m", "relmeet", "--db", str(demo)],  # a book of the demo's size
    }


@measure("startup ratio (relmeet / bare Textual app)")
def _startup_ratio(path: Path) -> dict:
    from relmeet.demo import make_demo_book

    demo, folder = make_demo_book()
    try:
        return _side_by_side(_commands(path, demo))
    finally:
        folder.cleanup()


def _side_by_side(commands: dict[str, list[str]]) -> dict:
    names = list(commands)
    env = clean_env()
    samples: dict[str, list[float]] = {name: [] for name in names}
    for name in names:  # warm-up: bytecode, page cache
        time_to_home(commands[name], env)
    for round_ in range(TIMES):
        order = names[round_ % len(names):] + names[:round_ % len(names)]
        for name in order:
            samples[name].append(time_to_home(commands[name], env))
    if os.environ.get("BENCH_SAMPLES"):
        for name in names:
            print(name, [round(x, 3) for x in samples[name]], file=sys.stderr)
    bare, relmeet, demo = (statistics.median(samples[name]) for name in names)
    return {"startup_bare_s": round(bare, 3), "startup_relmeet_s": round(relmeet, 3),
            "startup_ratio": round(relmeet / bare, 2), "startup_demo_s": round(demo, 3),
            "startup_demo_ratio": round(demo / bare, 2)}

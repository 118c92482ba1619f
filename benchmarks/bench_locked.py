"""Issue 16's figures: what locking the book costs. A locked copy of the benchmark book is measured beside
the plain one in the same run, measure by measure (search p95, a contact's history, `relmeet show`, the
app's start-up, the map views), and each `locked_*` figure comes with its ratio to the plain book's.

The locked copy is kept in benchmarks/.cache beside the plain book (`<book>.locked`, made once with
`relmeet lock` from a copy of it). Opening a locked book stretches its passphrase once per process
(SQLCipher's PBKDF2-HMAC-SHA512, 256,000 rounds): `locked_kdf_ms` is that one-off cost, which `show`
and start-up include (the app's start-up stretches it while Textual loads). `locked_show_remembered_*` is
`relmeet show` after `relmeet remember`, the key taken from the session's kernel keyring. Target: every
ratio <= 1.2 (`locked_ratio_max`).
"""
from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import bench
from app_probe import time_to_home
from bench import PROBE_NAME, clean_env, measure

PASSPHRASE = "benchmark passphrase, not a secret"
TIMES = 5


def locked_copy(path: Path) -> tuple[Path, Path]:
    """The locked copy of the benchmark book (made if missing) and an owner-only passphrase file."""
    from relmeet.store import lock

    secret = path.with_name(path.name + ".passphrase")
    secret.write_text(PASSPHRASE + "\n")
    secret.chmod(0o600)
    locked = path.with_name(path.name + ".locked")
    if not locked.exists():
        partial = path.with_name(path.name + ".locking")
        for extra in path.parent.glob(partial.name + "*"):
            extra.unlink()
        source, target = sqlite3.connect(path), sqlite3.connect(partial)
        try:
            source.backup(target)  # a consistent copy of the live book, its -wal included
        finally:
            source.close()
            target.close()
        lock.lock(partial, PASSPHRASE)
        partial.rename(locked)
    # the app's first start of a day backs the book up; make today's now, outside the measures
    subprocess.run([sys.executable, "-m", "relmeet", "--db", str(locked), "--passphrase-file", str(secret),
                    "backup", "--daily"], check=True, stdout=subprocess.DEVNULL, env=clean_env())
    return locked, secret


def _show(path: Path, *extra: str) -> float:
    timings = []
    for _ in range(TIMES + 1):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "relmeet", "--db", str(path), *extra, "show", PROBE_NAME],
                       check=True, stdout=subprocess.DEVNULL, env=clean_env())
        timings.append(time.perf_counter() - start)
    return statistics.median(timings[1:])  # the first run compiles bytecode


def _startup(plain: Path, locked: Path, secret: Path) -> tuple[float, float]:
    commands = {"plain": [sys.executable, "-m", "relmeet", "--db", str(plain)],
                "locked": [sys.executable, "-m", "relmeet", "--db", str(locked), "--passphrase-file", str(secret)]}
    env = clean_env()
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for argv in commands.values():
        time_to_home(argv, env)  # warm-up
    for round_ in range(TIMES):
        for name in (("plain", "locked") if round_ % 2 == 0 else ("locked", "plain")):
            samples[name].append(time_to_home(commands[name], env))
    return statistics.median(samples["plain"]), statistics.median(samples["locked"])


def _views(path: Path, *extra: str) -> dict:
    from bench_views import _open_views

    return _open_views(path, extra)


def _read_through(*paths: Path) -> None:
    """Read each file once, so both books start the measures from the OS page cache alike: in a full
    run the plain book was just read by the other measures and the locked copy not at all (its history
    took 5.6x the plain book's, from the disk)."""
    for path in paths:
        with open(path, "rb") as handle:
            while handle.read(1 << 24):
                pass


def _kdf_ms() -> float:
    from relmeet import keys

    start = time.perf_counter()
    keys.raw_key(PASSPHRASE, os.urandom(16))
    return (time.perf_counter() - start) * 1000


@measure("locked book (ratio to plain)")
def _locked(path: Path) -> dict:
    from relmeet.store import lock

    locked, secret = locked_copy(path)
    _read_through(path, locked)
    lock.open_with(locked, PASSPHRASE)
    results: dict = {"locked_kdf_ms": round(_kdf_ms(), 1)}
    pairs: list[tuple[str, float, float]] = []

    plain_search, locked_search = bench._search(path), bench._search(locked)
    pairs.append(("search_p95_ms", plain_search["search_p95_ms"], locked_search["search_p95_ms"]))
    plain_history, locked_history = bench._history(path), bench._history(locked)
    pairs.append(("history_ms", plain_history["history_ms"], locked_history["history_ms"]))
    plain_show = _show(path)
    pairs.append(("show_s", plain_show, _show(locked, "--passphrase-file", str(secret))))
    # after `relmeet remember`: the key comes from the session's keyring, nothing is stretched
    env = clean_env()
    subprocess.run([sys.executable, "-m", "relmeet", "--db", str(locked), "--passphrase-file", str(secret),
                    "remember", "--minutes", "10"], check=True, stdout=subprocess.DEVNULL, env=env)
    try:
        pairs.append(("show_remembered_s", plain_show, _show(locked)))
    finally:
        subprocess.run([sys.executable, "-m", "relmeet", "--db", str(locked), "forget"], check=True,
                       stdout=subprocess.DEVNULL, env=env)
    pairs.append(("startup_s", *_startup(path, locked, secret)))
    try:
        plain_views, locked_views = _views(path), _views(locked, "--passphrase-file", str(secret))
        pairs.extend((name, plain_views[name], locked_views[name]) for name in plain_views)
    except RuntimeError as exc:  # a view that doesn't draw on the plain book is bench_views' finding, not ours
        results["locked_views_error"] = str(exc)

    ratios = []
    for name, plain, locked_figure in pairs:
        digits = 3 if name.endswith("_s") else 1
        ratio = round(locked_figure / plain, 2) if plain else None
        results[f"locked_plain_{name}"] = round(plain, digits)
        results[f"locked_{name}"] = round(locked_figure, digits)
        results[f"locked_{name.rsplit('_', 1)[0]}_ratio"] = ratio
        if ratio is not None:
            ratios.append(ratio)
    results["locked_ratio_max"] = max(ratios)
    # show and start-up pay the passphrase's stretching once per process: what they cost besides it
    kdf_s = results["locked_kdf_ms"] / 1000
    for name in ("show_s", "startup_s"):
        plain, locked_figure = results[f"locked_plain_{name}"], results[f"locked_{name}"]
        results[f"locked_{name.rsplit('_', 1)[0]}_less_kdf_ratio"] = round((locked_figure - kdf_s) / plain, 2)
    return results

"""What the fault tests share: relmeet run as a real process, a real book damaged on disk, and a
fingerprint of a folder to show that a failed command changed nothing and left nothing behind."""
from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

from relmeet.demo import fill
from relmeet.store import Book

# the tables whose first page a damaged test book loses: what search, show and the home screen read
DAMAGED_TABLES = ("contact", "search_index_data", "contact_search_data", "meeting", "interest")


def run(*args: str, env: dict | None = None, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    """`python -m relmeet ARGS` in its own process, with the test's home folders."""
    full_env = {k: v for k, v in os.environ.items() if k != "RELMEET_DB"}
    home = Path(full_env["HOME"])
    full_env |= {"XDG_STATE_HOME": str(home / ".local" / "state"), "XDG_DATA_HOME": str(home / ".local" / "share")}
    full_env |= env or {}
    return subprocess.run([sys.executable, "-m", "relmeet", *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout, stdin=subprocess.DEVNULL, **kwargs)


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under folder (relative name -> sha256 of its content, or its kind). A -shm file counts by
    its name only: it is SQLite's shared index, which each reader of a book open elsewhere writes to."""
    found = {}
    for path in sorted(Path(folder).rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_file() and name.endswith("-shm"):
            found[name] = "shared index"
        elif path.is_file():
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[name] = "folder" if path.is_dir() else "other"
    return found


def demo_book(path: Path) -> Path:
    """A real book with the demo's people and meetings, closed, everything in the main file."""
    with Book(path) as book:
        fill(book)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def damage(path: Path, *, seed: int = 12) -> list[int]:
    """Overwrite the first page of the DAMAGED_TABLES, and two more pages, with random bytes (the file's
    header and schema page are kept: it still opens). Returns the page numbers."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    page_count = conn.execute("PRAGMA page_count").fetchone()[0]
    marks = ",".join("?" * len(DAMAGED_TABLES))
    roots = [r[0] for r in conn.execute(f"SELECT rootpage FROM sqlite_master WHERE name IN ({marks})",
                                        DAMAGED_TABLES)]
    conn.close()
    chance = random.Random(seed)
    pages = sorted(set(roots) | set(chance.sample(range(3, page_count + 1), 2)))
    with open(path, "r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * page_size)
            handle.write(chance.randbytes(page_size))
    return pages

"""What the organizer reads when something fails, and the report left for whoever mends relmeet.

A report names where the failure happened (files, lines, functions) and what kind of error it was; it
never holds what the error carried (a note's text, a query's parameters), since it may be sent on.
"""
from __future__ import annotations

import os
import sqlite3
import traceback
from datetime import datetime
from pathlib import Path

from relmeet.domain.errors import RelmeetError
from relmeet.paths import state_dir


def describe(error: BaseException) -> str | None:
    """A true, plain line for the failures an organizer can act on; None for an unexpected one."""
    if isinstance(error, RelmeetError):
        return str(error)
    if isinstance(error, sqlite3.OperationalError):
        text = str(error).lower()
        if "locked" in text or "busy" in text:
            return "The book is busy: another copy of relmeet (or another program) is writing to it. Try again."
        if "full" in text:
            return "The disk is full: free some space, then try again."
        if "readonly" in text or "read-only" in text:
            return "The book is read-only: relmeet can't write to it."
        if "disk i/o" in text:
            return "The disk failed to read or write the book (an I/O error). Check the disk, then try again."
    if isinstance(error, sqlite3.DatabaseError) and "malformed" in str(error):
        return "The book is damaged: `relmeet restore` puts back the latest backup."
    if isinstance(error, OSError) and error.strerror:
        where = f" ({Path(error.filename).name})" if error.filename else ""
        return f"A file could not be used{where}: {error.strerror}."
    return None


def write_report(error: BaseException) -> Path:
    """Write an owner-only report of an unexpected error and return its path."""
    folder = state_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    moment = datetime.now()
    path = folder / f"crash-{moment:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    lines = [f"relmeet crash report, {moment:%Y-%m-%d %H:%M:%S}", f"error: {type(error).__module__}.{type(error).__qualname__}",
             "where (most recent call last):"]
    for frame in traceback.extract_tb(error.__traceback__):
        lines.append(f"  {_short(frame.filename)}:{frame.lineno} in {frame.name}")
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def _short(filename: str) -> str:
    """The path from the package on (site-packages/textual/..., relmeet/...), no home folder."""
    parts = Path(filename).parts
    for anchor in ("relmeet", "textual", "rich", "sqlalchemy", "sqlmodel"):
        if anchor in parts:
            return "/".join(parts[len(parts) - 1 - parts[::-1].index(anchor):])
    return Path(filename).name


def shown_path(path: Path) -> str:
    """A path as the organizer reads it: ~ for their home folder."""
    home = Path.home()
    try:
        return "~/" + str(path.relative_to(home))
    except ValueError:
        return str(path)

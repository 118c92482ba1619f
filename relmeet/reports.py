"""What the organizer reads when something fails, and the report left for whoever mends relmeet.

A report names where the failure happened (files, lines, functions) and what kind of error it was; it
never holds what the error carried (a note's text, a query's parameters), since it may be sent on.
"""
from __future__ import annotations

import os
import re
import sqlite3
import traceback
from datetime import datetime
from pathlib import Path

from relmeet.domain.errors import RelmeetError
from relmeet.paths import state_dir


DAMAGED = "The book is damaged: `relmeet restore` puts back the latest backup."


def _driver(kind: str) -> tuple[type[BaseException], ...]:
    """sqlite3's error class of that kind, and SQLCipher's once a locked book loaded it."""
    import sys

    return tuple(getattr(module, kind) for module in (sqlite3, sys.modules.get("sqlcipher3")) if module)


def describe(error: BaseException) -> str | None:
    """A true, plain line for the failures an organizer can act on; None for an unexpected one."""
    if isinstance(error, RelmeetError):
        return str(error)
    original = getattr(error, "orig", None)  # SQLAlchemy wraps the driver's error; the driver's says what
    if isinstance(original, _driver("Error")):
        error = original
    if isinstance(error, _driver("OperationalError")):
        text = str(error).lower()
        if "locked" in text or "busy" in text:
            return "The book is busy: another copy of relmeet (or another program) is writing to it. Try again."
        if "full" in text:
            return "The disk is full: free some space, then try again."
        if "readonly" in text or "read-only" in text:
            return "The book is read-only: relmeet can't write to it."
        if "disk i/o" in text:
            return "The disk failed to read or write the book (an I/O error). Check the disk, then try again."
    if isinstance(error, _driver("DatabaseError")) and (
            (error.sqlite_errorname or "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
            or any(sign in str(error).lower() for sign in ("malformed", "not a database", "corrupt"))):
        return DAMAGED  # "vtable constructor failed" is also SQLITE_CORRUPT: a damaged search index
    if isinstance(error, OSError) and error.strerror:
        where = f" ({Path(error.filename).name})" if error.filename else ""
        return f"A file could not be used{where}: {error.strerror}."
    return None


def write_report(error: BaseException) -> Path:
    """Write an owner-only report of an unexpected error and return its path."""
    frames = [(frame.filename, frame.lineno or 0, frame.name) for frame in traceback.extract_tb(error.__traceback__)]
    return _write([f"{type(error).__module__}.{type(error).__qualname__}"], frames)


# A frame's heading in Rich's traceback ("path/to/file.py:12 in name"), once its wrapped lines are joined.
_FRAME = re.compile(r"^(?P<file>\S.*?):(?P<line>\d+)\s*in\s*(?P<name>[\w<>.]+)$")
# The line after a traceback's panel: "ValueError: what it carried", of which only the type is kept.
_ERROR = re.compile(r"^(?P<type>[A-Za-z_][\w.]*)(?::|$)")


def read_exit_text(text: str) -> tuple[str, list[tuple[str, int, str]]]:
    """The error's type and the frames (file, line, function) in what Textual prints when an app ends
    on an unhandled error.

    That text is Rich's traceback with each frame's local variables, and the error's message: a note's
    text, a query's parameters. Only the frames' places and the error's type are read from it.
    """
    frames: list[tuple[str, int, str]] = []
    errors: list[str] = []
    heading: list[str] = []
    in_panel = False
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("╭") and "Traceback" in line:
            in_panel, heading = True, []
            continue
        if line.startswith("╰"):
            in_panel = False
            continue
        if not in_panel:
            found = _ERROR.match(line)
            if found and found["type"][:1].isupper() and found["type"] != "NOTE":  # Textual's "NOTE: 1 of 2 errors"
                errors.append(found["type"])
            continue
        inner = line[2:-2].rstrip() if line.startswith("│ ") and line.endswith("│") else ""
        if inner and not inner[0].isspace() and inner[0] not in "│╭╰❱":
            heading.append(inner)  # a frame's heading, wrapped over one line or more
            continue
        if heading:
            found = _FRAME.match("".join(heading))
            if found:
                frames.append((found["file"], int(found["line"]), found["name"]))
            heading = []
    return (errors[-1] if errors else "an error without a traceback"), frames


def write_frames_report(kind: str, frames: list[tuple[str, int, str]]) -> Path:
    """Write an owner-only report of an error's type and frames (see read_exit_text) and return its path."""
    return _write([kind], frames)


def _write(error: list[str], frames: list[tuple[str, int, str]]) -> Path:
    folder = state_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    moment = datetime.now()
    path = folder / f"crash-{moment:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    lines = [f"relmeet crash report, {moment:%Y-%m-%d %H:%M:%S}", f"error: {', '.join(error)}",
             "where (most recent call last):"]
    lines += [f"  {_short(filename)}:{lineno} in {name}" for filename, lineno, name in frames]
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

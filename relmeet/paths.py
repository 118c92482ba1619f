"""Where the book lives.

Kept free of heavy imports: every command, including the fast shell lookups, starts here.
"""
from __future__ import annotations

import os
from pathlib import Path

from relmeet.domain.errors import RelmeetError

ENV_VAR = "RELMEET_DB"
BOOK_NAME = "book.sqlite3"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("relmeet", appauthor=False)


def state_dir() -> Path:
    """Where relmeet keeps what isn't the book: crash reports and recovered text."""
    from platformdirs import user_state_path

    return user_state_path("relmeet", appauthor=False)


def default_book() -> Path:
    return data_dir() / BOOK_NAME


def resolve_book(cli_path: str | os.PathLike | None = None) -> Path:
    """--db wins over RELMEET_DB, which wins over the per-user data folder."""
    if cli_path:
        return Path(cli_path).expanduser()
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return default_book()


def write_private(path: Path, text: str, *, bom: bool = False) -> None:
    """Write text to path as a 0600 file, atomically: a temp file beside it, then a rename."""
    path = path.expanduser()
    temp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise RelmeetError(f"cannot write {path}: {exc.strerror or exc}") from None

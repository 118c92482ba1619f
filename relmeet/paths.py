"""Where the book lives.

Kept free of heavy imports: every command, including the fast shell lookups, starts here.
"""
from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "RELMEET_DB"
BOOK_NAME = "book.sqlite3"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("relmeet", appauthor=False)


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

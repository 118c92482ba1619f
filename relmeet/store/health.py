"""Checks on the book file itself."""
from __future__ import annotations

from relmeet.store.book import Book


def integrity(book: Book) -> list[str]:
    """SQLite's own check; an empty list means the book is whole.

    PRAGMA integrity_check reports damage as rows instead of raising, so compare with 'ok'.
    """
    rows = [r[0] for r in book.rows("PRAGMA integrity_check")]
    problems = [r for r in rows if r != "ok"]
    problems += [f"broken link in {r[0]}" for r in book.rows("PRAGMA foreign_key_check")]
    return problems

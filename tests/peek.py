"""Looking into a book's file from a test, as another program would: plain sqlite3 on the file.

relmeet itself reaches the book only through the store's named functions; a test checks what is in
the file afterwards, and sometimes sets up a state no screen makes (a damaged row, a fixed date).
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def connect(book) -> sqlite3.Connection:
    """A connection to the book's file (a Book or a path)."""
    path = Path(getattr(book, "path", book))
    conn = sqlite3.connect(path, isolation_level=None, timeout=10)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def rows(book, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
    with _closing(connect(book)) as conn:
        return conn.execute(sql, params).fetchall()


def row(book, sql: str, params: tuple | dict = ()) -> sqlite3.Row | None:
    with _closing(connect(book)) as conn:
        return conn.execute(sql, params).fetchone()


def value(book, sql: str, params: tuple | dict = ()):
    found = row(book, sql, params)
    return found[0] if found else None


def plan(book, sql: str) -> str:
    """SQLite's plan for a query on the book, its steps joined by " | " (which index answers it)."""
    return " | ".join(r[3] for r in rows(book, "EXPLAIN QUERY PLAN " + sql))


@contextmanager
def write(book) -> Iterator[sqlite3.Connection]:
    """One write transaction on the file, committed at the end of the block."""
    with _closing(connect(book)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


@contextmanager
def _closing(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    try:
        yield conn
    finally:
        conn.close()

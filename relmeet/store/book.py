"""The open book: one reader connection per thread, and one SQLModel engine for writes.

Its SQL helpers (`_rows`, `_row`, `_value`, `_write`, `_session`) are for the store's modules only: the
store is the one door to the book, and everything above it calls the store's named functions.
"""
from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from relmeet import db, keys, recovery
from relmeet.domain.errors import BookError
from relmeet.store.clean_writes import CleanWrites, clean_engine_writes

if TYPE_CHECKING:
    from sqlmodel import Session


class Book:
    def __init__(self, path: Path | str, *, create: bool = True):
        self.path = Path(path)
        # Opening checks, creates and upgrades the file; a refused file raises BookError here.
        first = db.connect(self.path, create=create)
        # what the app keeps of text the book refused (relmeet/recovery.py) is locked with a locked book
        recovery.lock_with(self.path, *keys.seal_record(self.path))
        self._local = threading.local()
        self._local.conn = first
        self._all: list[sqlite3.Connection] = [first]
        self._lock = threading.Lock()
        self._made_engine = None

    @classmethod
    def open_locked(cls, path: Path | str, passphrase: str) -> "Book":
        """Open a locked book with its passphrase; BookError (the file untouched) when it is wrong."""
        keys.use_passphrase(Path(path), passphrase)
        return cls(path, create=False)

    @staticmethod
    def looks_locked(path: Path | str) -> bool:
        """Whether the file at path is a locked book (read before relmeet holds it)."""
        return keys.looks_locked(Path(path))

    @property
    def locked(self) -> bool:
        """Whether this book is locked (encrypted at rest with a passphrase)."""
        return keys.is_locked(self.path)

    def passphrase_matches(self, passphrase: str) -> bool:
        """Whether passphrase is this locked book's (it takes a quarter of a second: run it in a thread)."""
        return keys.passphrase_matches(self.path, passphrase)

    # -- reads ---------------------------------------------------------------------------
    def retire(self) -> None:
        """Close the book for good, before its file is rewritten (locked): any use from here on is refused
        with a BookError instead of opening the file again."""
        self._retired = True
        self.close()

    @property
    def _conn(self) -> sqlite3.Connection:
        """This thread's read connection (sqlite3 connections must not be shared across threads)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if getattr(self, "_retired", False):
                raise BookError("the book is being locked: try again in a moment")
            conn = db.open_again(self.path)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def _rows(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        return self._conn.execute(sql, params).fetchall()

    def _row(self, sql: str, params: tuple | dict = ()) -> sqlite3.Row | None:
        return self._conn.execute(sql, params).fetchone()

    def _value(self, sql: str, params: tuple | dict = ()):
        found = self._conn.execute(sql, params).fetchone()
        return found[0] if found else None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A plain-SQL write transaction (BEGIN IMMEDIATE) for bulk work such as imports."""
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield CleanWrites(conn)  # text parameters lose their control characters
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- writes --------------------------------------------------------------------------
    @property
    def _engine(self):
        if getattr(self, "_retired", False):
            raise BookError("the book is being locked: try again in a moment")
        if self._made_engine is None:
            self._made_engine = _make_engine(self.path)
        return self._made_engine

    @contextmanager
    def _session(self) -> Iterator["Session"]:
        """One short write session: committed on success, rolled back on any error."""
        from sqlmodel import Session

        with Session(self._engine, expire_on_commit=False) as session:
            with session.begin():
                yield session

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                try:
                    conn.close()
                except keys.errors():
                    pass  # closing is all that is left to do; a connection that fails to close holds nothing
            self._all.clear()
        self._local = threading.local()
        if self._made_engine is not None:
            self._made_engine.dispose()
            self._made_engine = None

    def __enter__(self) -> "Book":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _make_engine(path: Path):
    """SQLAlchemy engine whose transactions start with BEGIN IMMEDIATE.

    pysqlite's default deferred transactions lost half the updates when two processes wrote
    the same book (measured: 300 of 600 updates from two processes); taking the write lock up front makes the second writer
    wait for the busy timeout instead.
    """
    from sqlalchemy import create_engine, event

    # creator: a locked book's connections are SQLCipher's, keyed (keys.raw_connect); a plain one's sqlite3's.
    engine = create_engine(f"sqlite:///{path}",
                           creator=lambda: keys.raw_connect(path, check_same_thread=False))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        db.configure(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    clean_engine_writes(engine)

    return engine

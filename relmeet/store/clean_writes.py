"""Every text written to the book passes `clean_text` here, whichever store function writes it.

The store's two write paths (`Book._write` for plain SQL, `Book._session` for SQLModel) hand their
parameters through `clean_params`, so a form, a capture, a paste, an import or a JSON load can't put a
control character (an ESC sequence that retitles the terminal, a NUL, a BEL) into the book.
"""
from __future__ import annotations

import sqlite3
from typing import Any, Iterable

from relmeet.domain.text import clean_text


def clean_params(params: Any) -> Any:
    """The same parameters (a tuple, list or dict) with each text value cleaned."""
    if isinstance(params, dict):
        return {key: clean_text(value) if isinstance(value, str) else value for key, value in params.items()}
    if isinstance(params, (tuple, list)):
        texts = "".join([value for value in params if type(value) is str])
        if clean_text(texts) == texts:  # nothing to clean in any of them: one look instead of one per value
            return params
        return type(params)(clean_text(value) if isinstance(value, str) else value for value in params)
    return params


class CleanWrites:
    """The write transaction's connection as the store modules use it, with its text parameters cleaned."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, clean_params(params))

    def executemany(self, sql: str, seq_of_params: Iterable[Any]) -> sqlite3.Cursor:
        return self._conn.executemany(sql, (clean_params(params) for params in seq_of_params))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def clean_engine_writes(engine) -> None:
    """Clean the parameters of every statement an SQLAlchemy engine sends (SQLModel's inserts and updates)."""
    from sqlalchemy import event

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _clean(_conn, _cursor, statement, parameters, _context, executemany):
        if executemany:
            return statement, [clean_params(one) for one in parameters]
        return statement, clean_params(parameters)

"""The whole book as JSON, and back: every table and column, ids kept.

`dump` followed by `load_into` an empty book gives the same book (tests/test_export.py proves it).
Private notes and captures stay out unless asked for: a private note is blanked, a private
interest, ask, offer or commitment is left out whole.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from relmeet import domain
from relmeet.domain.errors import RelmeetError
from relmeet.schema import LATEST

FORMAT = "relmeet-book"
FORMAT_VERSION = 1

# Parents before children, so a plain load in this order satisfies every foreign key except
# contact.organization_id (a contact pointing at a later contact), which is deferred on load.
TABLES = ["campaign", "contact", "contact_tag", "campaign_contact", "meeting", "interest",
          "exchange", "commitment", "referral", "win", "setting"]
# Not the book's content: the merge log is this machine's undo history (and holds snapshots of
# removed contacts, private notes included); search indexes are rebuilt from the rows by triggers.
NOT_EXPORTED = {"merge_log"}

# table -> (flag column, text column blanked) for notes that stay in the row when private
_PRIVATE_NOTES = {"contact": ("notes_private", "notes"), "meeting": ("notes_private", "notes")}
# tables whose private rows are left out whole
_PRIVATE_ROWS = {"interest", "exchange", "commitment"}


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _order(conn: sqlite3.Connection, table: str) -> str:
    keys = [row[1] for row in sorted(conn.execute(f"PRAGMA table_info({table})"), key=lambda r: r[5]) if row[5]]
    return ", ".join(keys) if keys else "rowid"


def dump(book, include_private: bool = False) -> dict[str, Any]:
    """Everything in the book as plain JSON-ready data, rows in primary-key order."""
    conn = book.conn
    tables: dict[str, list[dict[str, Any]]] = {}
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")  # one consistent read even while the app writes
    try:
        for table in TABLES:
            names = columns(conn, table)
            rows = conn.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY {_order(conn, table)}").fetchall()
            out = []
            for row in rows:
                item = dict(zip(names, tuple(row)))
                if not include_private:
                    if table in _PRIVATE_ROWS and item.get("private"):
                        continue
                    flag, text = _PRIVATE_NOTES.get(table, (None, None))
                    if flag and item.get(flag):
                        item[text] = ""
                out.append(item)
            tables[table] = out
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        if own:
            conn.execute("COMMIT")
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": version,
        "exported_at": domain.to_iso(domain.utcnow()),
        "include_private": include_private,
        "tables": tables,
    }


def dumps(book, include_private: bool = False) -> str:
    """The export as text: one row per line, so it diffs and greps well, and written with
    json's fast C encoder (an indented json.dumps falls back to pure Python: 4x slower)."""
    data = dump(book, include_private)
    tables = data.pop("tables")
    head = json.dumps(data, ensure_ascii=False)[:-1]  # without its closing brace
    parts = [head, ', "tables": {']
    for number, (table, rows) in enumerate(tables.items()):
        parts.append(("\n" if number == 0 else ",\n") + json.dumps(table) + ": [")
        parts.append(",".join("\n  " + json.dumps(row, ensure_ascii=False) for row in rows))
        parts.append("\n]" if rows else "]")
    parts.append("\n}}\n")
    return "".join(parts)


def is_book_json(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


def read(path: Path | str) -> dict[str, Any]:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise RelmeetError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RelmeetError(f"{path} is not valid JSON ({exc})") from None
    return data


def load_into(book, path_or_dict: Path | str | dict[str, Any]) -> dict[str, int]:
    """Fill an EMPTY book from a relmeet-book JSON export, all in one transaction.

    Returns the number of rows written per table. Refuses a book that already holds anything
    (ids are kept, so they would collide; use `relmeet import` of vCard/CSV to add to a book),
    a file from a newer relmeet, and any row the schema would not accept, naming it.
    """
    data = path_or_dict if isinstance(path_or_dict, dict) else read(path_or_dict)
    where = "the JSON" if isinstance(path_or_dict, dict) else str(path_or_dict)
    if not is_book_json(data):
        raise RelmeetError(f"{where} is not a relmeet book export (no \"format\": \"{FORMAT}\")")
    if not isinstance(data.get("format_version"), int) or data["format_version"] > FORMAT_VERSION:
        raise RelmeetError(f"{where} was written by a newer relmeet (export format {data.get('format_version')!r}; "
                           f"this relmeet reads up to {FORMAT_VERSION}): upgrade relmeet to load it")
    schema_version = data.get("schema_version")
    if not isinstance(schema_version, int) or schema_version > LATEST:
        raise RelmeetError(f"{where} comes from a newer relmeet (book version {schema_version!r}; "
                           f"this relmeet reads up to {LATEST}): upgrade relmeet to load it")
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise RelmeetError(f"{where} has no \"tables\" object")
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise RelmeetError(f"{where} has tables this relmeet doesn't know: {', '.join(unknown)}")

    counts: dict[str, int] = {}
    with book.write() as conn:
        held = [t for t in TABLES if conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()]
        if held:
            raise RelmeetError(
                f"the book {book.path} is not empty (it has rows in {', '.join(held)}): a JSON export "
                "keeps its ids, so it can only be loaded into an empty book (use --db NEWFILE)")
        conn.execute("PRAGMA defer_foreign_keys = ON")
        for table in TABLES:
            rows = tables.get(table, [])
            if not isinstance(rows, list):
                raise RelmeetError(f"{where}: \"{table}\" is not a list of rows")
            known = columns(conn, table)
            for number, row in enumerate(rows, start=1):
                _insert(conn, table, known, row, f"{where}: {table} row {number}")
            counts[table] = len(rows)
        # Check before COMMIT: a failing COMMIT would leave the transaction open.
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken:
            raise RelmeetError(f"{where}: {broken[0]} row {broken[1]} points at a missing {broken[2]}; nothing was loaded")
    return counts


def _insert(conn: sqlite3.Connection, table: str, known: list[str], row: Any, label: str) -> None:
    if not isinstance(row, dict):
        raise RelmeetError(f"{label} is not an object; nothing was loaded")
    extra = sorted(set(row) - set(known))
    if extra:
        raise RelmeetError(f"{label} has columns this relmeet doesn't know ({', '.join(extra)}); nothing was loaded")
    names = list(row)
    for name in names:
        # the book holds only text, whole numbers and nulls (no REAL column anywhere in the schema)
        if not (row[name] is None or isinstance(row[name], (str, int))) or isinstance(row[name], bool):
            raise RelmeetError(f"{label}: {name} is not a text, whole number or null; nothing was loaded")
    try:
        conn.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                     [row[n] for n in names])
    except (sqlite3.Error, OverflowError, UnicodeEncodeError) as exc:
        # JSON can carry what SQLite can't: integers past 64 bits, lone surrogates ("\ud800")
        raise RelmeetError(f"{label} was refused by the book ({exc}); nothing was loaded") from None

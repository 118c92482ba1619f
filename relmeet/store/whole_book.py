"""The whole book, table by table: read out for the JSON export, written back into an empty book.

Private notes and captures stay out unless asked for: a private note is blanked, a private interest,
ask, offer or commitment is left out whole, and a meeting that has any of them loses its summary (text
the organizer may have written from them; store/exports.py has the same rule).
"""
from __future__ import annotations

import sqlite3
from typing import Any

from relmeet import keys
from relmeet.domain.errors import RelmeetError
from relmeet.domain.progress import CHECKING_LINKS, READING_BOOK, WRITING, Progress, quiet
from relmeet.schema import LATEST  # noqa: F401 - the newest book version a JSON export may come from

# Parents before children, so a plain load in this order satisfies every foreign key except
# contact.organization_id (a contact pointing at a later contact), which is deferred on load.
TABLES = ["campaign", "contact", "contact_tag", "contact_email", "contact_phone", "campaign_contact", "meeting",
          "meeting_participant", "standing_change", "interest", "exchange", "commitment", "commitment_note",
          "referral", "win", "setting"]
# rows the book's triggers write as the rows above go in (schema 8: a meeting's own contact as participant,
# the first entries of each story); a file that holds these tables brings its own, so those go first
_MADE_BY_TRIGGERS = {"meeting_participant", "standing_change"}
# Not the book's content: the merge log is this machine's undo history (and holds snapshots of
# removed contacts, private notes included); search indexes are rebuilt from the rows by triggers.
NOT_EXPORTED = {"merge_log", "commitment_change"}  # commitment_change: the undo history of marks

# table -> (flag column, text column blanked) for notes that stay in the row when private
_PRIVATE_NOTES = {"contact": ("notes_private", "notes"), "meeting": ("notes_private", "notes")}
# tables whose private rows are left out whole
_PRIVATE_ROWS = {"interest", "exchange", "commitment"}


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _order(conn: sqlite3.Connection, table: str) -> str:
    keys = [row[1] for row in sorted(conn.execute(f"PRAGMA table_info({table})"), key=lambda r: r[5]) if row[5]]
    return ", ".join(keys) if keys else "rowid"


READ_ROWS = 5000  # rows fetched at a time, and progress told between


def read_tables(book, include_private: bool = False,
                progress: Progress = quiet) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    """(schema version, every table's rows as dicts in primary-key order), read in one transaction.
    progress is told the share of the book's rows read (the 1 GB benchmark book: ~1.9 million rows)."""
    conn = book._conn
    tables: dict[str, list[dict[str, Any]]] = {}
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")  # one consistent read even while the app writes
    try:
        # meetings whose summary may retell something private
        guarded = set() if include_private else {row[0] for row in conn.execute(
            "SELECT id FROM meeting WHERE notes_private UNION SELECT meeting_id FROM interest WHERE private "
            "UNION SELECT meeting_id FROM exchange WHERE private UNION SELECT meeting_id FROM commitment "
            "WHERE private")}
        hidden_commitments = set() if include_private else {
            row[0] for row in conn.execute("SELECT id FROM commitment WHERE private")}
        # a public row may point at a private ask or offer left out: the pointer goes too, so the file
        # names nothing it doesn't hold and loads back
        hidden_exchanges = set() if include_private else {
            row[0] for row in conn.execute("SELECT id FROM exchange WHERE private")}
        pointers = {"exchange": "raised_from_id", "commitment": "exchange_id"}
        total = sum(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES) or 1
        read = 0
        progress(READING_BOOK, 0.0)
        for table in TABLES:
            names = columns(conn, table)
            cursor = conn.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY {_order(conn, table)}")
            out = []
            while rows := cursor.fetchmany(READ_ROWS):
                read += len(rows)
                progress(READING_BOOK, min(1.0, read / total))
                for row in rows:
                    item = dict(zip(names, tuple(row)))
                    if not include_private:
                        if table in _PRIVATE_ROWS and item.get("private"):
                            continue
                        flag, text = _PRIVATE_NOTES.get(table, (None, None))
                        if flag and item.get(flag):
                            item[text] = ""
                        if table == "meeting" and item["id"] in guarded:
                            item["summary"] = ""
                        if table == "commitment_note" and item["commitment_id"] in hidden_commitments:
                            continue  # the progress of a private commitment is as private as it is
                        if item.get(pointers.get(table, "")) in hidden_exchanges:
                            item[pointers[table]] = None
                    out.append(item)
            tables[table] = out
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        if own:
            conn.execute("COMMIT")
    return version, tables


def load(book, tables: dict[str, Any], where: str, progress: Progress = quiet) -> dict[str, int]:
    """Fill an EMPTY book with the rows of every table, all in one transaction; the number of rows per table.

    Refuses a book that already holds anything (ids are kept, so they would collide) and any row the
    schema would not accept, naming it. progress is told the share of rows written, then the check of
    every row's links (how far that is can't be known).
    """
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise RelmeetError(f"{where} has tables this relmeet doesn't know: {', '.join(unknown)}")
    counts: dict[str, int] = {}
    with book._write() as conn:
        held = [t for t in TABLES if conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()]
        if held:
            raise RelmeetError(
                f"the book {book.path} is not empty (it has rows in {', '.join(held)}): a JSON export "
                "keeps its ids, so it can only be loaded into an empty book (use --db NEWFILE)")
        conn.execute("PRAGMA defer_foreign_keys = ON")
        total = sum(len(rows) for rows in tables.values() if isinstance(rows, list)) or 1
        written = 0
        progress(WRITING, 0.0)
        for table in TABLES:
            rows = tables.get(table, [])
            if not isinstance(rows, list):
                raise RelmeetError(f"{where}: \"{table}\" is not a list of rows")
            known = columns(conn, table)
            if table in _MADE_BY_TRIGGERS and table in tables:
                conn.execute(f"DELETE FROM {table}")  # the book was empty: only this load's triggers wrote them
            for number, row in enumerate(rows, start=1):
                _insert(conn, table, known, row, f"{where}: {table} row {number}")
                if number % READ_ROWS == 0:
                    progress(WRITING, (written + number) / total)
            written += len(rows)
            progress(WRITING, written / total)
            counts[table] = len(rows)
        # Check before COMMIT: a failing COMMIT would leave the transaction open.
        progress(CHECKING_LINKS, None)
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken:
            raise RelmeetError(f"{where}: {broken[0]} row {broken[1]} points at a missing {broken[2]}; nothing was loaded")
        progress(CHECKING_LINKS, 1.0)
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
    except (*keys.errors(), OverflowError, UnicodeEncodeError) as exc:
        # JSON can carry what SQLite can't: integers past 64 bits, lone surrogates ("\ud800")
        raise RelmeetError(f"{label} was refused by the book ({exc}); nothing was loaded") from None

"""The whole book as JSON, and back: every table and column, ids kept.

`dump` followed by `load_into` an empty book gives the same book (tests/test_export.py proves it).
Private notes and captures stay out unless asked for (relmeet/store/whole_book.py says how).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from relmeet import domain
from relmeet.domain.errors import RelmeetError
from relmeet.domain.progress import READING, WRITING, Progress, quiet
from relmeet.store import whole_book
from relmeet.store.whole_book import LATEST, NOT_EXPORTED, TABLES  # noqa: F401 - the export's own terms

FORMAT = "relmeet-book"
FORMAT_VERSION = 1


def dump(book, include_private: bool = False, progress: Progress = quiet) -> dict[str, Any]:
    """Everything in the book as plain JSON-ready data, rows in primary-key order."""
    version, tables = whole_book.read_tables(book, include_private, progress)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": version,
        "exported_at": domain.to_iso(domain.utcnow()),
        "include_private": include_private,
        "tables": tables,
    }


def dumps(book, include_private: bool = False, progress: Progress = quiet) -> str:
    """The export as text: one row per line, so it diffs and greps well, and written with
    json's fast C encoder (an indented json.dumps falls back to pure Python: 4x slower). progress is told
    the share of rows read from the book, then of rows written out (the 1 GB benchmark book: ~35 s)."""
    data = dump(book, include_private, progress)
    tables = data.pop("tables")
    head = json.dumps(data, ensure_ascii=False)[:-1]  # without its closing brace
    parts = [head, ', "tables": {']
    total, written = sum(len(rows) for rows in tables.values()) or 1, 0
    progress(WRITING, 0.0)
    for number, (table, rows) in enumerate(tables.items()):
        parts.append(("\n" if number == 0 else ",\n") + json.dumps(table) + ": [")
        for first in range(0, len(rows), whole_book.READ_ROWS):
            part = rows[first:first + whole_book.READ_ROWS]
            lines = ("\n  " + json.dumps(row, ensure_ascii=False) for row in part)
            parts.append(("," if first else "") + ",".join(lines))
            written += len(part)
            progress(WRITING, written / total)
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


def load_into(book, path_or_dict: Path | str | dict[str, Any], progress: Progress = quiet) -> dict[str, int]:
    """Fill an EMPTY book from a relmeet-book JSON export, all in one transaction.

    Returns the number of rows written per table. Refuses a book that already holds anything
    (ids are kept, so they would collide; use `relmeet import` of vCard/CSV to add to a book),
    a file from a newer relmeet, and any row the schema would not accept, naming it.
    """
    if not isinstance(path_or_dict, dict):
        progress(READING, None)  # one json.load: how far it is can't be known
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

    return whole_book.load(book, tables, where, progress)

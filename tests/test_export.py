"""Exports: the lossless JSON round trip, private notes kept out, CSV, vCard and Markdown content."""
from __future__ import annotations

import json
import stat

import pytest

from relmeet.cli import main
from relmeet.errors import RelmeetError
from relmeet.exporting import json_book
from relmeet.store import Book


def _mark_private(book):
    """Give the demo book private items of every kind: the demo itself has none."""
    with book.write() as conn:
        conn.execute("UPDATE contact SET notes = 'Owes back rent, keep quiet', notes_private = 1 WHERE id = "
                     "(SELECT min(id) FROM contact)")
        conn.execute("UPDATE meeting SET notes = 'Cried about her son', notes_private = 1 WHERE id = "
                     "(SELECT min(id) FROM meeting)")
        for table in ("interest", "exchange", "commitment"):
            conn.execute(f"UPDATE {table} SET private = 1 WHERE id = (SELECT min(id) FROM {table})")


def test_json_round_trip_is_identical_on_the_demo_book(demo_book, tmp_path):
    _mark_private(demo_book)
    first = json_book.dump(demo_book, include_private=True)
    path = tmp_path / "book.json"
    path.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    with Book(tmp_path / "again.sqlite3") as again:
        counts = json_book.load_into(again, path)
        second = json_book.dump(again, include_private=True)
    assert counts["contact"] == len(first["tables"]["contact"]) == 13
    assert counts["meeting"] == 6 and counts["contact_tag"] == 20
    assert second["tables"] == first["tables"]
    assert second["schema_version"] == first["schema_version"]


def test_json_export_covers_every_table_and_column(demo_book):
    data = json_book.dump(demo_book)
    stored = {r[0] for r in demo_book.rows(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE "
        "'CREATE VIRTUAL%'")}
    # shadow tables of a search index (if the book has one) are derived, not content
    stored = {t for t in stored if not any(t.startswith(v + "_") for v in _virtual(demo_book))}
    assert stored - json_book.NOT_EXPORTED == set(data["tables"])
    for table, rows in data["tables"].items():
        if rows:
            assert list(rows[0]) == json_book.columns(demo_book.conn, table)


def _virtual(book):
    return [r[0] for r in book.rows("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'")]


def test_private_items_are_left_out_unless_asked(demo_book):
    _mark_private(demo_book)
    public = json_book.dump(demo_book)
    full = json_book.dump(demo_book, include_private=True)
    text = json.dumps(public)
    assert "Owes back rent" not in text and "Cried about her son" not in text
    assert "Owes back rent" in json.dumps(full)
    for table in ("interest", "exchange", "commitment"):
        assert len(public["tables"][table]) == len(full["tables"][table]) - 1
        assert all(not row["private"] for row in public["tables"][table])
    # the contact and meeting stay; only their private notes are blanked
    assert len(public["tables"]["contact"]) == len(full["tables"]["contact"])
    assert public["tables"]["contact"][0]["notes"] == ""


def test_load_refuses_a_book_that_is_not_empty(demo_book, book):
    data = json_book.dump(demo_book)
    json_book.load_into(book, data)
    with pytest.raises(RelmeetError, match="not empty"):
        json_book.load_into(book, data)
    assert book.value("SELECT count(*) FROM contact") == 13


def test_load_refuses_newer_or_foreign_files_and_bad_rows(demo_book, book, tmp_path):
    data = json_book.dump(demo_book)
    with pytest.raises(RelmeetError, match="newer relmeet"):
        json_book.load_into(book, {**data, "format_version": 99})
    with pytest.raises(RelmeetError, match="newer relmeet"):
        json_book.load_into(book, {**data, "schema_version": 99})
    with pytest.raises(RelmeetError, match="not a relmeet book export"):
        json_book.load_into(book, {"contacts": []})
    broken = json.loads(json.dumps(data))
    broken["tables"]["meeting"][2]["status"] = "teleported"
    with pytest.raises(RelmeetError, match="meeting row 3 was refused"):
        json_book.load_into(book, broken)
    dangling = json.loads(json.dumps(data))
    dangling["tables"]["interest"][0]["contact_id"] = 999
    with pytest.raises(RelmeetError, match="missing"):
        json_book.load_into(book, dangling)
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(RelmeetError, match="not valid JSON"):
        json_book.load_into(book, tmp_path / "bad.json")
    # every refusal left the book empty
    assert all(book.value(f"SELECT count(*) FROM {t}") == 0 for t in json_book.TABLES)

"""Exports: the lossless JSON round trip, private notes kept out, CSV, vCard and Markdown content."""
from __future__ import annotations

import json
import stat

import pytest

from relmeet.cli import main
from relmeet.domain.errors import RelmeetError
from relmeet.exporting import json_book
from relmeet.store import Book
from steps import notices


def _mark_private(book):
    """Give the demo book private items of every kind: the demo itself has none."""
    with peek.write(book) as conn:
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
    assert counts == {table: len(rows) for table, rows in first["tables"].items()}
    assert counts["contact"] == peek.value(demo_book, "SELECT count(*) FROM contact") > 10
    assert counts["meeting"] == peek.value(demo_book, "SELECT count(*) FROM meeting") > 3
    assert second["tables"] == first["tables"]
    assert second["schema_version"] == first["schema_version"]


def test_json_export_covers_every_table_and_column(demo_book):
    data = json_book.dump(demo_book)
    stored = {r[0] for r in peek.rows(demo_book, 
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE "
        "'CREATE VIRTUAL%'")}
    # shadow tables of a search index (if the book has one) are derived, not content
    stored = {t for t in stored if not any(t.startswith(v + "_") for v in _virtual(demo_book))}
    assert stored - json_book.NOT_EXPORTED == set(data["tables"])
    for table, rows in data["tables"].items():
        if rows:
            assert list(rows[0]) == [c[1] for c in peek.rows(demo_book, f"PRAGMA table_info({table})")]


def _virtual(book):
    return [r[0] for r in peek.rows(book, "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'")]


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
    assert peek.value(book, "SELECT count(*) FROM contact") == len(data["tables"]["contact"])


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
    for odd in (2 ** 70, "\ud800", 1.5, True):  # JSON can carry these; the book can't take them here
        wrong = json.loads(json.dumps(data))
        wrong["tables"]["contact"][0]["influence" if odd != "\ud800" else "name"] = odd
        with pytest.raises(RelmeetError, match="contact row 1"):
            json_book.load_into(book, wrong)
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(RelmeetError, match="not valid JSON"):
        json_book.load_into(book, tmp_path / "bad.json")
    # every refusal left the book empty
    assert all(peek.value(book, f"SELECT count(*) FROM {t}") == 0 for t in json_book.TABLES)


# -- CSV ----------------------------------------------------------------------------------------

import csv  # noqa: E402
import io  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from relmeet.exporting import csv_out, markdown_out, vcard_out  # noqa: E402
import peek


def _csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_contacts_csv(demo_book):
    _mark_private(demo_book)
    with peek.write(demo_book) as conn:
        conn.execute("INSERT INTO contact (name, phone, notes, created_at, updated_at) VALUES "
                     "('=HYPERLINK(\"http://x\")', '+1 555 0100', '-1 is fine; @home is not', 'x', 'x')")
    rows = _csv(csv_out.contacts_csv(demo_book))
    assert len(rows) == peek.value(demo_book, "SELECT count(*) FROM contact") and list(rows[0]) == csv_out.CONTACT_COLUMNS
    rosa = next(r for r in rows if r["name"] == "Rosa Nguyễn")
    assert rosa["organization"] == "Eastside Tenants Union" and rosa["tags"] == "housing; tenant"
    assert rosa["stance"] == "ally" and rosa["email"] == "rosa.nguyen@example.org"
    assert "Owes back rent" not in csv_out.contacts_csv(demo_book)
    assert "Owes back rent" in csv_out.contacts_csv(demo_book, include_private=True)
    odd = next(r for r in rows if "HYPERLINK" in r["name"])
    assert odd["name"].startswith("'=") and odd["phone"] == "+1 555 0100" and odd["notes"].startswith("-1")


def test_meetings_csv(demo_book):
    _mark_private(demo_book)
    rows = _csv(csv_out.meetings_csv(demo_book))
    assert len(rows) == peek.value(demo_book, "SELECT count(*) FROM meeting") and list(rows[0]) == csv_out.MEETING_COLUMNS
    assert {r["contact"] for r in rows} >= {"Rosa Nguyễn", "José Martínez"}
    assert "Cried about her son" not in csv_out.meetings_csv(demo_book)
    assert "Cried about her son" in csv_out.meetings_csv(demo_book, include_private=True)


def test_a_meeting_with_anything_private_is_exported_without_its_summary(demo_book):
    _mark_private(demo_book)  # the first meeting's notes are private now
    first = peek.row(demo_book, "SELECT id, summary FROM meeting ORDER BY id")
    kept = peek.row(demo_book, "SELECT id, summary FROM meeting m WHERE summary <> '' AND NOT notes_private AND NOT "
                    "EXISTS (SELECT 1 FROM interest WHERE meeting_id = m.id AND private) AND NOT EXISTS (SELECT 1 "
                    "FROM exchange WHERE meeting_id = m.id AND private) AND NOT EXISTS (SELECT 1 FROM commitment "
                    "WHERE meeting_id = m.id AND private) ORDER BY id")
    assert first["summary"] and kept["summary"]
    rows = {int(r["id"]): r for r in _csv(csv_out.meetings_csv(demo_book))}
    assert rows[first["id"]]["summary"] == "" and rows[kept["id"]]["summary"] == kept["summary"]
    full = {int(r["id"]): r for r in _csv(csv_out.meetings_csv(demo_book, include_private=True))}
    assert full[first["id"]]["summary"] == first["summary"]
    assert first["summary"].split(";")[0] not in markdown_out.meeting_summary(demo_book, first["id"])
    assert first["summary"].split(";")[0] in markdown_out.meeting_summary(demo_book, first["id"], include_private=True)


# -- vCard --------------------------------------------------------------------------------------

def _unfold(text):
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF
    return text.replace("\r\n ", "").split("\r\n")


def _unescape(value):
    out, i = "", 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out += "\n" if value[i + 1] in "nN" else value[i + 1]
            i += 2
        else:
            out += value[i]
            i += 1
    return out


def _cards(text):
    """A minimal vCard reader: enough to check what we wrote, field by field."""
    cards, current = [], None
    for line in _unfold(text):
        if line == "BEGIN:VCARD":
            current = {}
        elif line == "END:VCARD":
            cards.append(current)
        elif line:
            name, _, value = line.partition(":")
            current[name] = value
    return cards


def test_vcard_fields_escaping_and_folding(demo_book):
    note = "Line one; with, punctuation\\ and a backslash\nLine two: " + "Nguyễn Đà Nẵng " * 12
    with peek.write(demo_book) as conn:
        conn.execute("UPDATE contact SET notes = ?, role = 'Captain, Building B' WHERE name = 'Rosa Nguyễn'", (note,))
        conn.execute("UPDATE contact SET notes = 'secret', notes_private = 1 WHERE name = 'José Martínez'")
    text = vcard_out.contacts_vcard(demo_book)
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    cards = _cards(text)
    assert len(cards) == peek.value(demo_book, "SELECT count(*) FROM contact WHERE archived_at IS NULL") and all(c["VERSION"] == "4.0" for c in cards)
    rosa = next(c for c in cards if c["FN"] == "Rosa Nguyễn")
    assert rosa["KIND"] == "individual" and rosa["N"] == "Nguyễn;Rosa;;;"
    assert _unescape(rosa["ORG"]) == "Eastside Tenants Union" and _unescape(rosa["TITLE"]) == "Captain, Building B"
    assert rosa["TEL"] == "555-0142" and rosa["EMAIL"] == "rosa.nguyen@example.org"
    assert rosa["CATEGORIES"] == "housing,tenant"
    assert _unescape(rosa["NOTE"]) == note
    assert "NOTE" not in next(c for c in cards if c["FN"] == "José Martínez")
    church = next(c for c in cards if c["FN"] == "Grace AME Church")
    assert church["KIND"] == "org" and church["ORG"] == "Grace AME Church" and "N" not in church
    denise = next(c for c in cards if c["FN"] == "Pastor Denise Okafor")
    assert denise["N"] == "Okafor;Denise;;Pastor;"


def test_fold_never_splits_a_character():
    line = "NOTE:" + "ễ" * 60
    folded = vcard_out.fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


# -- Markdown -----------------------------------------------------------------------------------

def test_markdown_meeting_summary_and_contact_history(demo_book):
    _mark_private(demo_book)
    first = peek.row(demo_book, "SELECT m.id, c.name FROM meeting m JOIN contact c ON c.id = m.contact_id ORDER BY m.id")
    summary = markdown_out.meeting_summary(demo_book, first["id"])
    assert summary.startswith(f"# Meeting with {first['name']}")
    assert "Cried about her son" not in summary
    assert "Cried about her son" in markdown_out.meeting_summary(demo_book, first["id"], include_private=True)
    history = markdown_out.contact_history(demo_book, 6)
    assert history.startswith("# Rosa Nguyễn\n")
    for heading in ("## Interests", "## Asks and offers", "## Commitments", "## Referrals", "## Meetings"):
        assert heading in history
    assert "Suggested Hieu Tran" in history and "Building B captain at Eastside Tenants Union" in history


def test_markdown_keeps_book_text_inert(demo_book):
    with peek.write(demo_book) as conn:
        conn.execute("UPDATE contact SET name = '# Not *a* heading', notes = '- not a list\n<b>x</b>' WHERE id = 6")
    history = markdown_out.contact_history(demo_book, 6)
    assert history.startswith("# \\# Not \\*a\\* heading\n")
    assert "\\- not a list" in history and "<b>" not in history


# -- the shell command --------------------------------------------------------------------------

def test_export_command_writes_private_files_and_stdout(demo_book, tmp_path, capsys):
    db = ["--db", str(demo_book.path)]
    out = tmp_path / "out" 
    out.mkdir()
    assert main([*db, "export", "-o", str(out / "book.json")]) == 0
    assert stat.S_IMODE((out / "book.json").stat().st_mode) == 0o600
    assert [p.name for p in out.iterdir()] == ["book.json"]  # no temp file left behind
    with Book(tmp_path / "fresh.sqlite3") as fresh:
        assert json_book.load_into(fresh, out / "book.json")["contact"] == peek.value(demo_book, "SELECT count(*) FROM contact")
    capsys.readouterr()
    assert main([*db, "export", "-f", "csv", "--of", "meetings"]) == 0
    assert len(_csv(capsys.readouterr().out)) == peek.value(demo_book, "SELECT count(*) FROM meeting")
    assert main([*db, "export", "-f", "csv", "-o", str(out / "c.csv")]) == 0
    assert (out / "c.csv").read_bytes().startswith(b"id,kind,name")  # no BOM unless --excel asks for one
    assert main([*db, "export", "-f", "markdown", "--contact", "rosa nguyễn"]) == 0
    assert capsys.readouterr().out.startswith("# Rosa Nguyễn")
    assert main([*db, "export", "-f", "vcard", "--contact", "Linda"]) == 0
    assert capsys.readouterr().out.count("BEGIN:VCARD") == 1


def test_export_command_errors_are_one_line(demo_book, capsys):
    db = ["--db", str(demo_book.path)]
    assert main([*db, "export", "-f", "markdown"]) == 2
    assert "--contact NAME or --meeting ID" in capsys.readouterr().err
    assert main([*db, "export", "-f", "markdown", "--contact", "Eastside"]) == 2
    assert "more than one contact" in capsys.readouterr().err
    assert main([*db, "export", "-f", "markdown", "--meeting", "999"]) == 2
    assert main([*db, "export", "-o", str(demo_book.path)]) == 2
    assert "overwrite the book" in capsys.readouterr().err
    assert main([*db, "export", "-f", "json", "--contact", "Rosa"]) == 2
    assert "--contact goes with" in capsys.readouterr().err
    assert main([*db, "export", "-f", "csv", "--meeting", "1"]) == 2
    assert main([*db, "export", "-f", "json", "--of", "meetings"]) == 2
    assert capsys.readouterr().out == ""


def test_export_finds_a_contact_typed_without_accents(demo_book, capsys):
    assert main(["--db", str(demo_book.path), "export", "-f", "markdown", "--contact", "nguyen"]) == 0
    assert capsys.readouterr().out.startswith("# Rosa Nguyễn\n")


def test_export_command_imports_neither_textual_nor_sqlmodel(demo_book):
    code = ("import sys; from relmeet.cli import main; "
            f"main(['--db', {str(demo_book.path)!r}, 'export', '-f', 'markdown', '--contact', 'Rosa']); "
            "bad = [m for m in ('textual', 'sqlmodel', 'sqlalchemy') if m in sys.modules]; "
            "sys.exit(f'imported {bad}' if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


async def test_app_exports_the_book_as_json_beside_it(demo_book, tmp_path):
    from relmeet.app import RelmeetApp

    _mark_private(demo_book)
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await app.run_action("export_book")  # what the palette's "book: export" runs
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = list((demo_book.path.parent / "exports").iterdir())
        assert len(written) == 1 and stat.S_IMODE(written[0].stat().st_mode) == 0o600
        assert any(str(written[0]) in n for n in (await notices(pilot)))
    data = json.loads(written[0].read_text(encoding="utf-8"))
    assert "Owes back rent" not in json.dumps(data)
    assert data["tables"]["contact"] == json_book.dump(demo_book)["tables"]["contact"]


async def test_app_exports_the_contact_in_view_as_markdown(demo_book):
    from datetime import datetime

    from relmeet.app import RelmeetApp
    from relmeet.widgets.contact_table import ContactTable

    app = RelmeetApp(demo_book, demo=True)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ContactTable)
        names = [table.get_row_at(i)[1].plain.strip(" ★⚑▣") for i in range(table.row_count)]
        table.move_cursor(row=names.index("Rosa Nguyễn"))
        await app.run_action("export_contact")  # what the palette's "contact: export history" runs
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = list((demo_book.path.parent / "exports").iterdir())
        assert [p.name for p in written] == [f"Rosa-Nguyễn-{datetime.now():%Y-%m-%d}.md"]
        assert any(str(written[0]) in n for n in (await notices(pilot)))
    assert written[0].read_text(encoding="utf-8").startswith("# Rosa Nguyễn\n")
    assert stat.S_IMODE(written[0].stat().st_mode) == 0o600


def test_palette_offers_export_backup_restore_and_merge():
    from relmeet.app import RelmeetApp
    from relmeet.app.palette import PALETTE

    actions = {title: action for title, _help, action in PALETTE}
    for title in ("book: export", "book: back up now", "book: restore", "contact: merge", "contact: undo merge",
                  "contact: export history"):
        assert hasattr(RelmeetApp, f"action_{actions[title]}"), title

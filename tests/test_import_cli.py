"""`relmeet import` from the shell: preview, dry run, one transaction, exit codes."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from relmeet.importers import read_files
from relmeet.store.importing import apply, preview
import peek

CORPUS = Path(__file__).resolve().parent / "corpus"
GOOGLE = CORPUS / "csv" / "google_current_format__FABRICATED_ROWS.csv"  # Google header, rows written for relmeet
ANDROID = CORPUS / "vcards" / "ez-vcard" / "John_Doe_ANDROID.vcf"       # ez-vcard test data, BSD-2-Clause


def _relmeet(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "relmeet", *args], capture_output=True, text=True, timeout=60,
                          env=os.environ.copy())


def test_dry_run_previews_and_writes_nothing(demo_book):
    before = peek.value(demo_book, "SELECT count(*) FROM contact")
    out = _relmeet("--db", str(demo_book.path), "import", "--dry-run", str(GOOGLE))
    assert out.returncode == 0, out.stderr
    assert "Google Contacts (current)" in out.stdout and "New: 3 people" in out.stdout
    assert "Dry run: nothing was written." in out.stdout
    assert peek.value(demo_book, "SELECT count(*) FROM contact") == before


def test_import_then_again_finds_the_look_alikes(book):
    first = _relmeet("--db", str(book.path), "import", str(GOOGLE))
    assert first.returncode == 0 and "Imported: 3 added" in first.stdout
    again = _relmeet("--db", str(book.path), "import", "--on-duplicate", "skip", str(GOOGLE))
    assert "same email" in again.stdout or "same phone" in again.stdout
    assert "0 added" in again.stdout
    assert peek.value(book, "SELECT count(*) FROM contact WHERE kind = 'person'") == 3


def test_partly_bad_file_imports_the_good_cards_and_reports_the_bad(book, tmp_path):
    # the Android file's six cards (two of an e-mail alone, named by it), then two with no name at all
    partly = tmp_path / "partly.vcf"
    partly.write_bytes(ANDROID.read_bytes() + b"BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:1\r\nEND:VCARD\r\n" * 2)
    out = _relmeet("--db", str(book.path), "import", str(partly))
    assert out.returncode == 0
    assert "Could not read: 2" in out.stderr and "card 7" in out.stderr and "no name" in out.stderr
    assert peek.value(book, "SELECT count(*) FROM contact WHERE kind = 'person'") == 6  # and their 2 organizations


def test_unreadable_file_is_one_line_and_exit_2(tmp_path, book):
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(b"\xff\xd8\xff\x00" * 100)
    out = _relmeet("--db", str(book.path), "import", str(junk))
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and out.stderr.startswith("relmeet: ")
    assert _relmeet("--db", str(book.path), "import", str(tmp_path / "missing.vcf")).returncode == 2


def test_a_failure_part_way_leaves_the_book_as_it_was(book):
    found = preview(book, read_files([GOOGLE]))
    # a real constraint in the file: the third contact insert fails inside the transaction
    with peek.write(book) as conn:
        conn.execute("CREATE TRIGGER stop_third AFTER INSERT ON contact WHEN "
                     "(SELECT count(*) FROM contact) >= 3 BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(sqlite3.IntegrityError):
        apply(book, found)
    assert peek.value(book, "SELECT count(*) FROM contact") == 0
    assert peek.value(book, "SELECT count(*) FROM contact_tag") == 0


async def test_import_screen_previews_then_imports(demo_book):
    from relmeet.app import RelmeetApp

    app = RelmeetApp(demo_book)
    before = peek.value(demo_book, "SELECT count(*) FROM contact")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        app.screen.query_one("#paths").value = f'"{GOOGLE}"'
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = str(app.screen.query_one("#import-summary").render())
        assert "New: 3 people" in summary
        assert peek.value(demo_book, "SELECT count(*) FROM contact") == before  # nothing before Ctrl+S
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
    assert peek.value(demo_book, "SELECT count(*) FROM contact WHERE name = 'Thanh Nguyễn'") == 1


def test_look_alikes_by_name_exact_or_close(demo_book, tmp_path):
    cards = tmp_path / "phone.vcf"
    cards.write_text("".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEND:VCARD\r\n" for name in (
        "ROSA NGUYEN", "Jose Martinex", "Pastor Denise Okafro", "Josefina Martin", "Dolores Huerta")),
        encoding="utf-8")
    found = preview(demo_book, read_files([cards]))
    alike = {a.incoming.name: (a.existing_name, a.why) for a in found.look_alikes}
    assert alike == {"ROSA NGUYEN": ("Rosa Nguyễn", "same name"),
                     "Jose Martinex": ("José Martínez", "close name"),
                     "Pastor Denise Okafro": ("Pastor Denise Okafor", "close name")}
    assert sorted(c.name for c in found.new) == ["Dolores Huerta", "Josefina Martin"]

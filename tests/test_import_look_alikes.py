"""Look-alikes within one import, and households: what the preview says and what the book keeps.

A card that resembles another card of the same import is said to be so ('Rosa Díaz, also in this file,
card 1'), never 'already in the book', and the organizer's choice for it is honoured. Two rows without
UIDs that share a landline but not a name are a household, offered as look-alikes and added as two people;
the same for a couple's shared e-mail with different given names; the same name and phone stay one person.
"""
from __future__ import annotations

import os
import subprocess
import sys

from relmeet.importers import read_files
from relmeet.store import Book
from relmeet.store.importing import apply, preview
import peek

# An Outlook CSV export (its header as Outlook writes it), rows written for this test: the Alvarez household
# shares a landline, the Hills an e-mail address; Rosa's second row carries her work e-mail.
OUTLOOK = ('"First Name","Last Name","E-mail Address","Home Phone"\r\n'
           '"Rosa","Alvarez","rosa@example.org","(555) 010-2030"\r\n'
           '"Teresa","Alvarez","teresa@example.org","555-010-2030"\r\n'
           '"Rosa","Alvarez","rosa.alvarez@work.example","+1 555 010 2030"\r\n'
           '"Marcus","Hill","thehills@example.org","555-010-7000"\r\n'
           '"Denise","Hill","thehills@example.org",""\r\n'
           '"M.","Hill","thehills@example.org",""\r\n')


def _relmeet(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "relmeet", *args], capture_output=True, text=True, timeout=60,
                          env=os.environ.copy())


def _card(name: str, *lines: str) -> str:
    return "BEGIN:VCARD\r\nVERSION:3.0\r\n" + f"FN:{name}\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VCARD\r\n"


def test_a_household_in_a_csv_is_offered_and_added_as_two_people(book_path, tmp_path):
    Book(book_path).close()
    path = tmp_path / "outlook.csv"
    path.write_text(OUTLOOK, encoding="utf-8")
    dry = _relmeet("--db", str(book_path), "import", "--dry-run", str(path))
    assert dry.returncode == 0, dry.stderr
    assert ("Teresa Alvarez  ≈  Rosa Alvarez, also in this file, line 2  (same phone, another name) → add as a new "
            "contact") in dry.stdout
    assert ("Rosa Alvarez  ≈  Rosa Alvarez, also in this file, line 2  (same phone) → merge") in dry.stdout
    assert ("Denise Hill  ≈  Marcus Hill, also in this file, line 5  (same email, another given name) → add as a "
            "new contact") in dry.stdout
    assert "M. Hill  ≈  Marcus Hill, also in this file, line 5  (same email) → merge" in dry.stdout
    assert "already in the book" not in dry.stdout
    assert "Look like contacts in the book: 0 · like another card of this import: 4" in dry.stdout
    assert peek.value(book_path, "SELECT count(*) FROM contact") == 0

    out = _relmeet("--db", str(book_path), "import", str(path))
    assert out.returncode == 0, out.stderr
    assert "Imported: 4 added (0 new organizations), 2 merged, 0 skipped." in out.stdout
    people = {r["name"]: r["id"] for r in peek.rows(book_path, "SELECT id, name FROM contact")}
    assert sorted(people) == ["Denise Hill", "Marcus Hill", "Rosa Alvarez", "Teresa Alvarez"]
    emails = [r[0] for r in peek.rows(book_path, "SELECT address FROM contact_email WHERE contact_id = ? "
                                                 "ORDER BY position", (people["Rosa Alvarez"],))]
    assert emails == ["rosa@example.org", "rosa.alvarez@work.example"]
    assert peek.value(book_path, "SELECT phone FROM contact WHERE id = ?", (people["Teresa Alvarez"],)) == "555-010-2030"
    assert peek.value(book_path, "SELECT email FROM contact WHERE id = ?", (people["Denise Hill"],)) == \
        "thehills@example.org"


def test_a_household_against_the_book_is_offered_not_merged(book, tmp_path):
    path = tmp_path / "first.vcf"
    path.write_text(_card("Rosa Alvarez", "TEL:+1 555 010 2030", "EMAIL:rosa@example.org"), encoding="utf-8")
    apply(book, preview(book, read_files([path])))
    later = tmp_path / "later.vcf"
    later.write_text(_card("Teresa Alvarez", "TEL:555-010-2030")
                     + _card("Rosa Alvarez", "TEL:(555) 010-2030", "EMAIL:rosa.a@work.example")
                     + _card("Ana Alvarez", "EMAIL:ROSA@example.org")
                     + _card("Rosa Alvarez-Díaz", "EMAIL:rosa@example.org")  # her name since she married
                     + _card("Alvarez, Rosa", "TEL:555 010 2030"), encoding="utf-8")
    found = preview(book, read_files([later]))
    said = {(a.incoming.name, a.why, a.decision, a.existing_name) for a in found.look_alikes}
    assert said == {("Teresa Alvarez", "same phone, another name", "add", "Rosa Alvarez"),
                    ("Rosa Alvarez", "same phone", "merge", "Rosa Alvarez"),
                    ("Ana Alvarez", "same email, another given name", "add", "Rosa Alvarez"),
                    ("Rosa Alvarez-Díaz", "same email", "merge", "Rosa Alvarez"),
                    ("Alvarez, Rosa", "same phone", "merge", "Rosa Alvarez")}
    counts = apply(book, found)
    assert (counts.added, counts.merged) == (2, 3)
    assert peek.value(book, "SELECT count(*) FROM contact WHERE phone LIKE '%010%2030' OR phone LIKE '%010-2030'") == 2
    rosa = peek.value(book, "SELECT id FROM contact WHERE name = 'Rosa Alvarez'")
    assert peek.value(book, "SELECT count(*) FROM contact_email WHERE contact_id = ?", (rosa,)) == 2


async def test_the_import_screen_says_a_look_alike_is_in_the_same_file_and_honours_the_choice(demo_book, tmp_path):
    from textual.widgets import DataTable

    from relmeet.app import RelmeetApp

    path = tmp_path / "phone.vcf"
    path.write_text(_card("Rosa Díaz", "TEL:+1 555 010 4400") + _card("Ana Lucero", "TEL:+1 555 010 4411")
                    + _card("Rosa Diaz", "EMAIL:rosa.diaz@example.org"), encoding="utf-8")
    app = RelmeetApp(demo_book)
    before = peek.value(demo_book, "SELECT count(*) FROM contact")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        app.screen.query_one("#paths").value = f'"{path}"'
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = str(app.screen.query_one("#import-summary").render())
        assert "look like contacts in the book: 0 · like another card of this import: 1" in summary
        table = app.screen.query_one("#look-alikes", DataTable)
        assert [str(label.label) for label in table.columns.values()] == ["In the file", "Looks like", "Why", "Do"]
        assert [str(cell) for cell in table.get_row_at(0)] == ["Rosa Diaz", "Rosa Díaz, also in this file, card 1",
                                                                "same name", "add"]
        table.focus()
        await pilot.press("enter")  # add -> merge: the organizer knows they are one person
        await pilot.pause()
        assert str(table.get_row_at(0)[3]) == "merge"
        await pilot.press("ctrl+s")  # written in a worker, its progress in the summary
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
    assert peek.value(demo_book, "SELECT count(*) FROM contact") == before + 2
    rosa = peek.row(demo_book, "SELECT id, phone, email FROM contact WHERE name = 'Rosa Díaz'")
    assert (rosa["phone"], rosa["email"]) == ("+1 555 010 4400", "rosa.diaz@example.org")
    assert peek.value(demo_book, "SELECT count(*) FROM contact WHERE name = 'Rosa Diaz'") == 0


def test_a_look_alike_in_another_file_of_the_same_import_names_that_file(book, tmp_path):
    from relmeet.store.importing import reason, resembles

    first, second = tmp_path / "phone.vcf", tmp_path / "google.vcf"
    first.write_text(_card("Ana Lucero") + _card("Rosa Díaz", "TEL:+1 555 010 4400"), encoding="utf-8")
    second.write_text(_card("Rosa Diaz", "TEL:(555) 010-4400") + _card("ROSA DIAZ"), encoding="utf-8")
    found = preview(book, read_files([first, second]))
    said = [(a.incoming.name, resembles(a), reason(a), a.decision) for a in found.look_alikes]
    assert said == [("Rosa Diaz", "Rosa Díaz, in phone.vcf, card 2", "same phone", "merge"),
                    ("ROSA DIAZ", "Rosa Díaz, in phone.vcf, card 2", "same name", "add")]
    counts = apply(book, found)
    assert (counts.added, counts.merged) == (3, 1)
    assert peek.value(book, "SELECT count(*) FROM contact WHERE name IN ('Rosa Díaz', 'ROSA DIAZ')") == 2

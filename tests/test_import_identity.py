"""Who is who on import: the same UID, e-mail or phone is the same person; a name alone is only offered.
Merging keeps everything (empty fields filled, e-mails, phones and tags unioned with labels, both notes)."""
from __future__ import annotations

import os
import subprocess
import sys

from relmeet.importers import read_bytes
from relmeet.store import Book
from relmeet.store.importing import apply, preview
import peek


def _relmeet(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "relmeet", *args], capture_output=True, text=True, timeout=60,
                          env=os.environ.copy())


def _card(fn: str, *lines: str) -> str:
    return "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + fn + "\r\n" + "".join(line + "\r\n" for line in lines) + \
        "END:VCARD\r\n"


AMELIES = (_card("Amelie Alpha", "UID:a-1", "TEL:+1 555 010 0001")
           + _card("Amelie Alpha", "UID:a-2", "TEL:+1 555 010 0002")
           + _card("Amelie Alpha", "UID:a-3", "TEL:+1 555 010 0003"))


def _import(book_path, tmp_path, text: str, *options: str, name: str = "cards.vcf"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = _relmeet("--db", str(book_path), "import", *options, str(path))
    assert out.returncode == 0, out.stderr
    return out


def test_three_cards_of_one_name_are_three_people_and_the_preview_lists_them(book_path, tmp_path):
    Book(book_path).close()
    out = _import(book_path, tmp_path, AMELIES)
    assert "Imported: 3 added" in out.stdout
    assert out.stdout.count("Amelie Alpha  ≈  Amelie Alpha, also in this file, card 1  (same name) → add as a new "
                            "contact") == 2
    rows = peek.rows(book_path, "SELECT uid, phone FROM contact WHERE name = 'Amelie Alpha' ORDER BY uid")
    assert [tuple(r) for r in rows] == [("a-1", "+1 555 010 0001"), ("a-2", "+1 555 010 0002"),
                                        ("a-3", "+1 555 010 0003")]
    # --on-duplicate add adds every card, too
    _import(book_path, tmp_path, _card("Amelie Alpha", "TEL:+1 555 010 0001", "ORG:Hill Co-op"), "--on-duplicate",
            "add", name="again.vcf")
    assert peek.value(book_path, "SELECT count(*) FROM contact WHERE name = 'Amelie Alpha'") == 4


def test_a_name_alone_is_offered_never_merged(book_path, tmp_path):
    Book(book_path).close()
    _import(book_path, tmp_path, _card("José García", "EMAIL:jose@example.org"))
    out = _import(book_path, tmp_path, _card("Jose Garcia", "EMAIL:jgarcia@example.net"), name="two.vcf")
    assert "Jose Garcia  ≈  José García  (same name) → add as a new contact" in out.stdout
    assert [r[0] for r in peek.rows(book_path, "SELECT email FROM contact ORDER BY id")] == [
        "jose@example.org", "jgarcia@example.net"]


def test_the_same_email_merges_and_keeps_everything(book_path, tmp_path):
    Book(book_path).close()
    _import(book_path, tmp_path, _card("Rosa Nguyen", "EMAIL;TYPE=home:rosa@example.org", "NOTE:Met at the laundry"))
    out = _import(book_path, tmp_path, _card(
        "Rosa N.", "EMAIL;TYPE=work:rosa@union.example.org", "EMAIL:ROSA@example.org", "TEL;TYPE=cell:+1 555 010 0142",
        "ORG:Eastside Tenants Union", "LANG:vi", "CATEGORIES:tenants", "NOTE:Building B captain"), name="phone.vcf")
    assert "Rosa N.  ≈  Rosa Nguyen  (same email) → merge" in out.stdout and "1 merged" in out.stdout
    row = peek.row(book_path, "SELECT c.name, c.notes, c.language, o.name AS org, c.email, c.phone FROM contact c "
                              "LEFT JOIN contact o ON o.id = c.organization_id WHERE c.kind = 'person'")
    assert dict(row) == {"name": "Rosa Nguyen", "notes": "Met at the laundry\n\nBuilding B captain", "language": "vi",
                         "org": "Eastside Tenants Union", "email": "rosa@example.org", "phone": "+1 555 010 0142"}
    assert [tuple(r) for r in peek.rows(book_path, "SELECT address, label, preferred FROM contact_email "
                                                   "ORDER BY position")] == [
        ("rosa@example.org", "home", 1), ("rosa@union.example.org", "work", 0)]
    assert [tuple(r) for r in peek.rows(book_path, "SELECT number, label FROM contact_phone")] == [
        ("+1 555 010 0142", "mobile")]
    assert peek.value(book_path, "SELECT tag FROM contact_tag") == "tenants"


def test_a_second_import_of_the_same_file_updates_instead_of_duplicating(book_path, tmp_path):
    Book(book_path).close()
    _import(book_path, tmp_path, AMELIES)
    out = _import(book_path, tmp_path, AMELIES)
    assert "Imported: 0 added (0 new organizations), 3 merged" in out.stdout
    assert "(same UID) → merge" in out.stdout
    assert peek.value(book_path, "SELECT count(*) FROM contact") == 3
    assert peek.value(book_path, "SELECT count(*) FROM contact_phone") == 3
    assert peek.value(book_path, "SELECT group_concat(DISTINCT source_name) FROM contact") == "cards.vcf"


def test_adding_a_look_alike_adds_the_card_whole(book_path, tmp_path):
    Book(book_path).close()
    _import(book_path, tmp_path, _card("Hieu Tran", "EMAIL:hieu@example.org"))
    _import(book_path, tmp_path, _card("Hieu Tran", "EMAIL:hieu@example.org", "ORG:Lincoln PTA", "LANG:vi",
                                       "CATEGORIES:parents", "ADR:;;12 Elm St;Eastside;CA;94601;USA"),
            "--on-duplicate", "add", name="two.vcf")
    added = peek.row(book_path, "SELECT c.*, o.name AS org FROM contact c JOIN contact o ON o.id = c.organization_id "
                                "WHERE c.name = 'Hieu Tran'")
    assert (added["org"], added["language"], added["neighbourhood"], added["street"], added["postal_code"]) == (
        "Lincoln PTA", "vi", "Eastside", "12 Elm St", "94601")
    assert peek.value(book_path, "SELECT tag FROM contact_tag WHERE contact_id = ?", (added["id"],)) == "parents"
    assert peek.value(book_path, "SELECT email FROM contact WHERE id = ?", (added["id"],)) == "hieu@example.org"


def test_an_organizations_card_after_a_person_naming_it_keeps_its_details(book):
    text = (_card("Marcus Bell", "ORG:Grace AME Church")
            + "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Grace AME Church\r\nTEL:+1 555 010 0900\r\n"
              "EMAIL:office@graceame.example.org\r\nNOTE:Deacon board meets Tuesdays\r\nCATEGORIES:faith\r\n"
              "END:VCARD\r\n")
    counts = apply(book, preview(book, read_bytes(text.encode(), "church.vcf")))
    assert (counts.added, counts.organizations) == (1, 1)
    church = peek.row(book, "SELECT * FROM contact WHERE kind = 'organization'")
    assert (church["name"], church["phone"], church["email"], church["notes"]) == (
        "Grace AME Church", "+1 555 010 0900", "office@graceame.example.org", "Deacon board meets Tuesdays")
    assert peek.value(book, "SELECT tag FROM contact_tag WHERE contact_id = ?", (church["id"],)) == "faith"
    assert peek.value(book, "SELECT organization_id FROM contact WHERE name = 'Marcus Bell'") == church["id"]


def test_a_shared_phone_with_two_uids_is_two_people(book_path, tmp_path):
    Book(book_path).close()
    household = (_card("Rosa Nguyen", "UID:r-1", "TEL:+1 555 010 0142")
                 + _card("Teresa Alvarez", "UID:t-1", "TEL:+1 555 010 0142"))
    out = _import(book_path, tmp_path, household)
    assert ("Teresa Alvarez  ≈  Rosa Nguyen, also in this file, card 1  (same phone, another UID) → add as a new "
            "contact") in out.stdout
    assert peek.value(book_path, "SELECT count(*) FROM contact WHERE phone = '+1 555 010 0142'") == 2


def test_imported_tags_and_names_are_found_by_search(book):
    from relmeet.store.search import search

    text = (_card("Marisol Quispe", "CATEGORIES:tenants,quechua", "ORG:Hill Co-op")
            + _card("Bao Tran", "CATEGORIES:parents"))
    apply(book, preview(book, read_bytes(text.encode(), "cards.vcf")))
    assert [h.name for h in search(book, "quechua")] == ["Marisol Quispe"]
    assert [h.name for h in search(book, "parents")] == ["Bao Tran"]
    assert "Marisol Quispe" in [h.name for h in search(book, "hill co-op")]
    assert peek.rows(book, "PRAGMA foreign_key_check") == []

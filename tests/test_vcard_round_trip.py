"""vCard -> book -> vCard: what an organizer brings from their phone comes back out the same."""
from __future__ import annotations

from pathlib import Path

from relmeet.exporting import vcard_out
from relmeet.importers import read_bytes, read_files
from relmeet.store.importing import apply, preview
import peek

CORPUS = Path(__file__).resolve().parent / "corpus" / "vcards"

CARDS = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Rosa Nguyễn\r
N:Nguyễn;Rosa;;;\r
ORG:Eastside Tenants Union\r
TITLE:Building B captain\\, floor 3\r
TEL;TYPE=CELL:+1 555 0142\r
EMAIL;TYPE=HOME:rosa.nguyen@example.org\r
CATEGORIES:tenants,vietnamese\r
NOTE:Met at the laundry room\\; knows everyone.\\nCall after 6.\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:4.0\r
KIND:org\r
FN:Grace AME Church\r
ORG:Grace AME Church\r
EMAIL:office@graceame.example.org\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:2.1\r
N;CHARSET=UTF-8:Martínez;José;;;\r
FN;CHARSET=UTF-8:José Martínez\r
TEL;HOME:555-0199\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:4.0\r
FN:東京 太郎\r
TEL:+81 3 1234 5678\r
END:VCARD\r
"""


def _notes(text: str) -> str:
    # an import notes where each contact came from; that line is relmeet's, not the card's
    return "\n".join(line for line in text.split("\n") if not line.startswith("Imported from "))


def _fields(batch) -> list[tuple]:
    return sorted((c.name, c.kind, c.organization, c.role, tuple(c.phones), tuple(c.emails), tuple(sorted(c.tags)),
                   _notes(c.notes)) for c in batch.contacts)


def _round_trip(book, batch):
    found = preview(book, batch)
    apply(book, found)
    return read_bytes(vcard_out.contacts_vcard(book).encode("utf-8"), "exported.vcf")


def test_a_phone_export_comes_back_the_same(book):
    before = read_bytes(CARDS.encode("utf-8"), "phone.vcf")
    assert not before.problems
    after = _round_trip(book, before)
    assert not after.problems
    # the people and the organization, with every field they came with
    union = ("Eastside Tenants Union", "organization", "", "", (), (), (), "")  # made from Rosa's ORG
    assert _fields(after) == sorted(_fields(before) + [union])
    rosa = next(c for c in after.contacts if c.name == "Rosa Nguyễn")
    assert rosa.role == "Building B captain, floor 3"
    assert _notes(rosa.notes) == "Met at the laundry room; knows everyone.\nCall after 6."
    assert peek.value(book, "SELECT count(*) FROM contact c JOIN contact o ON o.id = c.organization_id "
                      "WHERE c.name = 'Rosa Nguyễn' AND o.name = 'Eastside Tenants Union'") == 1


def test_corpus_cards_survive_a_second_trip(book, tmp_path):
    # ez-vcard's test cards (BSD-2-Clause, see tests/corpus/vcards/README.md): what relmeet keeps of them
    # after one import must come back unchanged from a second export and import
    first = read_files(sorted((CORPUS / "ez-vcard").glob("*.vcf")))
    kept = _round_trip(book, first)
    again_book = tmp_path / "again.sqlite3"
    from relmeet.store import Book

    with Book(again_book) as other:
        second = _round_trip(other, kept)
    assert _fields(second) == _fields(kept)

"""Merging two contacts keeps every e-mail and phone with its label, and undo puts each list back as it was."""
from __future__ import annotations

from relmeet.importers import read_bytes
from relmeet.store import merge
from relmeet.store.importing import apply, preview
import peek

CARDS = ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:a\r\nFN:Rosa Nguyen\r\nEMAIL;TYPE=home:rosa@example.org\r\n"
         "TEL;TYPE=cell:+1 555 010 0142\r\nEND:VCARD\r\n"
         "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:b\r\nFN:Rosa N.\r\nEMAIL;TYPE=work:rosa@union.example.org\r\n"
         "EMAIL:ROSA@example.org\r\nEND:VCARD\r\n")
LISTS = "SELECT contact_id, address, label, preferred, position FROM contact_email ORDER BY id"


def test_merge_unions_the_lists_and_undo_restores_them(book):
    apply(book, preview(book, read_bytes(CARDS.encode(), "cards.vcf")))
    keep, drop = (r[0] for r in peek.rows(book, "SELECT id FROM contact ORDER BY id"))
    before = [tuple(r) for r in peek.rows(book, LISTS)]
    merged = merge.merge(book, keep, drop, {"email": "drop"})  # the organizer takes the work address
    assert [tuple(r) for r in peek.rows(book, "SELECT address, label, preferred FROM contact_email "
                                              "WHERE contact_id = ? ORDER BY position", (keep,))] == [
        ("rosa@example.org", "home", 0), ("rosa@union.example.org", "work", 1)]
    assert peek.value(book, "SELECT email FROM contact WHERE id = ?", (keep,)) == "rosa@union.example.org"
    assert peek.value(book, "SELECT count(*) FROM contact_phone WHERE contact_id = ?", (keep,)) == 1
    merge.undo(book, merged)
    assert [tuple(r) for r in peek.rows(book, LISTS)] == before
    assert peek.value(book, "SELECT email FROM contact WHERE id = ?", (keep,)) == "rosa@example.org"

"""Contact store functions against a real book file."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from relmeet.domain.errors import ValidationError
from relmeet.domain.people import ContactIn
from relmeet.store import Book, contacts
import peek


def test_create_and_read_back_survives_reopening(book_path):
    with Book(book_path) as book:
        org = contacts.create(book, ContactIn(name="Eastside Tenants Union", kind="organization", level="organization"))
        rosa = contacts.create(book, ContactIn(
            name="  Rosa Nguyễn ", organization_id=org, role="Building captain", stance="ally", influence="4",
            is_leader=True, email="rosa@example.org", tags=["housing", " tenant ", "housing", ""],
            their_language="Families shouldn't have to choose between rent and medicine."))
    with Book(book_path) as book:
        card = contacts.get(book, rosa)
        assert card.name == "Rosa Nguyễn"
        assert card.organization == "Eastside Tenants Union"
        assert card.influence == 4 and card.is_leader and card.stance == "ally"
        assert card.tags == ["housing", "tenant"]
        assert card.created_at.tzinfo is not None and card.created_at.utcoffset().total_seconds() == 0
        stored = peek.value(book, "SELECT created_at FROM contact WHERE id = ?", (rosa,))
        assert stored.endswith("+00:00")


@pytest.mark.parametrize("field,data", [
    ("name", ContactIn(name="   ")),
    ("email", ContactIn(name="A", email="rosa at example")),
    ("influence", ContactIn(name="A", influence=9)),
    ("influence", ContactIn(name="A", influence="lots")),
    ("phone", ContactIn(name="A", phone="call me")),
    ("stance", ContactIn(name="A", stance="friendly")),
], ids=["empty-name", "email", "influence-9", "influence-text", "phone", "stance"])
def test_validation_names_the_field_and_writes_nothing(book, field, data):
    with pytest.raises(ValidationError) as caught:
        contacts.create(book, data)
    assert field in caught.value.errors
    assert peek.value(book, "SELECT count(*) FROM contact") == 0


def test_person_cannot_belong_to_a_person(book):
    person = contacts.create(book, ContactIn(name="Hieu Tran"))
    with pytest.raises(ValidationError) as caught:
        contacts.create(book, ContactIn(name="Someone", organization_id=person))
    assert "organization_id" in caught.value.errors


def test_edit_replaces_fields_and_tags(book):
    cid = contacts.create(book, ContactIn(name="José Martínez", tags=["tenant"]))
    data = contacts.get(book, cid)
    data.stance, data.tags, data.phone = "potential_ally", ["nurse", "tenant"], "555-0199"
    contacts.update(book, cid, data)
    card = contacts.get(book, cid)
    assert (card.stance, card.tags, card.phone) == ("potential_ally", ["nurse", "tenant"], "555-0199")
    assert card.updated_at >= card.created_at


def test_archive_hides_and_unarchive_restores(book):
    cid = contacts.create(book, ContactIn(name="Marcus Hill"))
    contacts.set_archived(book, cid, True)
    assert [r.name for r in contacts.list_rows(book)] == []
    assert [r.name for r in contacts.list_rows(book, archived=True)] == ["Marcus Hill"]
    contacts.set_archived(book, cid, False)
    assert [r.name for r in contacts.list_rows(book)] == ["Marcus Hill"]
    assert peek.value(book, "SELECT archived_at FROM contact WHERE id = ?", (cid,)) is None


def test_list_filters_and_sorts(demo_book):
    names = [r.name for r in contacts.list_rows(demo_book, level="leader")]
    assert "Pastor Denise Okafor" in names and "Rosa Nguyễn" not in names
    assert [r.name for r in contacts.list_rows(demo_book, text="maple")][:1]  # neighbourhood or org match
    by_last_met = contacts.list_rows(demo_book, sort="last_met")
    assert by_last_met[0].name == "Dr. Amara Singh"  # met five days ago, the most recent
    rosa = next(r for r in contacts.list_rows(demo_book) if r.name == "Rosa Nguyễn")
    assert rosa.open_commitments == 1 and rosa.overdue_commitments == 1
    assert [r.name for r in contacts.list_rows(demo_book, text="50%_")] == []  # LIKE wildcards are text


def test_two_processes_writing_lose_nothing(book_path):
    """Two copies of relmeet incrementing the same rows: every write lands (with SQLite's default deferred
    transactions half of them were lost)."""
    with Book(book_path) as book:
        contacts.create(book, ContactIn(name="Counter", influence=1))
    script = textwrap.dedent(f"""
        from relmeet.store import Book
        book = Book({str(book_path)!r})
        for _ in range(150):
            with book._write() as conn:  # the store's own write path, from two processes
                n = conn.execute("SELECT value FROM setting WHERE key = 'n'").fetchone()
                n = int(n[0]) if n else 0
                conn.execute("INSERT OR REPLACE INTO setting VALUES ('n', ?)", (str(n + 1),))
        from relmeet.domain.tables import Contact
        for _ in range(50):
            with book._session() as s:  # the store's own write path, from two processes
                c = s.get(Contact, 1)
                c.notes = str(int(c.notes or 0) + 1)
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script]) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with Book(book_path) as book:
        assert peek.value(book, "SELECT value FROM setting WHERE key = 'n'") == "300"
        assert peek.value(book, "SELECT notes FROM contact WHERE id = 1") == "100"

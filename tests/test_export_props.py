"""Property: any contacts the book accepts come back identical from a JSON export loaded into an empty book."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from relmeet import domain
from relmeet.domain.text import clean_text
from relmeet.exporting import json_book
from relmeet.store import Book
import peek

# what the book accepts: its every door removes control characters (tests/test_hostile_text.py)
text = st.text(max_size=40).map(clean_text)
filled = text.filter(lambda s: s.strip() != "")
contact = st.fixed_dictionaries({
    "kind": st.sampled_from([k.value for k in domain.ContactKind]),
    "name": filled,
    "role": text,
    "level": st.sampled_from([k.value for k in domain.Level]),
    "is_leader": st.integers(0, 1),
    "is_gatekeeper": st.integers(0, 1),
    "stance": st.sampled_from([k.value for k in domain.Stance]),
    "influence": st.integers(1, 5),
    "rung": st.sampled_from([k.value for k in domain.Rung]),
    "their_language": text,
    "phone": text,
    "email": text,
    "notes": st.text(max_size=300).map(clean_text),
    "notes_private": st.integers(0, 1),
    "archived_at": st.none() | st.just("2026-01-02T03:04:05+00:00"),
})
people = st.lists(st.tuples(contact, st.sets(filled, max_size=4), st.none() | st.integers(0, 10)), max_size=8)


@settings(max_examples=25, deadline=None)
@given(people)
def test_random_contacts_survive_the_json_round_trip(generated):
    with tempfile.TemporaryDirectory() as folder:
        with Book(Path(folder) / "a.sqlite3") as book:
            with peek.write(book) as conn:
                ids = []
                for fields, tags, org in generated:
                    # an organization link to some earlier contact (or a later one: loads must not care)
                    fields = {**fields, "created_at": "2026-01-01T00:00:00+00:00", "updated_at": "2026-01-01T00:00:00+00:00"}
                    cid = conn.execute(f"INSERT INTO contact ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})",
                                       list(fields.values())).lastrowid
                    ids.append(cid)
                    conn.executemany("INSERT INTO contact_tag (contact_id, tag) VALUES (?, ?)", [(cid, t) for t in tags])
                for (_, _, org), cid in zip(generated, ids):
                    if org is not None:
                        conn.execute("UPDATE contact SET organization_id = ? WHERE id = ?", (ids[org % len(ids)], cid))
            first = json_book.dump(book, include_private=True)
        # through real JSON text, as a file would carry it
        data = json.loads(json.dumps(first, ensure_ascii=False))
        with Book(Path(folder) / "b.sqlite3") as again:
            json_book.load_into(again, data)
            second = json_book.dump(again, include_private=True)
    assert second["tables"] == first["tables"]
    assert len(second["tables"]["contact"]) == len(generated)


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.integers(2 ** 63 - 2, 2 ** 70) | st.floats()
                     | st.text(max_size=10) | st.text(st.characters(categories=["Cs"]), min_size=1, max_size=2),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                     max_leaves=8)
_columns = st.sampled_from(["id", "name", "kind", "contact_id", "tag", "created_at", "updated_at", "status",
                            "influence", "nonsense"])
_rows = st.lists(st.dictionaries(_columns, _json, max_size=6) | _json, max_size=4)
garbage = st.fixed_dictionaries({
    "format": st.just("relmeet-book") | st.text(max_size=5),
    "format_version": st.just(1) | _json,
    "schema_version": st.just(1) | _json,
    "tables": st.dictionaries(st.sampled_from(json_book.TABLES) | st.text(max_size=5), _rows, max_size=4) | _json,
})


@settings(max_examples=60, deadline=None)
@given(garbage)
def test_any_json_loads_or_is_refused_in_one_line(data):
    from relmeet.domain.errors import RelmeetError

    with tempfile.TemporaryDirectory() as folder:
        with Book(Path(folder) / "a.sqlite3") as book:
            try:
                json_book.load_into(book, data)
            except RelmeetError as exc:
                assert "\n" not in str(exc)
                # refused: nothing was written
                assert all(peek.value(book, f"SELECT count(*) FROM {t}") == 0 for t in json_book.TABLES)

"""A book made by step 8 upgrades to step 9 (the home list's indexes): every row kept, the list shows the same
last-met days and open/overdue counts as before, and SQLite answers those counts from the new indexes."""
from __future__ import annotations

import sqlite3

from relmeet import db
from relmeet.schema import LATEST
from relmeet.store import Book
from relmeet.store.contacts import list_rows
import peek

MADE = "2026-10-01T18:00:00+00:00"


def _version_8_book(path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate(conn, 0, to_version=8)
    conn.executescript(f"""
        INSERT INTO contact (id, name, created_at, updated_at) VALUES (1, 'Rosa Nguyễn', '{MADE}', '{MADE}');
        INSERT INTO contact (id, name, created_at, updated_at) VALUES (2, 'Hieu Tran', '{MADE}', '{MADE}');
        INSERT INTO meeting (id, contact_id, status, scheduled_at, created_at, updated_at)
            VALUES (1, 1, 'held', '2026-10-03T17:00:00+00:00', '{MADE}', '{MADE}');
        INSERT INTO meeting (id, contact_id, status, scheduled_at, started_at, created_at, updated_at)
            VALUES (2, 1, 'held', '2026-10-20T17:00:00+00:00', '2026-10-21T17:05:00+00:00', '{MADE}', '{MADE}');
        INSERT INTO meeting (id, contact_id, status, scheduled_at, created_at, updated_at)
            VALUES (3, 1, 'planned', '2030-01-01T17:00:00+00:00', '{MADE}', '{MADE}');
        INSERT INTO commitment (contact_id, meeting_id, owner, text, due_on, status, created_at, updated_at)
            VALUES (1, 1, 'mine', 'Flyer in Vietnamese', '2026-10-05', 'open', '{MADE}', '{MADE}'),
                   (1, 1, 'theirs', 'Ask two neighbours', '2030-01-01', 'open', '{MADE}', '{MADE}'),
                   (1, 1, 'mine', 'Call the clinic', '2026-10-04', 'done', '{MADE}', '{MADE}'),
                   (2, NULL, 'theirs', 'Bring the lease', '2026-10-06', 'open', '{MADE}', '{MADE}');
    """)
    conn.close()



def test_upgrade_from_version_8_keeps_the_list_and_answers_it_from_the_new_indexes(tmp_path):
    path = tmp_path / "v8.sqlite3"
    _version_8_book(path)
    counts = {t: peek.value(path, f"SELECT count(*) FROM {t}") for t in ("contact", "meeting", "commitment")}
    assert peek.value(path, "PRAGMA user_version") == 8

    with Book(path) as book:
        rows = {r.name: r for r in list_rows(book)}
    assert peek.value(path, "PRAGMA user_version") == LATEST >= 9
    assert {t: peek.value(path, f"SELECT count(*) FROM {t}") for t in counts} == counts
    rosa, hieu = rows["Rosa Nguyễn"], rows["Hieu Tran"]
    assert rosa.last_met is not None and rosa.last_met.date().isoformat() == "2026-10-21"  # started, not scheduled
    assert (rosa.open_commitments, rosa.overdue_commitments) == (2, 1)
    assert (hieu.last_met, hieu.open_commitments, hieu.overdue_commitments) == (None, 1, 1)

    # the store's list names them (INDEXED BY); SQLite answers from the commitment index alone
    assert peek.value(path, "SELECT count(*) FROM sqlite_master WHERE name IN "
                            "('commitment_open_by_contact', 'meeting_held_by_contact')") == 2
    plan = peek.plan(path, "SELECT count(*) FROM commitment k INDEXED BY commitment_open_by_contact "
                       "WHERE k.contact_id = 1 AND k.status = 'open' AND max(k.due_on, coalesce(k.snoozed_until, '')) < ''")
    assert "COVERING INDEX commitment_open_by_contact" in plan, plan
    plan = peek.plan(path, "SELECT max(coalesce(m.started_at, m.scheduled_at)) FROM meeting m INDEXED BY "
                       "meeting_held_by_contact WHERE m.contact_id = 1 AND m.status = 'held'")
    assert "COVERING INDEX meeting_held_by_contact" in plan, plan

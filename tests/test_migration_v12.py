"""A book made by step 11 upgrades to step 12 (the thank-yous owed): every row kept, the same thank-yous
suggested as before — a meeting held in the last week whose summary is not marked sent — and they are read
from the new partial index, not from every meeting."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from relmeet import db
from relmeet.schema import LATEST
from relmeet.store import Book
from relmeet.store.commitments import thank_yous
import peek

MADE = "2026-10-01T18:00:00+00:00"


def _version_11_book(path) -> None:
    now = datetime.now(timezone.utc)
    recent, older, long_ago = ((now - timedelta(days=days)).isoformat(timespec="seconds") for days in (1, 3, 40))
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate(conn, 0, to_version=11)
    conn.executescript(f"""
        INSERT INTO contact (id, name, created_at, updated_at) VALUES
            (1, 'Rosa Nguyễn', '{MADE}', '{MADE}'), (2, 'Dr. Amara Singh', '{MADE}', '{MADE}');
        INSERT INTO meeting (id, contact_id, status, scheduled_at, started_at, ended_at, summary_sent_on,
                             created_at, updated_at) VALUES
            (1, 1, 'held', '{recent}', '{recent}', '{recent}', NULL, '{MADE}', '{MADE}'),
            (2, 2, 'held', '{older}', '{older}', NULL, NULL, '{MADE}', '{MADE}'),
            (3, 1, 'held', '{older}', '{older}', '{older}', '{now.date().isoformat()}', '{MADE}', '{MADE}'),
            (4, 2, 'held', '{long_ago}', '{long_ago}', '{long_ago}', NULL, '{MADE}', '{MADE}'),
            (5, 1, 'planned', '{recent}', NULL, NULL, NULL, '{MADE}', '{MADE}');
    """)
    conn.close()


def test_upgrade_from_version_11_suggests_the_same_thank_yous_from_the_new_index(tmp_path):
    path = tmp_path / "v11.sqlite3"
    _version_11_book(path)
    assert LATEST >= 12
    meetings = peek.rows(path, "SELECT * FROM meeting ORDER BY id")

    with Book(path) as book:
        owed = thank_yous(book)
    assert peek.value(path, "PRAGMA user_version") == LATEST
    assert peek.rows(path, "SELECT * FROM meeting ORDER BY id") == meetings
    # held in the last week and not thanked: Rosa's yesterday and Dr. Singh's (no end time) three days ago
    assert [(t.meeting_id, t.contact) for t in owed] == [(2, "Dr. Amara Singh"), (1, "Rosa Nguyễn")]

    plan = peek.plan(path, "SELECT m.id FROM meeting m INDEXED BY meeting_thank_you WHERE m.status = 'held' "
                           "AND m.summary_sent_on IS NULL AND coalesce(m.ended_at, m.started_at, m.scheduled_at) >= '2026-11-16'")
    assert "SEARCH m USING INDEX meeting_thank_you" in plan, plan

    with Book(path) as book:  # marked sent, a meeting leaves the index and the list
        with peek.write(path) as conn:
            conn.execute("UPDATE meeting SET summary_sent_on = '2026-11-23' WHERE id = 2")
        assert [t.meeting_id for t in thank_yous(book)] == [1]
    assert peek.value(path, "SELECT count(*) FROM meeting INDEXED BY meeting_thank_you WHERE status = 'held' "
                            "AND summary_sent_on IS NULL AND coalesce(ended_at, started_at, scheduled_at) > ''") == 2

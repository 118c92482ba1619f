"""A book made by step 10 upgrades to step 11 (the home screen's counts): every row kept, the overdue counts honour
snoozing exactly as before, asks and offers are counted by who made them, and the reads come from the new indexes."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from relmeet import db
from relmeet.schema import LATEST
from relmeet.store import Book, health
import peek

MADE = "2026-10-01T18:00:00+00:00"


def _version_10_book(path) -> None:
    past, future = (date.today() - timedelta(days=3)).isoformat(), (date.today() + timedelta(days=3)).isoformat()
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate(conn, 0, to_version=10)
    conn.executescript(f"""
        INSERT INTO contact (id, name, created_at, updated_at) VALUES (1, 'Rosa Nguyễn', '{MADE}', '{MADE}');
        INSERT INTO commitment (contact_id, owner, text, due_on, snoozed_until, status, created_at, updated_at) VALUES
            (1, 'theirs', 'Invite five neighbours', '{past}', NULL, 'open', '{MADE}', '{MADE}'),
            (1, 'theirs', 'Bring the lease', '{past}', '{future}', 'open', '{MADE}', '{MADE}'),
            (1, 'theirs', 'Call the pastor', '{past}', '{past}', 'open', '{MADE}', '{MADE}'),
            (1, 'mine', 'Flyer in Vietnamese', '{past}', NULL, 'open', '{MADE}', '{MADE}'),
            (1, 'mine', 'Send the letter', '{future}', NULL, 'open', '{MADE}', '{MADE}'),
            (1, 'mine', 'Book the room', '{past}', NULL, 'done', '{MADE}', '{MADE}');
        INSERT INTO exchange (contact_id, direction, made_by, kind, text, status, decide_by, created_at, updated_at)
            VALUES (1, 'ask', 'me', 'time', 'Host a house meeting', 'agreed', NULL, '{MADE}', '{MADE}'),
                   (1, 'ask', 'me', 'time', 'Speak at the hearing', 'planned', NULL, '{MADE}', '{MADE}'),
                   (1, 'ask', 'them', 'other', 'Keep our logo off', 'thinking', '{future}', '{MADE}', '{MADE}'),
                   (1, 'offer', 'me', 'support', 'Help with the letter', 'agreed', NULL, '{MADE}', '{MADE}');
    """)
    conn.close()



def test_upgrade_from_version_10_keeps_the_home_counts_and_reads_them_from_the_new_indexes(tmp_path):
    path = tmp_path / "v10.sqlite3"
    _version_10_book(path)
    counts = {t: peek.value(path, f"SELECT count(*) FROM {t}") for t in ("commitment", "exchange")}

    with Book(path) as book:
        found = health.overview(book)
    assert peek.value(path, "PRAGMA user_version") == LATEST >= 11
    assert {t: peek.value(path, f"SELECT count(*) FROM {t}") for t in counts} == counts
    # theirs: the one not snoozed and the one snoozed to a day already gone; the one snoozed ahead is not overdue
    assert (found["overdue_theirs"], found["overdue_mine"]) == (2, 1)
    assert (found["asks"], found["offers"], found["asked_by_them"], found["offered_by_them"]) == (1, 1, 1, 0)

    overdue = peek.plan(path, "SELECT count(*) FROM commitment INDEXED BY commitment_overdue WHERE status = 'open' "
                          "AND owner = 'mine' AND due_on < '2026-11-23' AND coalesce(snoozed_until, '') < '2026-11-23'")
    made_by = peek.plan(path, "SELECT direction, made_by, count(*) FROM exchange INDEXED BY exchange_made_by "
                          "WHERE status <> 'planned' GROUP BY direction, made_by")
    pending = peek.plan(path, "SELECT id FROM exchange WHERE status = 'thinking' AND decide_by IS NOT NULL "
                          "ORDER BY decide_by")
    assert "COVERING INDEX commitment_overdue (status=? AND owner=? AND due_on<?)" in overdue, overdue
    assert "COVERING INDEX exchange_made_by" in made_by and "TEMP B-TREE" not in made_by, made_by
    assert "exchange_decide_by" in pending, pending

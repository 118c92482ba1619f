"""A book made by step 7 upgrades to step 8 (house meetings and movement) and keeps every row: each meeting
gets its contact as its only participant, and each contact's story starts with where they stand today."""
from __future__ import annotations

import sqlite3

import pytest

from relmeet import db
from relmeet.schema import LATEST
from relmeet.store import Book
import peek

MADE = "2026-10-01T18:00:00+00:00"
UPDATED = "2026-11-02T18:00:00+00:00"
TABLES = ["campaign", "contact", "contact_tag", "campaign_contact", "meeting", "interest", "exchange", "commitment",
          "commitment_note", "referral", "win", "setting", "contact_email", "contact_phone"]


def _version_7_book(path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate(conn, 0, to_version=7)
    conn.executescript(f"""
        INSERT INTO campaign (id, name, created_at, updated_at) VALUES (1, 'Just-cause eviction', '{MADE}', '{MADE}');
        INSERT INTO contact (id, name, stance, influence, rung, is_leader, created_at, updated_at)
            VALUES (1, 'Rosa Nguyễn', 'potential_ally', 4, 'volunteer', 1, '{MADE}', '{UPDATED}');
        INSERT INTO contact (id, name, created_at, updated_at) VALUES (2, 'Hieu Tran', '{MADE}', '{MADE}');
        INSERT INTO contact (id, name, is_gatekeeper, stance, created_at, updated_at)
            VALUES (3, 'Dr. Amara Singh', 1, 'opposition', '{MADE}', '{UPDATED}');
        INSERT INTO contact_email (contact_id, address, preferred) VALUES (1, 'rosa@example.org', 1);
        INSERT INTO campaign_contact VALUES (1, 1, 'ally', 5);
        INSERT INTO meeting (id, contact_id, campaign_id, status, notes, check_in_on, created_at, updated_at)
            VALUES (1, 1, 1, 'held', 'Rent up 18% in March', '2026-11-20', '{MADE}', '{MADE}');
        INSERT INTO meeting (id, contact_id, status, created_at, updated_at) VALUES (2, 1, 'planned', '{UPDATED}', '{UPDATED}');
        INSERT INTO meeting (id, contact_id, status, created_at, updated_at) VALUES (3, 3, 'held', '{MADE}', '{MADE}');
        INSERT INTO interest (contact_id, meeting_id, kind, text, created_at)
            VALUES (1, 1, 'self_interest', 'Keep her kids at Lincoln Elementary', '{MADE}');
        INSERT INTO exchange (contact_id, meeting_id, direction, kind, text, status, created_at, updated_at)
            VALUES (1, 1, 'ask', 'time', 'Host a house meeting', 'agreed', '{MADE}', '{MADE}');
        INSERT INTO commitment (id, contact_id, meeting_id, owner, text, due_on, created_at, updated_at)
            VALUES (1, 1, 1, 'mine', 'Flyer in Vietnamese', '2026-11-05', '{MADE}', '{MADE}');
        INSERT INTO commitment_note (commitment_id, noted_on, text, created_at) VALUES (1, '2026-11-03', 'Half done', '{MADE}');
        INSERT INTO referral (from_contact_id, to_contact_id, meeting_id, created_at) VALUES (1, 2, 1, '{MADE}');
        INSERT INTO win (campaign_id, meeting_id, text, won_on, created_at) VALUES (1, 1, 'Twelve came', '2026-11-10', '{MADE}');
        INSERT INTO setting VALUES ('tend_after_days', '21');
    """)
    conn.close()


def _story(book, contact_id: int) -> list[tuple]:
    return [tuple(r) for r in peek.rows(book, "SELECT campaign_id, field, old_value, new_value, changed_on, meeting_id, "
                                              "reason FROM standing_change WHERE contact_id = ? ORDER BY id",
                                        (contact_id,))]


def test_upgrade_from_version_7_keeps_every_row_gives_meetings_their_contact_and_starts_each_story(tmp_path):
    path = tmp_path / "v7.sqlite3"
    _version_7_book(path)
    old = sqlite3.connect(path)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 7
    columns = {t: [r[1] for r in old.execute(f"PRAGMA table_info({t})")] for t in TABLES}
    before = {t: old.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}
    old.close()
    with Book(path) as book:
        assert peek.value(book, "PRAGMA user_version") == LATEST >= 8
        after = {t: [tuple(r) for r in peek.rows(book, f"SELECT {', '.join(columns[t])} FROM {t} ORDER BY 1, 2")]
                 for t in TABLES}
        assert after == before
        # each meeting has exactly its contact as participant, the one it is "with"
        assert [tuple(r) for r in peek.rows(book, "SELECT meeting_id, contact_id, role, position, added_at "
                                                  "FROM meeting_participant ORDER BY meeting_id")] == [
            (1, 1, "with", 0, MADE), (2, 1, "with", 0, UPDATED), (3, 3, "with", 0, MADE)]
        # each story starts with the current values, dated at the contact's last update, flags only when set
        assert _story(book, 1) == [
            (None, "stance", None, "potential_ally", "2026-11-02", None, ""),
            (None, "influence", None, "4", "2026-11-02", None, ""),
            (None, "rung", None, "volunteer", "2026-11-02", None, ""),
            (None, "leader", None, "1", "2026-11-02", None, ""),
            (1, "stance", None, "ally", "2026-11-02", None, ""),
            (1, "influence", None, "5", "2026-11-02", None, "")]
        assert _story(book, 2) == [(None, "stance", None, "unknown", "2026-10-01", None, ""),
                                   (None, "influence", None, "3", "2026-10-01", None, ""),
                                   (None, "rung", None, "identified", "2026-10-01", None, "")]
        assert [r[1:4] for r in _story(book, 3)] == [("stance", None, "opposition"), ("influence", None, "3"),
                                                     ("rung", None, "identified"), ("gatekeeper", None, "1")]
        # nothing is snoozed
        assert peek.value(book, "SELECT count(*) FROM commitment WHERE snoozed_until IS NULL AND snooze_reason = ''") == 1
        assert peek.value(book, "SELECT count(*) FROM meeting WHERE snoozed_until IS NULL AND snooze_reason = ''") == 3
        assert peek.rows(book, "PRAGMA foreign_key_check") == []
        with peek.write(book) as conn:
            # a new meeting gets its contact as participant; a second "with" is refused
            conn.execute(f"INSERT INTO meeting (id, contact_id, created_at, updated_at) VALUES (4, 2, '{UPDATED}', "
                         f"'{UPDATED}')")
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute(f"INSERT INTO meeting_participant (meeting_id, contact_id, role, added_at) "
                             f"VALUES (4, 1, 'with', '{UPDATED}')")
            # a meeting that changes hands (a merge) moves its "with" row
            conn.execute("UPDATE meeting SET contact_id = 3 WHERE id = 2")
            # a change of stance is kept, a save that changes nothing is not
            conn.execute("UPDATE contact SET stance = 'ally', influence = 4 WHERE id = 1")
        assert [tuple(r) for r in peek.rows(book, "SELECT meeting_id, contact_id, role FROM meeting_participant "
                                                  "WHERE meeting_id IN (2, 4) ORDER BY meeting_id")] == [
            (2, 3, "with"), (4, 2, "with")]
        assert [r[1:4] for r in _story(book, 1)][-1] == ("stance", "potential_ally", "ally")
        assert len(_story(book, 1)) == 7

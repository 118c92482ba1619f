"""A book made by an older relmeet upgrades in place and keeps every row."""
from __future__ import annotations

import sqlite3

import pytest

from relmeet import db
from relmeet.schema import LATEST, STEPS
from relmeet.store import Book
from relmeet.store.search import search
import peek

NOW = "2026-11-01T18:00:00+00:00"


def _version_1_book(path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate(conn, 0, to_version=1)
    conn.executescript(f"""
        INSERT INTO campaign (id, name, created_at, updated_at) VALUES (1, 'Just-cause eviction', '{NOW}', '{NOW}');
        INSERT INTO contact (id, kind, name, level, created_at, updated_at)
            VALUES (1, 'organization', 'Eastside Tenants Union', 'organization', '{NOW}', '{NOW}');
        INSERT INTO contact (id, name, organization_id, role, created_at, updated_at)
            VALUES (2, 'Rosa Nguyễn', 1, 'Building B captain', '{NOW}', '{NOW}');
        INSERT INTO contact (id, name, created_at, updated_at) VALUES (3, 'Hieu Tran', '{NOW}', '{NOW}');
        INSERT INTO contact_tag VALUES (2, 'tenants');
        INSERT INTO campaign_contact VALUES (1, 2, 'ally', 2);
        INSERT INTO meeting (id, contact_id, campaign_id, status, notes, summary, created_at, updated_at)
            VALUES (1, 2, 1, 'held', 'Rent up 18% in March', 'Will host a house meeting', '{NOW}', '{NOW}');
        INSERT INTO interest (contact_id, meeting_id, kind, text, created_at)
            VALUES (2, 1, 'self_interest', 'Keep her kids at Lincoln Elementary', '{NOW}');
        INSERT INTO exchange (contact_id, meeting_id, direction, kind, text, status, created_at, updated_at)
            VALUES (2, 1, 'ask', 'time', 'Host a house meeting', 'agreed', '{NOW}', '{NOW}');
        INSERT INTO commitment (contact_id, meeting_id, owner, text, due_on, created_at, updated_at)
            VALUES (2, 1, 'mine', 'Flyer in Vietnamese', '2026-11-05', '{NOW}', '{NOW}');
        INSERT INTO referral (from_contact_id, to_contact_id, meeting_id, created_at) VALUES (2, 3, 1, '{NOW}');
        INSERT INTO win (campaign_id, meeting_id, text, won_on, created_at)
            VALUES (1, 1, 'Twelve came', '2026-11-10', '{NOW}');
        INSERT INTO setting VALUES ('tend_after_days', '21');
    """)
    conn.close()


TABLES = ["campaign", "contact", "contact_tag", "campaign_contact", "meeting", "interest", "exchange", "commitment",
          "referral", "win", "setting"]


def test_upgrade_from_version_1_keeps_every_row(tmp_path):
    path = tmp_path / "old.sqlite3"
    _version_1_book(path)
    old = sqlite3.connect(path)
    columns = {t: [r[1] for r in old.execute(f"PRAGMA table_info({t})")] for t in TABLES}
    before = {t: old.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1  # so every later step runs on it
    old.close()
    with Book(path) as book:
        assert peek.value(book, "PRAGMA user_version") == LATEST
        # every old column of every row as it was (later versions add columns)
        after = {t: [tuple(r) for r in peek.rows(book, f"SELECT {', '.join(columns[t])} FROM {t} ORDER BY 1, 2")]
                 for t in TABLES}
        assert after == before
        # the old rows are in the new search index
        assert [h.name for h in search(book, "lincoln")] == ["Rosa Nguyễn"]
        assert [h.name for h in search(book, "tenants union")][0] == "Eastside Tenants Union"
        assert "Rosa Nguyễn" in [h.name for h in search(book, "Rent up 18")]
    assert not any(book.path.parent.glob("*.part"))


def test_upgrade_from_version_4_indexes_the_contacts_alone(tmp_path):
    path = tmp_path / "v4.sqlite3"
    _version_1_book(path)
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate(conn, 1, to_version=4)
    conn.execute("PRAGMA user_version = 4")
    conn.close()
    with Book(path) as book:
        assert peek.value(book, "PRAGMA user_version") == LATEST
        assert peek.value(book, "SELECT count(*) FROM contact_search") == 3
        assert [h.name for h in search(book, "hieu")] == ["Hieu Tran"]
        assert [h.where for h in search(book, "building b captain")] == ["contact"]


def test_upgrading_an_old_book_says_so_once(tmp_path, capsys):
    path = tmp_path / "old.sqlite3"
    _version_1_book(path)
    with Book(path):
        pass
    assert f"upgrading the book old.sqlite3 from version 1 to {LATEST}" in capsys.readouterr().err
    with Book(path):
        pass
    assert capsys.readouterr().err == ""


def test_upgrade_from_version_5_keeps_the_ledger_and_its_search(tmp_path):
    path = tmp_path / "v5.sqlite3"
    _version_1_book(path)
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate(conn, 1, to_version=5)
    conn.execute(f"""INSERT INTO exchange (contact_id, meeting_id, direction, kind, text, status, created_at,
                     updated_at) VALUES (2, 1, 'offer', 'support', 'Translate the flyer', 'made', '{NOW}', '{NOW}')""")
    conn.close()
    with Book(path) as book:
        assert peek.value(book, "PRAGMA user_version") == LATEST
        rows = [tuple(r) for r in peek.rows(book, "SELECT id, direction, made_by, text, status, answer, raised_from_id "
                                                  "FROM exchange ORDER BY id")]
        assert rows == [(1, "ask", "me", "Host a house meeting", "agreed", "", None),
                        (2, "offer", "me", "Translate the flyer", "made", "", None)]
        # the rebuilt table keeps its search triggers: old rows are found, new and changed ones too
        assert "Rosa Nguyễn" in [h.name for h in search(book, "translate the flyer")]
        with peek.write(book) as conn:
            conn.execute("UPDATE exchange SET text = 'Interpret at the hearing' WHERE id = 2")
        assert [h.name for h in search(book, "interpret hearing")] == ["Rosa Nguyễn"]
        assert search(book, "translate the flyer") == []
        assert peek.value(book, "SELECT count(*) FROM commitment WHERE done_on IS NULL AND outcome_note = ''") == 1
        assert peek.rows(book, "PRAGMA foreign_key_check") == []


def test_upgrade_from_version_6_keeps_every_row_and_lists_the_one_email_and_phone(tmp_path):
    path = tmp_path / "v6.sqlite3"
    _version_1_book(path)
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate(conn, 1, to_version=6)
    conn.execute("UPDATE contact SET email = ' rosa@example.org', phone = '+1 555 010 2030' WHERE id = 2")
    conn.execute("UPDATE contact SET phone = '555-0199', given_name = 'Hieu', family_name = 'Tran' WHERE id = 3")
    columns = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in TABLES}
    before = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
    conn.close()
    with Book(path) as book:
        assert peek.value(book, "PRAGMA user_version") == LATEST >= 7
        after = {t: [tuple(r) for r in peek.rows(book, f"SELECT {', '.join(columns[t])} FROM {t} ORDER BY 1, 2")]
                 for t in TABLES}
        assert after == before
        # the single e-mail and phone become each contact's preferred entry; the copies on contact stay
        assert [tuple(r) for r in peek.rows(book, "SELECT contact_id, address, label, preferred, bad, position "
                                                  "FROM contact_email ORDER BY contact_id")] == [
            (2, "rosa@example.org", "", 1, 0, 0)]
        assert [tuple(r) for r in peek.rows(book, "SELECT contact_id, number, preferred, bad FROM contact_phone "
                                                  "ORDER BY contact_id")] == [
            (2, "+1 555 010 2030", 1, 0), (3, "555-0199", 1, 0)]
        assert peek.value(book, "SELECT phone FROM contact WHERE id = 3") == "555-0199"
        # the new fields start empty
        assert tuple(peek.rows(book, "SELECT uid, source_name, birthday, city, pronouns, day_to_day_id "
                                     "FROM contact WHERE id = 2")[0]) == ("", "", "", "", "", None)
        assert tuple(peek.rows(book, "SELECT credential, questions, time_asked_min, series_visit "
                                     "FROM meeting WHERE id = 1")[0]) == ("", "", None, None)
        assert peek.rows(book, "PRAGMA foreign_key_check") == []
        with peek.write(book) as conn:
            # a UID is unique when given; many contacts have none
            conn.execute("UPDATE contact SET uid = 'urn:uuid:1' WHERE id = 2")
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute("UPDATE contact SET uid = 'urn:uuid:1' WHERE id = 3")
            # one preferred entry per contact, and a bad one is never preferred
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute("INSERT INTO contact_email (contact_id, address, preferred) VALUES (2, 'r@x.org', 1)")
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute("UPDATE contact_phone SET bad = 1 WHERE contact_id = 3")
        assert peek.value(book, "SELECT count(*) FROM contact WHERE uid = ''") == 2

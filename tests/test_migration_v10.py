"""A book made by step 9 upgrades to step 10 (the campaign page's indexes): every row kept, the campaigns list and
a campaign's page say the same as the data (people met, meetings held, asks by who asked, the newest first), and the
reads the page makes are answered by the new indexes."""
from __future__ import annotations

import sqlite3

from relmeet import db
from relmeet.schema import LATEST
from relmeet.store import Book, campaigns
import peek

MADE = "2026-10-01T18:00:00+00:00"


def _version_9_book(path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate(conn, 0, to_version=9)
    conn.executescript(f"""
        INSERT INTO campaign (id, name, created_at, updated_at) VALUES (1, 'Just-cause eviction', '{MADE}', '{MADE}');
        INSERT INTO contact (id, name, is_leader, created_at, updated_at) VALUES (1, 'Rosa Nguyễn', 1, '{MADE}', '{MADE}');
        INSERT INTO contact (id, name, created_at, updated_at) VALUES (2, 'Hieu Tran', '{MADE}', '{MADE}');
        INSERT INTO contact (id, name, created_at, updated_at) VALUES (3, 'Denise Okafor', '{MADE}', '{MADE}');
        INSERT INTO meeting (id, contact_id, campaign_id, status, scheduled_at, created_at, updated_at) VALUES
            (1, 1, 1, 'held', '2026-10-03T17:00:00+00:00', '{MADE}', '{MADE}'),
            (2, 1, 1, 'held', '2026-10-20T17:00:00+00:00', '{MADE}', '{MADE}'),
            (3, 2, 1, 'held', '2026-10-10T17:00:00+00:00', '{MADE}', '{MADE}'),
            (4, 3, 1, 'planned', '2026-12-01T17:00:00+00:00', '{MADE}', '{MADE}');
        INSERT INTO exchange (contact_id, meeting_id, campaign_id, direction, made_by, kind, text, status, created_at,
                              updated_at) VALUES
            (1, 1, 1, 'ask', 'me', 'time', 'Host a house meeting', 'agreed', '{MADE}', '{MADE}'),
            (1, 2, 1, 'ask', 'me', 'time', 'Speak at the hearing', 'planned', '{MADE}', '{MADE}'),
            (2, 3, 1, 'ask', 'them', 'other', 'Keep our logo off the flyer', 'agreed', '{MADE}', '{MADE}');
    """)
    conn.close()



def test_upgrade_from_version_9_keeps_the_campaign_page_and_reads_it_from_the_new_indexes(tmp_path):
    path = tmp_path / "v9.sqlite3"
    _version_9_book(path)
    counts = {t: peek.value(path, f"SELECT count(*) FROM {t}") for t in ("contact", "meeting", "exchange")}

    with Book(path) as book:
        [row] = campaigns.list_campaigns(book)
        page = campaigns.detail(book, 1)
    assert peek.value(path, "PRAGMA user_version") == LATEST >= 10
    assert {t: peek.value(path, f"SELECT count(*) FROM {t}") for t in counts} == counts
    assert (row.contacts, row.meetings) == (2, 3)  # Rosa and Hieu met; Denise's meeting is only planned
    assert page.met == [(1, "Rosa Nguyễn", 2, True), (2, "Hieu Tran", 1, False)]
    assert [who for _when, who, _status in page.meetings] == ["Denise Okafor", "Rosa Nguyễn", "Hieu Tran",
                                                               "Rosa Nguyễn"]  # newest first
    assert sum(page.exchange_counts.values()) == 3
    assert [x.text for x in page.exchanges] == ["Keep our logo off the flyer", "Speak at the hearing",
                                                "Host a house meeting"]  # newest first

    people = peek.plan(path, "SELECT m.contact_id FROM meeting m INDEXED BY meeting_campaign_people "
                         "WHERE m.campaign_id = 1 AND m.status = 'held'")
    words = peek.plan(path, "SELECT direction, made_by, status, count(*) FROM exchange INDEXED BY exchange_campaign_words "
                        "WHERE campaign_id = 1 GROUP BY direction, made_by, status")
    newest = peek.plan(path, "SELECT x.text FROM exchange x INDEXED BY exchange_campaign_newest WHERE x.campaign_id = 1 "
                         "ORDER BY x.id DESC LIMIT 12")
    assert "COVERING INDEX meeting_campaign_people" in people, people
    assert "COVERING INDEX exchange_campaign_words" in words and "TEMP B-TREE" not in words, words
    assert "TEMP B-TREE" not in newest, newest  # walked newest first, not sorted

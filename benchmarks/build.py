"""Builds the benchmark book: a large organizing shop, in the organizers' own vocabulary.

Inserts go through the real schema (its triggers keep the search index), in one transaction per table.
"""
from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from rich.progress import Progress

FIRST = ["Rosa", "José", "María", "Hieu", "Linh", "Denise", "Amara", "Marcus", "Teresa", "Ahmed", "Fatima",
         "Chloé", "Zoë", "Björn", "Nguyệt", "Sofía", "Andrés", "Kwame", "Aisha", "Grace", "Luis", "Mei", "Olu",
         "Priya", "Tomás", "Yusuf", "Ingrid", "Dmitri", "Ana", "Joon", "Emeka", "Lucía", "Hana", "Raúl"]
LAST = ["Nguyễn", "Martínez", "Tran", "Okafor", "Singh", "Hill", "Alvarez", "Park", "Brooks", "Hernández",
        "García", "Lê", "Phạm", "O'Brien", "Müller", "Kowalski", "Adeyemi", "Haddad", "Chen", "Ramírez",
        "Johnson", "Williams", "Núñez", "Đặng", "Søren", "Ibáñez", "Costa", "Yilmaz", "Mensah", "Rossi"]
ORGS = ["Tenants Union", "AME Church", "Neighborhood Association", "Community Health Center", "Food Bank",
        "Parents Council", "Workers Center", "Mosque", "Youth League", "Legal Aid", "Library Friends"]
PLACES = ["Eastside", "Westlake", "Riverside", "Maple Court", "Lincoln Heights", "Northgate", "Old Town"]
WORDS = ("rent increase eviction notice landlord repairs mold heat tenants building meeting kids school "
         "childcare wages overtime shift hospital clinic bus route council hearing testimony petition "
         "neighbors church deacon board congregation union dues organizing committee leader story family "
         "worried angry hopeful lease deposit code enforcement inspection retaliation community garden "
         "library hours translation Vietnamese Spanish flyer house meeting phone bank canvass turnout "
         "endorsement budget vote ordinance housing health asthma medicine grocery corner market").split()
TAGS = ["housing", "faith", "labor", "health", "youth", "small business", "connector", "Building A",
        "Building B", "Spanish", "Vietnamese", "coalition", "decision-maker"]
STANCES = ["opposition", "neutral", "unknown", "potential_ally", "ally"]
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
PROBE_NAME = "Rosa Benchmark-Nguyễn"  # one unique contact `relmeet show` looks up


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


# What the builder writes, by the schema step it writes for: raise it when the builder adds data (not for a step
# that only adds indexes), so that cached books are built again.
CONTENT_VERSION = 8


def build(path: Path, contacts: int, meetings: int, items: int) -> None:
    from relmeet.store import Book

    rng = random.Random(7)
    Book(path).close()  # creates the file at the current schema; the rows go in directly, in bulk
    conn = sqlite3.connect(path, isolation_level=None)
    with closing(conn), Progress(transient=False) as progress:
        now = _iso(NOW)
        orgs = max(1, contacts // 20)
        task = progress.add_task("contacts", total=contacts)
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO campaign (name, goal, created_at, updated_at) VALUES (?, ?, ?, ?)",
                         [(f"Campaign {i}: {rng.choice(WORDS)} {rng.choice(WORDS)}", _text(rng, 8, 15), now, now)
                          for i in range(1, 9)])
        rows = []
        for i in range(1, contacts + 1):
            if i <= orgs:
                rows.append((i, "organization", f"{rng.choice(PLACES)} {rng.choice(ORGS)} {i}", None, "", "organization",
                             0, 0, rng.choice(STANCES), rng.randint(1, 5), _text(rng, 3, 8), now, now))
            else:
                name = PROBE_NAME if i == orgs + 1 else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                rows.append((i, "person", name, rng.randint(1, orgs) if rng.random() < 0.6 else None,
                             rng.choice(["captain", "member", "pastor", "nurse", "teacher", "owner", ""]),
                             rng.choice(["impacted", "leader"]), int(rng.random() < 0.1), int(rng.random() < 0.03),
                             rng.choice(STANCES), rng.randint(1, 5), _text(rng, 0, 12), now, now))
            if len(rows) == 2000 or i == contacts:
                conn.executemany(
                    "INSERT INTO contact (id, kind, name, organization_id, role, level, is_leader, is_gatekeeper, "
                    "stance, influence, their_language, created_at, updated_at) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
                progress.advance(task, len(rows))
                rows = []
        conn.executemany("INSERT OR IGNORE INTO contact_tag VALUES (?, ?)",
                         [(rng.randint(1, contacts), rng.choice(TAGS)) for _ in range(contacts)])
        conn.executemany("INSERT OR IGNORE INTO campaign_contact VALUES (?, ?, ?, ?)",
                         [(rng.randint(1, 8), rng.randint(1, contacts), rng.choice(STANCES), rng.randint(1, 5))
                          for _ in range(contacts // 2)])
        _stories(conn, rng, orgs, contacts)
        conn.execute("COMMIT")

        task = progress.add_task("meetings", total=meetings)
        conn.execute("BEGIN IMMEDIATE")
        rows = []
        meeting_of: list[tuple[int, int | None]] = [(0, None)]  # meeting id -> (contact, campaign)
        for i in range(1, meetings + 1):
            at = _iso(NOW - timedelta(days=rng.randint(0, 900), hours=rng.randint(0, 12)))
            held = rng.random() < 0.95
            meeting_of.append((rng.randint(orgs + 1, contacts), rng.randint(1, 8) if rng.random() < 0.7 else None))
            rows.append((i, *meeting_of[i],
                         rng.choice(["recruitment", "maintenance", "escalation"]), "held" if held else "planned", at,
                         at if held else None, _text(rng, 4, 10), _text(rng, 80, 200) if held else "",
                         _text(rng, 10, 25) if held else "", now, now))
            if len(rows) == 2000 or i == meetings:
                conn.executemany(
                    "INSERT INTO meeting (id, contact_id, campaign_id, type, status, scheduled_at, started_at, purpose, "
                    "notes, summary, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
                progress.advance(task, len(rows))
                rows = []
        _house_meetings(conn, rng, orgs, contacts, meetings, meeting_of, now)
        conn.execute("COMMIT")

        task = progress.add_task("captured items", total=items)
        kinds = ["self_interest", "value", "story", "concern", "resource"]
        today = date(2026, 11, 20)
        for start in range(0, items, 10000):
            count = min(10000, items - start)
            conn.execute("BEGIN IMMEDIATE")
            interests, exchanges, commitments = [], [], []
            for _ in range(count):
                meeting = rng.randint(1, meetings)
                contact, campaign = meeting_of[meeting]  # what was learned or agreed at that meeting
                roll = rng.random()
                if roll < 0.3:
                    interests.append((contact, meeting, rng.choice(kinds), _text(rng, 5, 14), now))
                elif roll < 0.65:
                    exchanges.append((contact, meeting, campaign, rng.choice(["ask", "offer"]),
                                      rng.choice(["time", "money", "action", "endorsement", "introduction"]),
                                      _text(rng, 4, 10), rng.choice(["made", "agreed", "declined", "thinking"]),
                                      now, now))
                else:
                    due = today + timedelta(days=rng.randint(-60, 60))
                    commitments.append((contact, meeting, campaign, rng.choice(["mine", "theirs"]), _text(rng, 4, 10),
                                        due.isoformat(), "open" if rng.random() < 0.3 else "done", now, now))
            conn.executemany("INSERT INTO interest (contact_id, meeting_id, kind, text, created_at) "
                             "VALUES (?, ?, ?, ?, ?)", interests)
            conn.executemany("INSERT INTO exchange (contact_id, meeting_id, campaign_id, direction, kind, text, status, "
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", exchanges)
            conn.executemany("INSERT INTO commitment (contact_id, meeting_id, campaign_id, owner, text, due_on, status, "
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", commitments)
            conn.execute("COMMIT")
            progress.advance(task, count)
        conn.execute("BEGIN IMMEDIATE")
        pairs = {(rng.randint(orgs + 1, contacts), rng.randint(orgs + 1, contacts)) for _ in range(contacts // 4)}
        conn.executemany("INSERT INTO referral (from_contact_id, to_contact_id, created_at) VALUES (?, ?, ?)",
                         [(a, b, now) for a, b in pairs if a != b])
        conn.executemany("INSERT INTO win (campaign_id, text, won_on, created_at) VALUES (?, ?, ?, ?)",
                         [(rng.randint(1, 8), _text(rng, 5, 10), today.isoformat(), now) for _ in range(400)])
        conn.execute("COMMIT")
        conn.execute("PRAGMA optimize")
        conn.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _stories(conn: sqlite3.Connection, rng: random.Random, orgs: int, contacts: int) -> None:
    """About three dated changes of stance or influence per contact (schema 8's story), overall and on the
    campaigns, ending at the values the contacts hold; the first entries the triggers wrote make way."""
    conn.execute("DELETE FROM standing_change WHERE field IN ('stance', 'influence')")
    rows: list[tuple] = []
    added: list[tuple[str, int]] = []
    places = [(None, r[0], r[1], r[2]) for r in conn.execute("SELECT id, stance, influence FROM contact")]
    places += [(r[0], r[1], r[2], r[3]) for r in conn.execute(
        "SELECT campaign_id, contact_id, stance, influence FROM campaign_contact")]
    for campaign, contact, stance, influence in places:
        days = sorted(rng.sample(range(1, 900), 4), reverse=True)  # the first entry, then three changes
        path = {"stance": [stance], "influence": [str(influence)]}
        fields = [rng.choice(("stance", "influence")) for _ in range(3)]
        for field in reversed(fields):  # walk back from today's values
            values = STANCES if field == "stance" else ["1", "2", "3", "4", "5"]
            path[field].insert(0, rng.choice([v for v in values if v != path[field][0]]))
        start = (NOW - timedelta(days=days[0])).date().isoformat()
        rows += [(contact, campaign, field, None, path[field][0], start, "", "", _iso(NOW)) for field in path]
        if campaign is None:  # in the book since their story began, so a past map holds them
            added.append((_iso(NOW - timedelta(days=days[0])), contact))
        at = {"stance": 0, "influence": 0}
        for field, day in zip(fields, days[1:]):
            old, new = path[field][at[field]], path[field][at[field] + 1]
            at[field] += 1
            rows.append((contact, campaign, field, old, new, (NOW - timedelta(days=day)).date().isoformat(), "",
                         rng.choice(["", "", "agreed to host a house meeting", "came to the hearing", "went quiet"]),
                         _iso(NOW)))
        if len(rows) > 20000:
            _insert_story(conn, rows)
            rows = []
    _insert_story(conn, rows)
    conn.executemany("UPDATE contact SET created_at = ? WHERE id = ?", added)


def _insert_story(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    conn.executemany("INSERT INTO standing_change (contact_id, campaign_id, field, old_value, new_value, changed_on, "
                     "changed_by, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _house_meetings(conn: sqlite3.Connection, rng: random.Random, orgs: int, contacts: int, meetings: int,
                    meeting_of: list, now: str) -> None:
    """A tenth of the meetings are house meetings: 2 to 10 people (the triggers made each meeting's own)."""
    rows = []
    for meeting in rng.sample(range(1, meetings + 1), meetings // 10):
        others = {rng.randint(orgs + 1, contacts) for _ in range(rng.randint(1, 9))} - {meeting_of[meeting][0]}
        rows += [(meeting, contact, "participant", position, now) for position, contact in enumerate(others, 1)]
    conn.executemany("INSERT INTO meeting_participant (meeting_id, contact_id, role, position, added_at) "
                     "VALUES (?, ?, ?, ?, ?)", rows)

"""Campaigns: the goals being organized for, who is in each, and where each of them stands."""
from __future__ import annotations

from datetime import date

from relmeet.domain import CampaignScope, CampaignStatus, Level, Stance, from_iso, to_iso, utcnow
from relmeet.domain.campaigns import AskOutcome, CampaignDetail, CampaignIn, CampaignRow, Member
from relmeet.domain.meetings import exchange_words
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.merging import FieldConflict, merge_fields
from relmeet.domain.text import clean_text
from relmeet.store.book import Book

SHOWN = 12  # items of each kind on a campaign's page; the counts cover the rest


def validate(data: CampaignIn) -> dict[str, str]:
    errors = {}
    if not clean_text(data.name).strip():  # what the book would keep
        errors["name"] = "A campaign needs a name."
    if data.scope not in {s.value for s in CampaignScope}:
        errors["scope"] = "Broad or narrow."
    if data.status not in {s.value for s in CampaignStatus}:
        errors["status"] = "Active, won or closed."
    return errors


def save(book: Book, data: CampaignIn, campaign_id: int | None = None, *, expected: CampaignIn | None = None) -> int:
    """Add or edit a campaign. With `expected` (the campaign as the form loaded it), another copy's change
    to a field this form left alone is kept, and a field both changed raises FieldConflict, writing nothing."""
    errors = validate(data)
    if errors:
        raise ValidationError(errors)
    now = to_iso(utcnow())
    mine = _values(data)
    with book._write() as conn:
        if campaign_id is None:
            return conn.execute("INSERT INTO campaign (name, goal, scope, status, created_at, updated_at) "
                                "VALUES (?, ?, ?, ?, ?, ?)", (*mine.values(), now, now)).lastrowid
        row = conn.execute("SELECT name, goal, scope, status FROM campaign WHERE id = ?", (campaign_id,)).fetchone()
        if row is None:
            raise RelmeetError(f"campaign {campaign_id} is no longer in the book")
        values = mine
        if expected is not None:
            current = CampaignIn(*row)
            values, conflicts, _taken = merge_fields(_values(expected), mine, _values(current))
            if conflicts:
                raise FieldConflict(conflicts, current)
        conn.execute("UPDATE campaign SET name = ?, goal = ?, scope = ?, status = ?, updated_at = ? WHERE id = ?",
                     (*values.values(), now, campaign_id))
    return campaign_id


def _values(data: CampaignIn) -> dict:
    return {"name": data.name.strip(), "goal": data.goal.strip(), "scope": data.scope, "status": data.status}


def list_campaigns(book: Book, *, active_only: bool = False) -> list[CampaignRow]:
    return _campaign_rows(book, "WHERE g.status = 'active'" if active_only else "")


def get(book: Book, campaign_id: int) -> CampaignRow | None:
    found = _campaign_rows(book, "WHERE g.id = ?", (campaign_id,))
    return found[0] if found else None


def _campaign_rows(book: Book, where: str, params: tuple = ()) -> list[CampaignRow]:
    """Campaigns with their counts of people met (mapped, or met under it), held meetings and wins; the
    counts read every held meeting of each campaign listed (~3 ms a campaign on the benchmark book)."""
    rows = book._rows(f"""
        SELECT g.id, g.name, g.goal, g.scope, g.status,
               (SELECT count(*) FROM (SELECT cc.contact_id FROM campaign_contact cc WHERE cc.campaign_id = g.id
                  UNION SELECT m.contact_id FROM meeting m INDEXED BY meeting_campaign_people
                        WHERE m.campaign_id = g.id AND m.status = 'held'))
                 AS contacts,
               (SELECT count(*) FROM meeting m INDEXED BY meeting_campaign_people
                 WHERE m.campaign_id = g.id AND m.status = 'held') AS meetings,
               (SELECT count(*) FROM win w WHERE w.campaign_id = g.id) AS wins
        FROM campaign g {where} ORDER BY g.status = 'active' DESC, g.name COLLATE NOCASE""", params)
    return [CampaignRow(**dict(r)) for r in rows]


_MEMBER_COLUMNS = ("c.id, c.name, c.kind, c.level, {stance} AS stance, {influence} AS influence, c.is_leader, "
                   "c.is_gatekeeper, coalesce(o.name, '') AS organization")


def members(book: Book, campaign_id: int | None) -> list[Member]:
    """A campaign's contacts with their stance and influence in it; None means every active contact with
    their overall stance and influence."""
    if campaign_id is None:
        sql = (f"SELECT {_MEMBER_COLUMNS.format(stance='c.stance', influence='c.influence')} FROM contact c "
               "LEFT JOIN contact o ON o.id = c.organization_id WHERE c.archived_at IS NULL "
               "ORDER BY c.influence DESC, c.name COLLATE NOCASE")
        rows = book._rows(sql)
    else:
        sql = (f"SELECT {_MEMBER_COLUMNS.format(stance='cc.stance', influence='cc.influence')} "
               "FROM campaign_contact cc JOIN contact c ON c.id = cc.contact_id "
               "LEFT JOIN contact o ON o.id = c.organization_id WHERE cc.campaign_id = ? AND c.archived_at IS NULL "
               "ORDER BY cc.influence DESC, c.name COLLATE NOCASE")
        rows = book._rows(sql, (campaign_id,))
    return [_member(r) for r in rows]


def _member(r) -> Member:
    return Member(r["id"], r["name"], r["kind"], r["level"], r["stance"], r["influence"], bool(r["is_leader"]),
                  bool(r["is_gatekeeper"]), r["organization"])


def members_at_level(book: Book, level: str, offset: int, limit: int) -> list[Member]:
    """A page of the active contacts at one of seed 002's levels: leaders, then gatekeepers, then by name."""
    rows = book._rows(
        f"SELECT {_MEMBER_COLUMNS.format(stance='c.stance', influence='c.influence')} FROM contact c "
        "LEFT JOIN contact o ON o.id = c.organization_id WHERE c.archived_at IS NULL AND c.level = ? "
        "ORDER BY c.is_leader DESC, c.is_gatekeeper DESC, c.name COLLATE NOCASE LIMIT ? OFFSET ?",
        (level, limit, offset))
    return [_member(r) for r in rows]


def set_position(book: Book, campaign_id: int | None, contact_id: int, *, stance: str, influence: int,
                 reason: str = "", meeting_id: int | None = None) -> None:
    """Place a contact on a campaign's map (adding them to it), or their overall place when campaign is None;
    a change goes into their story with the reason and meeting given (store/standing.py)."""
    from relmeet.store.standing import annotate, mark

    if stance not in {s.value for s in Stance}:
        raise ValidationError({"stance": "Choose a stance from opposition to ally."})
    if not 1 <= influence <= 5:
        raise ValidationError({"influence": "Influence is from 1 to 5."})
    with book._write() as conn:
        since = mark(conn)
        if campaign_id is None:
            changed = conn.execute("UPDATE contact SET stance = ?, influence = ?, updated_at = ? WHERE id = ?",
                                   (stance, influence, to_iso(utcnow()), contact_id)).rowcount
            if not changed:
                raise RelmeetError(f"contact {contact_id} is no longer in the book")
        else:
            conn.execute("INSERT INTO campaign_contact (campaign_id, contact_id, stance, influence) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT(campaign_id, contact_id) DO UPDATE SET stance = excluded.stance, "
                         "influence = excluded.influence", (campaign_id, contact_id, stance, influence))
        annotate(conn, since, reason=reason, meeting_id=meeting_id)


def missing(book: Book, campaign_id: int, people: list[Member] | None = None, *, leaders_met: bool = False) -> list[str]:
    """Who's missing from the table (seed 001): empty levels and stances, organizations with nobody to call."""
    people = members(book, campaign_id) if people is None else people
    gaps = []
    levels = {m.level for m in people}
    for level in Level:
        if level not in levels:
            gaps.append(f"Nobody at the level “{level.label}”")
    stances = {m.stance for m in people}
    for stance in (Stance.ally, Stance.potential_ally, Stance.opposition):
        if stance not in stances:
            gaps.append(f"No {stance.label.lower()} mapped" if stance != Stance.opposition else
                        "No opposition mapped — who is against this, and who do they listen to?")
    for r in book._rows(
            "SELECT o.name FROM campaign_contact cc JOIN contact o ON o.id = cc.contact_id "
            "WHERE cc.campaign_id = ? AND o.kind = 'organization' AND o.archived_at IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM contact p WHERE p.organization_id = o.id AND p.archived_at IS NULL) "
            "ORDER BY o.name COLLATE NOCASE", (campaign_id,)):
        gaps.append(f"No contact person at {r[0]}")
    if not leaders_met and not any(m.is_leader for m in people):
        gaps.append("No leader identified yet")
    return gaps


def detail(book: Book, campaign_id: int) -> CampaignDetail | None:
    campaign = get(book, campaign_id)
    if campaign is None:
        return None
    people = members(book, campaign_id)
    found = CampaignDetail(campaign=campaign, members=people)
    held = ("SELECT contact_id, count(*) AS held FROM meeting INDEXED BY meeting_campaign_people "
            "WHERE campaign_id = ? AND status = 'held' GROUP BY contact_id")
    found.met = [(r[0], r[1], r[2], bool(r[3])) for r in book._rows(
        f"SELECT c.id, c.name, t.held, c.is_leader FROM ({held}) t JOIN contact c ON c.id = t.contact_id "
        "ORDER BY t.held DESC, c.name COLLATE NOCASE LIMIT ?", (campaign_id, SHOWN))]
    found.met_count = book._value(f"SELECT count(*) FROM ({held})", (campaign_id,))
    # a big campaign has hundreds of leaders: the page names the first few and counts the rest
    leaders = {m.id: m.name for m in people if m.is_leader}
    for r in book._rows(f"SELECT c.id, c.name FROM ({held}) t JOIN contact c ON c.id = t.contact_id WHERE c.is_leader",
                        (campaign_id,)):
        leaders[r[0]] = r[1]
    found.leader_count = len(leaders)
    found.leaders = sorted(leaders.values(), key=str.casefold)[:SHOWN]
    found.missing = missing(book, campaign_id, people, leaders_met=bool(leaders))
    found.meetings = [(from_iso(r[0]).astimezone().strftime("%-d %b") if r[0] else "", r[1], r[2]) for r in book._rows(
        "SELECT coalesce(m.started_at, m.scheduled_at), c.name, m.status FROM meeting m INDEXED BY meeting_campaign_newest "
        "JOIN contact c "
        "ON c.id = m.contact_id WHERE m.campaign_id = ? ORDER BY coalesce(m.started_at, m.scheduled_at) DESC "
        "LIMIT ?", (campaign_id, SHOWN))]
    found.exchange_counts = {(exchange_words(r[0], r[1]), r[2]): r[3] for r in book._rows(
        "SELECT direction, made_by, status, count(*) FROM exchange INDEXED BY exchange_campaign_words WHERE campaign_id = ? "
        "GROUP BY direction, made_by, status", (campaign_id,))}
    found.exchanges = [AskOutcome(*r) for r in book._rows(
        "SELECT c.name, x.direction, x.kind, x.text, x.status, x.made_by FROM exchange x INDEXED BY exchange_campaign_newest "
        "JOIN contact c ON c.id = x.contact_id WHERE x.campaign_id = ? ORDER BY x.id DESC LIMIT ?",
        (campaign_id, SHOWN))]
    found.open_count = book._value("SELECT count(*) FROM commitment WHERE campaign_id = ? AND status = 'open'",
                                  (campaign_id,))
    rows = book._rows(  # soonest due first, then those with no date (the index gives the dated ones in order)
        "SELECT k.owner, c.name, k.text, k.due_on FROM commitment k JOIN contact c ON c.id = k.contact_id "
        "WHERE k.campaign_id = ? AND k.status = 'open' AND k.due_on IS NOT NULL ORDER BY k.due_on LIMIT ?",
        (campaign_id, SHOWN))
    if len(rows) < SHOWN:
        rows += book._rows(
            "SELECT k.owner, c.name, k.text, k.due_on FROM commitment k JOIN contact c ON c.id = k.contact_id "
            "WHERE k.campaign_id = ? AND k.status = 'open' AND k.due_on IS NULL ORDER BY k.id LIMIT ?",
            (campaign_id, SHOWN - len(rows)))
    found.open_commitments = [(r[0], r[1], r[2], date.fromisoformat(r[3]) if r[3] else None) for r in rows]
    found.wins = wins(book, campaign_id, SHOWN)
    return found


def wins(book: Book, campaign_id: int | None, limit: int = 500) -> list[tuple[date, str]]:
    """The wins noted at follow-up, newest first; None lists those tied to no campaign."""
    rows = book._rows("SELECT won_on, text FROM win WHERE campaign_id IS ? ORDER BY won_on DESC, id DESC LIMIT ?",
                     (campaign_id, limit))
    return [(date.fromisoformat(r[0]), r[1]) for r in rows]


def wins_by_campaign(book: Book) -> list[tuple[str | None, list[tuple[date, str]]]]:
    """The wins noted at follow-up, newest first (at most 500 each), grouped by campaign in the campaigns
    list's order (active first, then by name); those tied to no campaign come last, named None.

    One query: the wins view needs only the campaigns' names, not the list's counts of people met."""
    rows = book._rows("""
        SELECT w.campaign_id, g.name, w.won_on, w.text FROM (
            SELECT campaign_id, won_on, text, id,
                   row_number() OVER (PARTITION BY campaign_id ORDER BY won_on DESC, id DESC) AS place
            FROM win) w
        LEFT JOIN campaign g ON g.id = w.campaign_id
        WHERE w.place <= 500
        ORDER BY g.id IS NULL, g.status = 'active' DESC, g.name COLLATE NOCASE, g.id, w.won_on DESC, w.id DESC""")
    groups: dict[int | None, tuple[str | None, list[tuple[date, str]]]] = {}
    for campaign_id, name, won_on, text in rows:  # two campaigns may share a name: grouped by id
        groups.setdefault(campaign_id, (name, []))[1].append((date.fromisoformat(won_on), text))
    return list(groups.values())

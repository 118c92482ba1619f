"""A campaign page's movement: who moved on its map this month (the story's changes, schema 8) and who went
cold (on its map or met under it, met before, not within the tend-after days, stalest first), a dozen of each."""
from __future__ import annotations

import json
from datetime import date, timedelta

from relmeet.domain import from_iso, today
from relmeet.domain.movement import CampaignMovement, ColdLine, MovedLine
from relmeet.store.book import Book
from relmeet.store.health import tend_after_days

SHOWN = 12


def campaign_movement(book: Book, campaign_id: int, *, limit: int = SHOWN) -> CampaignMovement:
    on = today()
    days = tend_after_days(book)
    found = CampaignMovement(since=on.replace(day=1), cold_after_days=days)
    found.moved, found.moved_more = _moved(book, campaign_id, found.since, limit)
    found.cold, found.cold_more = _cold(book, campaign_id, on - timedelta(days=days), limit)
    return found


def _moved(book: Book, campaign_id: int, since: date, limit: int) -> tuple[list[MovedLine], int]:
    # oldest first: the first change of a field in the window holds where they stood before it, the last where now.
    # A first entry (no old value: where an upgraded book found them) is not a move.
    rows = book._rows(
        "SELECT s.contact_id, c.name, s.field, s.old_value, s.new_value, s.changed_on, s.reason "
        "FROM standing_change s INDEXED BY standing_change_campaign JOIN contact c ON c.id = s.contact_id "
        "WHERE s.campaign_id = ? AND s.changed_on >= ? AND s.field IN ('stance', 'influence') "
        "AND s.old_value IS NOT NULL AND c.archived_at IS NULL ORDER BY s.changed_on, s.id",
        (campaign_id, since.isoformat()))
    people: dict[int, dict] = {}
    for contact_id, name, field, old, new, changed_on, reason in rows:
        person = people.setdefault(contact_id, {"name": name})
        then, _now = person.get(field, (old, new))
        person[field] = (then, new)
        # the day and reason said are the latest change's, or the latest reason given in the window
        if reason or "reason" not in person or not person["reason"]:
            person["on"], person["reason"] = changed_on, reason
        else:
            person["on"] = changed_on
    lines = []
    for contact_id, p in people.items():
        stance = p.get("stance")
        influence = p.get("influence")
        stance = stance if stance and stance[0] != stance[1] else (None, None)
        influence = influence if influence and influence[0] != influence[1] else (None, None)
        if stance == (None, None) and influence == (None, None):
            continue  # moved and came back within the month
        lines.append(MovedLine(contact_id, p["name"], stance[0], stance[1],
                               _int(influence[0]), _int(influence[1]), date.fromisoformat(p["on"][:10]),
                               p["reason"]))
    lines.sort(key=lambda m: (-m.on.toordinal(), m.name.casefold()))
    return lines[:limit], max(0, len(lines) - limit)


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


GUEST_PAGE = 200  # candidates whose meetings as a guest are read at once


def _cold(book: Book, campaign_id: int, cutoff: date, limit: int) -> tuple[list[ColdLine], int]:
    """Stalest first. Last met is the latest held meeting that was theirs or one they came to as a guest (a
    house meeting). Asking both of everyone on a big campaign took 0.35 s on the benchmark book (the guest
    meetings most of it), so: their own meetings for all (schema 9's index); who came as a guest to a meeting
    held since the cutoff (few meetings, read from the same index) is warm; and the guest meetings of the
    stalest are read a page at a time until no later one can come before those found (as health.tend_these)."""
    day = cutoff.isoformat()
    people = book._rows(
        "WITH people(contact_id) AS ("
        " SELECT contact_id FROM campaign_contact WHERE campaign_id = :c"
        " UNION SELECT contact_id FROM meeting INDEXED BY meeting_campaign_people WHERE campaign_id = :c AND status = 'held'"
        " UNION SELECT p.contact_id FROM meeting m INDEXED BY meeting_campaign_people"
        "  JOIN meeting_participant p ON p.meeting_id = m.id"
        "  WHERE m.campaign_id = :c AND m.status = 'held' AND p.role = 'participant') "
        "SELECT c.id, c.name, (SELECT max(coalesce(m.started_at, m.scheduled_at)) FROM meeting m"
        "  INDEXED BY meeting_held_by_contact WHERE m.contact_id = c.id AND m.status = 'held') AS own "
        "FROM people JOIN contact c ON c.id = people.contact_id WHERE c.archived_at IS NULL",
        {"c": campaign_id})
    warm_guests = {r[0] for r in book._rows(
        "SELECT p.contact_id FROM meeting m INDEXED BY meeting_held_by_contact JOIN meeting_participant p "
        "ON p.meeting_id = m.id WHERE m.status = 'held' AND substr(coalesce(m.started_at, m.scheduled_at), 1, 10) >= ? "
        "AND p.role = 'participant'", (day,))}
    cold = [r for r in people if r[0] not in warm_guests and (r[2] is None or r[2][:10] < day)]
    # never met as their own meeting's contact: cold only if they came to one as a guest (before the cutoff)
    guests = _guest_last(book, [r[0] for r in cold if r[2] is None])
    cold = [(r[0], r[1], r[2] or guests[r[0]]) for r in cold if r[2] is not None or r[0] in guests]
    cold.sort(key=lambda r: r[2])
    found: list[tuple[int, str, str]] = []
    for start in range(0, len(cold), GUEST_PAGE):
        page = cold[start:start + GUEST_PAGE]
        later = _guest_last(book, [r[0] for r in page])
        found += [(r[0], r[1], max(r[2], later.get(r[0], ""))) for r in page]
        following = cold[start + GUEST_PAGE][2] if start + GUEST_PAGE < len(cold) else None
        if following is not None and sum(1 for f in found if f[2] <= following) >= limit:
            break
    found.sort(key=lambda f: (f[2], f[1].casefold()))
    return [ColdLine(r[0], r[1], _day(r[2])) for r in found[:limit]], max(0, len(cold) - limit)


def _guest_last(book: Book, contact_ids: list[int]) -> dict[int, str]:
    """When each came last to a held meeting as a guest (those who never did are left out)."""
    found: dict[int, str] = {}
    for start in range(0, len(contact_ids), 500):
        found.update(book._rows(
            "SELECT g.contact_id, max(coalesce(m.started_at, m.scheduled_at)) FROM meeting_participant g "
            "INDEXED BY meeting_participant_guest JOIN meeting m ON m.id = g.meeting_id "
            "WHERE g.contact_id IN (SELECT value FROM json_each(?)) AND g.role = 'participant' AND m.status = 'held' "
            "GROUP BY g.contact_id", (json.dumps(contact_ids[start:start + 500]),)))
    return found


def _day(text: str) -> date:
    """The local day of a meeting's time (a date alone stays that date)."""
    return from_iso(text).astimezone().date() if "T" in text else date.fromisoformat(text[:10])


def position(book: Book, campaign_id: int | None, contact_id: int) -> tuple[str, int] | None:
    """Where someone stands now (stance, influence): on a campaign's map, or overall (campaign None). None: not
    on that map yet (or no longer in the book)."""
    if campaign_id is None:
        row = book._row("SELECT stance, influence FROM contact WHERE id = ?", (contact_id,))
    else:
        row = book._row("SELECT stance, influence FROM campaign_contact WHERE campaign_id = ? AND contact_id = ?",
                        (campaign_id, contact_id))
    return (row[0], int(row[1])) if row is not None else None

"""Movement: the dated story of where someone stands, and the power map as it was on a date.

The book's triggers (schema 8) write a `standing_change` row whenever stance, influence, rung or a flag
actually changes, in the writer's transaction. A store write that knows why (a reason typed in the form,
the meeting it came from) takes `mark(conn)` before its UPDATE and `annotate(conn, mark, ...)` after it:
the rows its write made get the reason, the meeting and the organizer's own date (`today()`, which
RELMEET_TODAY pins; the trigger can only read the system clock).
"""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime, timedelta

from relmeet.domain import Rung, Stance, to_iso, today
from relmeet.domain.campaigns import INFLUENCES, STANCES, Member
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.standing import FIELDS, ORGANIZER_SETTING, Moved, StandingChange, Story
from relmeet.store.book import Book

_COLUMNS = {"stance": "stance", "influence": "influence", "rung": "rung", "leader": "is_leader",
            "gatekeeper": "is_gatekeeper"}


def mark(conn: sqlite3.Connection) -> int:
    """Where the story stands before a write: the newest entry's id."""
    return conn.execute("SELECT coalesce(max(id), 0) FROM standing_change").fetchone()[0]


def annotate(conn: sqlite3.Connection, since: int, *, reason: str = "", meeting_id: int | None = None,
             on: date | None = None) -> int:
    """Give the entries written after `since` (by this transaction) the reason, the meeting and their day
    (today unless said: a follow-up written the day after). Returns how many there were."""
    return conn.execute(
        "UPDATE standing_change SET reason = ?, meeting_id = ?, changed_on = ? WHERE id > ?",
        (reason.strip(), meeting_id, (on or today()).isoformat(), since)).rowcount


def change(book: Book, contact_id: int, field: str, value: str | int | bool, *, campaign_id: int | None = None,
           reason: str = "", meeting_id: int | None = None, on: date | None = None) -> bool:
    """Set one field of where someone stands, with why and the meeting it came from ("Rosa agreed to speak:
    move her to Ally"). Returns False when it already had that value (nothing is written)."""
    text = _checked(field, value, campaign_id)
    with book._write() as conn:
        since = mark(conn)
        if campaign_id is None:
            found = conn.execute(f"UPDATE contact SET {_COLUMNS[field]} = ?, updated_at = ? WHERE id = ?",
                                 (int(text) if field != "stance" and field != "rung" else text,
                                  _now(), contact_id)).rowcount
            if not found:
                raise RelmeetError(f"contact {contact_id} is no longer in the book")
        else:
            conn.execute(f"INSERT INTO campaign_contact (campaign_id, contact_id, {field}) VALUES (?, ?, ?) "
                         f"ON CONFLICT(campaign_id, contact_id) DO UPDATE SET {field} = excluded.{field}",
                         (campaign_id, contact_id, int(text) if field == "influence" else text))
        return annotate(conn, since, reason=reason, meeting_id=meeting_id, on=on) > 0


def _checked(field: str, value: str | int | bool, campaign_id: int | None) -> str:
    if field not in FIELDS or (campaign_id is not None and field not in ("stance", "influence")):
        raise RelmeetError(f"{field!r} is not something a story keeps" +
                           (" per campaign" if campaign_id is not None else ""))
    text = str(int(value)) if isinstance(value, bool) else str(value).strip()
    allowed = {"stance": {s.value for s in Stance}, "rung": {r.value for r in Rung},
               "influence": {str(i) for i in INFLUENCES}}.get(field, {"0", "1"})
    if text not in allowed:
        raise ValidationError({field: f"{text!r} is not a {field} relmeet knows."})
    return text


def _now() -> str:
    from relmeet.domain import now_iso
    return now_iso()


def organizer_name(book: Book) -> str:
    from relmeet.store.contacts import get_setting
    return get_setting(book, ORGANIZER_SETTING, "")


def story(book: Book, contact_id: int) -> Story:
    """Every path of one person, overall first, then by campaign; each oldest first."""
    rows = book._rows(
        "SELECT s.id, s.contact_id, s.campaign_id, coalesce(g.name, '') AS campaign, s.field, s.old_value, "
        "s.new_value, s.changed_on, s.meeting_id, date(coalesce(m.started_at, m.scheduled_at), 'localtime') "
        "AS meeting_on, s.changed_by, s.reason FROM standing_change s "
        "LEFT JOIN campaign g ON g.id = s.campaign_id LEFT JOIN meeting m ON m.id = s.meeting_id "
        # a path starts with its first entry, even one dated later (the day the person was added to the book)
        "WHERE s.contact_id = ? ORDER BY s.campaign_id IS NOT NULL, g.name COLLATE NOCASE, s.campaign_id, "
        "s.old_value IS NOT NULL, s.changed_on, s.id", (contact_id,))
    found = Story(contact_id)
    order = {name: i for i, name in enumerate(FIELDS)}
    for r in rows:
        step = StandingChange(r["id"], r["contact_id"], r["campaign_id"], r["campaign"], r["field"], r["old_value"],
                              r["new_value"], date.fromisoformat(r["changed_on"]), r["meeting_id"],
                              date.fromisoformat(r["meeting_on"]) if r["meeting_on"] else None, r["changed_by"],
                              r["reason"])
        found.paths.setdefault((step.campaign, step.field), []).append(step)
    found.paths = dict(sorted(found.paths.items(), key=lambda kv: (kv[0][0] != "", kv[0][0].casefold(),
                                                                   order[kv[0][1]])))
    return found


def map_as_of(book: Book, campaign_id: int | None, on: date
              ) -> tuple[dict[tuple[int, str], list[Member]], list[Moved], int]:
    """The power map as it stood at the end of `on`, who moved on it since, and how many on today's map
    were added to the book since (they are not on that day's map).

    A value on a date is today's, unless it changed after: then it is the old value of the first change
    after the date. People added to the book after the date are not on it; a story that starts after the
    date (an upgraded book's first entries) is the earliest known value."""
    from relmeet.store.campaigns import members

    people = members(book, campaign_id)
    day = on.isoformat()
    # added after the end of that day, the organizer's day (a plain text comparison: no date() per row)
    end = to_iso(datetime.combine(on + timedelta(days=1), datetime.min.time()))
    later = {r[0] for r in book._rows("SELECT id FROM contact WHERE created_at >= ?", (end,))}
    campaign = "campaign_id IS NULL" if campaign_id is None else "campaign_id = ?"
    then: dict[tuple[int, str], str] = {}
    for r in book._rows(
            f"SELECT contact_id, field, old_value, new_value FROM standing_change WHERE {campaign} AND changed_on > ? "
            "AND field IN ('stance', 'influence') ORDER BY changed_on DESC, id DESC",
            ((campaign_id,) if campaign_id is not None else ()) + (day,)):
        # newest first, so the last one written per person and field is the first change after the date
        then[(r[0], r[1])] = r[2] if r[2] is not None else r[3]
    grid: dict[tuple[int, str], list[Member]] = {(i, s): [] for i in INFLUENCES for s in STANCES}
    moved: list[Moved] = []
    changed = {contact for contact, _field in then}
    added = 0
    unsorted = set()  # cells someone moved into: the rest keep the members' order (by name in a cell)
    for m in people:
        if m.id in later:
            added += 1
            continue
        if m.id not in changed:
            grid[(m.influence, m.stance)].append(m)
            continue
        stance = then.get((m.id, "stance"), m.stance)
        influence = int(then.get((m.id, "influence"), m.influence))
        if (influence, stance) not in grid:
            influence, stance = m.influence, m.stance  # a value this relmeet no longer shows: today's place
        if (stance, influence) == (m.stance, m.influence):
            grid[(influence, stance)].append(m)
            continue
        grid[(influence, stance)].append(replace(m, stance=stance, influence=influence))
        unsorted.add((influence, stance))
        moved.append(Moved(m.id, m.name, stance, influence, m.stance, m.influence))
    for cell in unsorted:
        grid[cell].sort(key=lambda m: m.name.casefold())
    return grid, moved, added


def movement(book: Book, campaign_id: int | None, *, days: int = 30) -> tuple[list[Moved], list[Moved]]:
    """For a campaign page: who moved on its map in the last `days` (stance or influence), and of them who
    went cold (their stance moved toward opposition)."""
    _grid, moved, _added = map_as_of(book, campaign_id, today() - timedelta(days=days))
    colder = [m for m in moved if STANCES.index(m.stance_now) < STANCES.index(m.stance_then)]
    return moved, colder

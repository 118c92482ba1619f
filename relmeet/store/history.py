"""A contact's whole history: what the history screen, `relmeet show` and the Markdown export read."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from relmeet.domain import from_iso
from relmeet.store.book import Book
from relmeet.store.prep import Known, what_we_know

MEETING_LIMIT = 200  # an organizer's longest relationships stay well under this; older ones are summarised


@dataclass
class Exchange:
    direction: str
    kind: str
    text: str
    status: str
    on: datetime | None


@dataclass
class MeetingEntry:
    id: int
    at: datetime | None
    status: str
    type: str
    campaign: str
    purpose: str
    notes: str
    summary: str
    next_step: str


@dataclass
class History:
    known: Known
    exchanges: list[Exchange] = field(default_factory=list)
    meetings: list[MeetingEntry] = field(default_factory=list)
    more_meetings: int = 0
    referred: list[str] = field(default_factory=list)
    people: list[tuple[int, str, str]] = field(default_factory=list)   # an organization's (id, name, role)
    check_in_on: date | None = None

    @property
    def asked_of_them(self) -> int:
        return sum(1 for x in self.exchanges if x.direction == "ask" and x.status != "planned")

    @property
    def offered_to_them(self) -> int:
        return sum(1 for x in self.exchanges if x.direction == "offer" and x.status != "planned")


def history(book: Book, contact_id: int) -> History | None:
    known = what_we_know(book, contact_id)
    if known is None:
        return None
    found = History(known=known)
    found.exchanges = [Exchange(r[0], r[1], r[2], r[3], from_iso(r[4])) for r in book.rows(
        "SELECT x.direction, x.kind, x.text, x.status, coalesce(m.started_at, m.scheduled_at, x.created_at) "
        "FROM exchange x LEFT JOIN meeting m ON m.id = x.meeting_id WHERE x.contact_id = ? "
        "ORDER BY x.created_at DESC", (contact_id,))]
    rows = book.rows(
        "SELECT m.id, coalesce(m.started_at, m.scheduled_at) AS at, m.status, m.type, coalesce(g.name, ''), "
        "m.purpose, m.notes, m.summary, m.next_step FROM meeting m LEFT JOIN campaign g ON g.id = m.campaign_id "
        "WHERE m.contact_id = ? AND m.status <> 'cancelled' ORDER BY at IS NULL, at DESC LIMIT ?",
        (contact_id, MEETING_LIMIT + 1))
    found.meetings = [MeetingEntry(r[0], from_iso(r[1]), *r[2:]) for r in rows[:MEETING_LIMIT]]
    if len(rows) > MEETING_LIMIT:
        found.more_meetings = book.value("SELECT count(*) FROM meeting WHERE contact_id = ?", (contact_id,)) \
            - MEETING_LIMIT
    found.referred = [r[0] for r in book.rows(
        "SELECT DISTINCT c.name FROM referral r JOIN contact c ON c.id = r.to_contact_id WHERE r.from_contact_id = ? "
        "ORDER BY c.name", (contact_id,))]
    if known.contact.kind == "organization":
        found.people = [(r[0], r[1], r[2]) for r in book.rows(
            "SELECT id, name, role FROM contact WHERE organization_id = ? AND archived_at IS NULL "
            "ORDER BY name COLLATE NOCASE", (contact_id,))]
    check_in = book.value("SELECT max(check_in_on) FROM meeting WHERE contact_id = ? AND check_in_on >= date('now')",
                          (contact_id,))
    found.check_in_on = date.fromisoformat(check_in) if check_in else None
    return found

"""A contact's whole history: what the history screen and `relmeet show` read, for the organizer's eyes:
private notes and items are in it, flagged, for the page to mark."""
from __future__ import annotations

from datetime import date

from relmeet.domain import from_iso
from relmeet.domain.commitments import CommitmentFilter
from relmeet.domain.meetings import Captured, ExchangeLine, History, MeetingEntry
from relmeet.store.book import Book
from relmeet.store.commitments import check_ins, for_contact
from relmeet.store.prep import what_we_know

def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


MEETING_LIMIT = 200  # an organizer's longest relationships stay well under this; older ones are summarised


def history(book: Book, contact_id: int) -> History | None:
    known = what_we_know(book, contact_id)
    if known is None:
        return None
    found = History(known=known)
    found.exchanges = [
        ExchangeLine(r[0], r[1], r[2], r[3], from_iso(r[4]), bool(r[5]), made_by=r[6], answer=r[7], condition=r[8],
                     decide_by=_day(r[9]), id=r[10], raised_from_id=r[11], answered_on=_day(r[12]))
        for r in book._rows(
            "SELECT x.direction, x.kind, x.text, x.status, coalesce(m.started_at, m.scheduled_at, x.created_at), "
            "x.private, x.made_by, x.answer, x.condition, x.decide_by, x.id, x.raised_from_id, x.answered_on "
            "FROM exchange x LEFT JOIN meeting m ON m.id = x.meeting_id WHERE x.contact_id = ? "
            "ORDER BY x.created_at DESC, x.id DESC", (contact_id,))]
    rows = book._rows(
        "SELECT m.id, coalesce(m.started_at, m.scheduled_at) AS at, m.status, m.type, coalesce(g.name, ''), "
        "m.purpose, m.notes, m.summary, m.next_step, m.notes_private, w.name, "
        "(SELECT count(*) FROM meeting_participant q WHERE q.meeting_id = m.id), m.summary_sent_on "
        "FROM meeting_participant p JOIN meeting m ON m.id = p.meeting_id JOIN contact w ON w.id = m.contact_id "
        "LEFT JOIN campaign g ON g.id = m.campaign_id "
        "WHERE p.contact_id = ? AND m.status <> 'cancelled' ORDER BY at IS NULL, at DESC LIMIT ?",
        (contact_id, MEETING_LIMIT + 1))
    # every meeting they were in: their own, and the house meetings they came to (said as whose it was)
    found.meetings = [MeetingEntry(r[0], from_iso(r[1]), *r[2:9], notes_private=bool(r[9]),
                                   host=r[10] if r[11] > 1 else "", people=r[11], summary_sent_on=_day(r[12]))
                      for r in rows[:MEETING_LIMIT]]
    if len(rows) > MEETING_LIMIT:
        found.more_meetings = book._value("SELECT count(*) FROM meeting_participant WHERE contact_id = ?",
                                          (contact_id,)) - MEETING_LIMIT
    found.referred = [r[0] for r in book._rows(
        "SELECT DISTINCT c.name FROM referral r JOIN contact c ON c.id = r.to_contact_id WHERE r.from_contact_id = ? "
        "ORDER BY c.name", (contact_id,))]
    if known.contact.kind == "organization":
        found.people = [(r[0], r[1], r[2]) for r in book._rows(
            "SELECT id, name, role FROM contact WHERE organization_id = ? AND archived_at IS NULL "
            "ORDER BY name COLLATE NOCASE", (contact_id,))]
    # the check-in to make next, passed ones too (they stay overdue until done); commitments' outcomes
    pending = check_ins(book, CommitmentFilter(contacts=(contact_id,)), limit=1)
    found.check_in_on = pending[0].due_on if pending else None
    if pending and pending[0].snoozed_until and pending[0].snoozed_until > found.check_in_on:
        found.check_in_on = pending[0].snoozed_until  # snoozed: due on that day, not overdue before it
    found.ledger = for_contact(book, contact_id)
    return found


def workable_captures(book: Book, contact_id: int) -> list[Captured]:
    """The interests learned from a contact and the people they referred us to, each with its id, for the
    history's "Work on" list to edit: interests in the page's order (self-interest first, latest first)."""
    found = []
    for r in book._rows("SELECT id, kind, text, responsible, private FROM interest WHERE contact_id = ? "
                        "ORDER BY kind = 'self_interest' DESC, created_at DESC, id DESC", (contact_id,)):
        found.append(Captured("interest", r[0], r[1], r[2], f"blames {r[3]}" if r[3] else "", bool(r[4])))
    for r in book._rows("SELECT r.id, r.note, c.name FROM referral r JOIN contact c ON c.id = r.to_contact_id "
                        "WHERE r.from_contact_id = ? ORDER BY r.created_at, r.id", (contact_id,)):
        found.append(Captured("referral", r[0], "referral", f"talk to {r[2]}", r[1]))
    return found

"""An organization's page: its people, their meetings, asks and offers both ways and open commitments,
rolled up with the organization's own; and which person is its day-to-day contact."""
from __future__ import annotations

from datetime import date

from relmeet.domain import from_iso, now_iso
from relmeet.domain.errors import RelmeetError
from relmeet.domain.organizations import OrganizationPage, OrgCommitment, OrgExchange, OrgMeeting, OrgPerson
from relmeet.domain.text import clean_text
from relmeet.store.book import Book

MEETING_LIMIT = 50  # the page shows the latest ones; the count of the rest is said

# the organization itself and everyone in it (archived people too: their meetings happened)
_MEMBERS = "SELECT ? UNION SELECT id FROM contact WHERE organization_id = ?"


def page(book: Book, org_id: int) -> OrganizationPage | None:
    org = book._row("SELECT c.id, c.name, c.kind, c.neighbourhood, c.role, c.day_to_day_id, c.day_to_day_note, "
                    "d.name AS d_name FROM contact c LEFT JOIN contact d ON d.id = c.day_to_day_id WHERE c.id = ?",
                    (org_id,))
    if org is None or org["kind"] != "organization":
        return None
    found = OrganizationPage(org["id"], org["name"], org["neighbourhood"], org["role"], org["day_to_day_id"],
                             org["d_name"] or "", org["day_to_day_note"])
    found.people = [OrgPerson(r["id"], r["name"], r["role"], r["rung"], bool(r["is_leader"]), r["held"],
                              from_iso(r["last_met"]), r["open"]) for r in book._rows(
        "SELECT c.id, c.name, c.role, c.rung, c.is_leader, "
        " (SELECT count(*) FROM meeting m WHERE m.contact_id = c.id AND m.status = 'held') AS held, "
        " (SELECT max(coalesce(m.started_at, m.scheduled_at)) FROM meeting m WHERE m.contact_id = c.id "
        "   AND m.status = 'held') AS last_met, "
        " (SELECT count(*) FROM commitment k WHERE k.contact_id = c.id AND k.status = 'open') AS open "
        "FROM contact c WHERE c.organization_id = ? AND c.archived_at IS NULL "
        "ORDER BY c.id = ? DESC, c.is_leader DESC, c.name COLLATE NOCASE", (org_id, org["day_to_day_id"] or 0))]
    members = (org_id, org_id)
    rows = book._rows(
        "SELECT coalesce(m.started_at, m.scheduled_at) AS at, c.name, m.purpose, m.status, coalesce(g.name, '') "
        f"FROM meeting m JOIN contact c ON c.id = m.contact_id LEFT JOIN campaign g ON g.id = m.campaign_id "
        f"WHERE m.contact_id IN ({_MEMBERS}) AND m.status <> 'cancelled' "
        "ORDER BY at IS NULL, at DESC, m.id DESC LIMIT ?", (*members, MEETING_LIMIT + 1))
    found.meetings = [OrgMeeting(from_iso(r[0]), r[1], r[2], r[3], r[4]) for r in rows[:MEETING_LIMIT]]
    if len(rows) > MEETING_LIMIT:
        found.more_meetings = book._value(
            f"SELECT count(*) FROM meeting WHERE contact_id IN ({_MEMBERS}) AND status <> 'cancelled'",
            members) - MEETING_LIMIT
    found.exchanges = [OrgExchange(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in book._rows(
        "SELECT c.name, x.direction, x.made_by, x.text, x.status, x.private FROM exchange x "
        f"JOIN contact c ON c.id = x.contact_id WHERE x.contact_id IN ({_MEMBERS}) "
        "ORDER BY x.created_at DESC, x.id DESC", members)]
    found.commitments = [OrgCommitment(r[0], r[1], r[2], date.fromisoformat(r[3][:10]) if r[3] else None,
                                       bool(r[4])) for r in book._rows(
        "SELECT c.name, k.owner, k.text, k.due_on, k.private FROM commitment k "
        f"JOIN contact c ON c.id = k.contact_id WHERE k.contact_id IN ({_MEMBERS}) AND k.status = 'open' "
        "ORDER BY k.due_on IS NULL, k.due_on, k.id", members)]
    return found


def set_day_to_day(book: Book, org_id: int, person_id: int | None, note: str = "") -> None:
    """Mark one person (of the organization, or anyone in the book) as its day-to-day contact; None: nobody."""
    with book._write() as conn:
        if person_id is not None:
            kind = conn.execute("SELECT kind FROM contact WHERE id = ?", (person_id,)).fetchone()
            if kind is None or kind[0] != "person":
                raise RelmeetError("That person is no longer in the book.")
        if not conn.execute("UPDATE contact SET day_to_day_id = ?, day_to_day_note = ?, updated_at = ? "
                            "WHERE id = ? AND kind = 'organization'",
                            (person_id, clean_text(note).strip() if person_id else "", now_iso(), org_id)).rowcount:
            raise RelmeetError("That organization is no longer in the book.")


def is_organization(book: Book, contact_id: int) -> bool:
    return book._value("SELECT kind FROM contact WHERE id = ?", (contact_id,)) == "organization"

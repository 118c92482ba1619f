"""Who was in a meeting: the one it is with (the meeting's contact) and, for a house meeting, everyone else.

The 'with' row is kept by the book's triggers (schema 8) from `meeting.contact_id`; this module adds and
removes the others, and finds a person's meetings through any participation.
"""
from __future__ import annotations

from relmeet.domain import now_iso
from relmeet.domain.errors import RelmeetError
from relmeet.domain.standing import Participant, Participation
from relmeet.store.book import Book


def participants(book: Book, meeting_id: int) -> list[Participant]:
    """Everyone in a meeting, the one it is with first, then in the order they were added."""
    rows = book._rows(
        "SELECT p.meeting_id, p.contact_id, c.name, p.role, p.position FROM meeting_participant p "
        "JOIN contact c ON c.id = p.contact_id WHERE p.meeting_id = ? ORDER BY p.role <> 'with', p.position, c.id",
        (meeting_id,))
    return [Participant(*r) for r in rows]


def add(book: Book, meeting_id: int, contact_id: int) -> bool:
    """Add someone to a meeting, after the others; False if they were already in it."""
    with book._write() as conn:
        if conn.execute("SELECT 1 FROM meeting WHERE id = ?", (meeting_id,)).fetchone() is None:
            raise RelmeetError(f"meeting {meeting_id} is no longer in the book")
        if conn.execute("SELECT 1 FROM contact WHERE id = ?", (contact_id,)).fetchone() is None:
            raise RelmeetError(f"contact {contact_id} is no longer in the book")
        return conn.execute(
            "INSERT OR IGNORE INTO meeting_participant (meeting_id, contact_id, role, position, added_at) "
            "SELECT ?, ?, 'participant', coalesce(max(position), 0) + 1, ? FROM meeting_participant "
            "WHERE meeting_id = ?", (meeting_id, contact_id, now_iso(), meeting_id)).rowcount > 0


def remove(book: Book, meeting_id: int, contact_id: int) -> bool:
    """Take someone out of a meeting (what they said stays theirs); the one it is with stays."""
    with book._write() as conn:
        role = conn.execute("SELECT role FROM meeting_participant WHERE meeting_id = ? AND contact_id = ?",
                            (meeting_id, contact_id)).fetchone()
        if role is None:
            return False
        if role[0] == "with":
            raise RelmeetError("the person a meeting is with stays in it; change who it is with instead")
        conn.execute("DELETE FROM meeting_participant WHERE meeting_id = ? AND contact_id = ?", (meeting_id, contact_id))
        return True


def meetings_of(book: Book, contact_id: int, limit: int = 200) -> list[Participation]:
    """The meetings someone was in (their own and others'), newest first."""
    rows = book._rows(
        "SELECT m.id, m.contact_id, w.name, p.role, m.status, m.scheduled_at, "
        "(SELECT count(*) FROM meeting_participant q WHERE q.meeting_id = m.id) "
        "FROM meeting_participant p JOIN meeting m ON m.id = p.meeting_id JOIN contact w ON w.id = m.contact_id "
        "WHERE p.contact_id = ? ORDER BY coalesce(m.started_at, m.scheduled_at, m.created_at) DESC, m.id DESC LIMIT ?",
        (contact_id, limit))
    return [Participation(*r) for r in rows]


# --- house meetings on screen (issue 17): who is coming, whose each capture is, newcomers -----------------

_CAPTURE_OWNERS = (
    "SELECT 'interest', i.id, i.contact_id, c.name FROM interest i JOIN contact c ON c.id = i.contact_id "
    "WHERE i.meeting_id = :m UNION ALL "
    "SELECT 'exchange', x.id, x.contact_id, c.name FROM exchange x JOIN contact c ON c.id = x.contact_id "
    "WHERE x.meeting_id = :m UNION ALL "
    "SELECT 'commitment', k.id, k.contact_id, c.name FROM commitment k JOIN contact c ON c.id = k.contact_id "
    "WHERE k.meeting_id = :m UNION ALL "
    "SELECT 'referral', r.id, r.from_contact_id, c.name FROM referral r JOIN contact c ON c.id = r.from_contact_id "
    "WHERE r.meeting_id = :m")


def owners(book: Book, meeting_id: int) -> dict[tuple[str, int], tuple[int, str]]:
    """Whose each capture of a meeting is: (table, id) -> (contact id, name)."""
    return {(r[0], r[1]): (r[2], r[3]) for r in book._rows(_CAPTURE_OWNERS, {"m": meeting_id})}


def add_new(book: Book, meeting_id: int, name: str) -> int:
    """Someone not yet in the book is coming: they become a contact at once, noted as met at this meeting,
    referred by the host ("came to Rosa Díaz's house meeting"), and join it. They join at the very moment
    the contact is made (the same time in both rows): that is how the follow-up knows them as new from this
    meeting and checks them for look-alikes."""
    from relmeet.domain.errors import ValidationError
    from relmeet.domain.text import clean_text

    name = " ".join(clean_text(name).split())
    if not name:
        raise ValidationError({"who": "Type their name."})
    row = book._row("SELECT c.name, coalesce(m.started_at, m.scheduled_at, m.created_at), c.id FROM meeting m "
                    "JOIN contact c ON c.id = m.contact_id WHERE m.id = ?", (meeting_id,))
    if row is None:
        raise RelmeetError(f"meeting {meeting_id} is no longer in the book")
    from relmeet.domain import from_iso, local
    from relmeet.domain.people import ContactIn
    from relmeet.store import contacts

    when = from_iso(row[1]) if row[1] else None
    note = f"Met at {possessive(row[0])} house meeting" + (f", {local(when):%-d %b %Y}." if when else ".")

    contact_id = contacts.create(book, ContactIn(name=name, rung="identified", notes=note))
    with book._write() as conn:
        conn.execute(
            "INSERT INTO meeting_participant (meeting_id, contact_id, role, position, added_at) "
            "SELECT ?, ?, 'participant', coalesce(max(position), 0) + 1, "
            "(SELECT created_at FROM contact WHERE id = ?) FROM meeting_participant WHERE meeting_id = ?",
            (meeting_id, contact_id, contact_id, meeting_id))
        # the referral network says how they came: through the host (not a capture of the meeting's notes)
        conn.execute("INSERT INTO referral (from_contact_id, to_contact_id, meeting_id, note, created_at) "
                     "SELECT ?, ?, NULL, ?, created_at FROM contact WHERE id = ?",
                     (row[2], contact_id, f"came to {possessive(row[0])} house meeting", contact_id))
    return contact_id


def possessive(name: str) -> str:
    """"Rosa Díaz" -> "Rosa Díaz's"; "James" -> "James'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def newcomers(book: Book, meeting_id: int) -> list[tuple[Participant, list[tuple[int, str]]]]:
    """The people who joined this meeting as new contacts, each with the contacts of the same name already
    in the book (accents and case aside): (id, name) to offer in their place."""
    from relmeet.domain.text import fold

    new = [p for p in participants(book, meeting_id) if p.role == "participant"]
    made = {r[0] for r in book._rows(
        "SELECT p.contact_id FROM meeting_participant p JOIN contact c ON c.id = p.contact_id "
        "WHERE p.meeting_id = ? AND p.role = 'participant' AND c.created_at = p.added_at", (meeting_id,))}
    new = [p for p in new if p.contact_id in made]
    if not new:
        return []
    wanted = {fold(p.name): p for p in new}
    alike: dict[int, list[tuple[int, str]]] = {p.contact_id: [] for p in new}
    for contact_id, name in book._rows("SELECT id, name FROM contact WHERE archived_at IS NULL ORDER BY id"):
        p = wanted.get(fold(name))
        if p is not None and contact_id != p.contact_id:
            alike[p.contact_id].append((contact_id, name))
    return [(p, alike[p.contact_id]) for p in new]


def use_instead(book: Book, meeting_id: int, new_id: int, existing_id: int) -> int:
    """The newcomer is someone already in the book: fold the new card into theirs (a merge the organizer
    can undo from the merge list), so what they said at this meeting is theirs. Returns the merge id."""
    from relmeet.store import merge

    if existing_id == new_id:
        raise RelmeetError("that is the same person")
    return merge.merge(book, existing_id, new_id)


def brief_of(book: Book, contact_id: int):
    """What the book knows of one participant, for prep's side-by-side view."""
    from relmeet.store.prep import what_we_know

    return what_we_know(book, contact_id)


def house_of(book: Book, meeting_id: int) -> tuple[list[tuple[int, str, str, str, str]], dict[tuple[str, int], int]]:
    """For a meeting with several people: everyone (contact id, name, honorific, given name, goes by), the
    host first, and whose each capture is; ([], {}) for a one-on-one."""
    rows = book._rows(
        "SELECT c.id, c.name, c.honorific, c.given_name, c.goes_by FROM meeting_participant p "
        "JOIN contact c ON c.id = p.contact_id WHERE p.meeting_id = ? ORDER BY p.role <> 'with', p.position, c.id",
        (meeting_id,))
    if len(rows) < 2:
        return [], {}
    return [tuple(r) for r in rows], {key: owner for key, (owner, _name) in owners(book, meeting_id).items()}


def person_parts(book: Book, meeting_id: int):
    """For the follow-up of a meeting with several people: each participant with the summary parts that are
    theirs (their interests, the asks and offers made with them, their commitments), named for their own
    thank-you. [] if the meeting is gone."""
    from dataclasses import replace

    from relmeet.store.follow_up import summary_parts

    parts = summary_parts(book, meeting_id)
    if parts is None:
        return []
    whose = owners(book, meeting_id)
    names = {r[0]: (r[1], r[2], r[3]) for r in book._rows(
        "SELECT c.id, c.honorific, c.given_name, c.goes_by FROM meeting_participant p JOIN contact c "
        "ON c.id = p.contact_id WHERE p.meeting_id = ?", (meeting_id,))}
    found = []
    for person in participants(book, meeting_id):
        def mine(table: str, items: list) -> list:
            return [i for i in items if whose.get((table, i.id), (None,))[0] == person.contact_id]

        honorific, given, goes_by = names.get(person.contact_id, ("", "", ""))
        found.append((person, replace(parts, meeting=replace(parts.meeting, contact=person.name),
                                      interests=mine("interest", parts.interests),
                                      exchanges=mine("exchange", parts.exchanges),
                                      commitments=mine("commitment", parts.commitments),
                                      honorific=honorific, given_name=given, goes_by=goes_by, people=[],
                                      owners={})))
    return found

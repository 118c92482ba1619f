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

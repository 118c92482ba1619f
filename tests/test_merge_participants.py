"""A merge and its undo leave each meeting's people as they were, the day each was added included: the meeting's
own ('with') row keeps the day the meeting was made, whatever second the merge or the undo ran in (the suite
caught it once under load, when a merge crossed a second)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.store import Book, contacts, meetings, merge
import peek

ROWS = "SELECT meeting_id, contact_id, role, position, added_at FROM meeting_participant ORDER BY meeting_id, contact_id"


def test_a_merge_and_its_undo_leave_the_meeting_participants_as_they_were(tmp_path):
    with Book(tmp_path / "book.sqlite3") as book:
        rosa = contacts.create(book, ContactIn(name="Rosa Nguyễn"))
        rosa_n = contacts.create(book, ContactIn(name="Rosa N."))
        held_on = datetime.now(timezone.utc) - timedelta(days=3)
        meeting = meetings.plan(book, MeetingPlan(contact_id=rosa_n, scheduled_at=held_on))
        with peek.write(book) as conn:  # made one day, last changed another: as a book's meetings are
            conn.execute("UPDATE meeting SET created_at = '2026-10-01T18:00:00+00:00', "
                         "updated_at = '2026-10-02T09:00:00+00:00' WHERE id = ?", (meeting,))
            conn.execute("UPDATE meeting_participant SET added_at = '2026-10-01T18:00:00+00:00'")
        before = [tuple(r) for r in peek.rows(book, ROWS)]

        merge_id = merge.merge(book, rosa, rosa_n)
        assert [tuple(r)[1:3] for r in peek.rows(book, ROWS)] == [(rosa, "with")]
        assert peek.value(book, "SELECT added_at FROM meeting_participant") == "2026-10-01T18:00:00+00:00"
        merge.undo(book, merge_id)

        assert [tuple(r) for r in peek.rows(book, ROWS)] == before

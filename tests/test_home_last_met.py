"""The home list's "Last met" counts a house meeting for everyone who came, not only for its host, and the
list still reads it from indexes (schema 9 for one's own meetings, schema 11 for meetings one came to)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from relmeet.app import RelmeetApp
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.store import Book, contacts, health, meetings, participants


async def test_a_guest_at_a_house_meeting_was_met_that_day(tmp_path):
    with Book(tmp_path / "book.sqlite3") as book:
        rosa = contacts.create(book, ContactIn(name="Rosa Díaz"))
        ana = contacts.create(book, ContactIn(name="Ana Ruiz"))
        contacts.create(book, ContactIn(name="Marisol Vega"))  # never met
        held_on = datetime.now(timezone.utc) - timedelta(days=3)
        meeting = meetings.plan(book, MeetingPlan(contact_id=rosa, scheduled_at=held_on))
        participants.add(book, meeting, ana)
        meetings.record_held(book, meeting, held_on, held_on + timedelta(hours=1), "Twelve neighbours came")

        rows = {r.name: r for r in contacts.list_rows(book)}
        assert rows["Rosa Díaz"].last_met == rows["Ana Ruiz"].last_met == held_on.replace(microsecond=0)
        assert rows["Marisol Vega"].last_met is None

        app = RelmeetApp(book)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            table = app.screen.query_one("#contacts")
            shown = {str(table.get_row_at(i)[1]).split("  ")[0].strip(): str(table.get_row_at(i)[6])
                     for i in range(table.row_count)}
            assert shown["Ana Ruiz"] == shown["Rosa Díaz"] == "3 days ago", shown
            assert shown["Marisol Vega"] == "never"


def test_a_leader_met_at_a_house_meeting_is_not_listed_to_tend(tmp_path):
    with Book(tmp_path / "book.sqlite3") as book:
        rosa = contacts.create(book, ContactIn(name="Rosa Díaz"))
        ana = contacts.create(book, ContactIn(name="Ana Ruiz", is_leader=True))
        ben = contacts.create(book, ContactIn(name="Ben Tran", is_leader=True))  # not met for long: to tend
        long_ago = datetime.now(timezone.utc) - timedelta(days=90)
        with_ben = meetings.plan(book, MeetingPlan(contact_id=ben, scheduled_at=long_ago))
        meetings.record_held(book, with_ben, long_ago, long_ago + timedelta(hours=1), "")
        held_on = datetime.now(timezone.utc) - timedelta(days=3)
        meeting = meetings.plan(book, MeetingPlan(contact_id=rosa, scheduled_at=held_on))
        participants.add(book, meeting, ana)
        meetings.record_held(book, meeting, held_on, held_on + timedelta(hours=1), "")

        assert [s.name for s in health.tend_these(book, 30)] == ["Ben Tran"]

"""Pictures of a house meeting (Rosa hosts; Ana and Marisol, new to the book, come): the notes with whose
each capture is, and the follow-up with each person's part. 'Today' and every time are pinned."""
from __future__ import annotations

import time

import pytest

from relmeet.app import RelmeetApp
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.store import Book, captures, contacts, meetings, participants
import peek
from steady import steady

TODAY = "2026-11-20"
SIZE = (120, 36)


@pytest.fixture
def house_book(tmp_path, monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", TODAY)
    monkeypatch.setenv("TZ", "UTC")  # times are shown in local time
    time.tzset()
    with Book(tmp_path / "house.sqlite3") as book:
        rosa = contacts.create(book, ContactIn(name="Rosa Díaz", rung="leader", is_leader=True))
        ana = contacts.create(book, ContactIn(name="Ana Ruiz"))
        meeting = meetings.plan(book, MeetingPlan(contact_id=rosa, purpose="House meeting on the rents",
                                                  location="Rosa's living room"))
        participants.add(book, meeting, ana)
        marisol = participants.add_new(book, meeting, "Marisol Vega")
        card = meetings.start(book, meeting)
        meetings.save_notes(book, meeting, "Nine came. Ana spoke first; Marisol had never been to one.", card.notes_rev)
        captures.add_interest(book, ana, "concern", "Rent up 18% since March", meeting_id=meeting,
                              responsible="Maple Court")
        captures.add_exchange(book, ana, "ask", "action", "Speak at the hearing", status="agreed", meeting_id=meeting)
        captures.add_interest(book, ana, "story", "My landlord threatened me", meeting_id=meeting, private=True)
        captures.add_commitment(book, marisol, "theirs", "Bring two neighbours", None, meeting_id=meeting)
        captures.add_exchange(book, rosa, "offer", "time", "A ride to the hearing", meeting_id=meeting)
        with peek.write(book) as conn:  # a fixed start and capture order, so the pictures don't drift
            conn.execute("UPDATE meeting SET started_at = ?, scheduled_at = ? WHERE id = ?",
                         (f"{TODAY}T18:00:00+00:00", f"{TODAY}T18:00:00+00:00", meeting))
            for table in ("interest", "exchange", "commitment"):
                conn.execute(f"UPDATE {table} SET created_at = '{TODAY}T18:' || printf('%02d', id) || ':00+00:00' "
                             "WHERE meeting_id = ?", (meeting,))
        yield book, meeting
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("shot", ["notes", "follow-up"])
def test_house_meeting_pictures(snap_compare, house_book, shot):
    book, meeting = house_book

    async def steps(pilot):
        from relmeet.screens.notes import NotesScreen

        await pilot.pause()
        await pilot.app.push_screen(NotesScreen(meeting, running_clock=False))
        await pilot.pause()
        if shot == "follow-up":
            await pilot.press("f10")
            await pilot.pause()
        await steady(pilot)

    assert snap_compare(RelmeetApp(book, demo=True), terminal_size=SIZE, run_before=steps)

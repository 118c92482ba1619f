"""The keys made for commitments (a note, a second contact, reopen, snooze) on a thank-you row and a pending
ask's decide-by row of the commitments view: each says what it can't do there and what Enter does instead,
and nothing is written. On a real book, "today" pinned to Monday 23 Nov 2026."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from textual.widgets import DataTable

import peek
from relmeet.app import RelmeetApp
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.store import captures, contacts, meetings
from steps import notices, run_from_palette

TODAY = date(2026, 11, 23)


async def test_commitment_keys_on_thank_you_and_decide_by_rows_say_what_enter_does(book, monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", TODAY.isoformat())
    ana = contacts.create(book, ContactIn(name="Ana Thanked"))
    meeting = meetings.plan(book, MeetingPlan(contact_id=ana, purpose="First one-on-one"))
    held = datetime(2026, 11, 22, 14, tzinfo=timezone.utc)
    meetings.record_held(book, meeting, held, held + timedelta(hours=1), "")
    ask = captures.add_exchange(book, ana, "ask", "action", "Speak at the council hearing", made_by="them",
                                status="thinking", decide_by=TODAY + timedelta(days=3), meeting_id=meeting)
    said = {
        f"thank-you-{meeting}": [
            ("ctrl+n", "A thank-you has nothing to note: Enter opens its follow-up."),
            ("ctrl+k", "A thank-you has nothing to name a second contact for: Enter opens its follow-up."),
            ("ctrl+r", "A thank-you has nothing to reopen: Enter opens its follow-up."),
            ("ctrl+y", "Highlight an open commitment or check-in to snooze.")],
        f"decide-{ask}": [
            ("ctrl+n", "A pending ask has nothing to note: Enter records its answer."),
            ("ctrl+k", "A pending ask has nothing to name a second contact for: Enter records its answer."),
            ("ctrl+r", "A pending ask is still to decide: Enter records its answer."),
            ("ctrl+y", "Highlight an open commitment or check-in to snooze.")]}
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "commitments: what I owe")
        view = app.screen
        assert "· 1 to decide · 1 thank-you" in str(view.query_one("#ledger-title").render())
        table = view.query_one("#ledger", DataTable)
        for row, keys in said.items():
            table.move_cursor(row=table.get_row_index(row))
            await pilot.pause()
            for key, words in keys:
                app.clear_notifications()
                await pilot.press(key)
                assert await notices(pilot) == [words], (row, key)
                assert app.screen is view
    assert peek.value(book, "SELECT count(*) FROM commitment_note") == 0
    assert peek.value(book, "SELECT count(*) FROM commitment") == 0
    assert peek.value(book, "SELECT status FROM exchange WHERE id = ?", (ask,)) == "thinking"
    assert peek.value(book, "SELECT summary_sent_on FROM meeting WHERE id = ?", (meeting,)) is None

"""Prep through the real app: the plan beside what the book knows, saved with its asks."""
from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Input, Select

from relmeet.app import RelmeetApp
from relmeet.screens.prep import PrepScreen
import peek


def _shown(static) -> str:
    """The text a Static shows, as the user reads it (wide enough not to wrap)."""
    console = Console(width=400, file=io.StringIO(), record=True)
    console.print(static.content)
    return console.export_text()


async def _prep_for(pilot, demo_book, name: str) -> PrepScreen:
    contact_id = peek.value(demo_book, "SELECT id FROM contact WHERE name = ?", (name,))
    table = pilot.app.screen.query_one("#contacts")
    table.move_cursor(row=table.get_row_index(str(contact_id)))
    await pilot.press("f2")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PrepScreen)
    return pilot.app.screen


async def test_plan_shows_what_the_book_knows_and_saves_with_asks(demo_book):
    app = RelmeetApp(demo_book)
    jose = peek.value(demo_book, "SELECT id FROM contact WHERE name = 'José Martínez'")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _prep_for(pilot, demo_book, "José Martínez")
        known = _shown(screen.query_one("#known-text"))
        # interests with where learned, open commitments from earlier meetings, last summary
        assert "Got a 60-day notice last spring" in known
        assert "6 weeks ago" in known
        assert "Write down the dates of his notice" in known and "overdue" in known
        assert "José might tell his story at the hearing." in known
        await pilot.press(*"fri 7pm")
        screen.query_one("#location", Input).value = "Café Luna"
        screen.query_one("#purpose", Input).value = "Ask José to testify"
        screen.query_one("#type", Select).value = "escalation"
        screen.query_one("#guessed_interest", Input).value = "Keeping his family in the building"
        screen.query_one("#ask-kind-0", Select).value = "action"
        screen.query_one("#ask-text-0", Input).value = "Speak for two minutes at the hearing"
        screen.query_one("#ask-kind-1", Select).value = "introduction"
        screen.query_one("#ask-text-1", Input).value = "Introduce me to his neighbour on the 3rd floor"
        screen.query_one("#framing", Input).value = "Your story is the one they can't argue with"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PrepScreen)
        meeting = peek.row(demo_book, "SELECT * FROM meeting WHERE contact_id = ? AND status = 'planned'", (jose,))
        assert meeting["purpose"] == "Ask José to testify" and meeting["type"] == "escalation"
        assert meeting["location"] == "Café Luna" and meeting["scheduled_at"]
        asks = peek.rows(demo_book, "SELECT kind, text, status FROM exchange WHERE meeting_id = ? ORDER BY id",
                              (meeting["id"],))
        assert [tuple(a) for a in asks] == [("action", "Speak for two minutes at the hearing", "planned"),
                                            ("introduction", "Introduce me to his neighbour on the 3rd floor",
                                             "planned")]
        # the plan shows under Upcoming on the home screen
        upcoming = app.screen.query_one("#upcoming")
        lines = [upcoming.get_option_at_index(i).prompt.plain for i in range(upcoming.option_count)]
        assert any("José Martínez" in line and "Ask José to testify" in line for line in lines)
        # F2 again opens the same plan to keep preparing, not a second meeting
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.meeting_id == meeting["id"]
        assert app.screen.query_one("#ask-text-1", Input).value.startswith("Introduce me")


async def test_bad_time_is_flagged_and_nothing_typed_is_lost(demo_book):
    app = RelmeetApp(demo_book)
    before = peek.value(demo_book, "SELECT count(*) FROM meeting")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _prep_for(pilot, demo_book, "Hieu Tran")
        await pilot.press(*"next blursday")
        screen.query_one("#purpose", Input).value = "Meet the corner-store owner"
        screen.query_one("#ask-text-0", Input).value = "Put our flyer in his window"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        when = screen.query_one("#field-when")
        assert when.has_class("-invalid")
        assert "blursday" in str(when.query_one(".field-error").render())
        assert screen.query_one("#purpose", Input).value == "Meet the corner-store owner"
        assert screen.query_one("#ask-text-0", Input).value == "Put our flyer in his window"
        assert peek.value(demo_book, "SELECT count(*) FROM meeting") == before


async def test_brief_key_shows_the_one_page_brief(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 40)) as pilot:
        rosa = peek.value(demo_book, "SELECT id FROM contact WHERE name = 'Rosa Nguyễn'")
        table = app.screen.query_one("#contacts")
        table.move_cursor(row=table.get_row_index(str(rosa)))
        await pilot.press("f3")
        await pilot.pause()
        text = _shown(app.screen.query_one("#brief-text"))
        for expected in ("Their story and interests", "Stay in Maple Court", "Open commitments",
                         "Invite five Building B neighbors", "Next meeting · ", "Debrief the house meeting"):
            assert expected in text
        await pilot.press("escape")
        assert type(app.screen).__name__ == "HomeScreen"

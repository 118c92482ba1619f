"""The notes screen's Captured list during a meeting at a laptop's 80x24: each new capture scrolls into view,
and an item that wraps (a long ask) is shown whole, every line of it, never clipped."""
from __future__ import annotations

from textual.widgets import OptionList

from relmeet.app import RelmeetApp
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.screens.capture import CaptureScreen
from relmeet.screens.notes import NotesScreen
from relmeet.store import contacts, meetings
import peek
from screen_text import region_text

LONG_ASK = ("Bring the whole deacon board, the youth pastor and at least two of the families from the shelter "
            "nights to the council hearing on the ninth, sit together in the front rows in church clothes, and "
            "let Mrs. Alvarez speak first about the winter her family slept in the fellowship hall, then you.")


def _pane_text(app, widget) -> str:
    """The words the captured list shows on screen, its columns only (without its scrollbar), as one line."""
    return region_text(app, widget.scrollable_content_region)


async def _capture(pilot, key: str, **fields) -> None:
    await pilot.press(key)
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, CaptureScreen)
    for name, value in fields.items():
        dialog.query_one(f"#{name}").value = value
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NotesScreen), "the capture dialog stayed open"


async def test_fifteen_captures_at_80x24_the_last_in_view_and_a_long_ask_whole(book):
    pastor = contacts.create(book, ContactIn(name="Rev. Samuel Adeyemi"))
    meeting = meetings.plan(book, MeetingPlan(contact_id=pastor, purpose="Get to know him"))
    meetings.start(book, meeting)
    app = RelmeetApp(book)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(NotesScreen(meeting, running_clock=False))
        await pilot.pause()
        box = app.screen.query_one("#captured", OptionList)
        for number in range(1, 15):
            await _capture(pilot, "f2", kind="value", text=f"Value number {number}: the parish stays together")
            # each new capture is in view as soon as it is saved
            assert f"Value number {number}: the parish" in _pane_text(app, box), f"capture {number} not in view"
        await _capture(pilot, "f3", kind="action", text=LONG_ASK)
        shown = _pane_text(app, box)
        assert " ".join(LONG_ASK.split()) in shown, "the long ask is cut: " + shown
        assert shown.endswith("(an action · Made, no answer yet)"), "its last line is cut: " + shown
        # the capture just made is the highlighted one (captures made in the same second are ordered by
        # kind, so it need not be the last line)
        assert box.highlighted is not None and app.screen.items[box.highlighted].text == LONG_ASK
        # Up goes back through the list; the highlighted item is shown whole too
        box.focus()
        for _ in range(10):
            await pilot.press("up")
        await pilot.pause()
        assert "Value number 5: the parish stays together" in _pane_text(app, box)
    assert peek.value(book, "SELECT count(*) FROM interest WHERE meeting_id = ?", (meeting,)) == 14
    assert peek.value(book, "SELECT text FROM exchange WHERE meeting_id = ?", (meeting,)) == LONG_ASK

"""Issue 13, the last of it: interests and referrals edited from the contact's history, the follow-up's date
fields, the thank-you listed wherever follow-ups are, and one key for "private"."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from rich.console import Console
from textual.binding import Binding
from textual.widgets import Input, OptionList, Select, Static

from relmeet.app import RelmeetApp
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.screens.capture import CaptureScreen
from relmeet.screens.history import HistoryScreen
from relmeet.store import captures, contacts, meetings
import peek


def _plain(renderable) -> str:
    """What the organizer reads, as plain text."""
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(renderable)
    return console.file.getvalue()


def _held(book, contact_id: int, days_ago: int = 3) -> int:
    meeting = meetings.plan(book, MeetingPlan(contact_id=contact_id, purpose="First one-on-one"))
    at = datetime.now(timezone.utc) - timedelta(days=days_ago)
    meetings.record_held(book, meeting, at, at + timedelta(hours=1), "")
    return meeting


def _work_lines(screen) -> list[str]:
    box = screen.query_one("#work", OptionList)
    return [box.get_option_at_index(i).prompt.plain for i in range(box.option_count)]


async def _work_on(pilot, words: str) -> None:
    screen = pilot.app.screen
    box = screen.query_one("#work", OptionList)
    box.focus()
    box.highlighted = next(i for i, line in enumerate(_work_lines(screen)) if words in line)
    await pilot.press("enter")
    await pilot.pause()


# 1. Interests (and referrals) are worked from the history ------------------------------------

async def test_an_interest_and_a_referral_are_edited_from_the_history_and_the_page_follows(book):
    ana = contacts.create(book, ContactIn(name="Ana Ruiz"))
    tran = contacts.create(book, ContactIn(name="Hieu Tran"))
    first = _held(book, ana)
    worry = captures.add_interest(book, ana, "concern", "Mold in the back bedroom", meeting_id=first,
                                  responsible="the landlord")
    captures.add_interest(book, ana, "self_interest", "Keep her kids at Lincoln", meeting_id=first)
    referral = captures.add_referral(book, ana, tran, meeting_id=first, note="he knows the block")
    app = RelmeetApp(book)
    async with app.run_test(size=(170, 50)) as pilot:
        page = HistoryScreen(ana)
        await app.push_screen(page)
        await pilot.pause()
        lines = _work_lines(page)
        assert "Concern: Mold in the back bedroom  (blames the landlord)" in lines
        assert "Self-interest: Keep her kids at Lincoln" in lines
        assert "Referral: talk to Hieu Tran  (he knows the block)" in lines

        await _work_on(pilot, "Concern: Mold")
        dialog = app.screen
        assert isinstance(dialog, CaptureScreen) and dialog.editing.table == "interest"
        assert dialog.query_one("#text", Input).value == "Mold in the back bedroom"
        assert dialog.query_one("#kind", Select).value == "concern"
        dialog.query_one("#kind", Select).value = "story"
        dialog.query_one("#text", Input).value = "Her neighbour's ceiling fell in last winter"
        await pilot.press("ctrl+t")  # private, as everywhere
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is page
        text = _plain(page.query_one("#history-text", Static).content)
        assert "Story: Her neighbour's ceiling fell in last winter" in text and "Mold" not in text
        assert any(line.startswith("Story: Her neighbour's ceiling fell in last winter") and "🔒" in line
                   for line in _work_lines(page))

        await _work_on(pilot, "Referral: talk to Hieu Tran")
        dialog = app.screen
        assert isinstance(dialog, CaptureScreen) and dialog.editing.table == "referral"
        dialog.query_one("#note", Input).value = "everyone shops at his market"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is page
        assert "Referral: talk to Hieu Tran  (everyone shops at his market)" in _work_lines(page)
    assert tuple(peek.row(book, "SELECT kind, text, private, responsible FROM interest WHERE id = ?", (worry,))) == (
        "story", "Her neighbour's ceiling fell in last winter", 1, "the landlord")
    assert peek.value(book, "SELECT note FROM referral WHERE id = ?", (referral,)) == "everyone shops at his market"
    assert peek.value(book, "SELECT count(*) FROM interest") == 2


# 5. One key for "private" ------------------------------------------------------------------

async def test_ctrl_t_marks_private_in_the_notes_as_in_every_capture_dialog(book):
    from relmeet.screens.help import HelpScreen
    from relmeet.screens.notes import NotesScreen

    ana = contacts.create(book, ContactIn(name="Ana Ruiz"))
    meeting = meetings.plan(book, MeetingPlan(contact_id=ana, purpose="Hear her story"))
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        app.start_meeting(meeting)
        await pilot.pause()
        notes = app.screen
        assert isinstance(notes, NotesScreen)
        keys = {b.key: b.description for _, b, _, _ in notes.active_bindings.values() if b.show}
        assert keys.get("ctrl+t") == "Private" and "f7" not in keys
        await pilot.press(*"Her son's asthma")
        await pilot.press("ctrl+t")  # while typing
        await pilot.pause()
        assert "🔒 private notes" in str(notes.query_one("#notes-title").render())
        assert "kept out of summaries and exports (Ctrl+T)" in str(notes.query_one("#save-state").render())
        await pilot.press("f1")
        await pilot.pause()
        helped = app.screen
        assert isinstance(helped, HelpScreen)
        text = _plain(helped.query_one("#help-text", Static).content)
        row = next(line for line in text.splitlines() if "Private" in line and "Mark these notes private" in line)
        assert row.split()[0] == app.get_key_display(Binding("ctrl+t", ""))
        assert "Ctrl+T marks these notes private" in text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CaptureScreen)
        dialog_keys = {b.key: b.description for _, b, _, _ in dialog.active_bindings.values() if b.show}
        assert dialog_keys.get("ctrl+t") == "Private"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+t")  # and back: shared again
        await pilot.pause()
        assert "private" not in str(notes.query_one("#notes-title").render())
        await pilot.press("ctrl+t")
        await pilot.pause()
    assert peek.value(book, "SELECT notes_private FROM meeting WHERE id = ?", (meeting,)) == 1

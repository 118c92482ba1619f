"""Snooze on screen: Ctrl+Y in the commitments view and in a contact history's "Work on" puts a commitment (or a
check-in) off to a day with a reason; it then reads "snoozed until …", not overdue; Ctrl+Y again wakes it.
Real books, the real app through Pilot, "today" pinned to Monday 23 Nov 2026."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from textual.widgets import DataTable, Input, OptionList, Static

import peek
from relmeet.app import RelmeetApp
from relmeet.domain.meetings import FollowUp, FollowUpForm, MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.screens.confirm import ConfirmScreen
from relmeet.screens.history import HistoryScreen
from relmeet.screens.snooze import SnoozeScreen
from relmeet.store import captures, contacts, follow_up, meetings
from screen_text import screen_lines
from steps import notices, run_from_palette

TODAY = date(2026, 11, 23)  # a Monday


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", TODAY.isoformat())


@pytest.fixture
def owed(book):
    rosa = contacts.create(book, ContactIn(name="Rosa Nguyễn"))
    okafor = contacts.create(book, ContactIn(name="Pastor Denise Okafor"))
    day = TODAY - timedelta(days=12)
    meeting = meetings.plan(book, MeetingPlan(contact_id=okafor, scheduled_at=datetime(day.year, day.month, day.day, 18)))
    meetings.record_held(book, meeting, datetime(day.year, day.month, day.day, 18),
                         datetime(day.year, day.month, day.day, 19), "")
    follow_up.save(book, meeting, FollowUpForm(follow=FollowUp(next_step="Check back after the deacon board meets",
                                                               check_in_on=TODAY - timedelta(days=5))))
    flyer = captures.add_commitment(book, rosa, "mine", "Send Rosa the flyer in Vietnamese", TODAY - timedelta(days=3))
    return {"rosa": rosa, "flyer": flyer, "meeting": meeting}


def _shown(app) -> list[str]:
    table = app.screen.query_one("#ledger", DataTable)
    return [" | ".join(cell.plain.replace("\n", " / ") for cell in table.get_row_at(i)[:2])
            for i in range(table.row_count)]


def _highlight(app, text: str) -> None:
    table = app.screen.query_one("#ledger", DataTable)
    table.move_cursor(row=next(i for i, row in enumerate(_shown(app)) if text in row))


async def _snooze(pilot, until: str, reason: str) -> str:
    """Ctrl+Y, type the day and why; returns the preview the dialog showed; Ctrl+S."""
    await pilot.press("ctrl+y")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, SnoozeScreen)
    assert "Snooze" in "\n".join(screen_lines(pilot.app)[-2:])  # its own Footer: Ctrl+S Snooze
    await pilot.press(*until)
    await pilot.pause()
    preview = dialog.query_one(".date-preview", Static).render().plain
    dialog.query_one("#reason", Input).value = reason
    await pilot.press("ctrl+s")
    await pilot.pause()
    return preview



async def _footer_drawn(pilot, app) -> None:
    """The Footer is drawn a frame after the screen; on a loaded machine a few frames."""
    for _ in range(50):
        if screen_lines(app)[-1].strip():
            return
        await pilot.pause(0.1)

async def test_a_commitment_and_a_check_in_are_snoozed_and_woken_in_the_commitments_view(book, owed):
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "commitments: what I owe")
        await _footer_drawn(pilot, app)
        assert "Snooze" in screen_lines(app)[-1]  # the Footer names the key, and F1 says what it does
        await pilot.press("f1")
        await pilot.pause()
        assert "^y  Snooze — Put it off to a day, with why" in " ".join(screen_lines(app))
        await pilot.press("escape")
        await pilot.pause()
        assert "3 days overdue / I owe | Rosa Nguyễn / Send Rosa the flyer in Vietnamese" in _shown(app)
        _highlight(app, "Send Rosa the flyer")

        preview = await _snooze(pilot, "fri", "she's away until Friday")
        assert preview.startswith("→ Fri 27 Nov")
        assert app.screen.query_one("#ledger", DataTable)  # back on the list
        assert any("Snoozed until Fri 27 Nov: Rosa Nguyễn: Send Rosa the flyer in Vietnamese (she's away until "
                   "Friday)" in n for n in await notices(pilot))
        assert "until Fri 27 Nov / snoozed, mine | Rosa Nguyễn / Send Rosa the flyer in Vietnamese" in _shown(app)
        _highlight(app, "Send Rosa the flyer")
        await pilot.pause()
        detail = app.screen.query_one("#ledger-detail-text", Static).render().plain
        assert "snoozed until Fri 27 Nov (she's away until Friday)" in detail
        title = app.screen.query_one("#ledger-title", Static).render().plain
        assert "What I owe · 1 open · 1 check-in (1 overdue)" in title  # the flyer is no longer overdue
        kept = peek.row(book, "SELECT snoozed_until, snooze_reason FROM commitment WHERE id = ?", (owed["flyer"],))
        assert tuple(kept) == ("2026-11-27", "she's away until Friday")

        _highlight(app, "Check back after the deacon board")
        await _snooze(pilot, "in 2 weeks", "")
        assert "until Mon 7 Dec / snoozed check-in | Pastor Denise Okafor / Check back after the deacon board " \
               "meets" in _shown(app)
        assert "What I owe · 1 open · 1 check-in" in app.screen.query_one("#ledger-title", Static).render().plain
        assert "overdue" not in app.screen.query_one("#ledger-title", Static).render().plain
        assert peek.value(book, "SELECT snoozed_until FROM meeting WHERE id = ?", (owed["meeting"],)) == "2026-12-07"

        _highlight(app, "Send Rosa the flyer")
        await pilot.press("ctrl+y")  # snoozed: offers to wake it
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Snoozed until Fri 27 Nov. Unsnooze it" in app.screen.query_one("#confirm-question", Static).render().plain
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert any("Awake again: Rosa Nguyễn: Send Rosa the flyer in Vietnamese" in n for n in await notices(pilot))
        assert "3 days overdue / I owe | Rosa Nguyễn / Send Rosa the flyer in Vietnamese" in _shown(app)
        assert tuple(peek.row(book, "SELECT snoozed_until, snooze_reason FROM commitment WHERE id = ?",
                              (owed["flyer"],))) == (None, "")


async def test_a_day_not_after_today_is_refused_and_nothing_is_written(book, owed):
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "commitments: what I owe")
        _highlight(app, "Send Rosa the flyer")
        await _snooze(pilot, "yesterday", "")
        dialog = app.screen
        assert isinstance(dialog, SnoozeScreen)  # still open, saying why
        assert "Snooze to a day after today (Mon 23 Nov)." in "\n".join(screen_lines(app))
        await pilot.press("escape")
        await pilot.pause()
        assert "3 days overdue / I owe | Rosa Nguyễn / Send Rosa the flyer in Vietnamese" in _shown(app)
        assert peek.value(book, "SELECT snoozed_until FROM commitment WHERE id = ?", (owed["flyer"],)) is None


async def test_a_commitment_is_snoozed_from_the_history_work_on(book, owed):
    app = RelmeetApp(book)
    async with app.run_test(size=(170, 50), notifications=True) as pilot:
        page = HistoryScreen(owed["rosa"])
        await app.push_screen(page)
        await pilot.pause()
        await _footer_drawn(pilot, app)
        assert "Snooze" in screen_lines(app)[-1]
        box = page.query_one("#work", OptionList)
        lines = [box.get_option_at_index(i).prompt.plain for i in range(box.option_count)]
        assert "I will: Send Rosa the flyer in Vietnamese  3 days overdue" in lines
        box.focus()
        box.highlighted = next(i for i, line in enumerate(lines) if "Send Rosa the flyer" in line)

        await _snooze(pilot, "mon", "she asked me to wait for the translation")
        assert app.screen is page
        lines = [box.get_option_at_index(i).prompt.plain for i in range(box.option_count)]
        assert ("I will: Send Rosa the flyer in Vietnamese  snoozed until Mon 30 Nov (she asked me to wait for the "
                "translation)") in lines
        assert peek.value(book, "SELECT snoozed_until FROM commitment WHERE id = ?", (owed["flyer"],)) == "2026-11-30"
        # the page beside it (and the brief, which shares it) says so too, not "3 days overdue"
        page_text = "\n".join(screen_lines(app))
        assert "Send Rosa the flyer in Vietnamese  snoozed until Mon 30 Nov (she asked me to wait for the" in page_text
        assert "days overdue" not in page_text and "overdue: theirs 0, mine 0" in page_text

"""Prep's fields from the guides, through the real app: credential, my story to share, risks / what they may
need, questions one a line, the time asked for, and the visit of a series (a first visit says "don't pitch
yet"); saved in the book, loaded again by F2, shown by the brief (F3) and the history."""
from __future__ import annotations

import io
import os
import subprocess
import sys

from rich.console import Console
from textual.widgets import Input, Select, Static

from relmeet.app import RelmeetApp
from relmeet.domain.people import ContactIn
from relmeet.screens.brief import BriefScreen
from relmeet.screens.prep import PrepScreen
from relmeet.store import contacts
import peek


def _plain(renderable) -> str:
    console = Console(width=300, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


async def _open_prep(pilot, contact_id: int) -> PrepScreen:
    await pilot.app.push_screen(PrepScreen(contact_id))
    await pilot.pause()
    return pilot.app.screen


async def test_a_first_visit_of_a_series_is_prepared_saved_and_briefed(book):
    pastor = contacts.create(book, ContactIn(name="Rev. Samuel Adeyemi", role="Senior pastor"))
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40)) as pilot:
        prep = await _open_prep(pilot, pastor)
        advice = prep.query_one("#series-advice", Static)
        assert not advice.display  # not a series: no advice
        prep.query_one("#when", Input).value = "2026-12-03 10:00"
        prep.query_one("#purpose", Input).value = "Get to know him"
        prep.query_one("#credential", Input).value = "Referred by Pastor Denise Okafor; with the tenants union"
        prep.query_one("#time_asked_min", Input).value = "60"
        prep.query_one("#series_visit", Select).value = 1
        prep.query_one("#questions").load_text("1. What keeps you up at night?\n\n- Who else should I see?\n")
        prep.query_one("#my_story").load_text("My family's eviction in 2011")
        prep.query_one("#risks", Input).value = "Cover with the board; no partisan exposure"
        await pilot.pause()
        # the first visit of a series says what the guides say, on the prep itself
        assert advice.display and advice.region.height > 0
        assert "Don't pitch yet — listen; this is the first of a series" in _plain(advice.content)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PrepScreen)
        saved = peek.row(book, "SELECT * FROM meeting WHERE contact_id = ?", (pastor,))
        assert saved["credential"] == "Referred by Pastor Denise Okafor; with the tenants union"
        assert saved["my_story"] == "My family's eviction in 2011"
        assert saved["risks"] == "Cover with the board; no partisan exposure"
        assert saved["questions"] == "1. What keeps you up at night?\n\n- Who else should I see?"
        assert saved["time_asked_min"] == 60 and saved["series_visit"] == 1
        # F2's plan opens with every field as saved
        prep = PrepScreen(pastor, saved["id"])
        await app.push_screen(prep)
        await pilot.pause()
        assert prep.query_one("#credential", Input).value.startswith("Referred by Pastor Denise")
        assert prep.query_one("#time_asked_min", Input).value == "60"
        assert prep.query_one("#series_visit", Select).value == 1
        assert prep.query_one("#questions").text.startswith("1. What keeps you up at night?")
        assert prep.query_one("#my_story").text == "My family's eviction in 2011"
        assert prep.query_one("#series-advice", Static).display
        await pilot.press("escape")
        await pilot.pause()
        # the brief: the plan with its questions numbered, the advice, the time asked for
        await app.push_screen(BriefScreen(pastor))
        await pilot.pause()
        brief = _plain(app.screen.query_one("#brief-text", Static).content)
        assert "60 min · asked them for 60 min" not in brief  # the planned length is the prep's Minutes (45)
        assert "45 min · asked them for 60 min" in brief
        assert "first visit of a series" in brief and "Don't pitch yet — listen" in brief
        assert "Credential: Referred by Pastor Denise Okafor; with the tenants union" in brief
        assert "1. What keeps you up at night?" in brief and "2. Who else should I see?" in brief
        assert "My story to share: My family's eviction in 2011" in brief
        assert "Risks / what they may need: Cover with the board; no partisan exposure" in brief


async def test_time_asked_for_must_be_minutes_and_nothing_typed_is_lost(book):
    pastor = contacts.create(book, ContactIn(name="Rev. Samuel Adeyemi"))
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40)) as pilot:
        prep = await _open_prep(pilot, pastor)
        prep.query_one("#when", Input).value = "2026-12-03 10:00"
        prep.query_one("#time_asked_min", Input).value = "half an hour"
        prep.query_one("#credential", Input).value = "Referred by Pastor Denise Okafor"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is prep
        field = prep.query_one("#field-time_asked_min")
        assert field.has_class("-invalid")
        assert "Minutes, as a number (30)." in str(field.query_one(".field-error").render())
        assert prep.query_one("#credential", Input).value == "Referred by Pastor Denise Okafor"
        assert peek.value(book, "SELECT count(*) FROM meeting") == 0
        prep.query_one("#time_asked_min", Input).value = "30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PrepScreen)
    assert peek.value(book, "SELECT time_asked_min FROM meeting") == 30


def test_the_series_stage_shows_on_the_history(book, tmp_path):
    """`relmeet show`, like the history screen, says which visit of a series the last one was and the next is."""
    import brief_book

    brief_book.fill(book)
    out = subprocess.run([sys.executable, "-m", "relmeet", "--db", str(book.path), "show", "adeyemi"],
                         capture_output=True, text=True, timeout=60, env=os.environ.copy())
    assert out.returncode == 0, out.stderr
    assert "Last met: 3 weeks ago · that was the first visit of a series · next: visit 2 of a series" in out.stdout
    assert peek.value(book, "SELECT group_concat(series_visit) FROM meeting ORDER BY id") == "1,2"


async def test_another_copys_credential_is_kept_when_this_one_saves_its_questions(book):
    """Two copies of relmeet on one plan: each keeps the other's change to the new fields (merged field by field)."""
    from dataclasses import replace

    from relmeet.domain.meetings import MeetingPlan
    from relmeet.store import meetings, prep as prep_store

    pastor = contacts.create(book, ContactIn(name="Rev. Samuel Adeyemi"))
    meeting = meetings.plan(book, MeetingPlan(contact_id=pastor, purpose="Get to know him", series_visit=1))
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = PrepScreen(pastor, meeting)
        await app.push_screen(screen)
        await pilot.pause()
        # the other copy saves a credential meanwhile
        before = meetings.get(book, meeting)
        theirs = MeetingPlan(**{name: getattr(before, name) for name in MeetingPlan.__dataclass_fields__})
        prep_store.save_plan(book, replace(theirs, credential="Referred by Pastor Denise Okafor"), [], meeting,
                             expected=theirs)
        screen.query_one("#questions").load_text("What keeps you up at night?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PrepScreen), "the save stopped on a conflict it didn't have"
    saved = peek.row(book, "SELECT credential, questions, series_visit FROM meeting WHERE id = ?", (meeting,))
    assert tuple(saved) == ("Referred by Pastor Denise Okafor", "What keeps you up at night?", 1)


async def test_the_prep_shows_their_asks_still_waiting_for_my_answer(book):
    """Beside the plan, what they asked of me and wait to hear about: the prep is where I decide what to say."""
    import brief_book

    pastor = brief_book.fill(book)
    planned = peek.value(book, "SELECT id FROM meeting WHERE contact_id = ? AND status = 'planned'", (pastor,))
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = PrepScreen(pastor, planned)
        await app.push_screen(screen)
        await pilot.pause()
        known = _plain(screen.query_one("#known-text", Static).content)
        assert "Their asks of me — waiting for my answer" in known
        assert "They asked (support): Write a letter of support for the shelter's permit" in known
        assert "pending: if the board signs off first" in known
        assert screen.query_one("#credential", Input).value.startswith("Referred by Pastor Denise Okafor")
        assert screen.query_one("#series_visit", Select).value == 2
        assert not screen.query_one("#series-advice", Static).display  # visit 2: no "don't pitch yet"
    assert peek.value(book, "SELECT status FROM exchange WHERE made_by = 'them'") == "thinking"

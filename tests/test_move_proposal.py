"""The follow-up proposes a move: an ask I made, marked agreed, offers "move to Ally?"; F10 opens where they
stand on the meeting's campaign with the next stance chosen and the reason filled in; saving keeps it in their
story with the meeting. Real books, the real app through Pilot, "today" pinned to Monday 23 Nov 2026."""
from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Select, Static

import peek
from relmeet.app import RelmeetApp
from relmeet.domain.campaigns import CampaignIn
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.screens.follow_up import FollowUpScreen
from relmeet.screens.move import MoveScreen, Proposal
from relmeet.store import campaigns, captures, contacts, meetings
from screen_text import screen_lines
from steps import notices

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", TODAY.isoformat())


def _rosa_asked_to_speak(book) -> tuple[int, int, int, int]:
    """Rosa, a potential ally in the campaign, asked to speak in a meeting just held: (campaign, rosa,
    meeting, the ask)."""
    just_cause = campaigns.save(book, CampaignIn(name="Just-cause ordinance"))
    rosa = contacts.create(book, ContactIn(name="Rosa Nguyễn"))
    campaigns.set_position(book, just_cause, rosa, stance="potential_ally", influence=3)
    meeting = meetings.plan(book, MeetingPlan(contact_id=rosa, campaign_id=just_cause, purpose="Recruitment"))
    meetings.start(book, meeting)
    speak = captures.add_exchange(book, rosa, "ask", "action", "Speak at the council hearing", status="made",
                                  meeting_id=meeting)
    meetings.end(book, meeting)
    return just_cause, rosa, meeting, speak


async def test_in_the_move_dialog_enter_goes_on_and_saves_in_the_last_field(book):
    just_cause, rosa, meeting, speak = _rosa_asked_to_speak(book)
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 50), notifications=True) as pilot:
        home = app.screen
        dialog = MoveScreen(Proposal(meeting, rosa, "Rosa Nguyễn", just_cause, "Just-cause ordinance",
                                     "potential_ally", 3, "ally", "Speak at the council hearing"))
        await app.push_screen(dialog)
        await pilot.pause()
        dialog.query_one("#influence", Input).focus()
        await pilot.press("ctrl+a", "ctrl+k", "x", "enter")  # not a number; Enter goes on to "Why"
        await pilot.pause()
        assert app.focused is dialog.query_one("#reason", Input)
        await pilot.press("enter")  # the last field: saves, and the bad influence is shown where it is
        await pilot.pause()
        assert app.screen is dialog
        assert "Influence is from 1 to 5." in " ".join(screen_lines(app))
        dialog.query_one("#influence", Input).value = "4"
        dialog.query_one("#reason", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is home
    assert tuple(peek.row(book, "SELECT stance, influence FROM campaign_contact WHERE campaign_id = ? "
                                "AND contact_id = ?", (just_cause, rosa))) == ("ally", 4)


async def test_an_agreed_ask_proposes_a_move_and_f10_keeps_it_in_the_story(book):
    just_cause, rosa, meeting, speak = _rosa_asked_to_speak(book)
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 50), notifications=True) as pilot:
        follow = FollowUpScreen(meeting)
        await app.push_screen(follow)
        await pilot.pause(0.3)
        proposal = follow.query_one("#move-proposal", Static)
        assert not proposal.display  # made, no answer yet: nothing to propose
        for _ in range(50):  # the Footer is drawn a frame after the page; slower on a loaded machine
            if "Move…" in screen_lines(app)[-1]:
                break
            await pilot.pause(0.1)
        assert "Move…" in screen_lines(app)[-1]
        follow.query_one(f"#outcome-{speak}", Select).value = "agreed"
        await pilot.pause()
        assert proposal.display
        assert proposal.render().plain.startswith(
            "Rosa Nguyễn agreed: Speak at the council hearing — move to Ally in Just-cause ordinance? F10")
        await pilot.press("f10")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MoveScreen)
        assert dialog.query_one("#stance", Select).value == "ally"
        assert dialog.query_one("#reason", Input).value == "agreed: Speak at the council hearing"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is follow
        assert any("Rosa Nguyễn: Potential ally → Ally (agreed: Speak at the council hearing), kept in their story."
                   in n for n in await notices(pilot))
        assert not proposal.display  # an ally now: nothing further to propose
    assert peek.value(book, "SELECT stance FROM campaign_contact WHERE campaign_id = ? AND contact_id = ?",
                      (just_cause, rosa)) == "ally"
    story = peek.row(book, "SELECT old_value, new_value, changed_on, meeting_id, reason FROM standing_change "
                           "WHERE contact_id = ? AND campaign_id = ? AND field = 'stance' ORDER BY id DESC",
                     (rosa, just_cause))
    assert tuple(story) == ("potential_ally", "ally", "2026-11-23", meeting, "agreed: Speak at the council hearing")

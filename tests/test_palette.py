"""The command palette offers what can be done from the screen in view, and does it."""
from __future__ import annotations

from steps import notices, run_from_palette

from relmeet.app import RelmeetApp
from relmeet.screens.contact_form import ContactFormScreen
import peek


async def test_palette_contact_new_opens_the_form(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await run_from_palette(pilot, "contact: new")
        assert isinstance(app.screen, ContactFormScreen)


async def test_palette_follow_up_returns_to_the_last_meeting_of_the_contact_in_view(demo_book):
    from relmeet.screens.follow_up import FollowUpScreen
    from relmeet.screens.history import HistoryScreen

    rosa = peek.value(demo_book, "SELECT id FROM contact WHERE name = 'Rosa Nguyễn'")
    held = peek.value(demo_book, "SELECT id FROM meeting WHERE contact_id = ? AND status = 'held'", (rosa,))
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(HistoryScreen(rosa))
        await pilot.pause()
        await run_from_palette(pilot, "meeting: follow up")
        assert isinstance(app.screen, FollowUpScreen) and app.screen.meeting_id == held
        assert "Follow-up: Rosa Nguyễn" in str(app.screen.query_one(".screen-title").render())


async def test_actions_on_a_contact_say_how_to_pick_one_when_none_is_in_view(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.press("f8")  # the wins: about no one contact
        await pilot.pause()
        await run_from_palette(pilot, "meeting: follow up")
        assert type(app.screen).__name__ == "WinsScreen"
        assert (await notices(pilot)) == [
            "Highlight a contact first (on the home screen or in a contact's history)."]

"""The command palette offers what can be done from the screen in view, and does it."""
from __future__ import annotations

from relmeet.app import RelmeetApp
from relmeet.screens.contact_form import ContactFormScreen


async def test_palette_contact_new_opens_the_form(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"contact: new")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ContactFormScreen)

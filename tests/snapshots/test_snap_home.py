"""Pictures of the home screen and the contact form on the demo book, with 'today' pinned."""
from __future__ import annotations

from relmeet.app import RelmeetApp


def test_home_screen(snap_compare, pinned_demo):
    assert snap_compare(RelmeetApp(pinned_demo, demo=True), terminal_size=(120, 36))


def test_contact_form_with_errors(snap_compare, pinned_demo):
    async def fill_badly(pilot):
        await pilot.press("ctrl+n")
        await pilot.pause()
        pilot.app.screen.query_one("#email").value = "rosa-at-example"
        pilot.app.screen.query_one("#influence").value = "9"
        await pilot.press("ctrl+s")
        await pilot.pause()
        for field in pilot.app.screen.query("Input"):
            field.cursor_blink = False  # a blinking cursor makes the picture depend on timing
        await pilot.pause()

    assert snap_compare(RelmeetApp(pinned_demo, demo=True), terminal_size=(120, 40), run_before=fill_badly)

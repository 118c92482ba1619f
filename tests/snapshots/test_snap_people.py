"""Pictures of the contact form (with a bounced e-mail struck through) and an organization's page, at a laptop
terminal's 80x24 and a roomier 120x36, on the demo book with 'today' pinned."""
from __future__ import annotations

import pytest

from relmeet.app import RelmeetApp
from relmeet.screens.contact_form import ContactFormScreen
import peek
from steady import steady

SIZES = {"narrow": (80, 24), "wide": (120, 36)}


@pytest.mark.parametrize("size", SIZES)
def test_contact_form_with_several_emails(snap_compare, pinned_demo, size):
    linda = peek.value(pinned_demo, "SELECT id FROM contact WHERE name = 'Linda Park'")

    async def open_form(pilot):
        pilot.app.push_screen(ContactFormScreen(linda))
        await pilot.pause()
        pilot.app.screen.query_one("#field-email").scroll_visible(animate=False, top=True)
        await steady(pilot)

    assert snap_compare(RelmeetApp(pinned_demo, demo=True), terminal_size=SIZES[size], run_before=open_form)


@pytest.mark.parametrize("size", SIZES)
def test_organization_page(snap_compare, pinned_demo, size):
    union = peek.value(pinned_demo, "SELECT id FROM contact WHERE name = 'Eastside Tenants Union'")

    async def open_page(pilot):
        pilot.app.open_contact(union)
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(RelmeetApp(pinned_demo, demo=True), terminal_size=SIZES[size], run_before=open_page)

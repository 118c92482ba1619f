"""Adding and editing contacts through the form; errors beside the field, nothing typed lost."""
from __future__ import annotations

from textual.widgets import Input, Select

from relmeet.app import RelmeetApp
from relmeet.screens.contact_form import ContactFormScreen
import peek


async def _type_into(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.press(*text) if text else None


async def test_add_contact_with_validation_keeps_what_was_typed(book):
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        await _type_into(pilot, "#email", "rosa-at-example")
        await _type_into(pilot, "#influence", "")
        form.query_one("#influence", Input).value = "9"
        await _type_into(pilot, "#role", "Building B captain")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # still on the form, with the errors next to the fields
        assert app.screen is form
        errors = {f.field_name: str(f.query_one(".field-error").render()) for f in form.query("Field")
                  if f.has_class("-invalid")}
        assert set(errors) == {"name", "email", "influence"}
        assert "name is needed" in errors["name"]
        assert "email" in errors["email"]
        assert "1 (little) to 5" in errors["influence"]
        assert form.query_one("#role", Input).value == "Building B captain"
        assert form.query_one("#email").value == "rosa-at-example"
        assert app.focused is form.query_one("#name")
        assert peek.value(book, "SELECT count(*) FROM contact") == 0
        # fix them and save
        await pilot.press(*"Rosa Nguyễn")
        form.query_one("#email").value = "rosa@example.org"
        form.query_one("#influence", Input).value = "2"
        form.query_one("#tags", Input).value = "tenants, Building B"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        row = peek.row(book, "SELECT * FROM contact")
        assert (row["name"], row["email"], row["influence"], row["role"]) == (
            "Rosa Nguyễn", "rosa@example.org", 2, "Building B captain")
        tags = [r[0] for r in peek.rows(book, "SELECT tag FROM contact_tag ORDER BY tag")]
        assert tags == ["Building B", "tenants"]


async def test_edit_contact_and_cancel_asks_before_discarding(demo_book):
    rosa = peek.value(demo_book, "SELECT id FROM contact WHERE name = 'Rosa Nguyễn'")
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#contacts")
        table.move_cursor(row=table.get_row_index(str(rosa)))
        await pilot.press("ctrl+e")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#name", Input).value == "Rosa Nguyễn"
        form.query_one("#stance", Select).value = "potential_ally"
        form.query_one("#their_language", Input).value = "\"[we] are not going anywhere\""
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.click("#no")  # keep editing
        await pilot.pause()
        assert app.screen is form
        await pilot.press("ctrl+s")
        await pilot.pause()
        row = peek.row(demo_book, "SELECT stance, their_language FROM contact WHERE id = ?", (rosa,))
        assert tuple(row) == ("potential_ally", "\"[we] are not going anywhere\"")
        # brackets in user text don't break the list
        assert type(app.screen).__name__ == "HomeScreen"


async def test_new_organization_and_person_linked_to_it(book):
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        form.query_one("#kind", Select).value = "organization"
        form.query_one("#level", Select).value = "organization"
        await pilot.press(*"Eastside Tenants Union")
        await pilot.press("ctrl+s")
        await pilot.pause()
        union = peek.value(book, "SELECT id FROM contact WHERE kind = 'organization'")
        assert union
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Rosa")
        form.query_one("#organization_id", Select).value = union
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert peek.value(book, "SELECT organization_id FROM contact WHERE name = 'Rosa'") == union

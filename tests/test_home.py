"""The home screen through the real app: the list, filters, sorting, archive and undo, due items."""
from __future__ import annotations

from relmeet.app import RelmeetApp
from relmeet.widgets.contact_table import ContactTable
import peek


def _names(app) -> list[str]:
    table = app.screen.query_one(ContactTable)
    return [table.get_row_at(i)[1].plain.strip(" ★⚑") for i in range(table.row_count)]


def _select(app, name: str) -> None:
    table = app.screen.query_one(ContactTable)
    table.move_cursor(row=_names(app).index(name))


async def test_home_lists_contacts_upcoming_and_due(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        names = _names(app)
        assert "Rosa Nguyễn" in names and "Grace AME Church" in names
        assert names == sorted(names, key=str.casefold)
        upcoming = app.screen.query_one("#upcoming")
        assert any("Linda Park" in upcoming.get_option_at_index(i).prompt.plain for i in range(upcoming.option_count))
        due = app.screen.query_one("#due")
        due_text = [due.get_option_at_index(i).prompt.plain for i in range(due.option_count)]
        assert any("overdue" in line and "José Martínez" in line for line in due_text)


async def test_filter_by_text_level_and_sort(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+l")
        await pilot.press(*"grace")
        await pilot.pause(0.3)
        # the church and its pastor (by organization)
        assert set(_names(app)) == {"Grace AME Church", "Pastor Denise Okafor"}
        await pilot.press("enter")  # back to the list
        assert isinstance(app.focused, ContactTable)
        app.screen.query_one("#filter").value = ""
        app.screen.query_one("#level-filter").value = "organization"
        await pilot.pause(0.3)
        assert all(n in _names(app) for n in ("Grace AME Church", "Eastside Tenants Union"))
        assert "Rosa Nguyễn" not in _names(app)
        app.screen.query_one("#level-filter").clear()
        await pilot.pause(0.3)
        await pilot.press("ctrl+o")  # sort by organization
        await pilot.pause()
        assert "sorted by organization" in str(app.screen.query_one("#contacts-title").render())


async def test_archive_asks_then_undo_brings_back(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        _select(app, "Marcus Hill")
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("escape")  # no: nothing changes
        await pilot.pause()
        assert "Marcus Hill" in _names(app)
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert "Marcus Hill" not in _names(app)
        archived = peek.value(demo_book, "SELECT archived_at FROM contact WHERE name = 'Marcus Hill'")
        assert archived is not None
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert "Marcus Hill" in _names(app)
        assert peek.value(demo_book, "SELECT archived_at FROM contact WHERE name = 'Marcus Hill'") is None


async def test_marking_a_due_commitment_done(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        due = app.screen.query_one("#due")
        due.focus()
        due.highlighted = 0
        first = app.screen.due_items[0]
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommitmentStatusScreen"
        await pilot.click("#done")
        await pilot.pause()
        row = peek.row(demo_book, "SELECT status, closed_at FROM commitment WHERE id = ?", (first.id,))
        assert row["status"] == "done" and row["closed_at"]
        assert all(item.id != first.id for item in app.screen.due_items)

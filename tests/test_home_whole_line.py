"""Nothing cut off that matters on the home list: its columns cut a long name or organization at 80 columns, so the
highlighted contact's name, role and organization are shown whole under the list."""
from __future__ import annotations

from relmeet.app import RelmeetApp
from screen_text import screen_lines


async def test_the_highlighted_contact_is_shown_whole_under_the_list_at_80_columns(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#contacts")
        row = next(i for i in range(table.row_count) if "Dr. Amara Singh" in str(table.get_row_at(i)[1]))
        table.move_cursor(row=row)
        await pilot.pause()
        lines = screen_lines(app)
        # in the list the organization is cut at its column...
        assert any("Eastside Community Healt" in line and "Health Center" not in line for line in lines)
        # ...and whole in the line under it
        assert any("Dr. Amara Singh — Family physician, Eastside Community Health Center" in line for line in lines), lines

"""Search as you type in the app, then open the contact's history."""
from __future__ import annotations

import io

from rich.console import Console

from relmeet.app import RelmeetApp
from relmeet.screens.history import HistoryScreen
import peek


def _shown(static) -> str:
    console = Console(width=300, file=io.StringIO(), record=True)
    console.print(static.content)
    return console.export_text()


async def test_type_a_query_and_open_a_result(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press(*"lincoln")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one("#results")
        lines = [results.get_option_at_index(i).prompt.plain for i in range(results.option_count)]
        assert any("Rosa Nguyễn" in line and "Lincoln" in line for line in lines)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = _shown(app.screen.query_one("#history-text"))
        assert "Stay in Maple Court until her kids finish at Lincoln Elementary" in text
        assert "Meetings (2)" in text
        # F2 from the history plans a meeting with her
        await pilot.press("f2")
        await pilot.pause()
        assert type(app.screen).__name__ == "PrepScreen"


async def test_enter_on_home_opens_the_history(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        union = peek.value(demo_book, "SELECT id FROM contact WHERE name = 'Eastside Tenants Union'")
        table = app.screen.query_one("#contacts")
        table.move_cursor(row=table.get_row_index(str(union)))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+y")  # an organization opens on its page; Ctrl+Y there is its own history
        await pilot.pause()
        text = _shown(app.screen.query_one("#history-text"))
        assert "People at Eastside Tenants Union (2)" in text

"""A contact's history: Tab reaches "Work on (Enter)", and Enter works the first item at once. Walking the
demo at 100x30, Enter there did nothing until a Down had picked an item: the list had none highlighted."""
from __future__ import annotations

from faults import demo_book

from relmeet.app import RelmeetApp
from relmeet.store import Book


async def test_tab_to_work_on_then_enter_opens_the_first_item(tmp_path):
    with Book(demo_book(tmp_path / "book.sqlite3")) as book:
        app = RelmeetApp(book)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+l", *"rosa", "enter")
            await pilot.pause(0.3)
            await pilot.press("enter")  # her history
            await pilot.pause(0.3)
            history = app.screen
            assert type(history).__name__ == "HistoryScreen"
            await pilot.press("tab")
            await pilot.pause()
            assert app.focused.id == "work"
            await pilot.press("enter")
            await pilot.pause(0.3)
            dialog = app.screen
            assert type(dialog).__name__ == "CommitmentStatusScreen"
            assert "Invite five Building B neighbors" in str(dialog.query_one("#outcome-what").render())

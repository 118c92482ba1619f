"""An open book's home screen is the first screen on the app's stack: no empty screen is laid out and
drawn before it at start-up (it cost ~25 ms of the first frame, and the stack under home held a blank
page an Escape could land on)."""
from __future__ import annotations

from faults import demo_book
from textual.widgets import Static

from relmeet.app import RelmeetApp
from relmeet.store import Book


async def test_the_home_screen_is_the_first_and_only_screen_at_start(tmp_path):
    with Book(demo_book(tmp_path / "book.sqlite3")) as book:
        app = RelmeetApp(book)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            assert [type(screen).__name__ for screen in app.screen_stack] == ["HomeScreen"]
            await app.workers.wait_for_complete()
            await pilot.pause()
            # the side panes still fill after the list
            assert "Overdue" in str(app.screen.query_one("#health-counts", Static).render())
            await pilot.press("f3")  # a brief opens over home, and Escape comes back to it
            await pilot.pause()
            assert type(app.screen).__name__ == "BriefScreen"
            await pilot.press("escape")
            await pilot.pause()
            assert [type(screen).__name__ for screen in app.screen_stack] == ["HomeScreen"]

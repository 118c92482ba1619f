"""A contact's history: Tab reaches "Work on (Enter)", and Enter works the first item at once. Walking the
demo at 100x30, Enter there did nothing until a Down had picked an item: the list had none highlighted."""
from __future__ import annotations

from faults import demo_book
from steps import open_history_of

from relmeet.app import RelmeetApp
from relmeet.store import Book


async def test_tab_to_work_on_then_enter_opens_the_first_item(tmp_path):
    with Book(demo_book(tmp_path / "book.sqlite3")) as book:
        app = RelmeetApp(book)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_history_of(pilot, "rosa")
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


async def test_the_home_tend_list_and_a_follow_ups_captured_list_answer_enter_at_once(tmp_path):
    from textual.widgets import OptionList

    import peek
    from relmeet.screens.follow_up import FollowUpScreen

    with Book(demo_book(tmp_path / "book.sqlite3")) as book:
        rosa_met = peek.value(book, "SELECT m.id FROM meeting m JOIN contact c ON c.id = m.contact_id "
                                    "WHERE c.name = 'Rosa Nguyễn' AND m.status = 'held' ORDER BY m.started_at DESC")
        app = RelmeetApp(book)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.screen.query_one("#tend-list", OptionList).focus()
            await pilot.press("enter")
            await pilot.pause(0.3)
            assert type(app.screen).__name__ == "HistoryScreen"  # the first one to tend
            await pilot.press("escape")
            await pilot.pause()

            await app.push_screen(FollowUpScreen(rosa_met))
            await pilot.pause(0.3)
            app.screen.query_one("#follow-captured", OptionList).focus()
            await pilot.press("enter")
            await pilot.pause(0.3)
            assert type(app.screen).__name__ == "CaptureScreen"  # the first item captured, to edit

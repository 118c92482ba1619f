"""A backup or a restore of a big book takes seconds: the shell draws a bar on the terminal, the app
shows it in its title line on whatever screen is up, and the title is the book's again after."""
from __future__ import annotations

import time

from faults import demo_book, run
from terminal import Terminal

from relmeet.app import RelmeetApp
from relmeet.store import Book, backup


def test_a_backup_tells_how_far_the_copy_is_then_the_check(tmp_path):
    path = demo_book(tmp_path / "book.sqlite3")
    told: list[tuple[str, float | None]] = []
    with Book(path) as book:
        backup.backup_now(book, progress=lambda step, done: told.append((step, done)))
    assert told[0] == ("copying", 0.0) and ("copying", 1.0) in told
    assert told[-1] == ("checking the copy", 1.0)
    copying = [done for step, done in told if step == "copying"]
    assert copying == sorted(copying)


def test_relmeet_backup_and_restore_draw_a_bar_on_the_terminal(tmp_path):
    path = demo_book(tmp_path / "book.sqlite3")
    with Terminal("--db", str(path), "backup") as terminal:
        assert terminal.finish(60) == 0
        shown = terminal.plain()
    assert "Backing up the book: copying [" in shown and "100%" in shown and "backed up to" in shown
    with Terminal("--db", str(path), "restore", "1", "--yes") as terminal:
        assert terminal.finish(60) == 0
        shown = terminal.plain()
    assert "Restoring a copy of the book as it is: copying [" in shown
    assert "Restoring the backup, back into the book: copying [" in shown and "restored the backup" in shown
    piped = run("--db", str(path), "backup")
    assert piped.returncode == 0 and piped.stderr == ""  # piped: no bar


async def test_the_app_shows_a_backup_in_its_title_line_then_the_book_again(tmp_path):
    from steps import record_calls, run_from_palette

    path = demo_book(tmp_path / "book.sqlite3")
    app = RelmeetApp(Book(path))
    try:
        async with app.run_test(size=(110, 32), notifications=True) as pilot:
            await pilot.pause(0.5)
            app.show_work_after = 0  # the demo book's copy takes milliseconds: show it all the same
            calls = record_calls(app, "show_work")
            await run_from_palette(pilot, "book: back up now")
            end = time.monotonic() + 20
            while not any("Backed up to" in t.render().plain for t in app.screen.query("Toast")):
                assert time.monotonic() < end, "no backup was made in time"
                await pilot.pause(0.05)
            assert app.sub_title == str(path)
        titles = [line for (line,) in calls]
        assert any(line.startswith("Backing up the book: copying [") for line in titles), titles
        assert any(line.startswith("Backing up the book: checking the copy") for line in titles), titles
        assert titles[-1] == str(path)
    finally:
        app.book.close()

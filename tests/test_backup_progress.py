"""A backup or a restore of a big book takes seconds: the shell draws a bar on the terminal, the app
shows it in its title line on whatever screen is up, and the title is the book's again after."""
from __future__ import annotations


from faults import demo_book, run
from terminal import Terminal

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
    from steps import title_lines_while

    path = demo_book(tmp_path / "book.sqlite3")
    titles = await title_lines_while(path, "book: back up now", "Backed up to")
    assert any(line.startswith("Backing up the book: copying [") for line in titles), titles
    assert any(line.startswith("Backing up the book: checking the copy") for line in titles), titles
    assert titles[-1] == str(path)

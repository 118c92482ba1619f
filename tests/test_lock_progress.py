"""Locking a big book takes long (the 1 GB benchmark book: 11 s of copying, then 48 s of checking): the
organizer sees it move, in the shell as a bar on the terminal and in the app under the passphrase."""
from __future__ import annotations

import time
from pathlib import Path

from faults import demo_book, run
from terminal import Terminal

from relmeet.app import RelmeetApp
from relmeet.store import Book, lock

PASSPHRASE = "correct horse battery"


def _secret(folder: Path) -> Path:
    path = folder / "pw"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def test_the_rewrite_tells_each_step_and_how_far_it_is(tmp_path):
    path = demo_book(tmp_path / "book.sqlite3")
    assert run("--db", str(path), "backup").returncode == 0
    told: list[tuple[str, float | None]] = []
    copies = lock.rewrite_book_and_backups(path, PASSPHRASE, lambda step, done: told.append((step, done)))
    assert copies == 1
    steps = [step for step, _ in told]
    assert steps[0] == "the book: copying" and told[0][1] == 0.0
    assert ("the book: copying", 1.0) in told and ("the book: checking the copy", 1.0) in told
    assert steps.index("the book: checking the copy") > steps.index("the book: copying")
    assert told[-1] == ("backup 1 of 1: checking the copy", 1.0)
    copying = [done for step, done in told if step == "the book: copying"]
    assert copying == sorted(copying) and all(0.0 <= done <= 1.0 for done in copying)
    assert not path.read_bytes().startswith(b"SQLite format 3")


def test_relmeet_lock_draws_a_bar_on_the_terminal_and_nothing_when_piped(tmp_path):
    path, secret = demo_book(tmp_path / "book.sqlite3"), _secret(tmp_path)
    with Terminal("--db", str(path), "lock", "--new-passphrase-file", str(secret), "--yes") as terminal:
        assert terminal.finish(60) == 0
        shown = terminal.plain()
    assert "Locking the book: copying [" in shown and "100%" in shown
    assert "Locking the book: checking the copy" in shown
    assert "is locked" in shown

    piped = run("--db", str(path), "--passphrase-file", str(secret), "unlock", "--yes")
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == "" and "is unlocked" in piped.stdout  # a script's stderr keeps to what went wrong


async def test_the_app_shows_the_rewrite_under_the_passphrase_and_nothing_reads_the_book_meanwhile(tmp_path):
    from steps import record_calls, run_from_palette

    path = demo_book(tmp_path / "book.sqlite3")
    app = RelmeetApp(Book(path))
    try:
        async with app.run_test(size=(110, 32), notifications=True) as pilot:
            await run_from_palette(pilot, "book: lock with")
            screen = app.screen
            calls = record_calls(screen, "show_progress")
            for _ in range(2):
                await pilot.press(*["space" if c == " " else c for c in PASSPHRASE], "enter")
            end = time.monotonic() + 30
            while not app.book.locked or app.screen is screen:
                assert time.monotonic() < end, "the book was not locked in time"
                await pilot.pause(0.05)
            await pilot.pause(0.3)
            toasts = [t.render().plain for t in app.screen.query("Toast")]
        steps_shown = [step for step, _ in calls]
        assert "the book: copying" in steps_shown and "the book: checking the copy" in steps_shown
        assert any(t.startswith("The book is locked: from now on the book") and "only with this passphrase" in t
                   for t in toasts), toasts
        assert not any("being locked" in t for t in toasts), toasts  # the screen behind did not read it
    finally:
        app.book.close()

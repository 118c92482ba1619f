"""The app on a locked book (its passphrase screen) and the privacy key, through Textual's Pilot.

What the organizer sees is read from the rendered screen (export_screenshot): behind the curtain and
before the passphrase, nothing of the book is drawn.
"""
from __future__ import annotations

import hashlib
import html
import re
import time
from pathlib import Path

import peek
from faults import demo_book
from steps import notices

from relmeet.store import lock
from relmeet.app import RelmeetApp
from relmeet.store import Book
from relmeet.store.contacts import set_setting

PASSPHRASE = "correct horse battery"
SIZE = (110, 32)


def _drawn(app) -> str:
    """The text the terminal shows, as one string (spaces kept)."""
    svg = app.export_screenshot()
    text = " ".join(html.unescape(part) for part in re.findall(r">([^<>]+)</text>", svg))
    return text.replace("\xa0", " ")


def _names(path: Path) -> list[str]:
    """Words of the names and notes the book holds that could show on screen."""
    names = [r[0] for r in peek.rows(path, "SELECT name FROM contact")]
    found = {part for name in names for part in name.split() if len(part) >= 4}
    return sorted(found)


def _locked_book(tmp_path) -> Path:
    path = demo_book(tmp_path / "book.sqlite3")
    lock.lock(path, PASSPHRASE)
    return path


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def _type(pilot, text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)


async def _open_lock_dialog(pilot, app) -> None:
    """From the home screen once it shows the book: the palette's "book: lock with a passphrase"."""
    from steps import run_from_palette

    await _until(pilot, lambda: "Rosa" in _drawn(app))
    await run_from_palette(pilot, "book: lock with")


async def _until(pilot, condition, seconds: float = 10) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, f"the screen did not change in time: {pilot.app.screen_stack}"
        await pilot.pause(0.05)


async def test_a_locked_book_asks_its_passphrase_first_and_again_when_wrong(tmp_path):
    path = demo_book(tmp_path / "book.sqlite3")
    words = _names(path)
    lock.lock(path, PASSPHRASE)
    digest = _hash(path)
    app = RelmeetApp(None, book_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "PassphraseScreen"
        drawn = _drawn(app)
        assert "is locked" in drawn
        assert [w for w in words if w in drawn] == []
        await pilot.press("f2", "ctrl+f", "ctrl+p")  # nothing of the book opens before the passphrase
        await pilot.pause()
        assert type(app.screen).__name__ == "PassphraseScreen"

        await _type(pilot, "not it at all")
        await pilot.press("enter")
        await _until(pilot, lambda: "Wrong passphrase" in _drawn(app))
        assert type(app.screen).__name__ == "PassphraseScreen"
        assert _hash(path) == digest
        assert app.book is None

        await _type(pilot, PASSPHRASE)
        await pilot.press("enter")
        await _until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        await _until(pilot, lambda: "Rosa" in _drawn(app))
        assert app.book.locked and app.hide_after == 5  # a locked book hides itself after 5 idle minutes
    app.book.close()


async def test_the_privacy_key_hides_everything_until_a_key(tmp_path):
    path = demo_book(tmp_path / "book.sqlite3")
    words = _names(path)
    with Book(path) as book:
        app = RelmeetApp(book)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await _until(pilot, lambda: "Rosa" in _drawn(app))
            # the key is in the Footer (drawn a frame after the list)
            await _until(pilot, lambda: re.search(r"\^b\s+Hide", _drawn(app)))
            await pilot.press("enter")  # the highlighted contact's history
            await pilot.pause()
            history = app.screen
            await _until(pilot, lambda: any(w in _drawn(app) for w in words))
            shown = [w for w in words if w in _drawn(app)]
            await pilot.press("ctrl+b")
            await pilot.pause()
            drawn = _drawn(app)
            assert type(app.screen).__name__ == "CurtainScreen"
            assert "press any key" in drawn.lower()
            assert [w for w in words if w in drawn] == [], drawn
            assert str(path) not in drawn and path.name not in drawn
            app.notify("Saved the notes with Rosa Nguyễn")  # a toast arriving meanwhile waits
            assert await notices(pilot) == []
            assert "Rosa" not in _drawn(app)

            await pilot.press("x")
            await pilot.pause()
            assert app.screen is history
            assert all(w in _drawn(app) for w in shown)
            await pilot.pause()
            assert await notices(pilot) == ["Saved the notes with Rosa Nguyễn"]  # held while hidden
            assert app.hide_after == 0  # an unlocked book doesn't hide by itself unless asked
            app._last_input -= 3600
            app._tidy_up()
            await pilot.pause()
            assert app.screen is history


async def test_a_locked_book_hidden_comes_back_with_its_passphrase_only(tmp_path):
    path = _locked_book(tmp_path)
    book = Book.open_locked(path, PASSPHRASE)
    set_setting(book, "hide_after_minutes", "2")
    try:
        app = RelmeetApp(book)
        async with app.run_test(size=SIZE) as pilot:
            await _until(pilot, lambda: "Rosa" in _drawn(app))
            assert app.hide_after == 2
            # just short of two minutes without a key (ten seconds' margin: the app's own tidy-up timer runs too)
            app._last_input = time.monotonic() - 110
            app._tidy_up()
            await pilot.pause()
            await _until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
            app._last_input -= 11  # two minutes without a key: the curtain comes down by itself
            app._tidy_up()
            await pilot.pause()
            assert type(app.screen).__name__ == "CurtainScreen"
            assert "Rosa" not in _drawn(app)

            await pilot.press("f2", "ctrl+f", "escape")  # no key but the passphrase lifts it
            await pilot.pause()
            assert type(app.screen).__name__ == "CurtainScreen"
            await _type(pilot, "guess")
            await pilot.press("enter")
            await _until(pilot, lambda: "not the passphrase" in _drawn(app))
            assert type(app.screen).__name__ == "CurtainScreen"
            await _type(pilot, PASSPHRASE)
            await pilot.press("enter")
            await _until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
            assert "Rosa" in _drawn(app)
    finally:
        book.close()


async def test_the_palette_locks_the_open_book_and_changes_its_passphrase(tmp_path):
    from faults import run
    from steps import run_from_palette

    path = demo_book(tmp_path / "book.sqlite3")
    assert run("--db", str(path), "backup").returncode == 0
    book = Book(path)
    app = RelmeetApp(book)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await _open_lock_dialog(pilot, app)
            assert type(app.screen).__name__ == "NewPassphraseScreen"
            await _type(pilot, PASSPHRASE)
            await pilot.press("enter")
            await _type(pilot, "something else")
            await pilot.press("enter")
            await _until(pilot, lambda: "differ" in _drawn(app))
            assert path.read_bytes().startswith(b"SQLite format 3")  # nothing done yet
            await _type(pilot, PASSPHRASE)
            await pilot.press("enter")
            await _type(pilot, PASSPHRASE)
            await pilot.press("enter")
            await _until(pilot, lambda: any(n.startswith("The book is locked") for n in
                                            [t.render().plain for t in app.screen.query("Toast")]))
            assert app.book.locked and app.hide_after == 5
            assert not path.read_bytes().startswith(b"SQLite format 3")
            assert all(not c.read_bytes().startswith(b"SQLite format 3") for c in lock.backup_files(path))
            await _until(pilot, lambda: "Rosa" in _drawn(app))  # the home screen reads the locked book

            await run_from_palette(pilot, "book: change the pass")
            for _ in range(2):
                await _type(pilot, "a brand new passphrase")
                await pilot.press("enter")
            await _until(pilot, lambda: any(n.startswith("The passphrase is changed") for n in
                                            [t.render().plain for t in app.screen.query("Toast")]))
        secret = tmp_path / "pw"
        secret.write_text("a brand new passphrase\n")
        secret.chmod(0o600)
        done = run("--db", str(path), "--passphrase-file", str(secret), "show", "rosa")
        assert done.returncode == 0 and "Rosa Nguyễn" in done.stdout
    finally:
        app.book.close()


async def test_a_too_short_passphrase_is_said_at_its_first_enter(tmp_path):
    """Typing a short passphrase and Enter: said there, the cursor stays in it, nothing is locked (it went
    on to "the same again" before, and said so only after it was typed twice)."""
    path = demo_book(tmp_path / "book.sqlite3")
    app = RelmeetApp(Book(path))
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await _open_lock_dialog(pilot, app)
            await _type(pilot, "short")
            await pilot.press("enter")
            await _until(pilot, lambda: "at least 8 characters (several" in _drawn(app))
            assert app.focused.id == "new-passphrase-first"
            await _type(pilot, " but now long enough")
            await pilot.press("enter")
            assert app.focused.id == "new-passphrase-again"
            assert "at least 8 characters (several" not in _drawn(app)  # the message goes once it is long enough
            await _type(pilot, "short but now long enough")
            await pilot.press("enter")
            await _until(pilot, lambda: app.book.locked)
        assert not path.read_bytes().startswith(b"SQLite format 3")
    finally:
        app.book.close()

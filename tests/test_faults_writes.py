"""Writes the book refuses, under the real app: another process holding the write lock past the busy
timeout, a full disk. The app goes on, a banner on the screen says what happened, the text stays on the
screen and in an owner-only recovery file, relmeet retries, and once the book takes it everything typed
is in the file and the banner and the recovery copy are gone."""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea

from relmeet.app import RelmeetApp
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.screens import keeping
from relmeet.screens.contact_form import ContactFormScreen
from relmeet.screens.notes import NotesScreen
from relmeet.store import Book, contacts, meetings
import peek
from steps import notices

LOCKER = ("import sqlite3, sys, time\n"
          "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
          "c.execute('BEGIN IMMEDIATE')\n"
          "print('locked', flush=True)\n"
          "time.sleep(float(sys.argv[2]))\n")


@pytest.fixture(autouse=True)
def quick_faults(tmp_path, monkeypatch):
    """A write waits 0.2 s for the lock instead of 5, relmeet retries every 0.4 s instead of 10, and the state
    folder (recovery files) is the test's own."""
    monkeypatch.setenv("RELMEET_BUSY_TIMEOUT_MS", "200")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(keeping, "RETRY_EVERY", 0.4)


@contextmanager
def write_lock_held(path: Path, seconds: float = 60):
    """Another process holds the book's write lock (BEGIN IMMEDIATE) until the block ends."""
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout.readline().strip() == "locked"
        yield locker
    finally:
        locker.send_signal(signal.SIGKILL)
        locker.wait(timeout=10)


def recovery_files(tmp_path) -> list[Path]:
    return sorted((tmp_path / "state" / "relmeet" / "recovered").glob("*.json"))


def _meeting(book: Book) -> int:
    rosa = contacts.create(book, ContactIn(name="Rosa Nguyễn", phone="555 0000"))
    meeting_id = meetings.plan(book, MeetingPlan(contact_id=rosa, purpose="House meeting"))
    meetings.start(book, meeting_id)
    return meeting_id


def banner_text(screen) -> str:
    """The red line across the top of the screen, as shown; empty while hidden."""
    shown = [str(banner.render()) for banner in screen.query("#save-banner") if banner.display]
    return shown[0] if shown else ""


async def wait_until(pilot, condition, timeout: float = 5) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.1)
    return condition()


async def test_notes_typed_while_another_process_holds_the_book_are_kept_and_saved_later(tmp_path, book_path):
    with Book(book_path) as book:
        meeting_id = _meeting(book)
        app = RelmeetApp(book)
        async with app.run_test(size=(120, 40)) as pilot:
            app.start_meeting(meeting_id)
            await pilot.pause()
            notes = app.screen
            assert isinstance(notes, NotesScreen)
            with write_lock_held(book_path):
                await pilot.press(*"Son uses an inhaler at night.")
                assert await wait_until(pilot, lambda: banner_text(notes))  # the autosave found the book locked
                shown = banner_text(notes)
                assert shown.startswith("Not saved — the book is busy: another copy of relmeet (or another "
                                        "program) is writing to it.")
                assert "Retrying every 0.4 s; your text is kept (a copy is in " in shown
                assert "not saved yet" in str(notes.query_one("#save-state").render())
                assert peek.value(book_path, "SELECT notes FROM meeting") == ""  # the book hasn't got it...
                [kept] = recovery_files(tmp_path)                                # ...the recovery file has
                # (an autosave during the typing may have kept the first words: the copy follows the text)
                assert await wait_until(pilot, lambda: json.loads(kept.read_text())["fields"]["notes"]
                                        == "Son uses an inhaler at night.")
                assert kept.stat().st_mode & 0o777 == 0o600 and kept.parent.stat().st_mode & 0o777 == 0o700
                await pilot.press(*" Afraid of the landlord.")  # typing goes on; the copy follows it
                assert await wait_until(pilot, lambda: "landlord" in kept.read_text())
                await pilot.pause(1)  # retries meanwhile fail too, and the app goes on
                assert app.is_running and banner_text(notes)
            # the other process lets go: the next retry saves, the banner and the copy go
            assert await wait_until(pilot, lambda: not banner_text(notes))
            assert "✓ saved" in str(notes.query_one("#save-state").render())
            assert recovery_files(tmp_path) == []
    assert peek.value(book_path, "SELECT notes FROM meeting") == "Son uses an inhaler at night. Afraid of the landlord."


async def test_a_contact_saved_while_the_book_is_locked_stays_on_the_form_until_it_is_saved(tmp_path, book_path):
    with Book(book_path) as book:
        ann = contacts.create(book, ContactIn(name="Ann Lee", phone="555 0000"))
        app = RelmeetApp(book)
        async with app.run_test(size=(120, 40)) as pilot:
            app.push_screen(ContactFormScreen(ann))
            await pilot.pause()
            form = app.screen
            form.query_one("#phone").value = "555 1234"
            form.query_one("#notes", TextArea).load_text("Works nights at the hospital")
            with write_lock_held(book_path):
                await pilot.press("ctrl+s")
                await pilot.pause()
                assert app.screen is form  # not dismissed: it is not saved
                assert banner_text(form).startswith("Not saved — the book is busy")
                assert form.query_one("#phone").value == "555 1234"
                assert peek.value(book_path, "SELECT phone FROM contact") == "555 0000"
                [kept] = recovery_files(tmp_path)
                fields = json.loads(kept.read_text())["fields"]
                assert fields["Phone"] == "555 1234" and fields["Notes"] == "Works nights at the hospital"
            # released: the retry saves the form as typed and closes it, as Ctrl+S would have
            assert await wait_until(pilot, lambda: app.screen is not form)
            assert recovery_files(tmp_path) == []
    assert tuple(peek.row(book_path, "SELECT phone, notes FROM contact")) == ("555 1234", "Works nights at the hospital")


@contextmanager
def small_disk(tmp_path):
    """A folder on a disk that can be filled: a 1 MiB tmpfs when mount is allowed (root), else the same
    folder with RLIMIT_FSIZE lowered for this process once filled. Yields (folder, fill, free, how)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(folder)], capture_output=True).returncode == 0
    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
    filler = folder / "filler"

    def fill() -> None:
        if mounted:
            fd = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o600)
            try:
                for size in (65536, 4096, 1):
                    try:
                        while True:
                            os.write(fd, b"x" * size)
                    except OSError:  # ENOSPC: full at this grain, try a smaller one
                        pass
            finally:
                os.close(fd)
        else:
            largest = max(p.stat().st_size for p in folder.iterdir())
            resource.setrlimit(resource.RLIMIT_FSIZE, (largest, limits[1]))

    def free() -> None:
        if mounted:
            filler.unlink()
        else:
            resource.setrlimit(resource.RLIMIT_FSIZE, limits)

    try:
        yield folder, fill, free, "tmpfs" if mounted else "rlimit"
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)
        signal.signal(signal.SIGXFSZ, old_handler)
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=True)


async def test_notes_on_a_full_disk_are_kept_and_saved_once_there_is_room(tmp_path):
    with small_disk(tmp_path) as (folder, fill, free, how):
        path = folder / "book.sqlite3"
        with Book(path) as book:
            meeting_id = _meeting(book)
            app = RelmeetApp(book)
            async with app.run_test(size=(120, 40)) as pilot:
                app.start_meeting(meeting_id)
                await pilot.pause()
                notes = app.screen
                fill()
                await pilot.press(*("Her son's asthma is worse since the mold. " * 4))
                assert await wait_until(pilot, lambda: banner_text(notes))
                # which disk ran: a real full tmpfs says "full"; the file-size limit comes back as an I/O error
                expected = "the disk is full" if how == "tmpfs" else "the disk failed to read or write the book"
                assert banner_text(notes).startswith(f"Not saved — {expected}"), (how, banner_text(notes))
                [kept] = recovery_files(tmp_path)
                assert json.loads(kept.read_text())["fields"]["notes"].count("mold") == 4
                assert app.is_running
                free()
                assert await wait_until(pilot, lambda: not banner_text(notes))
                assert recovery_files(tmp_path) == []
        assert peek.value(path, "SELECT notes FROM meeting").count("mold") == 4


async def test_marking_notes_private_on_a_locked_book_says_so_and_leaves_the_mark_as_it_was(book_path):
    with Book(book_path) as book:
        meeting_id = _meeting(book)
        app = RelmeetApp(book)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            app.start_meeting(meeting_id)
            await pilot.pause()
            notes = app.screen
            with write_lock_held(book_path):
                await pilot.press("ctrl+t")
                told = await notices(pilot)
                assert any(m.startswith("Not changed — The book is busy") for m in told), told
                assert "private" not in str(notes.query_one("#notes-title").render())
            await pilot.press("ctrl+t")
            assert "🔒 private notes" in str(notes.query_one("#notes-title").render())
    assert peek.value(book_path, "SELECT notes_private FROM meeting") == 1


async def test_quitting_with_a_form_not_saved_offers_to_keep_it_in_a_file_and_the_next_start_shows_it(tmp_path, book_path):
    with Book(book_path) as book:
        ann = contacts.create(book, ContactIn(name="Ann Lee", phone="555 0000"))
        app = RelmeetApp(book)
        async with app.run_test(size=(120, 40)) as pilot:
            app.push_screen(ContactFormScreen(ann))
            await pilot.pause()
            form = app.screen
            form.query_one("#notes", TextArea).load_text("Her sister is on the tenants' board")
            await pilot.press("ctrl+q")
            await pilot.pause()
            asked = app.screen
            shown = str(asked.query_one(Static).render())
            assert "Not everything you typed is in the book" in shown and "The contact form for Ann Lee" in shown
            await pilot.press("escape")  # keep working: nothing lost, nothing written
            await pilot.pause()
            assert app.screen is form and recovery_files(tmp_path) == []
            await pilot.press("ctrl+q")
            await pilot.pause()
            await pilot.click("#file")
            await pilot.pause()
        assert app.return_code == 0
        [kept] = recovery_files(tmp_path)
        assert json.loads(kept.read_text())["fields"]["Notes"] == "Her sister is on the tenants' board"
        assert peek.value(book_path, "SELECT notes FROM contact") == ""  # quitting didn't save a form unasked

        app = RelmeetApp(book)  # the next start
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.5)
            offer = str(app.screen.query_one(Static).render())
            assert "Text that was not saved" in offer and "The contact form for Ann Lee" in offer
            await pilot.press("enter")  # "Show it to copy"
            await pilot.pause()
            assert "Her sister is on the tenants' board" in app.screen.query_one("#kept-text", TextArea).text
            await pilot.click("#done")
            await pilot.pause()
        assert recovery_files(tmp_path) == []


async def test_quitting_without_the_unsaved_notes_leaves_no_copy(tmp_path, book_path):
    with Book(book_path) as book:
        meeting_id = _meeting(book)
        app = RelmeetApp(book)
        async with app.run_test(size=(120, 40)) as pilot:
            app.start_meeting(meeting_id)
            await pilot.pause()
            with write_lock_held(book_path):
                await pilot.press(*"Draft words")
                assert await wait_until(pilot, lambda: banner_text(app.screen))
                assert len(recovery_files(tmp_path)) == 1
                await pilot.press("ctrl+q")
                assert await wait_until(pilot, lambda: app.screen.query("#quit"))
                await pilot.click("#quit")
                await pilot.pause()
        assert app.return_code == 0
    assert recovery_files(tmp_path) == []
    assert peek.value(book_path, "SELECT notes FROM meeting") == ""

"""A damaged book is caught early: checked when it is opened, opened read-only with an offer of the
latest good backup, never copied into the backups, and every screen on it gives a message, not a crash.
Also the files that aren't books: an empty file, a device, a pipe.

The damaged books are real books (the demo's people and meetings) with a few pages overwritten with
random bytes, the file's header and schema kept, so that SQLite still opens them.
"""
from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timedelta, timezone

import pytest

import faults
import peek
from relmeet import db
from relmeet.domain import today
from relmeet.reports import describe
from relmeet.store import Book, backup, health
from relmeet.store.contacts import set_setting
from steps import notices

YESTERDAY = datetime.now(timezone.utc) - timedelta(days=1)


def _problem(path) -> str:
    """What SQLite's check says of the file, read as another program would (query_only: a connection
    opened with mode=ro would leave the -wal and -shm files behind)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA query_only = ON")
        return db.quick_check(conn)
    finally:
        conn.close()


def _damaged_with_a_backup(tmp_path):
    """A book backed up yesterday, then damaged."""
    path = faults.demo_book(tmp_path / "book.sqlite3")
    with Book(path) as book:
        made = backup.backup_now(book, now=YESTERDAY)
    faults.damage(path)
    return path, made


def _when(made) -> str:
    return f"{made.made_at.astimezone():%Y-%m-%d %H:%M}"


def test_a_damaged_book_is_caught_at_open_and_nothing_is_written_to_it(tmp_path):
    path, _made = _damaged_with_a_backup(tmp_path)
    problem = _problem(path)
    assert problem != "ok"
    before = faults.fingerprint(tmp_path)
    with Book(path) as book:
        assert health.damage(book) == problem
        with pytest.raises(sqlite3.OperationalError) as plain_write:
            set_setting(book, "tend_after_days", "10")
        assert describe(plain_write.value) == "The book is read-only: relmeet can't write to it."
    assert faults.fingerprint(tmp_path) == before  # not a byte written, no -wal or -shm left behind


def test_a_whole_book_opens_as_before(tmp_path):
    path = faults.demo_book(tmp_path / "book.sqlite3")
    with Book(path) as book:
        assert health.damage(book) is None
        set_setting(book, "tend_after_days", "10")
    assert peek.value(path, "SELECT value FROM setting WHERE key = 'tend_after_days'") == "10"


async def test_the_app_opens_a_damaged_book_read_only_and_offers_the_backup(tmp_path):
    from relmeet.app import RelmeetApp

    path, made = _damaged_with_a_backup(tmp_path)
    problem = _problem(path)
    before = faults.fingerprint(tmp_path)
    with Book(path) as book:
        app = RelmeetApp(book)
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            assert f"Damaged book\nThe book book.sqlite3 is damaged ({problem}), so relmeet opened it read-only: " \
                   "nothing new can be saved to it. Quit and run `relmeet restore` (or use the palette's 'book: " \
                   f"restore') to put back the latest backup, of {_when(made)}." in await notices(pilot)
            # every view gives a message, and the app goes on
            for keys in (["ctrl+f", *"rent"], ["escape"], ["f4"], ["escape"], ["f5"], ["escape"], ["f6"],
                         ["escape"], ["f7"], ["escape"], ["f8"], ["escape"], ["ctrl+n"], ["escape"],
                         ["ctrl+l", *"ro"], ["ctrl+t"]):
                app.clear_notifications()
                await pilot.press(*keys)
                await pilot.pause(0.3)
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert app.is_running, keys
                shown = await notices(pilot)
                assert all("The book is damaged: `relmeet restore` puts back the latest backup." == n
                           or "the app goes on" in n for n in shown), (keys, shown)
                if keys[0] in ("ctrl+f", "f4", "f7", "ctrl+l"):  # these read a damaged table
                    assert "The book is damaged: `relmeet restore` puts back the latest backup." in shown, keys
    # no backup was made of it, and nothing was written
    assert faults.fingerprint(tmp_path) == before


async def test_a_backup_of_a_damaged_book_never_joins_the_rotation(tmp_path):
    """Damaged after it was checked today: the check at open is skipped, the daily backup's check finds it."""
    from relmeet.app import RelmeetApp

    path = faults.demo_book(tmp_path / "book.sqlite3")
    with Book(path) as book:
        made = backup.backup_now(book, now=YESTERDAY)
        set_setting(book, db.CLEAN_CHECK_SETTING, today().isoformat())
    faults.damage(path)
    problem = _problem(path)
    backups_before = faults.fingerprint(tmp_path / "backups")
    with Book(path) as book:
        assert health.damage(book) is None  # checked whole today: not checked again at open
        app = RelmeetApp(book)
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert any(n.startswith(f"Damaged book\nThe book book.sqlite3 is damaged ({problem}), so relmeet "
                                    "opened it read-only") and _when(made) in n for n in await notices(pilot))
            assert health.damage(book) == problem
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                set_setting(book, "tend_after_days", "10")  # read-only from then on
    assert faults.fingerprint(tmp_path / "backups") == backups_before  # nothing added, nothing pruned
    assert [b.name for b in backup.list_backups(Book(path))] == [made.name]


def test_backup_now_keeps_only_a_copy_that_checks_whole(tmp_path):
    path = faults.demo_book(tmp_path / "book.sqlite3")
    with Book(path) as book:
        made = backup.backup_now(book, now=YESTERDAY)
        set_setting(book, db.CLEAN_CHECK_SETTING, today().isoformat())
    faults.damage(path)
    backups_before = faults.fingerprint(tmp_path / "backups")
    with Book(path) as book:
        with pytest.raises(backup.DamagedBook) as refused:
            backup.backup_now(book)
        assert refused.value.problem == _problem(path)
        assert [b.name for b in backup.list_backups(book)] == [made.name]
    assert faults.fingerprint(tmp_path / "backups") == backups_before  # no copy, no .part file


def test_check_whole_marks_a_damaged_book_and_records_a_whole_one(tmp_path):
    """What the daily backup runs on a book too big to check when it is opened."""
    whole = faults.demo_book(tmp_path / "whole.sqlite3")
    with Book(whole) as book:
        assert health.check_whole(book) is None
    assert peek.value(whole, "SELECT value FROM setting WHERE key = ?", (db.CLEAN_CHECK_SETTING,)) == \
        today().isoformat()
    damaged = faults.demo_book(tmp_path / "damaged.sqlite3")
    with Book(damaged) as book:
        set_setting(book, db.CLEAN_CHECK_SETTING, today().isoformat())
    faults.damage(damaged)
    with Book(damaged) as book:
        assert health.damage(book) is None
        assert health.check_whole(book) == _problem(damaged)
        assert health.damage(book) == _problem(damaged)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            set_setting(book, "tend_after_days", "10")


def test_restore_puts_back_the_latest_good_backup_and_sets_the_damaged_book_aside(tmp_path):
    path, made = _damaged_with_a_backup(tmp_path)
    contacts = peek.value(tmp_path / "backups" / made.name, "SELECT count(*) FROM contact")
    result = faults.run("--db", str(path), "restore", "1", "--yes")
    assert result.returncode == 0, result.stderr
    aside = sorted(p.name for p in (tmp_path / "backups").glob("*-damaged.sqlite3"))
    assert len(aside) == 1
    assert result.stdout == f"restored the backup of {_when(made)}; the book as it was is kept as {aside[0]}\n"
    assert _problem(path) == "ok"
    assert peek.value(path, "SELECT count(*) FROM contact") == contacts
    assert _problem(tmp_path / "backups" / aside[0]) != "ok"
    listed = faults.run("--db", str(path), "restore")
    assert aside[0] not in listed.stdout and made.name in listed.stdout  # never offered for a restore
    assert faults.run("--db", str(path), "search", "rent").returncode == 0


def test_an_empty_file_becomes_a_private_book_and_says_so(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch(mode=0o644)
    os.chmod(path, 0o644)
    card = tmp_path / "card.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Amara Obi\r\nEND:VCARD\r\n")
    result = faults.run("--db", str(path), "import", str(card))
    assert result.returncode == 0, result.stderr
    assert result.stderr == (f"relmeet: {path} was an empty file; it is now a new relmeet book, readable by "
                             "you only (0600)\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert peek.value(path, "SELECT name FROM contact") == "Amara Obi"


def test_a_lookup_leaves_an_empty_file_alone(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    os.chmod(path, 0o644)
    before = faults.fingerprint(tmp_path)
    result = faults.run("--db", str(path), "show", "Rosa")
    assert (result.returncode, result.stderr) == (2, f"relmeet: {path} is an empty file, not a book yet; it was "
                                                     "left untouched\n")
    assert faults.fingerprint(tmp_path) == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@pytest.mark.parametrize("args", [["show", "Rosa"], ["import", "card.vcf"], []], ids=["show", "import", "app"])
def test_a_device_or_a_pipe_is_refused(tmp_path, args):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    (tmp_path / "card.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Amara Obi\r\nEND:VCARD\r\n")
    before = faults.fingerprint(tmp_path)
    for device in (pipe, "/dev/null"):
        result = faults.run("--db", str(device), *args, cwd=tmp_path)
        assert (result.returncode, result.stderr) == (2, f"relmeet: {device} is a device or a pipe, not a file: a "
                                                         "book must be an ordinary file; nothing was written\n")
        assert "\x1b[" not in result.stdout, "the app must not have drawn anything"
    assert faults.fingerprint(tmp_path) == before
    assert not any(os.path.exists(f"/dev/null{suffix}") for suffix in ("-journal", "-wal", "-shm"))

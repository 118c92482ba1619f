"""Backups: rotation, one a day, restore keeps the current book, 0600 files, online backup API."""
from __future__ import annotations

import os
import sqlite3
import stat
import time
from datetime import datetime, timedelta, timezone

import pytest
from steps import notices, run_from_palette

from relmeet.cli import main
from relmeet.domain.errors import RelmeetError
from relmeet.exporting.json_book import dump
from relmeet.store import Book, backup
from relmeet.store.contacts import set_setting
import peek

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def _tables(book):
    return dump(book, include_private=True)["tables"]


def _add_contact(book, name):
    with peek.write(book) as conn:
        conn.execute("INSERT INTO contact (name, created_at, updated_at) VALUES (?, 'x', 'x')", (name,))


def test_backup_is_private_whole_and_beside_the_book(demo_book):
    made = backup.backup_now(demo_book)
    assert made.path.parent == demo_book.path.parent / "backups"
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.path.parent.stat().st_mode) == 0o700
    assert not list(made.path.parent.glob("*.part")) and not list(made.path.parent.glob("*-wal"))
    with Book(made.path, create=False) as copy:
        assert _tables(copy) == _tables(demo_book)


def test_backup_is_a_consistent_snapshot_while_another_connection_writes(demo_book):
    _add_contact(demo_book, "Committed Carla")  # sits in the -wal file, not yet in the main file
    other = sqlite3.connect(demo_book.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO contact (name, created_at, updated_at) VALUES ('Uncommitted Uma', 'x', 'x')")
        made = backup.backup_now(demo_book)  # the other connection still holds the write lock
        other.execute("ROLLBACK")
    finally:
        other.close()
    copy = sqlite3.connect(made.path)
    names = {row[0] for row in copy.execute("SELECT name FROM contact")}
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    copy.close()
    assert "Committed Carla" in names and "Uncommitted Uma" not in names


def test_rotation_keeps_the_last_n(book):
    set_setting(book, "backups_keep", "3")
    for hours in range(5):
        backup.backup_now(book, now=T0 + timedelta(hours=hours))
    kept = backup.list_backups(book)
    assert [b.made_at for b in kept] == [T0 + timedelta(hours=h) for h in (4, 3, 2)]
    assert len(list(backup.backups_dir(book).iterdir())) == 3


def test_default_keeps_seven(book):
    for day in range(9):
        backup.backup_now(book, now=T0 + timedelta(days=day))
    assert len(backup.list_backups(book)) == 7


def test_at_most_one_daily_backup(book):
    assert backup.maybe_daily_backup(book, now=T0) is not None
    assert backup.maybe_daily_backup(book, now=T0 + timedelta(minutes=5)) is None
    assert backup.maybe_daily_backup(book, now=T0 + timedelta(days=1)) is not None
    assert len(backup.list_backups(book)) == 2


def test_restore_puts_it_back_and_keeps_the_current_book(demo_book):
    before = _tables(demo_book)
    chosen = backup.backup_now(demo_book, now=T0)
    _add_contact(demo_book, "Added After Backup")
    changed = _tables(demo_book)
    safety = backup.restore(demo_book, chosen.name, now=T0 + timedelta(hours=1))
    assert _tables(demo_book) == before
    # a connection of another thread sees the restored book too
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(1) as pool:
        other_count = pool.submit(lambda: peek.value(demo_book, "SELECT count(*) FROM contact")).result()
    assert other_count == len(before["contact"])
    assert peek.value(demo_book, "PRAGMA journal_mode") == "wal"
    with Book(safety.path, create=False) as kept:
        assert _tables(kept) == changed
    assert {b.name for b in backup.list_backups(demo_book)} == {chosen.name, safety.name}


def test_restore_refuses_unknown_and_damaged_backups(book):
    _add_contact(book, "Still Here")
    with pytest.raises(RelmeetError, match="no backup named"):
        backup.restore(book, "../book.sqlite3")
    folder = backup.backups_dir(book)
    folder.mkdir()
    (folder / f"{book.path.stem}-2026-01-01T000000Z.sqlite3").write_bytes(b"not a database at all" * 100)
    with pytest.raises(RelmeetError, match="can't be read|not a relmeet"):
        backup.restore(book, f"{book.path.stem}-2026-01-01T000000Z.sqlite3")
    assert peek.value(book, "SELECT count(*) FROM contact") == 1


def test_shell_backup_and_restore(book_path, capsys, monkeypatch):
    with Book(book_path) as book:
        _add_contact(book, "First")
    assert main(["--db", str(book_path), "backup"]) == 0
    assert "backed up to" in capsys.readouterr().out
    with Book(book_path) as book:
        _add_contact(book, "Second")
    assert main(["--db", str(book_path), "restore"]) == 0
    listing = capsys.readouterr().out
    assert "  1. " in listing and "relmeet restore N" in listing
    monkeypatch.setattr("sys.stdin", open("/dev/null"))
    assert main(["--db", str(book_path), "restore", "1"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["--db", str(book_path), "restore", "9", "--yes"]) == 2
    assert main(["--db", str(book_path), "restore", "1", "--yes"]) == 0
    assert "restored the backup" in capsys.readouterr().out
    with Book(book_path) as book:
        assert [r[0] for r in peek.rows(book, "SELECT name FROM contact")] == ["First"]
        assert len(backup.list_backups(book)) == 2


async def test_app_backs_up_daily_and_on_request(demo_book):
    from relmeet.app import RelmeetApp

    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()  # the daily backup starts once the home screen is drawn
        await app.workers.wait_for_complete()
        assert len(backup.list_backups(demo_book)) == 1  # today's, made at start-up
        await run_from_palette(pilot, "back up")
        await app.workers.wait_for_complete()
        await pilot.pause()
        made = backup.list_backups(demo_book)
        assert len(made) == 2
        assert any(f"Backed up to {made[0].path}" in n for n in (await notices(pilot)))
    # a second start the same day makes no new daily backup
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36), notifications=True):
        await app.workers.wait_for_complete()
    assert len(backup.list_backups(demo_book)) == 2


async def test_the_demo_book_is_not_backed_up(demo_book):
    from relmeet.app import RelmeetApp

    app = RelmeetApp(demo_book, demo=True)
    async with app.run_test(size=(120, 36)):
        await app.workers.wait_for_complete()
    assert backup.list_backups(demo_book) == []


def _restore_in_a_terminal(book_path, answer: bytes) -> tuple[int, bytes]:
    from terminal import Terminal

    with Terminal("--db", str(book_path), "restore", "1") as terminal:
        code = terminal.finish(20, answer=(b"[y/N]", answer) if answer else None)
        return code, terminal.seen


def test_restore_asks_in_a_terminal(book_path):
    with Book(book_path) as book:
        _add_contact(book, "First")
        backup.backup_now(book, now=T0)
        _add_contact(book, "Second")
    code, shown = _restore_in_a_terminal(book_path, b"n\n")
    assert code == 0 and b"[y/N]" in shown and b"left the book as it was" in shown
    with Book(book_path) as book:
        assert peek.value(book, "SELECT count(*) FROM contact") == 2
    code, shown = _restore_in_a_terminal(book_path, b"y\n")
    assert code == 0 and b"restored the backup" in shown, shown
    with Book(book_path) as book:
        assert [r[0] for r in peek.rows(book, "SELECT name FROM contact")] == ["First"]


async def test_app_restores_a_backup_after_asking(demo_book):
    from relmeet.app import RelmeetApp
    from relmeet.screens.restore import RestoreScreen
    from relmeet.widgets.contact_table import ContactTable

    before = _tables(demo_book)
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()  # the daily backup starts once the home screen is drawn
        await app.workers.wait_for_complete()  # today's backup, taken at start-up
        _add_contact(demo_book, "Typed After The Backup")
        with_it = peek.value(demo_book, "SELECT count(*) FROM contact")
        await app.run_action("restore_book")  # what the palette's "book: restore" runs
        await pilot.pause()
        assert isinstance(app.screen, RestoreScreen)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # "no" on the question: nothing happens
        await pilot.pause()
        assert peek.value(demo_book, "SELECT count(*) FROM contact") == with_it
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, RestoreScreen)
        assert any("is back; the book as it was is kept as" in n for n in (await notices(pilot))), (await notices(pilot))
        table = app.screen.query_one(ContactTable)
        shown = [table.get_row_at(i)[1].plain for i in range(table.row_count)]
        assert not any("Typed After" in name for name in shown)
    assert _tables(demo_book) == before
    assert len(backup.list_backups(demo_book)) == 2


async def test_restore_with_no_backups_says_so(demo_book):
    from relmeet.app import RelmeetApp

    app = RelmeetApp(demo_book, demo=True)  # demo: no daily backup
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await app.run_action("restore_book")
        await pilot.pause()
        assert any("No backups yet" in n for n in (await notices(pilot)))


def test_restoring_a_backup_from_an_older_book_version_upgrades_it(book):
    from relmeet import db
    from relmeet.schema import LATEST

    folder = backup.backups_dir(book)
    folder.mkdir()
    old = folder / f"{book.path.stem}-2026-01-01T000000Z.sqlite3"
    conn = sqlite3.connect(old, isolation_level=None)
    db.migrate(conn, 0, 1)
    conn.execute("INSERT INTO contact (name, created_at, updated_at) VALUES ('From Version One', 'x', 'x')")
    conn.close()
    backup.restore(book, old.name)
    assert peek.value(book, "PRAGMA user_version") == LATEST
    assert peek.value(book, "SELECT name FROM contact") == "From Version One"
    assert peek.value(book, "SELECT count(*) FROM merge_log") == 0  # the later steps ran


def test_backup_of_a_missing_book_is_a_clear_error(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "nothing.sqlite3"), "backup"]) == 2
    assert "there is no book" in capsys.readouterr().err
    assert not (tmp_path / "nothing.sqlite3").exists()


def test_a_lost_book_comes_back_from_its_backups(book_path, capsys):
    with Book(book_path) as book:
        _add_contact(book, "Survivor")
        backup.backup_now(book, now=T0)
    for suffix in ("", "-wal", "-shm"):
        book_path.with_name(book_path.name + suffix).unlink(missing_ok=True)
    assert main(["--db", str(book_path), "restore", "1", "--yes"]) == 0
    with Book(book_path) as book:
        assert peek.value(book, "SELECT name FROM contact") == "Survivor"


def test_a_backup_cut_short_by_leaving_is_cleared_by_the_next_one(book):
    """Leaving relmeet while the daily backup runs ends its thread mid-copy: the half-written `.part` (as big
    as the book, 1 GB on a large one) must not stay in the backups folder for ever. One still being written
    by another copy of relmeet (recent) is left alone."""
    folder = backup.backups_dir(book)
    folder.mkdir(mode=0o700, exist_ok=True)
    cut_short = folder / f".{book.path.stem}-20261101T090000Z.sqlite3.part"
    cut_short.write_bytes(b"\0" * 4096)
    hours_ago = time.time() - 3 * 3600
    os.utime(cut_short, (hours_ago, hours_ago))
    being_written = folder / f".{book.path.stem}-20261123T090000Z.sqlite3.part"
    being_written.write_bytes(b"\0" * 4096)

    made = backup.backup_now(book)
    assert not cut_short.exists()
    assert being_written.exists()
    assert [b.name for b in backup.list_backups(book)] == [made.name]

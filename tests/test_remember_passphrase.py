"""`relmeet remember`: a locked book's key kept for some minutes in the kernel's keyring, so the shell
lookups and the app that follow open the book without its passphrase; `relmeet forget`, the minutes
running out, a new passphrase or another locking of the book end it. Real processes on real files."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from faults import demo_book, run
from terminal import Terminal

from relmeet.store import lock

PASSPHRASE = "correct horse battery"


def _secret_file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture
def locked(tmp_path):
    path = demo_book(tmp_path / "book.sqlite3")
    lock.lock(path, PASSPHRASE)
    yield path, _secret_file(tmp_path, "pw", PASSPHRASE)
    run("--db", str(path), "forget")  # the keyring outlives the test


def _show(path: Path):
    return run("--db", str(path), "show", "rosa")  # no passphrase, not at a terminal


def test_remembered_lookups_need_no_passphrase_until_forget(locked):
    path, pw = locked
    assert _show(path).returncode == 2
    done = run("--db", str(path), "--passphrase-file", str(pw), "remember")
    assert done.returncode == 0, done.stderr
    assert "remembered in this login session for 15 minutes" in done.stdout
    shown = _show(path)
    assert shown.returncode == 0 and "Rosa Nguyễn" in shown.stdout, shown.stderr
    search = run("--db", str(path), "search", "nguyen")
    assert search.returncode == 0 and "Rosa Nguyễn" in search.stdout
    done = run("--db", str(path), "forget")
    assert done.returncode == 0 and "forgotten" in done.stdout
    refused = _show(path)
    assert refused.returncode == 2 and "is locked" in refused.stderr
    assert "no passphrase" in run("--db", str(path), "forget").stdout


def test_the_key_is_dropped_when_its_minutes_are_up(locked):
    path, pw = locked
    assert run("--db", str(path), "--passphrase-file", str(pw), "remember", "--minutes", "0.03").returncode == 0
    assert _show(path).returncode == 0
    time.sleep(2.5)
    assert _show(path).returncode == 2


def test_remember_asks_the_passphrase_even_when_remembered_and_refuses_a_wrong_one(locked, tmp_path):
    path, pw = locked
    wrong = _secret_file(tmp_path, "wrong", "not the passphrase")
    done = run("--db", str(path), "--passphrase-file", str(wrong), "remember")
    assert done.returncode == 2 and "wrong passphrase" in done.stderr
    assert _show(path).returncode == 2  # nothing was kept
    assert run("--db", str(path), "--passphrase-file", str(pw), "remember").returncode == 0
    # keeping the key longer, or changing what protects the book, takes the passphrase itself
    for command in (["remember"], ["unlock", "--yes"], ["passphrase"]):
        done = run("--db", str(path), *command)
        assert done.returncode == 2 and "is locked" in done.stderr, command
    assert path.read_bytes()[:16] != b"SQLite format 3\x00"


def test_a_new_passphrase_or_another_locking_drops_the_remembered_key(locked, tmp_path):
    path, pw = locked
    other = _secret_file(tmp_path, "pw2", "another good passphrase")
    assert run("--db", str(path), "--passphrase-file", str(pw), "remember").returncode == 0
    done = run("--db", str(path), "--passphrase-file", str(pw), "passphrase", "--new-passphrase-file", str(other))
    assert done.returncode == 0, done.stderr
    assert _show(path).returncode == 2

    # the same passphrase, but the book locked anew (another salt) and put in its place: the key kept for
    # the old file does not open it, and is dropped instead of tried at every command
    assert run("--db", str(path), "--passphrase-file", str(other), "remember").returncode == 0
    again = demo_book(tmp_path / "again.sqlite3")
    lock.lock(again, "another good passphrase")
    shutil.copyfile(again, path)
    refused = _show(path)
    assert refused.returncode == 2 and "is locked" in refused.stderr
    assert "no passphrase" in run("--db", str(path), "forget").stdout


def test_the_app_opens_a_remembered_book_without_its_passphrase_screen(locked):
    path, pw = locked
    with Terminal("--db", str(path)) as terminal:
        assert terminal.wait_for("is locked"), terminal.plain()[-500:]  # the passphrase screen
        terminal.type(b"\x11")
        terminal.finish()
    assert run("--db", str(path), "--passphrase-file", str(pw), "remember").returncode == 0
    with Terminal("--db", str(path)) as terminal:
        assert terminal.wait_for("sorted by name") and terminal.wait_for("Rosa"), terminal.plain()[-500:]
        assert "is locked" not in terminal.plain()
        assert terminal.wait_for("Opened without the passphrase"), terminal.plain()[-500:]  # and it says so
        terminal.type(b"\x11")
        assert terminal.finish() == 0

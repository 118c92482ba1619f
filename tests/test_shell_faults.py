"""The shell commands under every fault a book can meet: another program holding it, a full disk, a
read-only disk, a damaged book, a missing folder, an unexpected error. Each is a real `relmeet` process
on a real book; each gives one accurate line on stderr and exit code 2, never a traceback, and leaves the
book and its folder as they were (same bytes, no stray file).
"""
from __future__ import annotations

import os
import re
import resource
import shutil
import sqlite3
import stat
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

import faults
import peek
from relmeet import db
from relmeet.store import Book, backup

BUSY = "relmeet: The book is busy: another copy of relmeet (or another program) is writing to it. Try again.\n"
HOLD = ("import sqlite3, sys, time\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('BEGIN IMMEDIATE')\n"
        "print('held', flush=True)\n"
        "time.sleep(120)\n")


def _cards(folder: Path, count: int = 400) -> Path:
    """A vCard file of `count` people, each with a note: enough writing to need room on the disk."""
    folder.mkdir(exist_ok=True)
    path = folder / "cards.vcf"
    path.write_text("".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Neighbour {n}\r\nEMAIL:n{n}@example.org\r\n"
                            f"NOTE:{'lives on Maple Court and is worried about the rent; ' * 4}\r\nEND:VCARD\r\n"
                            for n in range(count)))
    return path


@contextmanager
def _held(path: Path):
    """A second process holding the book's write lock (BEGIN IMMEDIATE) until the block ends."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait(timeout=10)
        holder.stdout.close()


def test_a_book_another_program_holds(tmp_path):
    path = faults.demo_book(tmp_path / "book.sqlite3")
    cards = _cards(tmp_path / "files")
    contacts = peek.value(path, "SELECT count(*) FROM contact")
    with _held(path):
        before = faults.fingerprint(tmp_path)
        result = faults.run("--db", str(path), "import", str(cards), env={db.BUSY_TIMEOUT_ENV: "300"})
        assert (result.returncode, result.stderr) == (2, BUSY)
        assert faults.fingerprint(tmp_path) == before
        # reading doesn't wait for a writer
        looked = faults.run("--db", str(path), "search", "rent")
        assert looked.returncode == 0 and "Rosa Nguyễn" in looked.stdout
    assert peek.value(path, "SELECT count(*) FROM contact") == contacts


def _can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"relmeet-mount-probe-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
                              capture_output=True).returncode == 0
        if made:
            subprocess.run(["umount", str(probe)], check=True)
        return made
    finally:
        probe.rmdir()


CAN_MOUNT = _can_mount()


@pytest.fixture
def small_disk(tmp_path, request):
    """A 3 MiB tmpfs at tmp_path/disk (root with mount), or None where none can be made."""
    if not CAN_MOUNT:
        yield None
        return
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(disk)], check=True)
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def _fill(disk: Path, leave: int) -> None:
    """Fill the disk, leaving about `leave` bytes free."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with open(disk / "filler", "ab") as handle:
        handle.write(b"\0" * max(0, free - leave))


def _no_room(size: int):
    """In the child only: no file may grow beyond size bytes (Python ignores SIGXFSZ: a write gets EFBIG)."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def test_a_full_disk(tmp_path, small_disk, record_property):
    cards = _cards(tmp_path / "files")
    made = faults.demo_book(tmp_path / "made" / "book.sqlite3")
    if small_disk is not None:
        record_property("full disk", "a 3 MiB tmpfs, filled")
        print("full disk: a 3 MiB tmpfs, filled")
        path = small_disk / "book.sqlite3"
        shutil.copy(made, path)
        # full to the last byte: SQLite can't even make the -shm file it needs to read the book
        _fill(small_disk, 0)
        before = faults.fingerprint(small_disk)
        for command in (["show", "Rosa"], ["import", str(cards)]):
            result = faults.run("--db", str(path), *command)
            assert (result.returncode, result.stderr) == (
                2, f"relmeet: the disk holding the book {path} is full: relmeet can't open the book until some "
                   "space is freed; it was left untouched\n"), command
            assert faults.fingerprint(small_disk) == before
        # room to open it, not to write 400 contacts
        (small_disk / "filler").unlink()
        _fill(small_disk, 96 * 1024)
        before = faults.fingerprint(small_disk)
        result = faults.run("--db", str(path), "import", str(cards))
        assert (result.returncode, result.stderr) == (2, "relmeet: The disk is full: free some space, then try again.\n")
        assert faults.fingerprint(small_disk) == before
    else:
        record_property("full disk", "RLIMIT_FSIZE in the child process")
        print("full disk: RLIMIT_FSIZE in the child process (no tmpfs could be mounted)")
        path = tmp_path / "book.sqlite3"
        shutil.copy(made, path)
        before = faults.fingerprint(tmp_path / "home") | {"book": faults.fingerprint(tmp_path)["book.sqlite3"]}
        result = faults.run("--db", str(path), "import", str(cards), preexec_fn=_no_room(path.stat().st_size))
        # a file that may not grow is a failed write to SQLite (SQLITE_IOERR_WRITE), not a full disk
        assert (result.returncode, result.stderr) == (
            2, "relmeet: The disk failed to read or write the book (an I/O error). Check the disk, then try again.\n")
        assert faults.fingerprint(tmp_path / "home") | {"book": faults.fingerprint(tmp_path)["book.sqlite3"]} == before
    assert peek.value(path, "SELECT count(*) FROM contact WHERE name LIKE 'Neighbour %'") == 0


def test_a_read_only_book(tmp_path, small_disk, record_property):
    made = faults.demo_book(tmp_path / "made" / "book.sqlite3")
    cards = _cards(tmp_path / "files")
    if small_disk is not None:
        record_property("read-only", "a tmpfs remounted read-only")
        print("read-only: a tmpfs remounted read-only")
        folder = small_disk
        shutil.copy(made, folder / "book.sqlite3")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        record_property("read-only", "the file 0444 in a folder 0555")
        print("read-only: the file 0444 in a folder 0555")
        folder = tmp_path / "shelf"
        folder.mkdir()
        shutil.copy(made, folder / "book.sqlite3")
        os.chmod(folder / "book.sqlite3", 0o444)
        os.chmod(folder, 0o555)
    path = folder / "book.sqlite3"
    before = faults.fingerprint(folder)
    try:
        for command in (["import", str(cards)], ["show", "Rosa"], ["backup"], []):
            result = faults.run("--db", str(path), *command)
            assert (result.returncode, result.stderr) == (
                2, f"relmeet: the book {path} is on a read-only disk or in a folder relmeet can't write to: "
                   "relmeet can't open it there; it was left untouched\n"), command
            assert faults.fingerprint(folder) == before
    finally:
        if small_disk is None:
            os.chmod(folder, 0o700)


def _problem(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA query_only = ON")
        return db.quick_check(conn)
    finally:
        conn.close()


@pytest.mark.parametrize("command", [["search", "rent"], ["show", "Rosa"], ["due"], ["brief", "Rosa"], ["export"],
                                     ["backup"], ["import", "CARDS"]],
                         ids=["search", "show", "due", "brief", "export", "backup", "import"])
def test_a_damaged_book(tmp_path, command):
    path = faults.demo_book(tmp_path / "book.sqlite3")
    with Book(path) as book:
        made = backup.backup_now(book)
    faults.damage(path)
    problem = _problem(path)
    cards = _cards(tmp_path / "files")
    before = faults.fingerprint(tmp_path)
    result = faults.run("--db", str(path), *[str(cards) if word == "CARDS" else word for word in command])
    assert (result.returncode, result.stderr) == (
        2, f"relmeet: the book {path} is damaged ({problem}): `relmeet restore 1` puts back the latest backup, of "
           f"{made.made_at.astimezone():%Y-%m-%d %H:%M}; the book was left untouched\n")
    assert result.stdout == ""
    assert faults.fingerprint(tmp_path) == before


@pytest.mark.parametrize("command", [["search", "rent"], ["show", "Rosa"], ["due"], ["brief", "Rosa"], ["export"],
                                     ["backup"]], ids=["search", "show", "due", "brief", "export", "backup"])
def test_a_missing_book_or_folder(tmp_path, command):
    path = tmp_path / "no such folder" / "book.sqlite3"
    before = faults.fingerprint(tmp_path)
    result = faults.run("--db", str(path), *command)
    assert (result.returncode, result.stderr) == (2, f"relmeet: there is no book at {path}\n")
    assert faults.fingerprint(tmp_path) == before  # no folder, no empty book made for a lookup


def test_an_unexpected_error_leaves_a_report_without_the_notes(tmp_path, isolated_home):
    """A commitment whose due date was mangled by another program: show can't read it."""
    path = faults.demo_book(tmp_path / "book.sqlite3")
    with peek.write(path) as conn:
        conn.execute("UPDATE commitment SET due_on = 'after the rent strike, ask Rosa about her son' "
                     "WHERE contact_id = (SELECT id FROM contact WHERE name = 'Rosa Nguyễn')")
    book_before = faults.fingerprint(tmp_path)["book.sqlite3"]
    result = faults.run("--db", str(path), "show", "Rosa")
    assert result.returncode == 2
    said = re.fullmatch(r"relmeet: stopped on an unexpected error \(ValueError\); a report \(without your notes\) "
                        r"is in ~/\.local/state/relmeet/(crash-[\d-]+\.txt)\n", result.stderr)
    assert said, result.stderr
    report = isolated_home / ".local" / "state" / "relmeet" / said[1]
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
    text = report.read_text()
    assert "error: builtins.ValueError" in text and "relmeet/commands/show.py" in text
    assert "rent strike" not in text and "Rosa" not in text
    assert faults.fingerprint(tmp_path)["book.sqlite3"] == book_before
    assert sorted(p.name for p in report.parent.iterdir()) == [said[1]]

"""A locked book: `relmeet lock`, `unlock` and `passphrase` on real files, run as real processes.

What is checked is on disk: the raw bytes of the book, its -wal and every backup hold none of the names
and note words the book holds; unlocking gives back the same rows (a JSON export before and after).
"""
from __future__ import annotations

import hashlib
import json
import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import peek
import pytest
from faults import demo_book, run

from relmeet.store import lock

PASSPHRASE = "correct horse battery"
OTHER = "a different passphrase"


def _secret_file(folder: Path, name: str, text: str, mode: int = 0o600) -> Path:
    path = folder / name
    path.write_text(text + "\n", encoding="utf-8")
    path.chmod(mode)
    return path


def _words(path: Path) -> list[bytes]:
    """Names and note words the book holds, as bytes to look for in the raw files."""
    names = [r[0] for r in peek.rows(path, "SELECT name FROM contact")]
    notes = " ".join(r[0] or "" for r in peek.rows(path, "SELECT notes FROM meeting"))
    words = sorted({w.strip(".,;:!?()") for w in notes.split() if len(w.strip(".,;:!?()")) >= 8})
    found = [n.encode() for n in names] + [w.encode() for w in words[:40]]
    assert len(names) >= 10 and len(words) >= 10
    return found


def _leaks(path: Path, words: list[bytes]) -> list[bytes]:
    data = path.read_bytes()
    return [w for w in words if w in data]


def _export(path: Path, *extra: str) -> dict:
    done = run("--db", str(path), "export", "--include-private", "--yes", *extra)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    found.pop("exported_at", None)
    # the book's own settings: the day it was last checked whole, and what a test sets
    found["tables"]["setting"] = [r for r in found["tables"].get("setting", [])
                                  if r["key"] not in ("last_clean_check", "backups_keep")]
    return found


@pytest.fixture
def setup(tmp_path):
    path = demo_book(tmp_path / "book.sqlite3")
    assert run("--db", str(path), "backup").returncode == 0
    return path, _secret_file(tmp_path, "pw", PASSPHRASE), _secret_file(tmp_path, "pw2", OTHER)


def test_lock_leaves_no_name_or_note_in_the_book_its_wal_or_its_backups(setup):
    path, pw, _ = setup
    words = _words(path)
    before = _export(path)
    assert _leaks(path, words)  # the plain book holds them: the search below can find them

    done = run("--db", str(path), "lock", "--new-passphrase-file", str(pw), "--yes")
    assert done.returncode == 0, done.stderr
    assert "is locked" in done.stdout and "nobody can recover it" in done.stdout
    # a write after locking: the -wal has the book's pages, encrypted too
    done = run("--db", str(path), "--passphrase-file", str(pw), "backup")
    assert done.returncode == 0, done.stderr
    from relmeet.store import Book
    from relmeet.store.contacts import set_setting

    lock.open_with(path, PASSPHRASE)
    with Book(path) as book:
        set_setting(book, "backups_keep", "9")
        wal = Path(f"{path}-wal")
        assert wal.stat().st_size > 0
        assert _leaks(wal, words) == []
    copies = lock.backup_files(path)
    assert len(copies) == 2
    for copy in [path, *copies]:
        assert _leaks(copy, words) == [], copy
        assert not copy.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(Exception):
        peek.value(path, "SELECT count(*) FROM contact")  # another program can't read it

    done = run("--db", str(path), "--passphrase-file", str(pw), "unlock", "--yes")
    assert done.returncode == 0, done.stderr
    assert path.read_bytes().startswith(b"SQLite format 3")
    assert _export(path) == before
    assert all(copy.read_bytes().startswith(b"SQLite format 3") for copy in lock.backup_files(path))


def test_wrong_passphrase_is_one_line_exit_2_and_the_file_unchanged(setup):
    path, pw, other = setup
    assert run("--db", str(path), "lock", "--new-passphrase-file", str(pw), "--yes").returncode == 0
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    done = run("--db", str(path), "--passphrase-file", str(other), "show", "rosa")
    assert done.returncode == 2
    assert done.stderr == f"relmeet: wrong passphrase for the book {path}; it was left untouched\n"
    assert done.stdout == ""
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    # no passphrase, not at a terminal: said in one line too
    done = run("--db", str(path), "show", "rosa")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "--passphrase-file" in done.stderr


def test_a_passphrase_file_others_can_read_is_refused(setup, tmp_path):
    path, _, _ = setup
    loose = _secret_file(tmp_path, "loose", PASSPHRASE, mode=0o644)
    done = run("--db", str(path), "lock", "--new-passphrase-file", str(loose), "--yes")
    assert done.returncode == 2 and "chmod 600" in done.stderr
    assert path.read_bytes().startswith(b"SQLite format 3")


def test_change_the_passphrase(setup):
    path, pw, other = setup
    assert run("--db", str(path), "lock", "--new-passphrase-file", str(pw), "--yes").returncode == 0
    done = run("--db", str(path), "--passphrase-file", str(pw), "passphrase", "--new-passphrase-file", str(other))
    assert done.returncode == 0, done.stderr
    assert "is changed" in done.stdout
    assert run("--db", str(path), "--passphrase-file", str(pw), "show", "rosa").returncode == 2
    done = run("--db", str(path), "--passphrase-file", str(other), "show", "rosa")
    assert done.returncode == 0 and "Rosa Nguyễn" in done.stdout
    # the backup follows the new passphrase: a restore of it works
    done = run("--db", str(path), "--passphrase-file", str(other), "restore", "1", "--yes")
    assert done.returncode == 0, done.stderr
    assert "Rosa Nguyễn" in run("--db", str(path), "--passphrase-file", str(other), "show", "rosa").stdout


def test_lookups_on_a_locked_book_with_a_passphrase_file(setup):
    path, pw, _ = setup
    assert run("--db", str(path), "lock", "--new-passphrase-file", str(pw), "--yes").returncode == 0
    show = run("--db", str(path), "--passphrase-file", str(pw), "show", "rosa")
    assert show.returncode == 0 and "Rosa Nguyễn" in show.stdout
    search = run("--db", str(path), "--passphrase-file", str(pw), "search", "nguyen")  # FTS5 folds the accent
    assert search.returncode == 0 and "Rosa Nguyễn" in search.stdout
    for command in (["due"], ["brief", "rosa"]):
        done = run("--db", str(path), "--passphrase-file", str(pw), *command)
        assert done.returncode in (0, 1) and done.stderr == "", command


def test_lookups_on_a_plain_book_do_not_load_sqlcipher(setup):
    path, _, _ = setup
    code = ("import sys; from relmeet.cli import main; main(['--db', sys.argv[1], 'show', 'rosa']); "
            "print('LOADED' if 'sqlcipher3' in sys.modules else 'NOT LOADED')")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().endswith("NOT LOADED"), done.stdout + done.stderr


def test_a_relmeet_without_the_encryption_support_says_so(setup):
    path, pw, _ = setup
    assert run("--db", str(path), "lock", "--new-passphrase-file", str(pw), "--yes").returncode == 0
    code = ("import sys; sys.modules['sqlcipher3'] = None; from relmeet.cli import main; "
            "sys.exit(main(['--db', sys.argv[1], '--passphrase-file', sys.argv[2], 'show', 'rosa']))")
    done = subprocess.run([sys.executable, "-c", code, str(path), str(pw)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert "locked (encrypted), and this relmeet has no encryption support" in done.stderr
    assert "not a relmeet book" not in done.stderr


def _interrupted_lock(path: Path, pw: Path, step: str) -> None:
    """`relmeet lock` in a pseudo-terminal, killed (SIGKILL) while it waits at step."""
    main, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "RELMEET_DB"} | {lock.PAUSE_ENV: step}
    process = subprocess.Popen([sys.executable, "-m", "relmeet", "--db", str(path), "lock",
                                "--new-passphrase-file", str(pw), "--yes"],
                               stdin=child, stdout=child, stderr=subprocess.PIPE, env=env)
    os.close(child)
    try:
        line = process.stderr.readline().decode()
        assert line == f"relmeet: paused at {step}\n", line
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        process.stderr.close()
        os.close(main)


@pytest.mark.parametrize("step", lock.STEPS)
def test_a_lock_killed_at_each_step_leaves_a_whole_book(setup, step):
    path, pw, _ = setup
    before = _export(path)
    _interrupted_lock(path, pw, step)
    if path.read_bytes().startswith(b"SQLite format 3"):
        assert step in ("exported", "checked")
        assert _export(path) == before
    else:
        assert step in ("swapped", "tidied")
        assert _export(path, "--passphrase-file", str(pw)) == before
    # and locking again finishes the job (the half-made copy is cleared away first)
    done = run("--db", str(path), "--passphrase-file", str(pw), "lock", "--new-passphrase-file", str(pw), "--yes")
    assert done.returncode == 0, done.stderr
    assert not path.read_bytes().startswith(b"SQLite format 3")
    assert all(not copy.read_bytes().startswith(b"SQLite format 3") for copy in lock.backup_files(path))
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []
    assert _export(path, "--passphrase-file", str(pw)) == before


def test_text_kept_for_a_locked_book_is_locked_with_it(setup):
    """A note the book refused is kept in a recovery file until the next start: for a locked book, that
    file is locked with the book's key too."""
    from relmeet import recovery
    from relmeet.store import Book

    path, pw, _ = setup
    plain_kept = recovery.keep(path, "meeting-1", kind="notes", target=1, title="Notes with Rosa Nguyễn",
                               fields={"notes": "Rosa fears retaliation from the landlord"})
    assert b"retaliation" in plain_kept.read_bytes()
    recovery.discard(plain_kept)
    assert run("--db", str(path), "lock", "--new-passphrase-file", str(pw), "--yes").returncode == 0
    with Book.open_locked(path, PASSPHRASE):
        kept = recovery.keep(path, "meeting-1", kind="notes", target=1, title="Notes with Rosa Nguyễn",
                             fields={"notes": "Rosa fears retaliation from the landlord"})
        data = kept.read_bytes()
        assert b"retaliation" not in data and b"Rosa" not in data
        assert oct(kept.stat().st_mode & 0o777) == "0o600"
        [found] = recovery.pending(path)
        assert found.text == "Rosa fears retaliation from the landlord" and found.title == "Notes with Rosa Nguyễn"


def test_an_export_of_a_locked_book_says_it_is_plain_and_private_notes_need_a_yes(setup):
    path, pw, _ = setup
    assert run("--db", str(path), "lock", "--new-passphrase-file", str(pw), "--yes").returncode == 0
    done = run("--db", str(path), "--passphrase-file", str(pw), "export")
    assert done.returncode == 0
    assert done.stderr == ("relmeet: the book is locked, but the export is not: it is a plain file, meant to be "
                           "shared\n")
    assert "Rosa Nguyễn" in done.stdout
    done = run("--db", str(path), "--passphrase-file", str(pw), "export", "--include-private")
    assert done.returncode == 2 and done.stdout == ""
    assert "add --yes to confirm" in done.stderr
    done = run("--db", str(path), "--passphrase-file", str(pw), "export", "--include-private", "--yes")
    assert done.returncode == 0 and "Rosa Nguyễn" in done.stdout

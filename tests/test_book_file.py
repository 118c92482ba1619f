"""The book on disk: where it lives, its modes, and what happens with files that aren't books."""
from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from relmeet.domain.errors import BookError
from relmeet.schema import LATEST
from relmeet.store import Book
import peek
from relmeet.store.health import connection_settings


def run_relmeet(*args: str, env_extra: dict | None = None, home: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "RELMEET_DB"}
    if home is not None:
        env |= {"HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}
    env |= env_extra or {}
    return subprocess.run([sys.executable, "-m", "relmeet", *args], capture_output=True, text=True, env=env,
                          timeout=60, stdin=subprocess.DEVNULL)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_book_is_private_and_created_on_first_use(tmp_path):
    path = tmp_path / "new" / "folder" / "book.sqlite3"
    assert not path.exists()
    with Book(path) as book:
        peek.value(book, "SELECT count(*) FROM contact")
        with peek.write(book) as conn:
            conn.execute("INSERT INTO setting VALUES ('k', 'v')")
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    for sidecar in path.parent.glob("book.sqlite3-*"):
        assert mode(sidecar) == 0o600


def test_pragmas_on_every_connection(book):
    # journal mode and version live in the file; the rest must be set on each of relmeet's connections
    assert peek.value(book, "PRAGMA journal_mode") == "wal"
    assert peek.value(book, "PRAGMA user_version") == LATEST
    settings = connection_settings(book)
    for side in ("reader", "writer"):
        assert settings[side]["foreign_keys"] == 1
        assert settings[side]["busy_timeout"] >= 1000


def test_importing_relmeet_creates_no_book(tmp_path, isolated_home):
    result = subprocess.run([sys.executable, "-c", "import relmeet.cli, relmeet.store, relmeet.app"],
                            env=os.environ | {"HOME": str(isolated_home)}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not (isolated_home / ".local" / "share" / "relmeet").exists()


def test_default_book_lives_in_user_data_folder(isolated_home):
    result = run_relmeet("where", home=isolated_home)
    assert result.returncode == 0
    expected = isolated_home / ".local" / "share" / "relmeet" / "book.sqlite3"
    assert result.stdout.strip() == str(expected)
    assert not expected.exists(), "`where` only tells; it creates nothing"


def test_db_flag_beats_environment(tmp_path, isolated_home):
    env_book = tmp_path / "env.sqlite3"
    flag_book = tmp_path / "flag.sqlite3"
    assert run_relmeet("where", env_extra={"RELMEET_DB": str(env_book)}).stdout.strip() == str(env_book)
    result = run_relmeet("--db", str(flag_book), "where", env_extra={"RELMEET_DB": str(env_book)})
    assert result.stdout.strip() == str(flag_book)


def _assert_refused(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("relmeet: ")
    for word in words:
        assert word in lines[0]


def test_folder_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_relmeet("--db", str(blocker / "sub" / "book.sqlite3"), "check")
    _assert_refused(result, "cannot create the folder")
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize("content", [b"these are my notes, not a database\n" * 40, b"\x00\x01garbage" * 500],
                         ids=["text", "binary"])
def test_file_that_is_not_sqlite_is_left_untouched(tmp_path, content):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    before = path.stat().st_mtime_ns
    with pytest.raises(BookError, match="not a relmeet book"):
        Book(path)
    result = run_relmeet("--db", str(path), "check")
    _assert_refused(result, "not a relmeet book")
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["notes.sqlite3"]


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    content = path.read_bytes()
    result = run_relmeet("--db", str(path), "check")
    _assert_refused(result, "another program")
    assert path.read_bytes() == content


def test_book_from_a_newer_relmeet_is_refused(tmp_path):
    path = tmp_path / "future.sqlite3"
    with Book(path) as book:
        with peek.write(book) as conn:
            conn.execute("INSERT INTO setting VALUES ('kept', 'yes')")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    content = path.read_bytes()
    result = run_relmeet("--db", str(path), "check")
    _assert_refused(result, "newer relmeet", "upgrade relmeet")
    assert path.read_bytes() == content


def test_damaged_book_gets_a_clear_error(tmp_path):
    path = tmp_path / "book.sqlite3"
    with Book(path) as book:
        with peek.write(book) as conn:
            conn.execute("INSERT INTO setting VALUES ('k', 'v')")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    path.write_bytes(bytes(data))
    with pytest.raises(BookError):
        Book(path)
    _assert_refused(run_relmeet("--db", str(path), "check"), "damaged")


def test_check_counts_what_is_in_the_book(demo_book):
    result = run_relmeet("--db", str(demo_book.path), "check")
    assert result.returncode == 0, result.stderr
    contacts = peek.value(demo_book, "SELECT count(*) FROM contact")
    assert "whole" in result.stdout and f"{contacts} contacts" in result.stdout and "2 campaigns" in result.stdout


def test_zero_byte_file_becomes_a_book(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    with Book(path) as book:
        assert peek.value(book, "PRAGMA user_version") == LATEST


def test_app_refuses_bad_book_before_taking_the_screen(tmp_path):
    path = tmp_path / "bad.sqlite3"
    path.write_text("hello")
    result = run_relmeet("--db", str(path))
    _assert_refused(result, "not a relmeet book")
    assert "\x1b[" not in result.stdout, "the app must not have drawn anything"


def test_models_mirror_the_schema(book):
    """The SQLModel classes and the SQL migration steps describe the same columns."""
    from relmeet.domain.tables import SQLModel

    for name, table in SQLModel.metadata.tables.items():
        in_file = {r["name"] for r in peek.rows(book, f"PRAGMA table_info({name})")}
        assert in_file, f"table {name} missing from the book"
        assert {c.name for c in table.columns} == in_file, name

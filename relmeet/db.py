"""Opening the book: checks, file modes, pragmas, schema version and migrations.

Plain sqlite3 only, so the shell lookups start fast; the SQLModel engine in store/ reuses
`configure` for its own connections.
"""
from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from relmeet.domain.errors import BookError
from relmeet.schema import LATEST, STEPS

# Marks a SQLite file as a relmeet book (PRAGMA application_id), so another program's
# database is refused instead of being "upgraded" into ours.
APPLICATION_ID = 0x524D4254  # "RMBT"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
BUSY_TIMEOUT_ENV = "RELMEET_BUSY_TIMEOUT_MS"  # how long a write waits for another writer; the fault tests shorten it


def busy_timeout_ms() -> int:
    try:
        return max(0, int(os.environ.get(BUSY_TIMEOUT_ENV, BUSY_TIMEOUT_MS)))
    except ValueError:  # a mistyped setting falls back to the default rather than stopping relmeet
        return BUSY_TIMEOUT_MS


def configure(conn: sqlite3.Connection) -> None:
    """Per-connection settings; every connection to the book gets them."""
    conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")


def _make_private_file(path: Path) -> None:
    """Create the folders (0700 where we create them) and an empty 0600 book."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise BookError(f"cannot create the folder for the book {folder}: {exc.strerror or exc}") from None
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise BookError(f"cannot create the book {path}: {exc.strerror or exc}") from None
    os.close(fd)


def _check_header(path: Path) -> None:
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except IsADirectoryError:
        raise BookError(f"{path} is a folder, not a relmeet book") from None
    except OSError as exc:
        raise BookError(f"cannot read the book {path}: {exc.strerror or exc}") from None
    if head and head != SQLITE_MAGIC:
        raise BookError(f"{path} is not a relmeet book (it is not an SQLite database); it was left untouched")


def _check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """Return the book's schema version, or raise if the file isn't a book we may open."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BookError(f"{path} is damaged or not a relmeet book ({exc}); it was left untouched") from None
    if app_id != APPLICATION_ID and (app_id != 0 or tables):
        raise BookError(f"{path} is an SQLite database of another program, not a relmeet book; it was left untouched")
    if version > LATEST:
        raise BookError(
            f"{path} was written by a newer relmeet (book version {version}; this relmeet reads up to "
            f"{LATEST}): upgrade relmeet to open it; the book was left untouched"
        )
    return version


def migrate(conn: sqlite3.Connection, from_version: int, to_version: int = LATEST) -> None:
    """Apply the ordered steps after from_version, each in its own all-or-nothing transaction."""
    for version, script in STEPS:
        if from_version < version <= to_version:
            # executescript would commit between statements; run them one by one inside BEGIN.
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _split(script):
                    conn.execute(statement)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {version}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise


def _split(script: str) -> list[str]:
    """Split a migration script into statements, keeping trigger bodies whole."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def open_again(path: Path) -> sqlite3.Connection:
    """Another connection to a book this process has already opened and checked with connect().

    It must not read the file with open(): closing any descriptor of the file drops every POSIX lock
    SQLite holds on it in this process, and another process could then delete the live WAL under us
    (measured: notes typed after a worker thread opened its connection were lost).
    """
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    configure(conn)
    conn.row_factory = sqlite3.Row
    return conn


def connect(path: Path, *, create: bool = True, upgrade: bool = True) -> sqlite3.Connection:
    """Open the book at path: create it if asked, refuse wrong or newer files, upgrade old ones.

    Raises BookError with a one-line message; a file that is refused is never written to.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise BookError(f"there is no book at {path}")
        _make_private_file(path)
    _check_header(path)
    try:
        # isolation_level=None: we issue BEGIN ourselves (BEGIN IMMEDIATE for writes).
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise BookError(f"cannot open the book {path}: {exc}") from None
    try:
        version = _check_identity(conn, path)
        configure(conn)
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        if version < LATEST:
            if not upgrade:
                raise BookError(f"{path} needs an upgrade from book version {version} to {LATEST}")
            if version:  # an existing book: rebuilding its search indexes can take a while, say so
                print(f"relmeet: upgrading the book {path.name} from version {version} to {LATEST} "
                      "(a large book takes up to a minute; it is done once)…", file=sys.stderr, flush=True)
            migrate(conn, version)
    except sqlite3.OperationalError as exc:
        conn.close()
        if "readonly" in str(exc) or "read-only" in str(exc):
            raise BookError(f"the book {path} is read-only: relmeet needs to write to it") from None
        raise BookError(f"cannot use the book {path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise BookError(f"{path} is damaged or not a relmeet book ({exc})") from None
    except BaseException:
        conn.close()
        raise
    conn.row_factory = sqlite3.Row
    return conn

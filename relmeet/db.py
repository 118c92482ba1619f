"""Opening the book: checks, file modes, pragmas, schema version and migrations.

Plain sqlite3 only, so the shell lookups start fast (a locked book's key and its keyed connections are
keys.py's); the SQLModel engine in store/ reuses `configure` for its own connections.
"""
from __future__ import annotations

import os
import sqlite3
import stat
import sys
import threading
import time
from datetime import date
from pathlib import Path

from relmeet.book_faults import cannot_read
from relmeet.domain.errors import BookError
from relmeet.domain.progress import Progress, quiet
from relmeet.keys import SQLITE_MAGIC, LockedBook, errors, is_locked, looks_locked, raw_connect, row_type
from relmeet.schema import LATEST, STEPS

# Marks a SQLite file as a relmeet book (PRAGMA application_id), so another program's
# database is refused instead of being "upgraded" into ours.
APPLICATION_ID = 0x524D4254  # "RMBT"
BUSY_TIMEOUT_MS = 5000
# The integrity check at open stops after this long (PRAGMA quick_check took 1.5-7 s on a 1 GB book);
# a book too big for it is checked whole by the app's daily backup, which records the day in the book.
CHECK_SECONDS = 0.2
CLEAN_CHECK_SETTING = "last_clean_check"

# Books found damaged in this process (real path -> what the check said): their connections are
# read-only (PRAGMA query_only), so a damaged book is never written to until it is restored.
_damaged: dict[str, str] = {}
# Books whose check at open ran out of time (too big to check before the first screen).
_unchecked: set[str] = set()
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
    if _damaged:
        name = conn.execute("PRAGMA database_list").fetchone()[2]
        if name and os.path.realpath(name) in _damaged:
            conn.execute("PRAGMA query_only = ON")


def damage(path: Path) -> str | None:
    """What the integrity check found wrong with the book at path in this process; None if nothing."""
    return _damaged.get(os.path.realpath(path))


def check_unfinished(path: Path) -> bool:
    """Whether the check at open ran out of time on this book (it is big) and it wasn't checked today."""
    return os.path.realpath(path) in _unchecked


def set_damage(path: Path, problem: str | None) -> None:
    """Record what a whole check of the book found (None: it is whole). New connections follow it; the
    store sets query_only on the connections already open."""
    key = os.path.realpath(path)
    _unchecked.discard(key)
    if problem is None:
        _damaged.pop(key, None)
    else:
        _damaged[key] = problem


def quick_check(conn: sqlite3.Connection, seconds: float | None = None) -> str | None:
    """SQLite's quick_check: "ok", the first problem found, or None when it ran out of `seconds`.

    PRAGMA quick_check reports damage as rows instead of raising (DESIGN.md, "Traps"), unless the pages
    it needs first are unreadable. It reads every page, so it is stopped with interrupt() from a timer.
    """
    timer = threading.Timer(seconds, conn.interrupt) if seconds is not None else None
    if timer is not None:
        timer.start()
    try:
        found = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    except errors("OperationalError") as exc:
        if "interrupt" in str(exc):
            return None
        raise
    except errors("DatabaseError") as exc:
        found = str(exc)
    finally:
        if timer is not None:
            timer.cancel()
            timer.join()  # an interrupt that came late lands before the next statement, which clears it
    return found if found == "ok" else " ".join(found.replace("*** in database main ***", "").split())[:160]


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


def _check_file(path: Path, *, create: bool) -> bool:
    """Refuse what can't be a book (a folder, a device, a pipe); create a missing book if asked.

    Returns whether the file is new (just created, or an empty file taken as a new book).
    """
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):  # no such file, or a file where a folder should be
        if not create:
            raise BookError(f"there is no book at {path}") from None
        _make_private_file(path)
        return True
    except OSError as exc:
        raise BookError(f"cannot read the book {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise BookError(f"{path} is a folder, not a relmeet book")
    if not stat.S_ISREG(info.st_mode):
        # SQLite would open a device such as /dev/null and leave a -journal beside it
        raise BookError(f"{path} is a device or a pipe, not a file: a book must be an ordinary file; "
                        "nothing was written")
    if info.st_size or _has_content(Path(f"{path}-wal")):
        return False
    if not create:
        raise BookError(f"{path} is an empty file, not a book yet; it was left untouched")
    try:
        os.chmod(path, 0o600)
    except OSError as exc:
        raise BookError(f"{path} is an empty file that relmeet can't make private (0600): "
                        f"{exc.strerror or exc}; it was left untouched") from None
    print(f"relmeet: {path} was an empty file; it is now a new relmeet book, readable by you only (0600)",
          file=sys.stderr, flush=True)
    return True


def _has_content(path: Path) -> bool:
    try:
        return os.stat(path).st_size > 0
    except OSError:
        return False


def _check_header(path: Path) -> None:
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except IsADirectoryError:
        raise BookError(f"{path} is a folder, not a relmeet book") from None
    except OSError as exc:
        raise BookError(f"cannot read the book {path}: {exc.strerror or exc}") from None
    if head and head != SQLITE_MAGIC and is_locked(path):
        return
    if head and head != SQLITE_MAGIC and looks_locked(path):
        raise LockedBook(f"the book {path} is locked: its passphrase is needed to open it (or it is not a "
                         "relmeet book); it was left untouched")
    if head and head != SQLITE_MAGIC:
        raise BookError(f"{path} is not a relmeet book (it is not an SQLite database); it was left untouched")


def _check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """Return the book's schema version, or raise if the file isn't a book we may open."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except errors("OperationalError") as exc:
        raise BookError(cannot_read(path, exc)) from None
    except errors("DatabaseError") as exc:
        raise BookError(f"{path} is damaged or not a relmeet book ({exc}); it was left untouched") from None
    if app_id != APPLICATION_ID and (app_id != 0 or tables):
        raise BookError(f"{path} is an SQLite database of another program, not a relmeet book; it was left untouched")
    if version > LATEST:
        raise BookError(
            f"{path} was written by a newer relmeet (book version {version}; this relmeet reads up to "
            f"{LATEST}): upgrade relmeet to open it; the book was left untouched"
        )
    return version


def _check_whole(conn: sqlite3.Connection, path: Path) -> str | None:
    """The check at open: what is wrong with the book, or None (whole, or too big to finish in time)."""
    key = os.path.realpath(path)
    if key not in _damaged and _checked_today(conn):
        return None
    found = quick_check(conn, CHECK_SECONDS)
    if found is None:
        _unchecked.add(key)
        return _damaged.get(key)
    set_damage(path, None if found == "ok" else found)
    return None if found == "ok" else found


def _checked_today(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (CLEAN_CHECK_SETTING,)).fetchone()
    except errors("DatabaseError"):
        return False  # no setting table (an old book), or a damaged one: check
    return bool(row) and row[0] == date.today().isoformat()


def migrate(conn: sqlite3.Connection, from_version: int, to_version: int = LATEST,
            progress: Progress = quiet) -> None:
    """Apply the ordered steps after from_version, each in its own all-or-nothing transaction.

    progress is told "step 2 of 5" with the share of steps done, and again while a step runs (a step that
    rebuilds a search index on a big book takes most of a minute; how far within it can't be known)."""
    steps = [(version, script) for version, script in STEPS if from_version < version <= to_version]
    for number, (version, script) in enumerate(steps, 1):
        step, done = f"step {number} of {len(steps)}", (number - 1) / len(steps)
        progress(step, done)
        last = [time.monotonic()]

        def going_on() -> int:
            if time.monotonic() - last[0] >= 0.1:
                last[0] = time.monotonic()
                progress(step, done)
            return 0  # go on

        # executescript would commit between statements; run them one by one inside BEGIN.
        conn.execute("BEGIN IMMEDIATE")
        conn.set_progress_handler(going_on, 20_000)
        try:
            for statement in _split(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            conn.set_progress_handler(None, 0)
    if steps:
        progress(f"step {len(steps)} of {len(steps)}", 1.0)


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
    conn = raw_connect(path, isolation_level=None, check_same_thread=False)
    configure(conn)
    conn.row_factory = row_type(conn)
    return conn


def connect(path: Path, *, create: bool = True, upgrade: bool = True) -> sqlite3.Connection:
    """Open the book at path: create it if asked, refuse wrong or newer files, upgrade old ones.

    Raises BookError with a one-line message; a file that is refused is never written to.
    """
    path = Path(path)
    sidecars = {suffix: Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm", "-journal")}
    created = not path.exists()
    is_new = _check_file(path, create=create)
    try:
        return _open_checked(path, upgrade=upgrade, is_new=is_new)
    except BaseException:
        _tidy_after_failure(path, sidecars, created)
        raise


def _tidy_after_failure(path: Path, existed: dict[str, bool], created: bool) -> None:
    """A book that could not be opened leaves nothing behind that wasn't there: the empty file made for
    it, and the empty -wal/-journal and fresh -shm SQLite made while trying (on a full disk, say)."""
    for suffix, was_there in existed.items():
        sidecar = Path(f"{path}{suffix}")
        if not was_there and sidecar.exists() and (suffix == "-shm" or not _has_content(sidecar)):
            sidecar.unlink(missing_ok=True)
    if created and path.exists() and not _has_content(path):
        path.unlink(missing_ok=True)


def _open_checked(path: Path, *, upgrade: bool, is_new: bool) -> sqlite3.Connection:
    _check_header(path)
    try:
        # isolation_level=None: we issue BEGIN ourselves (BEGIN IMMEDIATE for writes).
        conn = raw_connect(path, isolation_level=None, check_same_thread=False)
    except errors() as exc:
        raise BookError(f"cannot open the book {path}: {exc}") from None
    try:
        version = _check_identity(conn, path)
        configure(conn)
        problem = None if is_new else _check_whole(conn, path)
        if problem is not None:
            # read-only from here: nothing is written to a damaged book (not even its journal mode)
            conn.execute("PRAGMA query_only = ON")
            if version < LATEST:
                raise BookError(f"{path} is damaged ({problem}) and from an older relmeet, so it can't be "
                                "opened: `relmeet restore` puts back the latest backup; it was left untouched")
            conn.row_factory = row_type(conn)
            return conn
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        if version < LATEST:
            if not upgrade:
                raise BookError(f"{path} needs an upgrade from book version {version} to {LATEST}")
            if not version:  # a new book
                migrate(conn, version)
            else:  # an existing book: rebuilding its search indexes can take a while, say so and show it
                print(f"relmeet: upgrading the book {path.name} from version {version} to {LATEST} "
                      "(a large book takes up to a minute; it is done once)…", file=sys.stderr, flush=True)
                from relmeet.progress_line import shown  # a terminal's bar: loaded only for an upgrade

                with shown("relmeet: upgrading,") as progress:
                    migrate(conn, version, progress=progress)
    except errors("OperationalError") as exc:
        conn.close()
        raise BookError(cannot_read(path, exc)) from None
    except errors("DatabaseError") as exc:
        conn.close()
        raise BookError(f"{path} is damaged or not a relmeet book ({exc})") from None
    except BaseException:
        conn.close()
        raise
    conn.row_factory = row_type(conn)
    return conn

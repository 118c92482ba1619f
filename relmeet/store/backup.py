"""Rotating backups of the book, made and put back with SQLite's online backup API.

A live book is never copied as a file: with WAL, the main file alone can miss committed
transactions still in the -wal file. `conn.backup()` copies a consistent snapshot while
other connections keep working. Backups live in a `backups` folder beside the book, one
self-contained 0600 file each (journal mode DELETE, so no -wal to lose), named
`<book stem>-<UTC time>.sqlite3` so that books sharing a folder keep separate backups.
"""
from __future__ import annotations

import glob
import os
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

from relmeet import db, keys
from relmeet.domain.errors import RelmeetError
from relmeet.domain.files import BackupInfo
from relmeet.schema import LATEST
from relmeet.domain.progress import CHECKING, COPYING, Progress, of_what, quiet

STEP_PAGES = 4096  # pages copied between two tellings of progress (16 MB of a 4 KB-page book)


def copy_with_progress(source, target, progress: Progress = quiet) -> None:
    """SQLite's online backup of source into target, telling progress as the pages go. (sqlite3's sleep
    between steps is only taken when a step finds the database busy: the default quarter second is kept,
    so a copy waiting on another writer waits instead of spinning.)"""
    progress(COPYING, 0.0)

    def step(status: int, remaining: int, total: int) -> None:
        progress(COPYING, (total - remaining) / total if total else 1.0)

    source.backup(target, pages=STEP_PAGES, progress=step)
    progress(COPYING, 1.0)


KEEP_SETTING = "backups_keep"
DEFAULT_KEEP = 7
_STAMP = "%Y-%m-%dT%H%M%SZ"


def backups_dir(book) -> Path:
    return book.path.parent / "backups"


def keep_count(book) -> int:
    raw = book._value("SELECT value FROM setting WHERE key = ?", (KEEP_SETTING,))
    try:
        return max(1, int(raw)) if raw is not None else DEFAULT_KEEP
    except ValueError:
        return DEFAULT_KEEP


def list_backups(book) -> list[BackupInfo]:
    """This book's backups, newest first."""
    folder = backups_dir(book)
    prefix = f"{book.path.stem}-"
    found = []
    if folder.is_dir():
        for entry in folder.iterdir():
            if not (entry.name.startswith(prefix) and entry.name.endswith(".sqlite3")):
                continue
            stamp, _, serial = entry.name[len(prefix):-len(".sqlite3")].partition("Z")
            try:
                made = datetime.strptime(stamp + "Z", _STAMP).replace(tzinfo=timezone.utc)
                order = int(serial.removeprefix("-") or 1)
            except ValueError:
                continue  # someone else's file in the folder
            found.append((made, order, BackupInfo(entry.name, entry, made, entry.stat().st_size)))
    return [item for _, _, item in sorted(found, key=lambda f: (f[0], f[1]), reverse=True)]


class DamagedBook(RelmeetError):
    """The copy failed its check: the book itself is damaged (the copy is page for page)."""

    def __init__(self, problem: str):
        self.problem = problem
        super().__init__(f"the book is damaged ({problem}); its copy was not kept, so the good backups "
                         "stay: `relmeet restore` puts back the latest")


def backup_now(book, *, now: datetime | None = None, prune: bool = True, damaged_aside: bool = False,
               progress: Progress = quiet) -> BackupInfo:
    """Copy the book into a new backup file; then keep only the newest `backups_keep`.

    progress is told "copying" with how far it is (pages copied of the book's), then "checking the copy".

    The copy joins the backups only if SQLite's quick_check finds it whole; otherwise DamagedBook is
    raised, or with damaged_aside (a restore's copy of the book it replaces) it is kept outside the
    rotation as `<name>-damaged.sqlite3`, never listed, pruned or offered for a restore.
    """
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    folder = backups_dir(book)
    made_folder = not folder.exists()
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        if folder.stat().st_mode & 0o077:  # made before, or by hand, open to others: the copies are not
            folder.chmod(0o700)
    except OSError as exc:
        raise RelmeetError(f"cannot create the backups folder {folder}: {exc.strerror or exc}") from None
    name = f"{book.path.stem}-{now.strftime(_STAMP)}.sqlite3"
    serial = 1
    while (folder / name).exists():  # two in one second (a restore's safety copy): never reuse one
        serial += 1
        name = f"{book.path.stem}-{now.strftime(_STAMP)}-{serial}.sqlite3"
    final = folder / name
    temp = folder / f".{name}.part"
    try:
        fd = os.open(temp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        os.close(fd)
        os.chmod(temp, 0o600)
        target = keys.raw_connect(temp, like=book.path)  # a locked book's backups are locked with its key
        try:
            copy_with_progress(book._conn, target, progress)
            target.execute("PRAGMA journal_mode = DELETE")
            progress(CHECKING, None)
            found = db.quick_check(target)
            progress(CHECKING, 1.0)
        finally:
            target.close()
        if found != "ok" and damaged_aside:
            name = name.removesuffix(".sqlite3") + "-damaged.sqlite3"
            final = folder / name
        if found == "ok" or damaged_aside:
            os.replace(temp, final)
    except (OSError, *keys.errors()) as exc:
        temp.unlink(missing_ok=True)
        if made_folder and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()  # nothing was kept: leave no empty folder behind
        raise RelmeetError(f"the backup to {final} failed: {getattr(exc, 'strerror', None) or exc}") from None
    if found != "ok" and not damaged_aside:
        temp.unlink(missing_ok=True)
        if made_folder and not any(folder.iterdir()):
            folder.rmdir()  # nothing was kept: leave no empty folder behind
        raise DamagedBook(found)
    if found != "ok":
        return BackupInfo(name, final, now, final.stat().st_size)
    if prune:
        _prune(book)
    return next(b for b in list_backups(book) if b.name == name)


# A `.part` older than this was left by a relmeet that ended mid-copy (a backup of a 1 GB book takes
# well under a minute here); a younger one may be another copy of relmeet writing it now.
STALE_PART_SECONDS = 3600


def _prune(book) -> list[Path]:
    removed = []
    now = time.time()
    for part in backups_dir(book).glob(f".{glob.escape(book.path.stem)}-*.part"):
        try:
            if now - part.stat().st_mtime > STALE_PART_SECONDS:
                part.unlink()
                removed.append(part)
        except FileNotFoundError:  # the other copy finished (or cleared it) meanwhile
            continue
    for old in list_backups(book)[keep_count(book):]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


def maybe_daily_backup(book, *, now: datetime | None = None, progress: Progress = quiet) -> BackupInfo | None:
    """A backup unless one was already made today (local date); None when there was one."""
    now = now or datetime.now(timezone.utc)
    today = now.astimezone().date()
    if any(b.made_at.astimezone().date() == today for b in list_backups(book)):
        return None
    return backup_now(book, now=now, progress=progress)


def restore(book, name: str, *, now: datetime | None = None, progress: Progress = quiet) -> BackupInfo:
    """Put backup `name` back into the book; the current book is backed up first (returned)."""
    chosen = next((b for b in list_backups(book) if b.name == name), None)
    if chosen is None:
        raise RelmeetError(f"there is no backup named {name!r} (see `relmeet restore` for the list)")
    source = _open_backup(chosen.path, book.path)
    try:
        # Pruning waits until after the restore so the safety copy can't push out the chosen one.
        safety = backup_now(book, now=now, prune=False, damaged_aside=True,
                            progress=of_what("a copy of the book as it is", progress))
        conn = book._conn
        try:
            copy_with_progress(source, conn, of_what("the backup, back into the book", progress))
            from relmeet.store.health import mark_whole

            mark_whole(book)  # a damaged book was open read-only; the restored one is whole
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            if version < LATEST:
                db.migrate(conn, version)
        except keys.errors() as exc:
            raise RelmeetError(f"restoring {name} failed ({exc}); the book before it is in {safety.name}") from None
    finally:
        source.close()
    _prune(book)
    return safety


def _open_backup(path: Path, book_path: Path) -> sqlite3.Connection:
    """Open a backup read-only and make sure it is a whole relmeet book we can read."""
    try:
        conn = keys.raw_connect(f"{path.absolute().as_uri()}?mode=ro", like=book_path, uri=True)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except keys.errors() as exc:
        raise RelmeetError(f"the backup {path.name} can't be read ({exc}); the book was left untouched") from None
    if app_id != db.APPLICATION_ID:
        conn.close()
        raise RelmeetError(f"{path.name} is not a relmeet book; the book was left untouched")
    if version > LATEST:
        conn.close()
        raise RelmeetError(f"{path.name} was made by a newer relmeet (book version {version}); the book was left untouched")
    if check != "ok":
        conn.close()
        raise RelmeetError(f"the backup {path.name} is damaged ({check}); the book was left untouched")
    return conn

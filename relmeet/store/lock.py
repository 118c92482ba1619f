"""Locking a book (encrypting it at rest with SQLCipher), unlocking it, and changing its passphrase.

Each one writes the whole book into a new file beside it (sqlcipher_export), checks that copy (opened with
its key: integrity check, the same rows in every table), and only then puts it in the book's place with
os.replace. A process stopped at any step leaves either the old book or the new one whole, never neither;
a copy left half-made by a stopped process is removed by the next attempt.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Callable

from relmeet import db, keys
from relmeet.domain.progress import CHECKING, COPYING, Progress, of_what, quiet
from relmeet.domain.errors import BookError

# The steps of a rewrite, in order; RELMEET_TEST_PAUSE_AT=<step> stops there for a minute, so that the
# tests can kill the process at each one.
STEPS = ("exported", "checked", "swapped", "tidied")
PAUSE_ENV = "RELMEET_TEST_PAUSE_AT"
PLAIN = "''"  # the key of a plain (unlocked) database

# Locking the 1 GB benchmark book took 11 s of copying and 48 s of checking: progress is told as it goes.
_EVERY_OPS = 20_000  # SQLite calls the progress handler every this many steps of its VM (well under 1 ms)
_EVERY_S = 0.1


def _handler(step: str, progress: Progress, measure: Callable[[], float | None]):
    """A progress handler for SQLite that tells progress at most every _EVERY_S seconds (0: go on)."""
    last = [time.monotonic()]

    def handler() -> int:
        now = time.monotonic()
        if now - last[0] >= _EVERY_S:
            last[0] = now
            progress(step, measure())
        return 0
    return handler


def is_locked(path: Path) -> bool:
    """Whether the book at path is locked (opened with its passphrase in this process, or looking so)."""
    return keys.is_locked(Path(path)) or keys.looks_locked(Path(path))


def open_with(path: Path, passphrase: str) -> None:
    """Check passphrase against the locked book and keep its key for this process (WrongPassphrase if not)."""
    keys.use_passphrase(Path(path), passphrase)


def key_of(path: Path) -> str | None:
    return keys.key_of(Path(path))


def remember(path: Path, seconds: int) -> None:
    """Keep the open locked book's key in this login session's keyring for seconds (`relmeet remember`)."""
    keys.remember_key(Path(path), seconds)


def forget_remembered(path: Path) -> bool:
    return keys.forget_remembered(Path(path))


def _pause(step: str) -> None:
    if os.environ.get(PAUSE_ENV) == step:
        print(f"relmeet: paused at {step}", file=sys.stderr, flush=True)
        time.sleep(60)


def passphrase_key(passphrase: str) -> str:
    return keys.quoted(passphrase)


def lock(path: Path, passphrase: str, progress: Progress = quiet) -> None:
    """Encrypt the plain book at path with passphrase."""
    _rewrite(Path(path), PLAIN, passphrase_key(passphrase), journal="wal", progress=progress)


def unlock(path: Path, progress: Progress = quiet) -> None:
    """Decrypt the locked book at path (its passphrase given first with keys.use_passphrase)."""
    _rewrite(Path(path), _key(path), PLAIN, journal="wal", progress=progress)
    keys.forget_key(path)


def change(path: Path, passphrase: str, progress: Progress = quiet) -> None:
    """Lock the locked book at path with a new passphrase."""
    _rewrite(Path(path), _key(path), passphrase_key(passphrase), journal="wal", progress=progress)
    keys.forget_key(path)


def rewrite_copy(path: Path, source: str, target: str, progress: Progress = quiet) -> None:
    """Rewrite a backup of the book with another key (source and target as PRAGMA key takes them)."""
    _rewrite(Path(path), source, target, journal="delete", pauses=False, progress=progress)


def backup_files(book_path: Path) -> list[Path]:
    """Every copy of the book in its backups folder (the damaged copies a restore set aside too)."""
    folder = Path(book_path).parent / "backups"
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{Path(book_path).stem}-*.sqlite3"))


def rewrite_book_and_backups(path: Path, passphrase: str, progress: Progress = quiet) -> int:
    """Lock the book with passphrase (or, if locked, change its passphrase), its backups with it; how many
    backups were rewritten. progress is told each step: "the book: copying", "backup 2 of 3: checking the copy"."""
    path = Path(path)
    old = keys.key_of(path)
    copies = [copy for copy in backup_files(path) if (old is None) == _plain(copy)]
    if old is None:
        lock(path, passphrase, progress=of_what("the book", progress))
    else:
        change(path, passphrase, progress=of_what("the book", progress))
    open_with(path, passphrase)
    for number, copy in enumerate(copies, 1):
        rewrite_copy(copy, old or PLAIN, keys.key_of(path),
                     progress=of_what(f"backup {number} of {len(copies)}", progress))
    return len(copies)


def _plain(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(16) == keys.SQLITE_MAGIC


def _key(path: Path) -> str:
    key = keys.key_of(Path(path))
    if key is None:
        raise BookError(f"the book {path} is not locked")
    return key


def _rewrite(path: Path, source: str, target: str, *, journal: str, pauses: bool = True,
             progress: Progress = quiet) -> None:
    cipher = keys.cipher()
    temp = path.with_name(f".{path.name}.rewriting")
    for leftover in (temp, Path(f"{temp}-journal"), Path(f"{temp}-wal"), Path(f"{temp}-shm")):
        leftover.unlink(missing_ok=True)  # a copy half-made by a stopped attempt: never the book
    try:
        os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        src = cipher.connect(str(path), isolation_level=None)
    except OSError as exc:
        raise BookError(f"cannot write beside the book {path}: {exc.strerror or exc}; it was left untouched") from None
    try:
        src.execute("PRAGMA cipher_log_level = NONE")
        if source != PLAIN:
            src.execute(f"PRAGMA key = {source}")
        src.execute(f"PRAGMA busy_timeout = {db.busy_timeout_ms()}")
        counts, version = _export(src, path, temp, target, progress)
        if pauses:
            _pause("exported")
        _check(cipher, temp, target, counts, journal, progress)
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        if src.execute("PRAGMA data_version").fetchone()[0] != version or _checkpoint_busy(src):
            raise BookError(f"the book {path} was changed by another program while relmeet copied it: close "
                            "relmeet everywhere else, then try again; it was left untouched")
        if pauses:
            _pause("checked")
    except keys.errors() as exc:
        src.close()
        temp.unlink(missing_ok=True)
        raise BookError(f"the book {path} could not be rewritten ({exc}); it was left untouched") from None
    except BaseException:
        src.close()
        temp.unlink(missing_ok=True)
        raise
    src.close()  # the last connection to the old book: SQLite removes its empty -wal and its -shm
    os.replace(temp, path)
    _sync_folder(path.parent)
    if pauses:
        _pause("swapped")
    for suffix in ("-wal", "-shm"):
        # the old book's, emptied by the checkpoint: the new book must not start with them
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    if pauses:
        _pause("tidied")


def _checkpoint_busy(conn) -> bool:
    busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return bool(busy)


def _export(src, path: Path, temp: Path, target: str, progress: Progress) -> tuple[dict[str, int], int]:
    """Copy the book into temp with the target key; the row count of each table, and data_version.

    How far the copy is: the copy's size against the book's (its pages are written as the export goes,
    whatever their key; the -wal's pages are in the book too)."""
    try:
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except keys.errors("DatabaseError"):
        raise BookError(f"the book {path} can't be read with this key; it was left untouched") from None
    if _checkpoint_busy(src):
        raise BookError(f"the book {path} is open in another relmeet or program: close it, then try again; "
                        "it was left untouched")
    size = sum(os.stat(name).st_size for name in (path, f"{path}-wal") if os.path.exists(name)) or 1
    src.execute(f"ATTACH DATABASE ? AS rewritten KEY {target}", (str(temp),))
    try:
        src.execute("BEGIN IMMEDIATE")
        try:
            progress(COPYING, 0.0)
            src.set_progress_handler(_handler(COPYING, progress, lambda: min(1.0, os.stat(temp).st_size / size)),
                                     _EVERY_OPS)
            try:
                src.execute("SELECT sqlcipher_export('rewritten')")
            finally:
                src.set_progress_handler(None, 0)
            progress(COPYING, 1.0)
            for pragma in ("application_id", "user_version"):
                value = int(src.execute(f"PRAGMA main.{pragma}").fetchone()[0])
                src.execute(f"PRAGMA rewritten.{pragma} = {value}")
            counts = _counts(src, "main")
            src.execute("COMMIT")
        except BaseException:
            src.execute("ROLLBACK")
            raise
        version = src.execute("PRAGMA data_version").fetchone()[0]
    finally:
        src.execute("DETACH DATABASE rewritten")
    return counts, version


def _counts(conn, schema: str) -> dict[str, int]:
    names = [row[0] for row in conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    return {name: conn.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0] for name in names}


def _check(cipher, temp: Path, target: str, counts: dict[str, int], journal: str, progress: Progress) -> None:
    """The copy opens with its key, is whole, and has every row. How far the check is can't be known (it
    reads every page in no order a size shows): progress is told it goes on."""
    conn = cipher.connect(str(temp), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if target != PLAIN:
            conn.execute(f"PRAGMA key = {target}")
        progress(CHECKING, None)
        conn.set_progress_handler(_handler(CHECKING, progress, lambda: None), _EVERY_OPS)
        found = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.set_progress_handler(None, 0)
        if found != "ok":
            raise BookError(f"the rewritten copy of the book failed its check ({found}); the book was left untouched")
        if _counts(conn, "main") != counts:
            raise BookError("the rewritten copy of the book is missing rows; the book was left untouched")
        conn.execute(f"PRAGMA journal_mode = {journal}")
        progress(CHECKING, 1.0)
    finally:
        conn.close()


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

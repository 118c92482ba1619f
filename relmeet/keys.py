"""Keys of locked books, and the connections keyed with them.

A locked book is encrypted at rest with SQLCipher. Here: telling a locked file from a plain one, checking
a passphrase and keeping the key it gives for this process, the SQLCipher driver (loaded only for a
locked book) beside sqlite3 with their errors and row class, and every DB-API connection to a book or its
copies (`raw_connect`), keyed when the book is locked. Opening, checking and migrating the book is db.py's.
"""
from __future__ import annotations

import os
import sqlite3
import stat
import sys
import threading
from pathlib import Path

from relmeet.book_faults import cannot_read
from relmeet.domain.errors import BookError

# How a plain (unlocked) book's file begins; a locked one begins with its 16-byte salt instead.
SQLITE_MAGIC = b"SQLite format 3\x00"

# Locked books (encrypted with SQLCipher): real path -> the raw key, as PRAGMA key takes it. The passphrase is
# stretched once per process here (SQLCipher's own PBKDF2 settings, with the salt in the file's first 16
# bytes), so each further connection (a worker thread's, the engine's, a backup's) opens without the
# quarter of a second SQLCipher would spend stretching it again. The passphrase itself is not kept.
_keys: dict[str, str] = {}
# Passphrases being checked in a thread (check_meanwhile): real path -> (thread, [its key or its error]).
_checking: dict[str, tuple[threading.Thread, list]] = {}
_settling = threading.Lock()
KDF_ITERATIONS = 256_000  # SQLCipher 4's defaults: PBKDF2-HMAC-SHA512, 256,000 rounds, 16-byte salt
CIPHER_PAGE = 4096
LOCKED_CACHE_KIB = 16384
NO_CIPHER = ("this book is locked (encrypted), and this relmeet has no encryption support: install it with "
             "`uv sync` or `pip install sqlcipher3`; the book was left untouched")


class LockedBook(BookError):
    """The book is locked and no passphrase was given for it."""


class WrongPassphrase(BookError):
    """The passphrase does not open the book."""


def cipher():
    """The SQLCipher driver (loaded only for a locked book), or a clear BookError without it."""
    try:
        import sqlcipher3
    except ImportError:
        raise BookError(NO_CIPHER) from None
    return sqlcipher3


def errors(kind: str = "Error") -> tuple[type[BaseException], ...]:
    """The driver errors of a kind ("Error", "OperationalError", "DatabaseError"), of sqlite3 and, once a
    locked book loaded it, of SQLCipher too. Used as `except keys.errors():` (evaluated only on an error)."""
    found = [getattr(sqlite3, kind)]
    driver = sys.modules.get("sqlcipher3")  # None too when an import of it failed (a relmeet without it)
    if driver is not None:
        found.append(getattr(driver, kind))
    return tuple(found)


def is_locked(path: Path) -> bool:
    """Whether the book at path was opened in this process with its passphrase."""
    real = os.path.realpath(path)
    _settle(real)
    return real in _keys


def looks_locked(path: Path) -> bool:
    """Whether the file at path looks like a locked book: not SQLite's header, and whole cipher pages.

    A locked book starts with 16 random bytes (its salt), where a plain one says "SQLite format 3".
    Read with open() only before relmeet holds the book (closing a descriptor drops SQLite's locks).
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return False  # a pipe or a device: opening it could wait for ever; connect() refuses it
        size = info.st_size
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return bool(head) and head != SQLITE_MAGIC and size >= CIPHER_PAGE and size % CIPHER_PAGE == 0


def raw_key(passphrase: str, salt: bytes) -> str:
    """The key SQLCipher derives from passphrase for a file with this salt, as PRAGMA key takes it."""
    import hashlib

    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32)
    return f'"x\'{key.hex()}{salt.hex()}\'"'


def quoted(passphrase: str) -> str:
    """A passphrase as an SQL string literal (PRAGMA takes no parameters)."""
    return "'" + passphrase.replace("'", "''") + "'"


def use_passphrase(path: Path, passphrase: str) -> None:
    """Remember the key for the locked book at path, after checking that passphrase opens it.

    Raises WrongPassphrase (the file untouched: only its first page is read) or BookError.
    """
    _take(os.path.realpath(path), _checked_key(Path(path), passphrase))


def _take(real: str, key: str) -> None:
    """Keep key for the book at real: this key, not a passphrase still being checked, is the one to use."""
    with _settling:
        _checking.pop(real, None)
    _keys[real] = key


def _checked_key(path: Path, passphrase: str) -> str:
    """The key passphrase gives for the locked book at path, once a connection keyed with it reads it."""
    key = raw_key(passphrase, _salt(path))
    _check_key(path, key)
    return key


def _salt(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(16)
    except OSError as exc:
        raise BookError(f"cannot read the book {path}: {exc.strerror or exc}") from None


def _check_key(path: Path, key: str) -> None:
    """WrongPassphrase unless key opens the locked book at path (read-only: the file is untouched)."""
    conn = None
    try:
        conn = _keyed(f"{path.absolute().as_uri()}?mode=ro", key, uri=True)  # a URI needs an absolute path
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except errors("DatabaseError") as exc:
        if (getattr(exc, "sqlite_errorname", "") or "").startswith("SQLITE_NOTADB"):
            raise WrongPassphrase(f"wrong passphrase for the book {path}; it was left untouched") from None
        raise BookError(cannot_read(path, exc)) from None
    finally:
        if conn is not None:
            conn.close()


def remember_key(path: Path, seconds: int) -> None:
    """Keep the key of the locked book at path (opened in this process) in this login session's kernel
    keyring for seconds (relmeet/key_memory.py); NotAvailable where there is none."""
    from relmeet import key_memory

    key = key_of(path)
    if key is None:
        raise BookError(f"the book {path} is not locked: there is no passphrase to remember")
    key_memory.remember(key_memory.name_for(os.path.realpath(path)), key.encode("ascii"), seconds)


def forget_remembered(path: Path) -> bool:
    """Drop the key `relmeet remember` kept for the book at path; whether there was one."""
    from relmeet import key_memory

    return key_memory.forget(key_memory.name_for(os.path.realpath(path)))


def use_remembered(path: Path) -> bool:
    """Open the locked book at path with the key remembered for it in this session, if there is one and
    it still opens the book (a book locked again or given a new passphrase since has another salt: that
    key is dropped). No stretching: the key is checked with one read of the first page."""
    from relmeet import key_memory

    real = os.path.realpath(path)
    found = key_memory.recall(key_memory.name_for(real))
    if found is None:
        return False
    key = found.decode("ascii", "replace")
    try:
        if not key.endswith(f"{_salt(Path(path)).hex()}'\""):  # the file was locked again since
            raise WrongPassphrase("the remembered key is of another locking of this book")
        _check_key(Path(path), key)
    except WrongPassphrase:
        forget_remembered(path)
        return False
    _take(real, key)
    return True


def check_meanwhile(path: Path, passphrase: str) -> None:
    """Check passphrase against the locked book at path (as use_passphrase) in a thread, while the caller
    goes on loading what it needs; the first use of the book's key waits for it, and raises its
    WrongPassphrase or BookError.

    The stretching is a quarter of a second of hashlib's PBKDF2, which lets go of the GIL: a shell
    command or the app imports its modules meanwhile, instead of after it.
    """
    real = os.path.realpath(path)
    outcome: list = []  # the key, or the error the check ended on

    def check() -> None:
        try:
            outcome.append(_checked_key(Path(path), passphrase))
        except BaseException as exc:  # handed to the thread that uses the key, by _settle
            outcome.append(exc)

    thread = threading.Thread(target=check, name="relmeet: passphrase", daemon=True)
    with _settling:
        _checking[real] = (thread, outcome)
    thread.start()


def _settle(real: str) -> None:
    """Wait for a passphrase being checked for the book at real (check_meanwhile); raise what it ended on.

    A wrong passphrase stays pending, so each later use of the book is refused the same way.
    """
    with _settling:
        pending = _checking.get(real)
    if pending is None:
        return
    thread, outcome = pending
    if thread.is_alive():
        cipher()  # loaded here while the stretching ends, not after it in the thread (8 ms on the critical path)
    thread.join()
    with _settling:
        if _checking.get(real) is not pending:
            return  # use_passphrase or forget_key came first
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        _keys[real] = outcome[0]
        del _checking[real]


def passphrase_matches(path: Path, passphrase: str) -> bool:
    """Whether passphrase is the one the locked book at path was opened with in this process.

    Derived again from the salt kept with its key: the file itself is not read (closing a descriptor of
    it would drop the locks SQLite holds on it).
    """
    import hmac

    key = key_of(path)
    if key is None:
        return False
    salt = bytes.fromhex(key[3:-2][64:])
    return hmac.compare_digest(raw_key(passphrase, salt), key)


def seal_record(book_path: Path):
    """For a locked book: (seal, unseal) that keep a text (recovery.py's kept notes) in a 0600 file locked
    with the book's key; (None, None) for a plain book."""
    key = key_of(book_path)
    if key is None:
        return None, None

    def seal(path: Path, record: str) -> None:
        temp = path.with_name(f".{path.name}.{os.getpid()}.part")
        try:
            os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            conn = _keyed(str(temp), key, isolation_level=None)
            try:
                conn.execute("CREATE TABLE kept (record TEXT NOT NULL)")
                conn.execute("INSERT INTO kept VALUES (?)", (record,))
            finally:
                conn.close()
            os.replace(temp, path)
        except (OSError, *errors()) as exc:
            temp.unlink(missing_ok=True)
            raise BookError(f"cannot write {path}: {getattr(exc, 'strerror', None) or exc}") from None

    def unseal(path: Path) -> str:
        try:
            conn = _keyed(f"{path.absolute().as_uri()}?mode=ro", key, uri=True)
            try:
                return conn.execute("SELECT record FROM kept").fetchone()[0]
            finally:
                conn.close()
        except errors() as exc:
            raise ValueError(f"not readable with this book's key ({exc})") from None

    return seal, unseal


def forget_key(path: Path) -> None:
    real = os.path.realpath(path)
    with _settling:
        _checking.pop(real, None)
    _keys.pop(real, None)


def key_of(path: Path) -> str | None:
    """The key of a locked book opened in this process (for its backups), None for a plain one."""
    real = os.path.realpath(path)
    _settle(real)
    return _keys.get(real)


def _keyed(target: str, key: str, **kwargs):
    conn = cipher().connect(target, **kwargs)
    conn.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher otherwise writes its failures on stderr
    conn.execute(f"PRAGMA key = {key}")
    # every page read from disk is decrypted and its HMAC checked: a larger cache of decrypted pages than
    # SQLite's 2 MB default keeps the pages a screen reads again (a history, the home lists) decrypted
    conn.execute(f"PRAGMA cache_size = -{LOCKED_CACHE_KIB}")
    return conn


def raw_connect(path: Path | str, *, like: Path | None = None, **kwargs):
    """A DB-API connection to path: keyed with the key of the book `like` (default: path) when that
    book is locked, plain sqlite3 otherwise. Every connection to a book or its copies goes through here."""
    key = key_of(Path(like if like is not None else path))
    if key is None:
        return sqlite3.connect(path, **kwargs)
    return _keyed(str(path), key, **kwargs)


def row_type(conn):
    """The Row class of the connection's driver."""
    return sys.modules[type(conn).__module__].Row

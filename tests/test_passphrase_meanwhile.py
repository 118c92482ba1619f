"""A locked book's passphrase checked in a thread while relmeet loads (keys.check_meanwhile): the first use
of the book's key waits for the check and gets its outcome: the key, or the wrong passphrase's refusal,
every time it is asked again; a passphrase given afterwards replaces a check still pending or failed."""
from __future__ import annotations

import hashlib
import sys
import threading

import pytest
from faults import demo_book

from relmeet import keys
from relmeet.domain.errors import BookError
from relmeet.store import Book, lock

PASSPHRASE = "correct horse battery"


@pytest.fixture
def locked(tmp_path):
    path = demo_book(tmp_path / "book.sqlite3")
    lock.lock(path, PASSPHRASE)
    yield path
    keys.forget_key(path)


def test_the_book_opens_once_the_check_in_a_thread_is_done(locked):
    keys.check_meanwhile(locked, PASSPHRASE)
    book = Book(locked, create=False)  # waits for the check
    try:
        assert book.locked
        assert "Rosa Nguyễn" in [pick.name for pick in book_contacts(book)]
    finally:
        book.close()
    assert not [t for t in threading.enumerate() if t.name == "relmeet: passphrase"]


def test_a_wrong_passphrase_checked_meanwhile_refuses_every_use_and_leaves_the_file(locked):
    digest = hashlib.sha256(locked.read_bytes()).hexdigest()
    keys.check_meanwhile(locked, "not the passphrase")
    for _ in range(2):
        with pytest.raises(keys.WrongPassphrase, match="wrong passphrase"):
            Book(locked, create=False)
        with pytest.raises(keys.WrongPassphrase):
            keys.key_of(locked)
    assert hashlib.sha256(locked.read_bytes()).hexdigest() == digest
    # typed again, right this time: that passphrase is the one used
    keys.use_passphrase(locked, PASSPHRASE)
    book = Book(locked, create=False)
    try:
        assert book.locked
    finally:
        book.close()


def test_the_key_found_meanwhile_is_the_one_sqlcipher_derives(locked):
    keys.check_meanwhile(locked, PASSPHRASE)
    found = keys.key_of(locked)
    keys.forget_key(locked)
    keys.use_passphrase(locked, PASSPHRASE)
    assert keys.key_of(locked) == found
    assert keys.passphrase_matches(locked, PASSPHRASE)


def book_contacts(book):
    from relmeet.store.search import search

    return search(book, "rosa")


def test_without_the_encryption_support_the_check_says_so_even_when_it_ends_first(locked, monkeypatch):
    """A relmeet without SQLCipher's driver (its import fails): the check in the thread ends on the clear
    message, not on the driver's missing error class, however the threads fall."""
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)  # `import sqlcipher3` now fails
    keys.check_meanwhile(locked, PASSPHRASE)
    for thread in threading.enumerate():
        if thread.name == "relmeet: passphrase":
            thread.join()  # the check ends before the key is asked for
    with pytest.raises(BookError, match="this relmeet has no encryption support"):
        keys.key_of(locked)

"""Shared fixtures: every test gets its own real book in a temporary folder.

The user's own book and settings are never touched: HOME, XDG folders and RELMEET_DB point
into the test's tmp_path.
"""
from __future__ import annotations

import pytest

from relmeet.store import Book


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("RELMEET_DB", raising=False)
    return home


@pytest.fixture
def book_path(tmp_path):
    return tmp_path / "book.sqlite3"


@pytest.fixture
def book(book_path):
    with Book(book_path) as opened:
        yield opened


@pytest.fixture
def demo_book(tmp_path):
    """A real book filled with the --demo sample data."""
    from relmeet.demo import fill

    with Book(tmp_path / "demo.sqlite3") as opened:
        fill(opened)
        yield opened

"""Pictures of the brief (F3) at a laptop terminal's 80x24, where it pages with a 'more below' line, and at a
roomier 120x36: the next meeting's plan first, then their story, their asks, commitments both ways, the last
summary. On its own book (tests/brief_book.py), with 'today' pinned, so others' demo changes don't move it."""
from __future__ import annotations

import time

import pytest

import brief_book
from relmeet.app import RelmeetApp
from relmeet.screens.brief import BriefScreen
from relmeet.store import Book

SIZES = {"narrow": (80, 24), "wide": (120, 36)}


@pytest.fixture
def pastor_book(tmp_path, monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", "2026-11-20")
    monkeypatch.setenv("TZ", "UTC")  # times are shown in local time
    time.tzset()
    with Book(tmp_path / "pastor.sqlite3") as book:
        yield book, brief_book.fill(book)
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("size", SIZES)
def test_the_brief(snap_compare, pastor_book, size):
    book, pastor = pastor_book

    async def open_brief(pilot):
        pilot.app.sub_title = "pastor.sqlite3"  # the Header shows the book's path: a new tmp folder each run
        await pilot.app.push_screen(BriefScreen(pastor))
        await pilot.pause()

    assert snap_compare(RelmeetApp(book), terminal_size=SIZES[size], run_before=open_brief)


@pytest.mark.parametrize("size", SIZES)
def test_the_brief_scrolled_to_its_end(snap_compare, pastor_book, size):
    book, pastor = pastor_book

    async def read_to_the_end(pilot):
        pilot.app.sub_title = "pastor.sqlite3"
        await pilot.app.push_screen(BriefScreen(pastor))
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()

    assert snap_compare(RelmeetApp(book), terminal_size=SIZES[size], run_before=read_to_the_end)

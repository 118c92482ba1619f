"""Pictures of the merge screen's side-by-side view and the restore list, on the demo book with 'today' pinned."""
from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from relmeet.app import RelmeetApp
from relmeet.demo import fill
from relmeet.store import Book, backup

PINNED = "2026-11-20"


@pytest.fixture
def pinned_demo(tmp_path, monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", PINNED)
    monkeypatch.setenv("TZ", "UTC")  # the restore list shows local times
    time.tzset()
    with Book(tmp_path / "demo.sqlite3") as book:
        fill(book)
        yield book
    monkeypatch.undo()
    time.tzset()


def test_merge_side_by_side(snap_compare, pinned_demo):
    from relmeet.screens.merge import MergeScreen

    async def open_merge(pilot):
        pilot.app.push_screen(MergeScreen(6, 7))  # José Martínez into Rosa Nguyễn
        await pilot.pause()

    assert snap_compare(RelmeetApp(pinned_demo, demo=True), terminal_size=(110, 30), run_before=open_merge)


def test_restore_list(snap_compare, pinned_demo):
    for day in (18, 19, 20):
        backup.backup_now(pinned_demo, now=datetime(2026, 11, day, 8, 30, tzinfo=timezone.utc))

    async def open_restore(pilot):
        await pilot.app.run_action("restore_book")
        await pilot.pause()

    assert snap_compare(RelmeetApp(pinned_demo, demo=True), terminal_size=(110, 30), run_before=open_restore)

"""Pictures of the merge screen's side-by-side view and the restore list, on a small book of their own."""
from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from relmeet.app import RelmeetApp
from relmeet.domain.people import ContactIn
from relmeet.store import Book, backup, contacts

PINNED = "2026-11-20"


@pytest.fixture
def small_book(tmp_path, monkeypatch):
    """Two duplicates and their organization, made here so the sample book can change freely."""
    monkeypatch.setenv("RELMEET_TODAY", PINNED)
    monkeypatch.setenv("TZ", "UTC")  # the restore list shows local times
    time.tzset()
    with Book(tmp_path / "small.sqlite3") as book:
        union = contacts.create(book, ContactIn(name="Eastside Tenants Union", kind="organization", level="organization"))
        contacts.create(book, ContactIn(name="Rosa Nguyễn", organization_id=union, role="Building B captain",
                                        stance="ally", influence=2, rung="volunteer", phone="555-0142",
                                        their_language="Families shouldn't have to choose between rent and medicine.",
                                        tags=["housing"]))
        contacts.create(book, ContactIn(name="Rosa Nguyen", email="rosa.nguyen@example.org", stance="potential_ally",
                                        contact_method="email", language="Vietnamese", tags=["tenant"]))
        yield book
    monkeypatch.undo()
    time.tzset()


def test_merge_side_by_side(snap_compare, small_book):
    from relmeet.screens.merge import MergeScreen

    async def open_merge(pilot):
        pilot.app.push_screen(MergeScreen(2, 3))  # the unaccented duplicate into Rosa Nguyễn
        await pilot.pause()

    assert snap_compare(RelmeetApp(small_book, demo=True), terminal_size=(110, 30), run_before=open_merge)


def test_restore_list(snap_compare, small_book):
    for day in (18, 19, 20):
        backup.backup_now(small_book, now=datetime(2026, 11, day, 8, 30, tzinfo=timezone.utc))

    async def open_restore(pilot):
        await pilot.app.run_action("restore_book")
        await pilot.pause()

    assert snap_compare(RelmeetApp(small_book, demo=True), terminal_size=(110, 30), run_before=open_restore)

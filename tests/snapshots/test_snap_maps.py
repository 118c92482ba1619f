"""Pictures of the organizer's map views and a contact's history on the demo book, 'today' pinned.

The steps are the README's (scripts/screenshots.py); the two densest views are also checked at 80x24,
the smallest terminal relmeet promises to fit.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from relmeet.app import RelmeetApp
from relmeet.demo import fill
from relmeet.store import Book

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import screenshots  # noqa: E402


@pytest.fixture
def pinned_demo(tmp_path, monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", screenshots.PINNED_TODAY)
    monkeypatch.setenv("TZ", "UTC")
    with Book(tmp_path / "demo.sqlite3") as book:
        fill(book)
        yield book


def _steps(shot: str):
    async def steps(pilot):
        await pilot.pause()
        await screenshots.SHOTS[shot](pilot)
        await pilot.pause()
    return steps


@pytest.mark.parametrize("shot", ["power-map", "levels", "referrals", "campaigns", "wins", "history"])
def test_views(snap_compare, pinned_demo, shot):
    assert snap_compare(RelmeetApp(pinned_demo, demo=True), terminal_size=screenshots.SIZE, run_before=_steps(shot))


@pytest.mark.parametrize("shot", ["power-map", "campaigns"])
def test_views_fit_80_by_24(snap_compare, pinned_demo, shot):
    assert snap_compare(RelmeetApp(pinned_demo, demo=True), terminal_size=(80, 24), run_before=_steps(shot))

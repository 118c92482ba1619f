"""Pictures of the organizer's map views and a contact's history on the demo book, 'today' pinned.

The steps are the README's (scripts/screenshots.py); the two densest views are also checked at 80x24,
the smallest terminal relmeet promises to fit.
"""
from __future__ import annotations

import pytest

import screenshots  # noqa: E402  (on the path by conftest)
from relmeet.app import RelmeetApp


def _steps(shot: str):
    async def steps(pilot):
        await pilot.pause()
        await screenshots.SHOTS[shot](pilot)
        await pilot.app.workers.wait_for_complete()  # what fills in after the first frame (a campaign's movement)
        await pilot.pause()
    return steps


@pytest.mark.parametrize("shot", ["power-map", "levels", "referrals", "campaigns", "wins", "history"])
def test_views(snap_compare, pinned_demo, shot):
    assert snap_compare(RelmeetApp(pinned_demo, demo=True), terminal_size=screenshots.SIZE, run_before=_steps(shot))


@pytest.mark.parametrize("shot", ["power-map", "campaigns"])
def test_views_fit_80_by_24(snap_compare, pinned_demo, shot):
    assert snap_compare(RelmeetApp(pinned_demo, demo=True), terminal_size=(80, 24), run_before=_steps(shot))

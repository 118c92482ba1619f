"""Pictures of prep, notes and follow-up on the demo book, with 'today' and the meeting's start pinned."""
from __future__ import annotations

import pytest

import screenshots  # noqa: E402  (on the path by conftest; the same steps make the README's pictures)
from relmeet.app import RelmeetApp
from steady import steady


@pytest.mark.parametrize("shot", ["prep", "notes", "follow-up"])
def test_meeting_screens(snap_compare, pinned_demo, shot):
    async def steps(pilot):
        await pilot.pause()
        await screenshots.SHOTS[shot](pilot)
        await pilot.pause()
        await steady(pilot)

    assert snap_compare(RelmeetApp(pinned_demo, demo=True), terminal_size=screenshots.SIZE, run_before=steps)

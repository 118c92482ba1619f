"""A long day in the app: closed screens are let go, and full garbage collections wait for a pause."""
from __future__ import annotations

import gc

from textual.widgets import Header
from textual.widgets._footer import FooterKey

from relmeet.app import RelmeetApp


def _alive(kind, before: frozenset = frozenset()) -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, kind) and id(o) not in before)


async def test_closed_screens_are_let_go(demo_book):
    gc.collect()
    # widgets other tests' apps may still hold in this process don't count
    before = frozenset(id(o) for o in gc.get_objects() if isinstance(o, (Header, FooterKey)))
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("f4", "escape", "f5", "escape", "f6", "escape", "f7", "escape", "f8", "escape"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause(0.3)  # the last screen closed finishes closing
        app._last_input -= 60  # as after a pause
        app._tidy_up()
        headers, keys = _alive(Header, before), _alive(FooterKey, before)
        for _ in range(3):
            for key in ("f4", "escape", "f5", "escape", "f6", "escape", "f7", "escape", "f8", "escape"):
                await pilot.press(key)
                await pilot.pause()
        await pilot.pause(0.3)
        app._last_input -= 60
        app._tidy_up()
        # fifteen more screens opened and closed, and nothing more of theirs is left: the home screen's
        # header and at most one closed screen's (Textual may still hold the last one for a while)
        assert _alive(Header, before) == headers <= 2
        assert _alive(FooterKey, before) == keys


async def test_full_collections_wait_for_a_pause_in_typing(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(100, 30)) as pilot:
        assert gc.get_threshold()[2] == 1_000_000  # no full collection by chance in the middle of a keypress
        await pilot.press("ctrl+l", "r")
        before = gc.get_count()
        last = app._last_collect
        app._tidy_up()  # a key was just pressed: not now
        assert app._last_collect == last
        app._last_input -= 60
        app._tidy_up()
        assert app._last_collect > last and gc.get_count()[2] <= before[2]
    assert gc.get_threshold()[2] != 1_000_000  # put back when the app ends

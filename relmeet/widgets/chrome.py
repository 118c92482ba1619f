"""Textual's Header and Footer, minus the way closed ones stayed alive (TextArea: widgets/text_area.py).

Textual (8.2.8) drops a closed widget's watch on another node only when that node's watched
value next changes. Header watches app.title/sub_title, a Footer's keys watch the Footer's
`compact`, TextArea watches app.theme; none of these change, so every closed screen's Header and
TextArea, and every recomposed Footer's keys, stayed alive with all they had drawn.
`mutate_reactive` runs the same change-notification without changing the value, which is where
Textual drops the watchers of closed widgets. Public API only.

For upstream (Textual 8.2.8): a widget's `self.watch(other, attr, cb)` entry stays on `other` after the widget
closes; it is pruned only in `Reactive._check_watchers`, which runs when `other.attr` changes (reactive.py:403,
350), and closing clears the watchers *on* the closing node, not those it placed elsewhere. Minimal
reproduction: an App whose Screen composes a Header and a TextArea; push and pop it twenty times under
`run_test()`, then count `gc.get_objects()` of type Header: 21 with Textual's widgets, 1 with these
(tests/test_app_housekeeping.py does the same with relmeet's views and forms).
"""
from __future__ import annotations

from textual.app import App
from textual.widgets import Footer as _TextualFooter
from textual.widgets import Header as _TextualHeader


class Header(_TextualHeader):
    def on_unmount(self) -> None:
        # by Unmount this header counts as closed, so the app lets go of it (and of any before it)
        if self.app.is_running:
            self.app.mutate_reactive(App.title)
            self.app.mutate_reactive(App.sub_title)


class Footer(_TextualFooter):
    """Textual's Footer, recomposed once for a burst of binding changes.

    Opening a screen changes its bindings ~10 times (each focus and mount); Textual's Footer schedules a
    whole recompose after the next refresh for each, and each new key restyles itself twice as it mounts.
    One waiting recompose reads the bindings as they are when it runs, so the others add nothing."""

    recompose_waiting = False

    def bindings_changed(self, screen) -> None:
        will_recompose = screen.app.app_focus and self.is_attached and screen is self.screen
        if will_recompose and self.recompose_waiting:
            return
        super().bindings_changed(screen)
        if will_recompose:
            self.recompose_waiting = True

    async def recompose(self) -> None:
        self.recompose_waiting = False  # a change from here on is read by a recompose of its own
        await super().recompose()  # the old keys are closed once this returns
        self.mutate_reactive(_TextualFooter.compact)

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
    async def recompose(self) -> None:
        await super().recompose()  # the old keys are closed once this returns
        self.mutate_reactive(_TextualFooter.compact)

"""F1: every key that works on the screen underneath, with what it does."""
from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from relmeet.screens.base import RelmeetModal
from relmeet.widgets.chrome import Footer


def _key_label(app, key: str) -> str:
    return app.get_key_display(Binding(key, ""))


class HelpScreen(RelmeetModal[None]):
    BINDINGS = [
        Binding("escape,f1", "dismiss", "Close help", id="close-help", tooltip="Back to where you were"),
    ]

    def __init__(self, under: Screen):
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(self._text(), id="help-text")
        yield Footer()

    def _text(self) -> Group:
        title = getattr(self.under, "HELP_TITLE", None) or type(self.under).__name__.replace("Screen", "")
        own, moving = self._table(), self._table()
        seen: set[str] = set()
        # active_bindings covers the focused widget, the screen and the app. relmeet's own keys (each has a
        # tooltip) come first; Textual's (cursor keys, focus, copy) after them
        for key, (_node, binding, enabled, tooltip) in self.under.active_bindings.items():
            if binding.description == "" and not tooltip:
                continue
            label = _key_label(self.app, key)
            if label in seen:
                continue
            seen.add(label)
            what = Text(binding.description or binding.action, style="" if enabled else "dim")
            if tooltip:
                what.append(f" — {tooltip}", style="dim")
            table = own if tooltip else moving
            table.add_row(Text(label, style="bold" if enabled else "dim"), what)
        parts: list = [Text(f"Keys on {title}\n", style="bold"), own]
        if moving.row_count:
            parts += [Text("\nMoving around", style="bold"), moving]
        doc = getattr(self.under, "HELP", "")
        if doc:
            parts.append(Text("\n" + doc.strip()))
        parts.append(Text("\nCtrl+P opens the command palette: type a few letters of what you want to do.",
                          style="italic"))
        return Group(*parts)

    @staticmethod
    def _table() -> Table:
        table = Table.grid(padding=(0, 2))  # a long description wraps under itself, not under the key
        table.add_column(justify="right", no_wrap=True, min_width=12)
        table.add_column(ratio=1)
        return table

    def action_dismiss(self) -> None:
        self.dismiss(None)

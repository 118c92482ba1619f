"""A labelled form field with its error message right under it.

The label and the error are text, never markup: an error often echoes what was typed ("at [/] o clock"
isn't a date), and a label can carry a name from the book.
"""
from __future__ import annotations

from typing import Iterable, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, Static

V = TypeVar("V")


def choices(pairs: Iterable[tuple[str, V]]) -> list[tuple[Text, V]]:
    """Select options named from the book (organizations, campaigns): a `Select` reads a str label as markup,
    and a campaign called "[link=a:b] Rent" ended the app when the prep form opened."""
    return [(Text(label), value) for label, value in pairs]


class Field(Vertical):
    """Wraps one input; `show_error` puts the message next to the field that caused it."""

    DEFAULT_CSS = """
    Field { height: auto; margin: 0 0 1 0; }
    Field > .field-label { color: $text-muted; }
    Field > .field-error { color: $error; display: none; }
    Field.-invalid > .field-error { display: block; }
    Field.-invalid > Input, Field.-invalid > Select, Field.-invalid > TextArea { border: tall $error; }
    Field.-invalid > .-textual-compact { border: none; background: $error 25%; }
    """

    def __init__(self, label: str, widget: Widget, *, name: str, hint: str = ""):
        super().__init__(id=f"field-{name}")
        self.field_name = name
        self.label = label
        self.hint = hint
        self.widget = widget

    def compose(self) -> ComposeResult:
        label = Text(self.label)
        if self.hint:
            label.append("  ").append(self.hint, style="dim")
        yield Label(label, classes="field-label")
        yield self.widget
        yield Static("", classes="field-error")

    def show_error(self, message: str | None) -> None:
        self.set_class(bool(message), "-invalid")
        self.query_one(".field-error", Static).update(Text(message or ""))

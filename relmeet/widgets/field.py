"""A labelled form field with its error message right under it."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, Static


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
        yield Label(self.label + (f"  [dim]{self.hint}[/]" if self.hint else ""), classes="field-label")
        yield self.widget
        yield Static("", classes="field-error")

    def show_error(self, message: str | None) -> None:
        self.set_class(bool(message), "-invalid")
        self.query_one(".field-error", Static).update(message or "")

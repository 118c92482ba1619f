"""Two copies of relmeet changed the same fields: both values side by side, and the organizer chooses."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, RadioButton, RadioSet, Static

from relmeet.screens.base import RelmeetModal


class TwoCopiesScreen(RelmeetModal[dict[str, str] | None]):
    """Given (field, label, mine, theirs) rows; dismisses with field -> "mine" or "theirs", or None to go back
    to the form without saving."""

    HELP_TITLE = "two copies changed the same thing"
    HELP = "For each field, keep what you typed or take what the other copy saved. Nothing is saved until you choose."
    DEFAULT_CSS = """
    TwoCopiesScreen #two-copies-box { width: 100; }
    TwoCopiesScreen #two-copies-rows { height: auto; max-height: 20; }
    TwoCopiesScreen .two-copies-row { height: auto; margin-bottom: 1; }
    TwoCopiesScreen .two-copies-label { width: 16; padding-top: 1; text-style: bold; }
    TwoCopiesScreen RadioSet { width: 1fr; layout: horizontal; border: none; }
    TwoCopiesScreen RadioButton { width: 1fr; }
    """
    BINDINGS = [
        Binding("ctrl+s", "choose", "Save my choices", id="two-copies-save", tooltip="Save with the values chosen"),
        Binding("escape", "dismiss(None)", "Back to the form", id="two-copies-back",
                tooltip="Back to the form; nothing is saved"),
    ]

    def __init__(self, rows: list[tuple[str, str, str, str]]):
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="two-copies-box"):
            yield Static(Text("Another copy of relmeet changed these since you opened the form", style="bold"))
            yield Static(Text("Everything else is merged: its changes and yours are both kept.", style="dim"))
            with VerticalScroll(id="two-copies-rows"):
                for name, label, mine, theirs in self.rows:
                    with Horizontal(classes="two-copies-row"):
                        yield Static(Text(label), classes="two-copies-label")
                        with RadioSet(id=f"choice-{name}"):
                            yield RadioButton(Text(f"Keep mine: {mine or '(empty)'}"), value=True, id=f"mine-{name}")
                            yield RadioButton(Text(f"Take theirs: {theirs or '(empty)'}"), id=f"theirs-{name}")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save my choices (Ctrl+S)", variant="primary", id="choose")
                yield Button("Back to the form", id="back")

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    def choices(self) -> dict[str, str]:
        chosen = {}
        for name, *_ in self.rows:
            pressed = self.query_one(f"#choice-{name}", RadioSet).pressed_button
            chosen[name] = "theirs" if pressed is not None and pressed.id == f"theirs-{name}" else "mine"
        return chosen

    def action_choose(self) -> None:
        self.dismiss(self.choices())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "choose":
            self.dismiss(self.choices())
        else:
            self.dismiss(None)

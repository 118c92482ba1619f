"""The privacy curtain: a neutral page over everything, for the moment someone looks over the shoulder.

It holds nothing of the book: no name, no note, not the book's file name. A key brings the screens back
for an unlocked book; a locked book's passphrase is asked instead.
"""
from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from relmeet.screens.base import RelmeetModal

SHOWN = "relmeet"


class CurtainScreen(RelmeetModal[None]):
    HELP_TITLE = "hidden"
    DEFAULT_CSS = """
    CurtainScreen { align: center middle; background: $background; }
    CurtainScreen #curtain-box { width: 50; height: auto; padding: 1 2; }
    CurtainScreen #curtain-said { color: $error; height: auto; }
    """

    def __init__(self, *, ask_passphrase: bool):
        super().__init__()
        self.ask_passphrase = ask_passphrase

    def compose(self) -> ComposeResult:
        with Vertical(id="curtain-box"):
            yield Static(Text(SHOWN), id="curtain-title")
            if self.ask_passphrase:
                yield Static(Text("Hidden. The passphrase brings it back:"), id="curtain-hint")
                yield Input(password=True, id="curtain-input")
                yield Static(Text(""), id="curtain-said")
            else:
                yield Static(Text("Hidden. Press any key to come back."), id="curtain-hint")

    def on_mount(self) -> None:
        if self.ask_passphrase:
            self.query_one("#curtain-input", Input).focus()

    def on_key(self, event: events.Key) -> None:
        if self.ask_passphrase:
            return  # the keys are the passphrase's
        event.stop()
        event.prevent_default()
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value
        field = event.input
        field.value = ""
        if not typed:
            return
        field.disabled = True
        self.load_then_show(lambda: self.book.passphrase_matches(typed), self._checked, group="curtain")

    def _checked(self, matches: bool) -> None:
        if matches:
            self.dismiss(None)
            return
        field = self.query_one("#curtain-input", Input)
        field.disabled = False
        field.focus()
        self.query_one("#curtain-said", Static).update(Text("That is not the passphrase."))

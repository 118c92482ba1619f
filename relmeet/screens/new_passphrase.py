"""A new passphrase for the book, typed twice: to lock it, or to change the passphrase of a locked one."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from relmeet.screens.base import RelmeetModal

MIN_LENGTH = 8


class NewPassphraseScreen(RelmeetModal[str | None]):
    """Dismisses with the new passphrase, or None (Escape)."""

    HELP_TITLE = "a new passphrase"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="new-passphrase-cancel")]

    def __init__(self, title: str):
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="new-passphrase-box", classes="dialog"):
            yield Static(Text(self.title_text), id="new-passphrase-title")
            yield Static(Text("Nothing can open the book or its backups without it, and nobody can recover a lost "
                              "passphrase: keep it somewhere safe. The backups are locked with it too; exports "
                              "stay plain."), id="new-passphrase-note")
            yield Input(password=True, id="new-passphrase-first", placeholder=f"at least {MIN_LENGTH} characters")
            yield Input(password=True, id="new-passphrase-again", placeholder="the same again, then Enter")
            yield Static(Text(""), id="new-passphrase-said")

    def on_mount(self) -> None:
        self.query_one("#new-passphrase-first", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        first = self.query_one("#new-passphrase-first", Input)
        again = self.query_one("#new-passphrase-again", Input)
        if len(first.value) < MIN_LENGTH:
            # said at the first Enter, not after the organizer typed it twice
            self._say(f"A passphrase has at least {MIN_LENGTH} characters (several words are best).")
            if event.input is first:
                return
        elif event.input is first:
            self._say("")
            again.focus()
            return
        elif first.value != again.value:
            self._say("The two passphrases differ: type them again.")
        else:
            self.dismiss(first.value)
            return
        first.value = again.value = ""
        first.focus()

    def _say(self, message: str) -> None:
        self.query_one("#new-passphrase-said", Static).update(Text(message))

    def action_cancel(self) -> None:
        self.dismiss(None)

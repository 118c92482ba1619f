"""A new passphrase for the book, typed twice: to lock it, or to change the passphrase of a locked one;
then how the rewrite of the book and its backups goes, until it is done."""
from __future__ import annotations

import time
from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, ProgressBar, Static

from relmeet.screens.base import RelmeetModal

MIN_LENGTH = 8


class NewPassphraseScreen(RelmeetModal[None]):
    """Once the passphrase is typed twice, `start(screen, passphrase)` rewrites the book with it and tells
    `show_progress` how it goes; whoever started it dismisses the screen when it is done. The screen stays
    over the book meanwhile: nothing reads it while it is rewritten (before, the screen behind reloaded
    and said "the book is being locked: try again in a moment" without being asked anything)."""

    HELP_TITLE = "a new passphrase"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="new-passphrase-cancel")]
    DEFAULT_CSS = """
    NewPassphraseScreen #new-passphrase-step, NewPassphraseScreen #new-passphrase-progress { display: none; }
    NewPassphraseScreen.working #new-passphrase-step, NewPassphraseScreen.working #new-passphrase-progress {
        display: block;
    }
    NewPassphraseScreen.working Input, NewPassphraseScreen.working #new-passphrase-said { display: none; }
    """

    def __init__(self, title: str, start: Callable[["NewPassphraseScreen", str], None]):
        super().__init__()
        self.title_text = title
        self.start = start
        self.working = False

    def compose(self) -> ComposeResult:
        with Vertical(id="new-passphrase-box", classes="dialog"):
            yield Static(Text(self.title_text), id="new-passphrase-title")
            yield Static(Text("Nothing can open the book or its backups without it, and nobody can recover a lost "
                              "passphrase: keep it somewhere safe. The backups are locked with it too; exports "
                              "stay plain."), id="new-passphrase-note")
            yield Input(password=True, id="new-passphrase-first", placeholder=f"at least {MIN_LENGTH} characters")
            yield Input(password=True, id="new-passphrase-again", placeholder="the same again, then Enter")
            yield Static(Text(""), id="new-passphrase-said")
            yield Static(Text(""), id="new-passphrase-step")
            yield ProgressBar(total=1.0, show_eta=False, id="new-passphrase-progress")

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
            self.working = True
            self.started = time.monotonic()
            self.add_class("working")  # the fields give way to the progress bar
            self.show_progress("starting", 0.0)
            self.start(self, first.value)
            first.value = again.value = ""  # not kept on screen while the rewrite runs
            return
        first.value = again.value = ""
        first.focus()

    def show_progress(self, step: str, done: float | None) -> None:
        """A step of the rewrite ("the book: copying") and how far it is (None: it goes on, how far unknown)."""
        # the seconds say it is not stuck where the bar can't move (the check of every page of the copy)
        seconds = time.monotonic() - self.started
        self.query_one("#new-passphrase-step", Static).update(Text(f"{step.capitalize()}… {seconds:.0f} s"))
        bar = self.query_one("#new-passphrase-progress", ProgressBar)
        if done is None:
            bar.update(total=None)
        else:
            bar.update(total=1.0, progress=done)

    def _say(self, message: str) -> None:
        self.query_one("#new-passphrase-said", Static).update(Text(message))

    def action_cancel(self) -> None:
        if self.working:
            self.notify("The book is being rewritten; it can't be stopped halfway, and it ends by itself.",
                        severity="warning")
            return
        self.dismiss(None)

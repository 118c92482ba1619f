"""Offered at start when a meeting was left in progress (a closed terminal, a crash, a killed process)."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from relmeet.domain.meetings import MeetingCard
from relmeet.pages import formatting
from relmeet.screens.base import RelmeetModal


class ResumeScreen(RelmeetModal[str]):
    """Dismisses with "resume", "end" or "later"."""

    HELP_TITLE = "an unfinished meeting"
    BINDINGS = [Binding("escape", "dismiss('later')", "Later", id="resume-later", tooltip="Decide later")]

    def __init__(self, card: MeetingCard):
        super().__init__()
        self.card = card

    def compose(self) -> ComposeResult:
        words = len(self.card.notes.split())
        text = Text("A meeting was left open\n\n", style="bold")
        text.append(f"{self.card.contact}, started {formatting.days_ago(self.card.started_at)} "
                    f"({formatting.when(self.card.started_at)}). ")
        text.append(f"{words} word{'s' if words != 1 else ''} of notes were saved.")
        with Vertical(classes="dialog", id="resume-box"):
            yield Static(text)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume the notes", variant="primary", id="resume")
                yield Button("End it: follow up", id="end")
                yield Button("Later", id="later")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

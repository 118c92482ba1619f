"""A planned meeting whose time has passed asks whether it happened: held (then its follow-up), cancelled,
or to be rescheduled. Nothing is decided by a slip: the dialog starts on "Later"."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from relmeet.domain.meetings import MeetingCard
from relmeet.pages import formatting
from relmeet.screens.base import RelmeetModal
from relmeet.widgets.chrome import Footer


class DidItHappenScreen(RelmeetModal[str]):
    """Dismisses with "held", "cancelled", "reschedule" or "later"."""

    HELP_TITLE = "a meeting whose time passed"
    BINDINGS = [
        Binding("h", "dismiss('held')", "Held: follow up", id="happened-held", tooltip="It happened: write the follow-up"),
        Binding("c", "dismiss('cancelled')", "Cancelled", id="happened-cancelled", tooltip="It didn't happen"),
        Binding("r", "dismiss('reschedule')", "Reschedule", id="happened-reschedule",
                tooltip="Set a new time in its prep"),
        Binding("escape", "dismiss('later')", "Later", id="happened-later", tooltip="Decide later"),
    ]

    def __init__(self, card: MeetingCard):
        super().__init__()
        self.card = card

    def compose(self) -> ComposeResult:
        text = Text("Did it happen?\n\n", style="bold")
        text.append(f"Your meeting with {self.card.contact} was planned for {formatting.when(self.card.scheduled_at)}")
        text.append(f" ({formatting.days_ago(self.card.scheduled_at)})." if self.card.scheduled_at else ".")
        if self.card.purpose:
            text.append(f"\nPurpose: {self.card.purpose}", style="dim")
        with Vertical(classes="dialog", id="happened-box"):
            yield Static(text, id="happened-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Held: follow up (H)", variant="primary", id="held")
                yield Button("Cancelled (C)", id="cancelled")
                yield Button("Reschedule (R)", id="reschedule")
                yield Button("Later", id="later")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#later", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

"""Mark a commitment done, partly done, missed or dropped."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from relmeet.domain import CommitmentStatus
from relmeet.domain.people import DueItem
from relmeet.pages import formatting
from relmeet.screens.base import RelmeetModal


class CommitmentStatusScreen(RelmeetModal[str | None]):
    HELP_TITLE = "a commitment"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="status-cancel", tooltip="Leave it open")]

    def __init__(self, item: DueItem):
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        owner = "I promised" if self.item.owner == "mine" else f"{self.item.contact} promised"
        text = Text(f"{owner} ({self.item.contact}): ", style="bold")
        text.append(self.item.text, style="")
        text.append("\nDue: ")
        text.append_text(formatting.due(self.item.due_on))
        with Vertical(classes="dialog"):
            yield Static(text)
            with Horizontal(classes="dialog-buttons"):
                for status in (CommitmentStatus.done, CommitmentStatus.partly, CommitmentStatus.missed,
                               CommitmentStatus.dropped):
                    yield Button(status.label, id=status.value, variant="success" if status == "done" else "default")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

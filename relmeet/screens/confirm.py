"""A yes/no question before anything that takes something out of view."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from relmeet.screens.base import RelmeetModal


class ConfirmScreen(RelmeetModal[bool]):
    """Dismisses with True for yes; Escape or "No" is False. Yes is not the default focus on purpose."""

    HELP_TITLE = "a question"
    BINDINGS = [
        Binding("escape", "answer(False)", "No", id="confirm-no", tooltip="Leave things as they are"),
        Binding("ctrl+y", "answer(True)", "Yes", id="confirm-yes", tooltip="Go ahead"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "Cancel"):
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(Text(self.question), id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Text(self.yes), variant="warning", id="yes")
                yield Button(Text(self.no), variant="primary", id="no")  # the one focused, and the safe one

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

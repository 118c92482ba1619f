"""Asked on Ctrl+Q when something typed is not in the book: keep it in a file, keep working, or leave it."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from relmeet.recovery import folder
from relmeet.reports import shown_path
from relmeet.screens.base import RelmeetModal


class UnsavedScreen(RelmeetModal[str]):
    """Dismisses with "file" (save to a file and quit), "stay" or "quit" (quit without it)."""

    HELP_TITLE = "leaving with unsaved text"
    BINDINGS = [
        Binding("escape", "answer('stay')", "Keep working", id="unsaved-stay", tooltip="Back to what you were doing"),
        Binding("ctrl+q", "answer('file')", "Save to a file and quit", id="unsaved-file", priority=True,
                tooltip="Keep the text in a file only you can read; the next start offers it back"),
    ]

    def __init__(self, titles: list[str], reason: str = ""):
        super().__init__()
        self.titles, self.reason = titles, reason

    def compose(self) -> ComposeResult:
        text = Text("Not everything you typed is in the book\n\n", style="bold")
        for title in self.titles:
            text.append(f"  • {title}\n")
        if self.reason:
            text.append(f"\n{self.reason}\n")
        text.append(f"\n“Save to a file” keeps it in {shown_path(folder())} (readable by you only); "
                    "the next start offers it back.")
        with Vertical(classes="dialog", id="unsaved-box"):
            yield Static(text)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save to a file and quit", variant="primary", id="file")
                yield Button("Keep working", id="stay")
                yield Button("Quit without it", variant="error", id="quit")

    def on_mount(self) -> None:
        self.query_one("#file", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

"""Offered at start: a meeting left in progress (a closed terminal, a crash, a killed process), and text a
save could not put in the book, kept in a recovery file (relmeet/recovery.py)."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from relmeet.domain.meetings import MeetingCard
from relmeet.pages import formatting
from relmeet.recovery import Recovered
from relmeet.reports import shown_path
from relmeet.screens.base import RelmeetModal
from relmeet.widgets.text_area import TextArea


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


class KeptTextScreen(RelmeetModal[str]):
    """Offered at start for text a save could not put in the book. Dismisses with "put_back", "show" or "later"."""

    HELP_TITLE = "text that was not saved"
    BINDINGS = [Binding("escape", "dismiss('later')", "Later", id="kept-later",
                        tooltip="Decide later; the text stays in its file")]

    def __init__(self, item: Recovered, *, can_put_back: bool):
        super().__init__()
        self.item, self.can_put_back = item, can_put_back

    def compose(self) -> ComposeResult:
        words = len(self.item.text.split())
        text = Text("Text that was not saved\n\n", style="bold")
        text.append(f"{self.item.title}: {words} word{'s' if words != 1 else ''} kept")
        if self.item.kept_at:
            text.append(f" on {self.item.kept_at[:16].replace('T', ' at ')}")
        text.append(f", when the book could not be written. It is in {shown_path(self.item.path)}, "
                    "readable by you only.")
        if self.can_put_back:
            text.append("\n\nPutting it back merges it with the notes as the book has them now: nothing is lost.")
        with Vertical(classes="dialog", id="kept-box"):
            yield Static(text)
            with Horizontal(classes="dialog-buttons"):
                if self.can_put_back:
                    yield Button("Put it back into the notes", variant="primary", id="put_back")
                yield Button("Show it to copy", variant="default" if self.can_put_back else "primary", id="show")
                yield Button("Later", id="later")

    def on_mount(self) -> None:
        self.query_one("#put_back" if self.can_put_back else "#show", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


class KeptTextView(RelmeetModal[bool]):
    """The kept text, to select and copy. Dismisses with True when the organizer is done with the file."""

    HELP_TITLE = "text that was not saved"
    HELP = "Select text with the mouse or Shift+arrows and copy it, or F5 copies all of it."
    DEFAULT_CSS = """
    KeptTextView #kept-view-box { width: 100; height: 80%; }
    KeptTextView #kept-text { height: 1fr; }
    """
    BINDINGS = [
        Binding("f5", "copy_all", "Copy all", id="kept-copy", tooltip="Copy the whole text to the clipboard"),
        Binding("escape", "dismiss(False)", "Keep the file", id="kept-keep", tooltip="Close; the file stays"),
    ]

    def __init__(self, item: Recovered):
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="kept-view-box"):
            yield Static(Text(self.item.title, style="bold"))
            yield TextArea(self.item.text, id="kept-text", read_only=True, soft_wrap=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Copy all (F5)", id="copy")
                yield Button("Done: remove the file", variant="warning", id="done")
                yield Button("Keep the file", id="keep")

    def action_copy_all(self) -> None:
        self.app.copy_to_clipboard(self.item.text)
        self.notify("Copied (your terminal must allow clipboard access).", markup=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "copy":
            self.action_copy_all()
        else:
            self.dismiss(event.button.id == "done")

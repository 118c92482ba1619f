"""Mark a commitment done, partly done (and how much), missed or dropped, on the day it happened; or a
check-in made. Focus starts in the day it happened, where typing goes; Enter only moves on (to Cancel,
the first button), so a slip of Enter changes nothing; every mark can be undone.

The dialog writes the mark itself (through the store, which keeps the undo log) and dismisses with the
line to tell the organizer, or None when nothing changed.
"""
from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from relmeet.domain import CommitmentStatus, today
from relmeet.domain.commitments import CLOSING, CheckInDue, CommitmentLine
from relmeet.domain.people import DueItem
from relmeet.pages import formatting
from relmeet.screens.base import RelmeetModal
from relmeet.screens.form_dialog import FormDialog
from relmeet.store import commitments
from relmeet.widgets.chrome import Footer
from relmeet.widgets.done_on import DoneOnInput
from relmeet.widgets.field import Field

UNDO_HINT = "Ctrl+P “commitments: undo last mark” takes it back."
BUTTON_LABELS = {"done": "Done", "partly": "Partly", "missed": "Missed", "dropped": "Dropped"}


def marked_words(status: str, day, note: str = "") -> str:
    """'Done Thu 26 Nov', 'Partly done Thu 26 Nov: 2 of 4'."""
    words = f"{CommitmentStatus(status).label} {day:%a %-d %b}"
    return f"{words}: {note}" if note else words


class CommitmentStatusScreen(FormDialog):
    ENTER_SAVES = False  # Enter in a field moves on; only a button marks
    HELP_TITLE = "marking a commitment"
    HELP = ("Type the day it happened (today unless you say: \"yesterday\", \"thu\", \"the 14th\") and, for partly\n"
            "done, how much. Then Tab to the outcome and press Enter. Enter in a field only moves on, to\n"
            "Cancel first: Enter alone changes nothing.\n"
            "A mark can be undone: Ctrl+Z in the commitments view, or from the palette.")
    DEFAULT_CSS = """
    CommitmentStatusScreen #outcome-buttons Button { min-width: 9; }
    """
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="status-cancel", tooltip="Leave it as it is"),
        Binding("tab", "app.focus_next", "Next", id="status-next", tooltip="The next field or outcome"),
    ]

    def __init__(self, item: DueItem | CommitmentLine, *, undo_hint: str = UNDO_HINT):
        super().__init__()
        self.item = item
        self.undo_hint = undo_hint
        self.current = item.status if isinstance(item, CommitmentLine) else "open"
        self.note = item.outcome_note if isinstance(item, CommitmentLine) else ""

    def compose(self) -> ComposeResult:
        item = self.item
        owner = "I promised" if item.owner == "mine" else f"{item.contact} promised"
        text = Text(f"{owner}" + (f" {item.contact}" if item.owner == "mine" else "") + ": ", style="bold")
        text.append(item.text)
        text.append("\nDue: ")
        text.append_text(formatting.due(item.due_on))
        if self.current != "open":
            text.append(f"  · now {CommitmentStatus(self.current).label.lower()}", style="yellow")
        with Vertical(classes="dialog", id="outcome"):
            yield Static(text, id="outcome-what")
            yield Field("When it happened", DoneOnInput(input_id="on", compact=True), name="on")
            yield Field("How much, or a note", Input(self.note, id="note", placeholder="2 of 4 volunteers",
                                                     compact=True), name="note", hint="needed for “partly”")
            with Horizontal(classes="dialog-buttons", id="outcome-buttons"):
                yield Button("Cancel", id="cancel")
                for status in CLOSING:
                    yield Button(BUTTON_LABELS[status], id=status, variant="success" if status == "done" else "default")
        yield Footer()

    def on_mount(self) -> None:
        # Typing goes to the day; not "Done": a slip must not mark it (Enter from here reaches Cancel first).
        # Focus on Cancel sent a Tab, meant for the day, to "Done", and the day typed nowhere.
        self.query_one("#on", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        status = event.button.id
        if status == "cancel" or status not in CLOSING:
            self.dismiss(None)
            return
        self.mark(status)

    def mark(self, status: str) -> None:
        note = self.query_one("#note", Input).value
        ok, _ = self.saved(lambda: commitments.mark(self.book, self.item.id, status,
                                                     on=self.query_one(DoneOnInput).read(), note=note))
        if not ok:
            return
        line = commitments.get(self.book, self.item.id)
        words = marked_words(status, line.done_on, line.outcome_note) if line else CommitmentStatus(status).label
        self.dismiss(f"{words} — {self.item.text}. {self.undo_hint}")


class CheckInScreen(FormDialog):
    """A check-in set at a follow-up: mark it made, on the day it was. Focus starts in the day."""

    ENTER_SAVES = False

    HELP_TITLE = "a check-in"
    HELP = "Type the day you checked in (today unless you say), then Tab to “Checked in” and press Enter."
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="check-in-cancel", tooltip="Leave it to do"),
        Binding("tab", "app.focus_next", "Next", id="check-in-next", tooltip="The next field or button"),
    ]

    def __init__(self, item: CheckInDue):
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        text = Text(f"Check in with {self.item.contact}", style="bold")
        if self.item.next_step:
            text.append(f": {self.item.next_step}", style="")
        text.append("\nSet for: ")
        text.append_text(formatting.due(self.item.due_on))
        with Vertical(classes="dialog", id="check-in"):
            yield Static(text)
            yield Field("When you checked in", DoneOnInput(input_id="on", compact=True), name="on")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Checked in", id="checked", variant="success")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#on", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id != "checked":
            self.dismiss(None)
            return
        ok, day = self.saved(self._check_in)
        if ok:
            self.dismiss(f"Checked in with {self.item.contact} {day:%a %-d %b}.")

    def _check_in(self) -> date:
        day = self.query_one(DoneOnInput).read()
        commitments.check_in_done(self.book, self.item.meeting_id, on=day)
        return day or today()


def outcome_dialog(item: DueItem | CommitmentLine, **kwargs) -> RelmeetModal[str | None]:
    """The dialog that marks this item: a check-in's, or a commitment's."""
    if isinstance(item, CheckInDue):
        return CheckInScreen(item)
    return CommitmentStatusScreen(item, **kwargs)

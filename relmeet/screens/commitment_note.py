"""A dated progress note on a commitment ("2 of 4 volunteers confirmed"), with the notes before it."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from relmeet.domain.commitments import CommitmentLine
from relmeet.screens.form_dialog import FormDialog
from relmeet.store import commitments
from relmeet.widgets.chrome import Footer
from relmeet.widgets.done_on import DoneOnInput
from relmeet.widgets.field import Field


class ProgressNoteScreen(FormDialog):
    """Dismisses with the line to tell the organizer once a note is saved, None otherwise."""

    HELP_TITLE = "a progress note"
    HELP = "Say how it is going and on which day (today unless you say). Ctrl+S saves it under the commitment."
    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", id="note-save", tooltip="Save the note under the commitment"),
        Binding("escape", "dismiss(None)", "Cancel", id="note-cancel", tooltip="Keep nothing from this dialog"),
    ]

    def __init__(self, line: CommitmentLine):
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        about = Text("How is it going? ", style="bold")
        about.append(self.line.text)
        for note in self.line.notes[-5:]:
            about.append(f"\n  {note.noted_on:%-d %b}  ", style="dim")
            about.append(note.text)
        with Vertical(classes="dialog", id="progress-note"):
            yield Static(about)
            yield Field("Progress", Input(id="text", placeholder="2 of 4 volunteers confirmed"), name="text")
            yield Field("On", DoneOnInput(input_id="on", compact=True), name="on")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def action_save(self) -> None:
        text = self.query_one("#text", Input).value
        ok, _ = self.saved(lambda: commitments.add_note(self.book, self.line.id, text,
                                                        on=self.query_one(DoneOnInput).read()))
        if ok:
            self.dismiss(f"Noted: {text.strip()}")

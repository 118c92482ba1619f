"""Name the second contact a commitment involves (asking Rosa to speak at the union's hearing, for María
José): it then shows in their history too."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from relmeet.domain.commitments import CommitmentLine
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.people import Pick
from relmeet.screens.base import RelmeetModal
from relmeet.store import commitments
from relmeet.store.contacts import match_contacts
from relmeet.widgets.chrome import Footer
from relmeet.widgets.field import Field


class InvolvesScreen(RelmeetModal[str | None]):
    """Dismisses with the line to tell the organizer once saved, None otherwise."""

    HELP_TITLE = "who else a commitment involves"
    HELP = ("Type a few letters of their name: Enter picks the first match, or Tab to the list and Enter on one.\n"
            "Ctrl+D takes the second contact off.")
    BINDINGS = [
        Binding("ctrl+d", "clear", "No one", id="involves-clear", tooltip="It involves no second contact"),
        Binding("escape", "dismiss(None)", "Cancel", id="involves-cancel", tooltip="Leave it as it is"),
    ]

    def __init__(self, line: CommitmentLine):
        super().__init__()
        self.line = line
        self.matches: list[Pick] = []

    def compose(self) -> ComposeResult:
        about = Text("Who else does it involve? ", style="bold")
        about.append(self.line.text)
        about.append(f"\n{'I promised' if self.line.owner == 'mine' else 'Promised by'} {self.line.contact}", style="dim")
        if self.line.involves:
            about.append(f"; involves {self.line.involves} now", style="dim")
        with Vertical(classes="dialog", id="involves"):
            yield Static(about)
            yield Field("Who", Input(id="who", placeholder="a contact's name"), name="who",
                        hint="a contact in the book")
            yield OptionList(id="who-matches")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#who", Input).focus()

    @on(Input.Changed, "#who")
    def _typed(self, event: Input.Changed) -> None:
        self.matches = [m for m in match_contacts(self.book, event.value, limit=8) if m.id != self.line.contact_id]
        listed = self.query_one("#who-matches", OptionList)
        listed.clear_options()
        listed.add_options([Option(Text(m.name)) for m in self.matches])

    @on(Input.Submitted, "#who")
    def _submitted(self) -> None:
        if not self.matches:
            self.query_one(Field).show_error("No contact in the book has that name: add them first (Ctrl+N at home).")
            return
        self.choose(self.matches[0])

    @on(OptionList.OptionSelected, "#who-matches")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.choose(self.matches[event.option_index])

    def choose(self, pick: Pick) -> None:
        try:
            commitments.set_involved(self.book, self.line.id, pick.id)
        except ValidationError as exc:
            self.query_one(Field).show_error(exc.errors.get("who"))
            return
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss(f"It involves {pick.name} too: it shows in their history.")

    def action_clear(self) -> None:
        try:
            commitments.set_involved(self.book, self.line.id, None)
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss("It involves no one else now.")

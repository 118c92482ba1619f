"""Who's coming: the people of a house meeting (a leader and her neighbours, a director with her deputy),
each with what the book knows of them beside the list.

Type a name: people in the book are offered with what tells same-name people apart (organization or role,
e-mail, when last met, #id); Enter on one adds them; "+ new" adds someone not in the book yet (a contact is
made at once, noted as met at this meeting; the follow-up checks them for look-alikes). Delete takes the
highlighted person out (what they said stays theirs); the one the meeting is with stays."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.people import Pick
from relmeet.domain.standing import Participant
from relmeet.pages.brief import render
from relmeet.screens.base import RelmeetModal
from relmeet.store import participants
from relmeet.store.contacts import match_contacts, told_apart
from relmeet.widgets.chrome import Footer
from relmeet.widgets.field import Field


def coming_line(people: list[Participant]) -> Text:
    """"Who's coming: Rosa Díaz (host), Ana Ruiz, Ben Tran — 3 people"."""
    line = Text("Who's coming: ", style="bold")
    if len(people) < 2:
        line.append("just them, a one-on-one (Ctrl+G adds people: a house meeting)", style="dim")
        return line
    line.append(", ".join(p.name + (" (host)" if p.role == "with" else "") for p in people))
    line.append(f" — {len(people)} people (Ctrl+G)", style="dim")
    return line


class ParticipantsScreen(RelmeetModal[bool]):
    """Dismisses True if anyone was added or taken out."""

    HELP_TITLE = "who's coming"
    HELP = ("Type a name: Enter adds the first person offered, or Tab to the offers and Enter on one (same names\n"
            "are told apart by organization, e-mail, when last met and #number). \"+ new\" adds someone not in the\n"
            "book yet. In the list, Delete takes the highlighted person out; the right side shows what the book\n"
            "knows of them: interests, open commitments both ways, deferred asks.")
    DEFAULT_CSS = """
    ParticipantsScreen #coming { width: 96%; height: 90%; }
    ParticipantsScreen #coming-body { height: 1fr; }
    ParticipantsScreen #coming-left { width: 42; }
    ParticipantsScreen #coming-list { height: 1fr; }
    ParticipantsScreen #coming-matches { height: auto; max-height: 8; }
    ParticipantsScreen #coming-known { width: 1fr; padding-left: 1; }
    """
    BINDINGS = [
        Binding("delete", "remove", "Take out", id="coming-remove",
                tooltip="Take the highlighted person out of the meeting (what they said stays theirs)"),
        Binding("escape", "done", "Done", id="coming-done", tooltip="Back to the plan"),
    ]

    def __init__(self, meeting_id: int):
        super().__init__()
        self.meeting_id = meeting_id
        self.people: list[Participant] = []
        self.matches: list[Pick] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="coming"):
            yield Static("Who's coming", classes="pane-title")
            with Horizontal(id="coming-body"):
                with Vertical(id="coming-left"):
                    yield Field("Add someone", Input(id="who", placeholder="a name: in the book or new"), name="who",
                                hint="Enter adds the first offered")
                    yield OptionList(id="coming-matches")
                    yield OptionList(id="coming-list")
                with VerticalScroll(id="coming-known"):
                    yield Static("", id="coming-brief")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#coming-matches", OptionList).display = False
        self._show_people()
        self.query_one("#who", Input).focus()

    def _show_people(self, highlight: int | None = None) -> None:
        self.people = participants.participants(self.book, self.meeting_id)
        box = self.query_one("#coming-list", OptionList)
        box.clear_options()
        for p in self.people:
            line = Text(p.name)
            if p.role == "with":
                line.append("  host · the meeting is with them", style="dim")
            box.add_option(Option(line))
        index = next((i for i, p in enumerate(self.people) if p.contact_id == highlight), None)
        box.highlighted = index if index is not None else (box.highlighted or 0)
        self._show_brief()

    @on(OptionList.OptionHighlighted, "#coming-list")
    def _show_brief(self) -> None:
        box = self.query_one("#coming-list", OptionList)
        if box.highlighted is None or box.highlighted >= len(self.people):
            return
        person = self.people[box.highlighted]
        known = participants.brief_of(self.book, person.contact_id)
        shown = self.query_one("#coming-brief", Static)
        if known is None:
            shown.update(Text(f"{person.name} is no longer in the book.", style="yellow"))
            return
        shown.update(render(known, with_today=False))

    @on(Input.Changed, "#who")
    def _typed(self, event: Input.Changed) -> None:
        here = {p.contact_id for p in self.people}
        self.matches = [m for m in match_contacts(self.book, event.value, limit=8) if m.id not in here]
        apart = told_apart(self.book, [m.id for m in self.matches])
        box = self.query_one("#coming-matches", OptionList)
        box.clear_options()
        for m in self.matches:
            line = Text(m.name)
            line.append(f"  {apart.get(m.id, '')}", style="dim")
            box.add_option(Option(line))
        typed = event.value.strip()
        if typed:
            box.add_option(Option(Text(f"+ new, not in the book: {typed}", style="italic")))
        box.display = bool(typed)

    @on(Input.Submitted, "#who")
    def _submitted(self) -> None:
        typed = self.query_one("#who", Input).value.strip()
        if not typed:
            return
        self._add(0 if self.matches else None)

    @on(OptionList.OptionSelected, "#coming-matches")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self._add(event.option_index if event.option_index < len(self.matches) else None)

    def _add(self, index: int | None) -> None:
        """The match at `index`, or (None) the typed name as someone new to the book."""
        field = self.query_one("#field-who", Field)
        typed = self.query_one("#who", Input).value
        try:
            if index is not None:
                pick = self.matches[index]
                participants.add(self.book, self.meeting_id, pick.id)
                added, name, new = pick.id, pick.name, False
            else:
                added = participants.add_new(self.book, self.meeting_id, typed)
                name, new = " ".join(typed.split()), True
        except ValidationError as exc:
            field.show_error(exc.errors.get("who") or next(iter(exc.errors.values()), None))
            return
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        field.show_error(None)
        self.changed = True
        self.query_one("#who", Input).value = ""
        self._show_people(highlight=added)
        self.notify(f"{name} is coming" + (": new in the book, noted as met at this meeting." if new else "."),
                    markup=False)

    def action_remove(self) -> None:
        box = self.query_one("#coming-list", OptionList)
        if self.focused is not box or box.highlighted is None or box.highlighted >= len(self.people):
            return
        person = self.people[box.highlighted]
        try:
            participants.remove(self.book, self.meeting_id, person.contact_id)
        except RelmeetError as exc:  # the host stays: the message says how to change who it is with
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.changed = True
        self._show_people()
        self.notify(f"{person.name} is no longer in this meeting; what they said stays in their history.",
                    markup=False)

    def action_done(self) -> None:
        self.dismiss(self.changed)

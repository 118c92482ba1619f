"""Whose is it? Asked before a capture in a meeting with more than one person (a house meeting): the
interest, ask, offer, commitment or referral is stored as that person's. The last one chosen is offered
first, so several captures in a row for the same neighbour are one Enter each."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from relmeet.domain.standing import Participant
from relmeet.screens.base import RelmeetModal
from relmeet.widgets.chrome import Footer

WHAT = {"interest": "an interest", "ask": "an ask", "offer": "an offer", "commitment": "a commitment",
        "referral": "a referral"}


class WhoseScreen(RelmeetModal[int | None]):
    """Dismisses with the chosen participant's contact id, None to go back to the notes."""

    HELP_TITLE = "whose is it?"
    HELP = ("Several people are in this meeting: choose whose this capture is, and it goes into their history.\n"
            "Enter takes the highlighted one (the last chosen is highlighted first); Escape goes back to the notes.")
    DEFAULT_CSS = """
    WhoseScreen #whose { width: 60; height: auto; max-height: 90%; }
    WhoseScreen #whose-list { height: auto; max-height: 20; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Back to notes", id="whose-cancel",
                        tooltip="Capture nothing; back to the notes")]

    def __init__(self, kind: str, people: list[Participant], last: int | None = None):
        super().__init__()
        self.kind, self.people, self.last = kind, people, last

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="whose"):
            yield Static(Text(f"Whose is {WHAT.get(self.kind, 'it')}?", style="bold"))
            options = []
            names = [p.name.casefold() for p in self.people]
            for p in self.people:
                line = Text(p.name)
                if names.count(p.name.casefold()) > 1:  # two of the same name: the number tells them apart
                    line.append(f"  #{p.contact_id}", style="dim")
                if p.role == "with":
                    line.append("  (the meeting is with them)", style="dim")
                options.append(Option(line, id=f"whose-{p.contact_id}"))
            yield OptionList(*options, id="whose-list")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#whose-list", OptionList)
        ids = [p.contact_id for p in self.people]
        box.highlighted = ids.index(self.last) if self.last in ids else 0
        box.focus()

    @on(OptionList.OptionSelected, "#whose-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.people[event.option_index].contact_id)


def ask_whose(notes, kind: str, then) -> bool:
    """In a meeting with several people, ask whose a new capture is, then call `then(contact_id)`; the
    choice is remembered on the notes screen as the next default. False (nothing asked) in a one-on-one."""
    from relmeet.store import participants

    people = participants.participants(notes.book, notes.meeting_id)
    if len(people) < 2:
        return False

    def chosen(contact_id: int | None) -> None:
        if contact_id is None:
            return
        notes.last_whose = contact_id
        then(contact_id)

    notes.app.push_screen(WhoseScreen(kind, people, getattr(notes, "last_whose", None)), chosen)
    return True


def whose_names(book, meeting_id: int) -> dict[tuple[str, int], str]:
    """(table, id) -> the name of whose each capture is, in a meeting with several people; {} in a one-on-one,
    where everything is the one person's and the list says no name."""
    from relmeet.store import participants

    if len(participants.participants(book, meeting_id)) < 2:
        return {}
    return {key: name for key, (_id, name) in participants.owners(book, meeting_id).items()}


def with_whose(line: Text, name: str | None) -> Text:
    """A Captured line led by whose it is: "Ana Ruiz · Concern: the rent went up"."""
    if not name:
        return line
    return Text.assemble((f"{name} · ", "bold cyan"), line)


def meeting_title(notes) -> Text:
    """The notes' title: "Rosa Díaz" for a one-on-one, "Rosa Díaz's house meeting — with 2 others" when
    several came (counted once: no one joins from the notes)."""
    from relmeet.pages.house import title
    from relmeet.store import participants

    people = getattr(notes, "people_count", None)
    if people is None:
        people = notes.people_count = len(participants.participants(notes.book, notes.meeting_id))
    return Text(title(notes.card.contact, people) if people > 1 else notes.card.contact, style="bold")

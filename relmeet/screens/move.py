"""The follow-up proposes a move: when an ask I made was agreed in a one-on-one ("Rosa agreed: speak at the
hearing — move to Ally? F10"), F10 opens where they stand (on the meeting's campaign map, or overall) with
the next stance toward ally chosen and the reason filled in; saving keeps the change in their story, with the
meeting it came from (store/campaigns.set_position, store/standing.py)."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Select, Static

from relmeet.domain import Stance
from relmeet.domain.errors import ValidationError
from relmeet.screens.form_dialog import FormDialog
from relmeet.store import campaigns, participants
from relmeet.store.campaign_movement import position
from relmeet.widgets.chrome import Footer
from relmeet.widgets.field import Field


def next_stance(stance: str) -> str | None:
    """One step toward ally for someone who agreed to an ask; None for an ally (nowhere further to move)."""
    if stance == Stance.ally:
        return None
    return Stance.ally.value if stance == Stance.potential_ally else Stance.potential_ally.value


@dataclass(frozen=True)
class Proposal:
    meeting_id: int
    contact_id: int
    name: str
    campaign_id: int | None
    campaign: str
    stance: str
    influence: int
    to: str
    ask: str

    @property
    def line(self) -> Text:
        words = Text(f"{self.name} agreed: {self.ask} — move to {Stance(self.to).label}"
                     + (f" in {self.campaign}" if self.campaign else "") + "? ", style="bold")
        words.append("F10 to change where they stand (the reason filled in)", style="dim")
        return words


def propose(screen) -> Proposal | None:
    """The follow-up's proposal as the page stands now: the latest ask I made that it marks agreed. Only for a
    meeting with one person (in a house meeting an ask may be another participant's)."""
    card = screen.card
    agreed = [x for x in screen.exchanges if x.direction == "ask" and x.made_by == "me"
              and screen.query_one(f"#outcome-{x.id}", Select).value == "agreed"]
    if not agreed or len(participants.participants(screen.book, card.id)) > 1:
        return None
    where = position(screen.book, card.campaign_id, card.contact_id)
    stance, influence = where if where is not None else ("unknown", 3)
    to = next_stance(stance)
    if to is None:
        return None
    return Proposal(card.id, card.contact_id, card.contact, card.campaign_id, card.campaign, stance, influence, to,
                    agreed[-1].text)


def show_proposal(screen) -> None:
    """Put the proposal (or nothing) in the follow-up's #move-proposal line."""
    found = propose(screen)
    line = screen.query_one("#move-proposal", Static)
    line.display = found is not None
    line.update(found.line if found is not None else Text(""))


def open_move(screen) -> None:
    found = propose(screen)
    if found is None:
        screen.notify("Nothing to move: mark an ask you made 'agreed' (someone already an ally stays one).",
                      severity="warning")
        return

    def moved(message: str | None) -> None:
        if message:
            screen.notify(message, markup=False)
        show_proposal(screen)

    screen.app.push_screen(MoveScreen(found), moved)


class MoveScreen(FormDialog):
    """Dismisses with the line to tell the organizer once the move is kept, None if cancelled."""

    HELP_TITLE = "a move"
    HELP = ("Where they stand now, and why they moved (filled in from the ask they agreed to; edit it freely).\n"
            "Ctrl+S keeps it in their story, dated today, with this meeting.")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save move", id="move-save", tooltip="Keep the change in their story"),
        Binding("escape", "dismiss(None)", "Cancel", id="move-cancel", tooltip="Leave where they stand as it is"),
    ]

    def __init__(self, proposal: Proposal):
        super().__init__()
        self.proposal = proposal

    def compose(self) -> ComposeResult:
        p = self.proposal
        about = Text(f"Where does {p.name} stand now" + (f" in {p.campaign}" if p.campaign else "") + "?",
                     style="bold")
        about.append(f"\nNow: {Stance(p.stance).label}, influence {p.influence}", style="dim")
        with Vertical(classes="dialog", id="move"):
            yield Static(about)
            yield Field("Stance", Select(Stance.options(), value=p.to, allow_blank=False, id="stance", compact=True),
                        name="stance")
            yield Field("Influence", Input(str(p.influence), id="influence", compact=True), name="influence",
                        hint="1–5")
            yield Field("Why did they move?", Input(f"agreed: {p.ask}", id="reason", compact=True), name="reason",
                        hint="kept with the date in their history")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def action_save(self) -> None:
        p = self.proposal
        stance = self.query_one("#stance", Select).value
        influence = self.query_one("#influence", Input).value.strip()
        reason = self.query_one("#reason", Input).value.strip()
        if stance == p.stance and influence == str(p.influence):
            self.dismiss(f"{p.name} stays {Stance(p.stance).label}: nothing changed.")
            return
        ok, _ = self.saved(lambda: self._move(stance, influence, reason))
        if ok:
            self.dismiss(f"{p.name}: {Stance(p.stance).label} → {Stance(stance).label}"
                         + (f" ({reason})" if reason else "") + ", kept in their story.")

    def _move(self, stance: str, influence: str, reason: str) -> None:
        p = self.proposal
        if not influence.isdigit():
            raise ValidationError({"influence": "Influence is from 1 to 5."})
        campaigns.set_position(self.book, p.campaign_id, p.contact_id, stance=stance, influence=int(influence),
                               reason=reason, meeting_id=p.meeting_id)

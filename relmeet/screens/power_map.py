"""The power map: who holds power over the decision, and where each of them stands."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Select, Static

from relmeet.domain import Level, Stance
from relmeet.domain.campaigns import Member
from relmeet.domain.errors import RelmeetError
from relmeet.pages.formatting import stance as stance_text
from relmeet.screens.base import RelmeetScreen
from relmeet.store import campaigns, maps
from relmeet.widgets.field import choices
from relmeet.widgets.power_grid import PowerGrid
from relmeet.widgets.chrome import Footer, Header

OVERALL = -1  # the Select's value for "no campaign: everyone's overall place"


class PowerMapScreen(RelmeetScreen[None]):
    HELP_TITLE = "the power map"
    HELP = ("Arrows move between cells; Space steps through the contacts in a cell.\n"
            "Shift+arrows (or [ ] + -) move the selected contact: left/right changes their stance, up/down\n"
            "their influence, in the campaign chosen at the top. Enter opens the contact.\n"
            "● a person  ■ an organization  ★ leader  ⚑ gatekeeper")
    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="close-map", tooltip="Back to where you were")]

    def __init__(self, campaign_id: int | None = None):
        super().__init__()
        self.campaign_id = campaign_id
        self.selected_contact_id: int | None = None

    def compose(self) -> ComposeResult:
        found = campaigns.list_campaigns(self.book)
        options = choices([(c.name, c.id) for c in found] + [("Overall (not tied to a campaign)", OVERALL)])
        if self.campaign_id is None and found:
            # the campaign with the most people mapped is the one the organizer is working
            self.campaign_id = max(found, key=lambda c: (c.status == "active", c.contacts)).id
        yield Header()
        with Horizontal(id="map-top"):
            yield Static("Power map for", classes="pane-title")
            yield Select(options, value=self.campaign_id if self.campaign_id is not None else OVERALL,
                         allow_blank=False, id="campaign", compact=True)
        with VerticalScroll(id="map-body"):
            yield PowerGrid(id="grid")
            yield Static("", id="map-selected")
            yield Static(Text("● person  ■ organization  ★ leader  ⚑ gatekeeper · influence 5 decides\n"
                              "Arrows: cell · Space: next in cell · Shift+←/→: stance · Shift+↑/↓: influence · "
                              "Enter: open", style="dim"), id="map-legend")
        yield Footer()

    def on_mount(self) -> None:
        self.load()
        self.query_one(PowerGrid).focus()

    def load(self, follow: int | None = None) -> None:
        self.query_one(PowerGrid).show(maps.power_grid(self.book, self.campaign_id), follow=follow)

    @on(Select.Changed, "#campaign")
    def _campaign_changed(self, event: Select.Changed) -> None:
        self.campaign_id = None if event.value == OVERALL else event.value
        self.load()

    @on(PowerGrid.Moved)
    def _moved(self, event: PowerGrid.Moved) -> None:
        self.selected_contact_id = event.member.id if event.member else None
        self.query_one("#map-selected", Static).update(self._describe(event.member))

    @staticmethod
    def _describe(member: Member | None) -> Text:
        if member is None:
            return Text("Nobody in this cell.", style="dim")
        text = Text(member.name, style="bold")
        if member.organization:
            text.append(f" · {member.organization}")
        text.append(f" · {Level(member.level).label} · ")
        text.append_text(stance_text(member.stance))
        text.append(f" · influence {member.influence}/5")
        if member.is_leader:
            text.append(" · ★ leader", style="yellow")
        if member.is_gatekeeper:
            text.append(" · ⚑ gatekeeper", style="magenta")
        return text

    @on(PowerGrid.Shift)
    def _shift(self, event: PowerGrid.Shift) -> None:
        try:
            campaigns.set_position(self.book, self.campaign_id, event.member.id, stance=event.stance,
                                   influence=event.influence)
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.load(follow=event.member.id)
        self.notify(f"{event.member.name}: {Stance(event.stance).label}, influence {event.influence}.", markup=False)

    @on(PowerGrid.Open)
    def _open(self, event: PowerGrid.Open) -> None:
        self.app.open_contact(event.member.id)

    def on_screen_resume(self) -> None:
        self.load(follow=self.selected_contact_id)

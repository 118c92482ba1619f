"""The power map: who holds power over the decision, and where each of them stands."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Select, Static

from datetime import date

from relmeet.domain import Level, Stance, today
from relmeet.domain.campaigns import Member
from relmeet.domain.dates import parse_due
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.pages.formatting import stance as stance_text
from relmeet.screens.base import RelmeetScreen
from relmeet.store import campaigns, maps, standing
from relmeet.widgets.field import choices
from relmeet.widgets.date_input import DateInput
from relmeet.widgets.power_grid import PowerGrid
from relmeet.widgets.chrome import Footer, Header

OVERALL = -1  # the Select's value for "no campaign: everyone's overall place"


class PowerMapScreen(RelmeetScreen[None]):
    HELP_TITLE = "the power map"
    HELP = ("Arrows move between cells; Space steps through the contacts in a cell.\n"
            "Shift+arrows (or [ ] + -) move the selected contact: left/right changes their stance, up/down\n"
            "their influence, in the campaign chosen at the top. Enter opens the contact.\n"
            "Ctrl+D shows the map as it stood on a date (fri, nov 2, 3 weeks ago…) and marks ↕ who moved since;\n"
            "an empty date comes back to today. The map of a past day can't be changed.\n"
            "● a person  ■ an organization  ★ leader  ⚑ gatekeeper  ↕ moved since")
    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="close-map", tooltip="Back to where you were"),
                Binding("ctrl+d", "as_of", "As of a date", id="map-as-of",
                        tooltip="Show the map as it stood on a date, and who moved since")]

    def __init__(self, campaign_id: int | None = None):
        super().__init__()
        self.campaign_id = campaign_id
        self.selected_contact_id: int | None = None
        self.as_of: date | None = None  # None: today's map

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
        with Horizontal(id="map-as-of-row"):
            yield Static("As of", classes="pane-title")
            yield DateInput(input_id="as_of", placeholder="nov 2 · 3 weeks ago · empty for today", compact=True,
                            hint="the day whose map to show; Enter shows it, empty for today")
        yield Static("", id="map-as-of")
        with VerticalScroll(id="map-body"):
            yield PowerGrid(id="grid")
            yield Static("", id="map-selected")
            yield Static(Text("● person  ■ organization  ★ leader  ⚑ gatekeeper · influence 5 decides\n"
                              "Arrows: cell · Space: next in cell · Shift+←/→: stance · Shift+↑/↓: influence · "
                              "Enter: open", style="dim"), id="map-legend")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#map-as-of-row").display = False
        self.load()
        self.query_one(PowerGrid).focus()

    def load(self, follow: int | None = None) -> None:
        line = self.query_one("#map-as-of", Static)
        if self.as_of is None:
            self.query_one(PowerGrid).show(maps.power_grid(self.book, self.campaign_id), follow=follow)
            line.display = False
            return
        grid, moved, added = standing.map_as_of(self.book, self.campaign_id, self.as_of)
        self.query_one(PowerGrid).show(grid, follow=follow, moved={m.contact_id for m in moved})
        names = ", ".join(m.name for m in moved[:5]) + (f" and {len(moved) - 5} more" if len(moved) > 5 else "")
        line.update(Text.assemble((f"As of {self.as_of:%a %-d %b}" + (f" {self.as_of.year}" if
                                                                       self.as_of.year != today().year else ""),
                                   "bold"),
                                  f" — {len(moved)} moved since" + (f" ↕ {names}" if moved else ""),
                                  f" · {added} added to the book since, not on it" if added else "",
                                  (" · Ctrl+D: another day, empty for today", "dim")))
        line.display = True

    def action_as_of(self) -> None:
        row = self.query_one("#map-as-of-row")
        row.display = True
        self.query_one("#as_of", Input).focus()

    @on(Input.Submitted, "#as_of")
    def _as_of_chosen(self, event: Input.Submitted) -> None:
        try:
            day = parse_due(event.value, field="as_of")
        except ValidationError as exc:
            self.notify(next(iter(exc.errors.values()), "That is not a day relmeet can read."), severity="warning",
                        markup=False)
            return
        if day is not None and day >= today():
            day = None  # today's map (a day to come has no map yet)
        self.as_of = day
        self.query_one("#map-as-of-row").display = False
        self.load(follow=self.selected_contact_id)
        self.query_one(PowerGrid).focus()

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
        if self.as_of is not None:
            self.notify(f"This is the map as of {self.as_of:%a %-d %b}: Ctrl+D and an empty day come back to today's "
                        "map, where people can be moved.", severity="warning", markup=False)
            return
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

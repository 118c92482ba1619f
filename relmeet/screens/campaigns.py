"""Campaigns: the goals being organized for, and for one of them who's in, what's asked, who's missing."""
from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Input, Select, Static, TextArea

from relmeet.domain import CampaignScope, CampaignStatus, Direction, ExchangeStatus
from relmeet.domain.campaigns import CampaignDetail, CampaignIn
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.pages import formatting
from relmeet.screens.base import RelmeetModal, RelmeetScreen
from relmeet.store import campaigns
from relmeet.widgets.field import Field


def render_detail(found: CampaignDetail) -> Group:
    c = found.campaign
    parts = [Text(c.name, style="bold reverse"),
             Text(f"{CampaignScope(c.scope).label} · {CampaignStatus(c.status).label} · {c.contacts} contacts · "
                  f"{c.meetings} meetings held · {c.wins} wins", style="dim")]
    if c.goal:
        parts.append(Text(f"Goal: {c.goal}"))
    parts.append(Text("\nWho's missing", style="bold underline"))
    parts += [Text(f"  • {gap}", style="yellow") for gap in found.missing] or [Text("  Nobody obvious.", style="dim")]
    parts.append(Text("\nAsks and offers", style="bold underline"))
    for direction in Direction:
        counts = {status: n for (d, status), n in found.exchange_counts.items() if d == direction.value}
        if counts:
            line = Text(f"  {direction.label}s: {sum(counts.values())} — ", style="bold")
            line.append(", ".join(f"{n} {ExchangeStatus(status).label.lower()}" for status, n in counts.items()))
            parts.append(line)
    for item in found.exchanges:
        line = Text(f"    {Direction(item.direction).label}: ", style="bold")
        line.append(f"{item.text} — {item.contact} ")
        line.append(f"[{ExchangeStatus(item.status).label.lower()}]",
                    style={"agreed": "green", "declined": "red"}.get(item.status, "dim"))
        parts.append(line)
    if not found.exchanges:
        parts.append(Text("  None yet.", style="dim"))
    parts.append(Text(f"\nOpen commitments ({found.open_count})", style="bold underline"))
    for owner, who, text, due in found.open_commitments:
        line = Text(f"  {'I owe' if owner == 'mine' else who + ' owes'}: {text}  ")
        line.append_text(formatting.due(due))
        parts.append(line)
    if found.open_count > len(found.open_commitments):
        parts.append(Text(f"  …and {found.open_count - len(found.open_commitments)} more (relmeet due lists them)",
                          style="dim"))
    if not found.open_commitments:
        parts.append(Text("  None open.", style="dim"))
    parts.append(Text(f"\nMeetings ({c.meetings} held)", style="bold underline"))
    parts += [Text(f"  {when:>7}  {who} ({status.replace('_', ' ')})") for when, who, status in found.meetings] or [
        Text("  None yet.", style="dim")]
    parts.append(Text(f"\nWins ({c.wins})", style="bold underline"))
    parts += [Text(f"  ★ {won_on:%-d %b}: {text}", style="green") for won_on, text in found.wins] or [
        Text("  None noted yet.", style="dim")]
    if c.wins > len(found.wins):
        parts.append(Text("  F8 lists them all", style="dim"))
    return Group(*parts)


class CampaignFormScreen(RelmeetModal[int | None]):
    HELP_TITLE = "the campaign form"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-campaign", tooltip="Check and save the campaign"),
        Binding("escape", "dismiss(None)", "Cancel", id="cancel-campaign", tooltip="Leave without saving"),
    ]

    def __init__(self, campaign_id: int | None = None):
        super().__init__()
        self.campaign_id = campaign_id

    def compose(self) -> ComposeResult:
        found = campaigns.get(self.book, self.campaign_id) if self.campaign_id else None
        data = found or CampaignIn()
        with Vertical(classes="dialog", id="campaign-form"):
            yield Static("Edit campaign" if found else "New campaign", classes="pane-title")
            yield Field("Name", Input(data.name, id="name", placeholder="e.g. Just-cause eviction ordinance"), name="name")
            yield Field("Goal", TextArea(data.goal, id="goal"), name="goal")
            with Horizontal(classes="form-row"):
                yield Field("Scope", Select(CampaignScope.options(), value=data.scope, allow_blank=False, id="scope"),
                            name="scope")
                yield Field("Status", Select(CampaignStatus.options(), value=data.status, allow_blank=False,
                                             id="status"), name="status")

    def action_save(self) -> None:
        data = CampaignIn(name=self.query_one("#name", Input).value, goal=self.query_one("#goal", TextArea).text,
                          scope=self.query_one("#scope", Select).value, status=self.query_one("#status", Select).value)
        try:
            saved = campaigns.save(self.book, data, self.campaign_id)
        except ValidationError as exc:
            for field in self.query(Field):
                field.show_error(exc.errors.get(field.field_name))
            return
        except RelmeetError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Saved {data.name.strip()}.", markup=False)
        self.dismiss(saved)


class CampaignsScreen(RelmeetScreen[None]):
    HELP_TITLE = "campaigns"
    HELP = "Up/down picks a campaign; its contacts, asks, commitments, meetings and gaps show on the right."
    BINDINGS = [
        Binding("ctrl+n", "new_campaign", "New", id="new-campaign", tooltip="Start a new campaign"),
        Binding("ctrl+e", "edit_campaign", "Edit", id="edit-campaign", tooltip="Edit the highlighted campaign"),
        Binding("escape", "dismiss(None)", "Back", id="close-campaigns", tooltip="Back to where you were"),
    ]

    selected_campaign_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="campaigns-body"):
            with Vertical(id="campaign-list-pane"):
                yield Static("Campaigns", classes="pane-title")
                yield DataTable(id="campaign-list", cursor_type="row")
            with VerticalScroll(id="campaign-detail-pane"):
                yield Static("", id="campaign-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#campaign-list", DataTable)
        table.add_column("Campaign", width=22)
        table.add_columns("People", "Wins")  # the status shows as dim for those no longer active
        self.refill()
        table.focus()

    def refill(self, keep: int | None = None) -> None:
        table = self.query_one("#campaign-list", DataTable)
        table.clear()
        for row in campaigns.list_campaigns(self.book):
            active = row.status == "active"
            name = Text(row.name, style="" if active else "dim")
            if not active:
                name.append(f" ({CampaignStatus(row.status).label.lower()})")
            table.add_row(name, str(row.contacts), str(row.wins), key=str(row.id))
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        if not table.row_count:
            self.query_one("#campaign-detail", Static).update(
                Text("No campaigns yet. Ctrl+N starts one: the goal you are organizing for.", style="dim"))

    @on(DataTable.RowHighlighted, "#campaign-list")
    def _show(self, event: DataTable.RowHighlighted) -> None:
        self.selected_campaign_id = int(event.row_key.value)
        found = campaigns.detail(self.book, self.selected_campaign_id)
        if found is not None:
            self.query_one("#campaign-detail", Static).update(render_detail(found))

    def action_new_campaign(self) -> None:
        self.app.push_screen(CampaignFormScreen(), self._saved)

    def action_edit_campaign(self) -> None:
        if self.selected_campaign_id is None:
            self.notify("No campaign to edit yet — Ctrl+N starts one.", severity="warning")
            return
        self.app.push_screen(CampaignFormScreen(self.selected_campaign_id), self._saved)

    def _saved(self, campaign_id: int | None) -> None:
        if campaign_id is not None:
            self.refill(keep=campaign_id)

"""Campaigns: the goals being organized for, and for one of them who's in, what's asked, who's missing."""
from __future__ import annotations

from dataclasses import replace

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Input, Select, Static

from relmeet.domain import CampaignScope, CampaignStatus, ExchangeStatus
from relmeet.domain.campaigns import CampaignDetail, CampaignIn
from relmeet.domain.meetings import exchange_words
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.merging import FieldConflict
from relmeet.domain.movement import CampaignMovement
from relmeet.pages import formatting
from relmeet.screens.base import RelmeetModal, RelmeetScreen
from relmeet.screens.keeping import KeepsTyping
from relmeet.store import campaigns
from relmeet.store.campaign_movement import campaign_movement
from relmeet.widgets.field import Field
from relmeet.widgets.save_banner import SaveBanner
from relmeet.widgets.chrome import Footer, Header
from relmeet.widgets.text_area import TextArea


SHOWN_MET = 8


def render_movement(moves: CampaignMovement) -> list[Text]:
    """Who moved on the campaign's map this month, and who went cold (names from the book: Text, never markup)."""
    parts = [Text(f"\nMoved this month ({len(moves.moved) + moves.moved_more})", style="bold underline")]
    parts += [Text(f"  {line.words}") for line in moves.moved] or [
        Text(f"  Nobody moved on its map since {moves.since:%-d %b}.", style="dim")]
    if moves.moved_more:
        parts.append(Text(f"  …and {moves.moved_more} more", style="dim"))
    parts.append(Text(f"\nGone cold ({len(moves.cold) + moves.cold_more}): met before, not in "
                      f"{moves.cold_after_days} days", style="bold underline"))
    for person in moves.cold:
        line = Text(f"  {person.name}")
        line.append(f" — last met {person.last_met:%-d %b %Y} ({formatting.days_ago(person.last_met)})", style="dim")
        parts.append(line)
    if moves.cold_more:
        parts.append(Text(f"  …and {moves.cold_more} more", style="dim"))
    if not moves.cold:
        parts.append(Text(f"  Nobody: everyone met before was met within {moves.cold_after_days} days.", style="dim"))
    return parts


def render_detail(found: CampaignDetail, moves: CampaignMovement | None = None) -> Group:
    c = found.campaign
    parts = [Text(c.name, style="bold reverse"),
             Text(f"{CampaignScope(c.scope).label} · {CampaignStatus(c.status).label} · "
                  f"{formatting.count(c.contacts, 'contact')} · {formatting.count(c.meetings, 'meeting')} held · "
                  f"{formatting.count(c.wins, 'win')}", style="dim")]
    if c.goal:
        parts.append(Text(f"Goal: {c.goal}"))
    parts.append(Text(f"\nPeople met under it: {found.met_count} · leaders: {found.leader_count}",
                      style="bold underline"))
    for _id, name, held, leader in found.met[:SHOWN_MET]:
        line = Text(f"  {name}")
        line.append(f" — met {formatting.count(held, 'time')}", style="dim")
        if leader:
            line.append(" · leader", style="green")
        parts.append(line)
    if found.met_count > SHOWN_MET:
        parts.append(Text(f"  …and {found.met_count - SHOWN_MET} more", style="dim"))
    if not found.met:
        parts.append(Text("  Nobody met under it yet.", style="dim"))
    if found.leaders:
        more = found.leader_count - len(found.leaders)
        parts.append(Text("  Leaders: " + ", ".join(found.leaders) + (f" and {more} more" if more else ""), style="green"))
    if moves is not None:
        parts += render_movement(moves)
    parts.append(Text("\nWho's missing", style="bold underline"))
    parts += [Text(f"  • {gap}", style="yellow") for gap in found.missing] or [Text("  Nobody obvious.", style="dim")]
    parts.append(Text("\nAsks and offers", style="bold underline"))
    for words in (exchange_words(d, m) for d in ("ask", "offer") for m in ("me", "them")):
        counts = {status: n for (w, status), n in found.exchange_counts.items() if w == words}
        if counts:
            line = Text(f"  {words}: {sum(counts.values())} — ", style="bold")
            line.append(", ".join(f"{n} {ExchangeStatus(status).label.lower()}" for status, n in counts.items()))
            parts.append(line)
    for item in found.exchanges:
        line = Text(f"    {exchange_words(item.direction, item.made_by)}: ", style="bold")
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


class CampaignFormScreen(KeepsTyping, RelmeetModal[int | None]):
    HELP_TITLE = "the campaign form"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-campaign", tooltip="Check and save the campaign"),
        Binding("escape", "cancel", "Cancel", id="cancel-campaign",
                tooltip="Leave without saving (asks if you changed something)"),
    ]
    recovery_kind = "campaign"
    LABELS = {"name": "Name", "goal": "Goal", "scope": "Scope", "status": "Status"}

    def __init__(self, campaign_id: int | None = None):
        super().__init__()
        self.campaign_id = campaign_id
        self._expected: CampaignIn | None = None  # the campaign as the book had it when the form opened
        self._loaded: CampaignIn | None = None

    def compose(self) -> ComposeResult:
        found = campaigns.get(self.book, self.campaign_id) if self.campaign_id else None
        if found is not None:
            self._expected = CampaignIn(found.name, found.goal, found.scope, found.status)
        data = found or CampaignIn()
        with Vertical(classes="dialog", id="campaign-form"):
            yield Static("Edit campaign" if found else "New campaign", classes="pane-title")
            yield SaveBanner(id="save-banner")
            yield Field("Name", Input(data.name, id="name", placeholder="e.g. Just-cause eviction ordinance"), name="name")
            yield Field("Goal", TextArea(data.goal, id="goal"), name="goal")
            with Horizontal(classes="form-row"):
                yield Field("Scope", Select(CampaignScope.options(), value=data.scope, allow_blank=False, id="scope"),
                            name="scope")
                yield Field("Status", Select(CampaignStatus.options(), value=data.status, allow_blank=False,
                                             id="status"), name="status")

    def on_mount(self) -> None:
        self._loaded = self._read()

    def _read(self) -> CampaignIn:
        return CampaignIn(name=self.query_one("#name", Input).value, goal=self.query_one("#goal", TextArea).text,
                          scope=self.query_one("#scope", Select).value, status=self.query_one("#status", Select).value)

    def action_save(self) -> None:
        data = self._read()
        try:
            saved = campaigns.save(self.book, data, self.campaign_id, expected=self._expected)
        except ValidationError as exc:
            for field in self.query(Field):
                field.show_error(exc.errors.get(field.field_name))
            return
        except FieldConflict as conflict:
            self.write_succeeded()  # the book is writable; the organizer chooses, then it saves
            self._choose(conflict)
            return
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        except Exception as error:  # any failed write: the form stays as typed, a banner says so, it retries
            self.write_failed(error, again=self.action_save)
            return
        self.write_succeeded()
        self.notify(f"Saved {data.name.strip()}.", markup=False)
        self.dismiss(saved)

    def _choose(self, conflict: FieldConflict) -> None:
        from relmeet.screens.two_copies import TwoCopiesScreen

        shown = {"scope": lambda v: CampaignScope(v).label, "status": lambda v: CampaignStatus(v).label}
        rows = [(name, self.LABELS[name], shown.get(name, str)(mine), shown.get(name, str)(theirs))
                for name, (mine, theirs) in conflict.fields.items()]

        def chosen(choices: dict[str, str] | None) -> None:
            if choices is None:
                return
            # compared with the book as it is now in these fields, the choices are this form's own changes
            self._expected = replace(self._expected, **{n: getattr(conflict.theirs, n) for n in choices})
            for name, side in choices.items():
                if side == "theirs":
                    value = getattr(conflict.theirs, name)
                    if name == "goal":
                        self.query_one("#goal", TextArea).load_text(value)
                    else:
                        self.query_one(f"#{name}", Input if name == "name" else Select).value = value
            self.action_save()

        self.app.push_screen(TwoCopiesScreen(rows), chosen)

    def action_cancel(self) -> None:
        if not self.has_unsaved():
            self.dismiss(None)
            return
        from relmeet.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.forget_copy()  # let go on purpose: no recovery file is offered for it later
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Leave without saving this campaign?", yes="Discard changes",
                                           no="Keep editing"), answered)

    def has_unsaved(self) -> bool:
        return self._loaded is not None and self._read() != self._loaded

    def kept_fields(self) -> dict[str, str]:
        data = self._read()
        return {"Name": data.name, "Goal": data.goal}

    def recovery_title(self) -> str:
        return f"The campaign form for {self._read().name.strip() or 'a new campaign'}"

    def recovery_target(self) -> int | None:
        return self.campaign_id


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
            # a long name wraps onto more lines of its row instead of being cut at the column's edge
            table.add_row(name, str(row.contacts), str(row.wins), key=str(row.id), height=None)
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        if not table.row_count:
            self.query_one("#campaign-detail", Static).update(
                Text("No campaigns yet. Ctrl+N starts one: the goal you are organizing for.", style="dim"))

    @on(DataTable.RowHighlighted, "#campaign-list")
    def _show(self, event: DataTable.RowHighlighted) -> None:
        self.selected_campaign_id = chosen = int(event.row_key.value)
        found = campaigns.detail(self.book, chosen)
        if found is None:
            return
        self.query_one("#campaign-detail", Static).update(render_detail(found))
        # who moved and who went cold takes ~0.1 s on a big book: the page is drawn first, they follow in a
        # moment (and a campaign highlighted on the way past is not waited for)

        def show_moves(moves: CampaignMovement) -> None:
            if self.selected_campaign_id == chosen and self.is_attached:
                self.query_one("#campaign-detail", Static).update(render_detail(found, moves))

        self.load_then_show(lambda: campaign_movement(self.book, chosen), show_moves, group="campaign-movement")

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

"""The ledger worked after the meeting: what I owe, what they owe, the check-ins that came due and the
decide-by dates of pending asks, overdue first, filtered by contact, campaign, organization and due window; each marked done, partly (how much),
missed or dropped on the day it happened, noted as it goes, reopened, and every mark undone. The decide-by
and thank-you rows are decide_by.py's."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widgets import Checkbox, DataTable, Input, Select, Static

from relmeet.domain import today
from relmeet.domain.commitments import CheckInDue, CommitmentFilter, CommitmentLine, Ledger
from relmeet.domain.errors import RelmeetError
from relmeet.domain.meetings import PRIVATE_MARK
from relmeet.pages import formatting
from relmeet.pages.ledger import outcome
from relmeet.screens import decide_by
from relmeet.screens.base import RelmeetScreen
from relmeet.screens.snooze import snooze_or_wake, snoozed_until, snoozed_words
from relmeet.store import commitments
from relmeet.store.contacts import get as get_contact
from relmeet.store.contacts import match_contacts
from relmeet.widgets.chrome import Footer, Header

OWNERS = [("What I owe", "mine"), ("What they owe", "theirs"), ("Both ways", "all")]
ANY_DATE = -1
WINDOWS = [("Any date, or none", ANY_DATE), ("Overdue and today", 0), ("Due by tomorrow", 1), ("Due within 7 days", 7),
           ("Due within 14 days", 14), ("Due within 30 days", 30), ("Due within 90 days", 90)]
TITLES = {"mine": "What I owe", "theirs": "What they owe", "all": "Commitments both ways"}
UNDO_HERE = "Ctrl+Z takes it back."
Row = CheckInDue | decide_by.Due | CommitmentLine


def _cell(*lines: Text) -> Text:
    """A two-line cell cut to its column (a long line would push into the row below)."""
    cell = Text("\n").join(lines)
    cell.no_wrap, cell.overflow = True, "ellipsis"
    return cell


class CommitmentsScreen(RelmeetScreen[None]):
    HELP_TITLE = "the commitments"
    HELP = ("What I owe and what they owe, the check-ins that came due and the thank-yous to send (within 48 hours\n"
            "of a meeting), and the decide-by dates of pending asks, overdue first. Enter on a thank-you opens\n"
            "its follow-up, where F8 marks it sent; on a decide-by date, the ask, to record the answer.\n"
            "The filters at the top narrow them by whose, due date, contact (theirs, or involving them),\n"
            "campaign and organization.\n"
            "Enter or Ctrl+D marks the highlighted one done, partly done, missed or dropped, on the day it\n"
            "happened; Ctrl+Z undoes the last mark (again: the one before). 'Closed too' shows the outcomes.\n"
            "Ctrl+Y snoozes a commitment or check-in to a day, with why: snoozed, not overdue (again: unsnooze).")
    DEFAULT_CSS = """
    CommitmentsScreen .ledger-filters { height: 1; padding: 0 1; }
    CommitmentsScreen .ledger-filters > Select { width: 1fr; margin-right: 1; }
    CommitmentsScreen .ledger-filters > Input { width: 1fr; margin-right: 1; }
    CommitmentsScreen .ledger-filters > Checkbox { width: auto; }
    CommitmentsScreen #ledger-title { margin-top: 1; }
    CommitmentsScreen #ledger { height: 1fr; }
    CommitmentsScreen #ledger-detail { height: auto; max-height: 8; padding: 0 1; border-top: hkey $foreground 20%; }
    """
    BINDINGS = [
        Binding("ctrl+d", "mark", "Mark…", id="ledger-mark",
                tooltip="Done, partly done, missed or dropped, on the day it happened (Enter too)"),
        Binding("ctrl+n", "note", "Note", id="ledger-note", tooltip="A dated note on how it is going"),
        Binding("ctrl+z", "undo", "Undo", id="ledger-undo", tooltip="Take back the last mark (again: the one before)"),
        Binding("ctrl+r", "reopen", "Reopen", id="ledger-reopen", tooltip="Open a closed one again"),
        Binding("ctrl+y", "snooze", "Snooze", id="ledger-snooze",
                tooltip="Put it off to a day, with why: snoozed, not overdue (again: unsnooze)"),
        Binding("ctrl+o", "open_contact", "Contact", id="ledger-contact", tooltip="Open the contact's history"),
        Binding("ctrl+k", "involves", "Involves", id="ledger-involves", show=False,
                tooltip="Name a second contact it involves; it shows in their history too"),
        Binding("ctrl+l", "filters", "Filters", id="ledger-filters", show=False, tooltip="Jump to the filters"),
        Binding("escape", "dismiss(None)", "Back", id="close-ledger", tooltip="Back to where you were"),
    ]

    def __init__(self, owner: str = "all", contact_id: int | None = None):
        super().__init__()
        self.owner = owner
        self.preset_contact = contact_id
        self.found = Ledger()
        self.rows: dict[str, Row] = {}
        self.undo_check_in: int | None = None  # a check-in marked here last: Ctrl+Z takes that back first
        self._refilter: Timer | None = None

    @property
    def selected_contact_id(self) -> int | None:
        item = self.highlighted
        return item.contact_id if item is not None else self.preset_contact

    def compose(self) -> ComposeResult:
        choices = commitments.filter_choices(self.book)
        name = ""
        if self.preset_contact is not None:
            card = get_contact(self.book, self.preset_contact)
            name = card.name if card else ""
        yield Header()
        with Horizontal(classes="ledger-filters"):
            yield Select(OWNERS, value=self.owner, allow_blank=False, id="owner", compact=True)
            yield Select(WINDOWS, value=ANY_DATE, allow_blank=False, id="window", compact=True)
            yield Checkbox("Closed too", id="closed", compact=True)
        with Horizontal(classes="ledger-filters"):
            yield Input(name, placeholder="Contact: a name", id="who", compact=True)
            # names from the book are text, never markup ("[/]" in a name would end the app)
            yield Select([(Text(c.name), c.id) for c in choices.campaigns], prompt="Any campaign", id="campaign",
                         compact=True)
            yield Select([(Text(o.name), o.id) for o in choices.organizations], prompt="Any organization",
                         id="organization", compact=True)
        yield Static("", id="ledger-title", classes="pane-title")
        yield DataTable(id="ledger", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="ledger-detail"):
            yield Static("", id="ledger-detail-text")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#ledger", DataTable)
        # the counts wrap on a narrow terminal instead of losing the last ones (app.tcss keeps titles one line)
        self.query_one("#ledger-title", Static).styles.height = "auto"
        table.add_column("Due", key="due", width=16)
        table.add_column("Commitment", key="what", width=40)
        table.add_column("Outcome", key="outcome", width=26)
        self._fit_columns()
        table.focus()
        self.reload()

    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        table = self.query_one("#ledger", DataTable)
        width = max(self.size.width, 40)
        outcome_width = 34 if width >= 110 else 20
        # the rest of the line, less the two fixed columns, the cells' padding and a scrollbar
        what = max(20, width - 16 - outcome_width - 6 - 2)
        table.columns["what"].width = what
        table.columns["outcome"].width = outcome_width
        table.refresh()

    def on_screen_resume(self) -> None:
        self.reload()

    # -- the list ----------------------------------------------------------------------------------------------
    def wanted(self) -> CommitmentFilter:
        window = self.query_one("#window", Select).value
        campaign = self.query_one("#campaign", Select).value
        organization = self.query_one("#organization", Select).value
        who = self.query_one("#who", Input).value.strip()
        # theirs, or involving them: everyone whose name holds the words typed (an exact name: that one)
        contacts = tuple(m.id for m in match_contacts(self.book, who, limit=50)) if who else None
        return CommitmentFilter(
            owner=self.query_one("#owner", Select).value, contacts=contacts,
            campaign_id=None if campaign is Select.NULL else campaign,
            organization_id=None if organization is Select.NULL else organization,
            within_days=None if window == ANY_DATE else window,
            include_closed=self.query_one("#closed", Checkbox).value)

    def reload(self) -> None:
        table = self.query_one("#ledger", DataTable)
        keep = self.highlighted_key
        index = table.cursor_row
        wanted = self.wanted()
        self.found = commitments.ledger(self.book, wanted)
        self.rows = {}
        table.clear()
        on = today()
        for item in self.found.in_order():
            key = f"check-in-{item.meeting_id}" if isinstance(item, CheckInDue) else \
                decide_by.row_key(item) if isinstance(item, decide_by.Due) else f"commitment-{item.id}"
            self.rows[key] = item
            table.add_row(*self._cells(item, on), key=key, height=2)
        if keep in self.rows:
            table.move_cursor(row=table.get_row_index(keep))
        elif self.rows:
            table.move_cursor(row=min(index, len(self.rows) - 1))
        self._show_title(wanted)
        self.show_detail()

    @staticmethod
    def _cells(item: Row, on) -> tuple[Text, Text, Text]:
        """Due and whose; who and what; the outcome and the latest progress note."""
        if isinstance(item, decide_by.Due):
            due, what, state = decide_by.row_lines(item, on)
            return _cell(*due), _cell(*what), _cell(*state)
        if isinstance(item, CheckInDue):
            if snoozed_until(item):  # the reason is in the detail under the list (the column is narrow)
                return (_cell(Text(f"until {item.snoozed_until:%a %-d %b}", style="cyan"),
                              Text("snoozed check-in", style="cyan")),
                        _cell(Text(item.contact, style="bold"), Text(item.text)), _cell(Text("Snoozed"), Text("")))
            due = formatting.due(item.due_on, on=on) if item.status == "open" else Text(
                f"was due {item.due_on:%-d %b}", style="dim")
            state = Text("Checked in", style="green") if item.status == "done" else Text("To do", style="bold")
            return (_cell(due, Text("check in (mine)", style="dim")),
                    _cell(Text(item.contact, style="bold"), Text(item.text)), _cell(state, Text("")))
        due = formatting.due(item.due_on, on=on) if item.is_open else Text(
            f"was due {item.due_on:%-d %b}" if item.due_on else "no date", style="dim")
        whose = Text("I owe" if item.owner == "mine" else "they owe", style="dim")
        if snoozed_until(item):
            due = Text(f"until {item.snoozed_until:%a %-d %b}", style="cyan")
            whose = Text("snoozed, " + ("mine" if item.owner == "mine" else "theirs"), style="cyan")
        who = Text(item.contact, style="bold")
        if item.involves:
            who.append(f" · involves {item.involves}", style="")
        if item.campaign:
            who.append(f" · {item.campaign}", style="dim")
        what = Text(item.text)
        if item.private:
            what.append(f" {PRIVATE_MARK}", style="bold magenta")
        latest = Text(f"{item.notes[-1].noted_on:%-d %b}: {item.notes[-1].text}", style="dim") if item.notes \
            else Text("")
        return (_cell(due, whose), _cell(who, what),
                _cell(outcome(item), latest))

    def _show_title(self, wanted: CommitmentFilter) -> None:
        on = today()
        lines = self.found.commitments
        overdue = sum(1 for line in lines if line.overdue(on))
        # a snoozed check-in is due again on the day it was snoozed to, overdue only after it
        late_check_ins = sum(1 for c in self.found.check_ins if c.status == "open"
                             and max(c.due_on, c.snoozed_until or c.due_on) < on)
        title = Text(TITLES[wanted.owner])
        opened = sum(1 for line in lines if line.is_open)
        title.append(f" · {opened} open" + (f", {len(lines) - opened} closed" if wanted.include_closed else ""))
        if overdue:
            title.append(f" · {overdue} overdue", style="bold red")
        if self.found.check_ins:
            title.append(f" · {len(self.found.check_ins)} check-in{'s' if len(self.found.check_ins) != 1 else ''}")
            if late_check_ins:
                title.append(f" ({late_check_ins} overdue)", style="bold red")
        decide_by.append_counts(title, self.found.decisions, self.found.thank_yous, on)
        if self.found.more:
            more = f"{self.found.more}+" if self.found.more >= commitments.MORE_CAP else str(self.found.more)
            title.append(f" · {more} more: narrow the filters", style="dim")
        self.query_one("#ledger-title", Static).update(title)

    @property
    def highlighted_key(self) -> str | None:
        table = self.query_one("#ledger", DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= table.row_count:
            return None
        return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value

    @property
    def highlighted(self) -> Row | None:
        key = self.highlighted_key
        return self.rows.get(key) if key else None

    def show_detail(self) -> None:
        item = self.highlighted
        detail = self.query_one("#ledger-detail-text", Static)
        if item is None:
            filtered = Text("Nothing here with these filters.", style="dim")
            if not self.query_one("#closed", Checkbox).value:
                filtered.append(" 'Closed too' shows what was done, missed or dropped.", style="dim")
            detail.update(filtered)
            return
        if isinstance(item, decide_by.Due):
            detail.update(decide_by.detail(item))
            return
        if isinstance(item, CheckInDue):
            text = Text(f"Check in with {item.contact}", style="bold")
            text.append(f" — {item.next_step}" if item.next_step else "")
            text.append(f"\nSet at a follow-up for {item.due_on:%a %-d %b} (")
            text.append_text(formatting.due(item.due_on) if item.status == "open" else Text("checked in", "green"))
            text.append("). " + ("Enter marks it made." if item.status == "open" else "Ctrl+R puts it back to do."),
                        style="dim")
            if snoozed_words(item):
                text.append("\n").append_text(snoozed_words(item))
            detail.update(text)
            return
        text = Text(item.text, style="bold")
        if item.private:
            text.append(f" {PRIVATE_MARK}", style="bold magenta")
        text.append("\n" + ("I promised " if item.owner == "mine" else "Promised by ") + item.contact)
        if item.is_open:
            text.append(" · due ")
            text.append_text(formatting.due(item.due_on))
            if snoozed_words(item):
                text.append(" · ").append_text(snoozed_words(item))
        elif item.due_on:
            text.append(f" · was due {item.due_on:%a %-d %b}")
        if item.campaign:
            text.append(f" · {item.campaign}")
        if item.involves:
            text.append(f" · involves {item.involves}")
        text.append("\n")
        text.append_text(outcome(item))
        for note in item.notes:
            text.append(f"\n  {note.noted_on:%a %-d %b}  ", style="dim")
            text.append(note.text)
        detail.update(text)

    @on(DataTable.RowHighlighted, "#ledger")
    def _highlighted(self) -> None:
        self.show_detail()

    @on(DataTable.RowSelected, "#ledger")
    def _selected(self) -> None:
        self.action_mark()

    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _filter_changed(self) -> None:
        if self.is_mounted:
            self.reload()

    @on(Input.Changed, "#who")
    def _who_typed(self) -> None:
        if self._refilter is not None:
            self._refilter.stop()
        self._refilter = self.set_timer(0.15, self.reload)

    @on(Input.Submitted, "#who")
    def _who_submitted(self) -> None:
        self.reload()
        self.query_one("#ledger", DataTable).focus()

    # -- actions -----------------------------------------------------------------------------------------------
    def _commitment(self, doing: str) -> CommitmentLine | None:
        item = self.highlighted
        if isinstance(item, CommitmentLine):
            return item
        self.notify(f"Highlight a commitment to {doing}." if item is None else
                    decide_by.cannot(item, doing) if isinstance(item, decide_by.Due)
                    else f"A check-in has nothing to {doing}: Enter marks it made.", severity="warning")
        return None

    def _after(self, message: str | None) -> None:
        if message:
            self.notify(message, markup=False)
        self.reload()

    def action_mark(self) -> None:
        from relmeet.screens.commitment_status import outcome_dialog

        item = self.highlighted
        if item is None:
            self.notify("Nothing to mark with these filters.", severity="warning")
            return
        if isinstance(item, decide_by.Due):  # a thank-you's follow-up, or the ask's own dialog
            decide_by.open_row(self, item, self._after)
            return

        def marked(message: str | None) -> None:
            if message:
                self.undo_check_in = item.meeting_id if isinstance(item, CheckInDue) else None
            self._after(message + f" {UNDO_HERE}" if message and isinstance(item, CheckInDue) else message)

        self.app.push_screen(outcome_dialog(item, undo_hint=UNDO_HERE), marked)

    def action_note(self) -> None:
        from relmeet.screens.commitment_note import ProgressNoteScreen

        line = self._commitment("note")
        if line is not None:
            self.app.push_screen(ProgressNoteScreen(line), self._after)

    def action_involves(self) -> None:
        from relmeet.screens.commitment_involves import InvolvesScreen

        line = self._commitment("name a second contact for")
        if line is not None:
            self.app.push_screen(InvolvesScreen(line), self._after)

    def action_reopen(self) -> None:
        item = self.highlighted
        if isinstance(item, CheckInDue):
            if item.status != "done":
                self.notify("That check-in is still to do.", severity="warning")
                return
            commitments.check_in_reopen(self.book, item.meeting_id)
            self._after(f"Check-in with {item.contact} is to do again.")
            return
        line = self._commitment("reopen")
        if line is None:
            return
        if line.is_open:
            self.notify("It is open already.", severity="warning")
            return
        commitments.reopen(self.book, line.id)
        self._after(f"Open again: {line.text}. {UNDO_HERE}")

    def action_snooze(self) -> None:
        item = self.highlighted
        if isinstance(item, CheckInDue) and item.status == "open":
            snooze_or_wake(self, "check_in", item, f"check in with {item.contact}", self._after)
        elif isinstance(item, CommitmentLine) and item.is_open:
            snooze_or_wake(self, "commitment", item, f"{item.contact}: {item.text}", self._after)
        else:
            self.notify("Highlight an open commitment or check-in to snooze.", severity="warning")

    def action_undo(self) -> None:
        if self.undo_check_in is not None:
            meeting_id, self.undo_check_in = self.undo_check_in, None
            commitments.check_in_reopen(self.book, meeting_id)
            self._after("Check-in back on the list: not made after all.")
            return
        try:
            line = commitments.undo(self.book)
        except RelmeetError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        state = "open again" if line.is_open else outcome(line).plain.lower()
        self._after(f"Undone: {line.text} is {state}.")

    def action_open_contact(self) -> None:
        item = self.highlighted
        if item is None:
            self.notify("Highlight a commitment first.", severity="warning")
            return
        self.app.open_contact(item.contact_id)

    def show_owner(self, owner: str) -> None:
        self.query_one("#owner", Select).value = owner  # its Changed event lists them again

    def action_filters(self) -> None:
        self.query_one("#owner", Select).focus()

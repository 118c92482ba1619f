"""The home screen: the organizer's contacts, the meetings coming up, and what is due."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from relmeet.domain import Level, Stance
from relmeet.domain.errors import RelmeetError
from relmeet.domain.people import DueItem, HomePanes
from relmeet.pages import formatting
from relmeet.screens.base import RelmeetScreen
from relmeet.store import contacts
from relmeet.store import health as relationship
from relmeet.widgets.contact_table import COLUMNS, SORT_ORDER, ContactTable, whole_line
from relmeet.widgets.health import TendThese
from relmeet.widgets.chrome import Footer, Header

PAGE = 200  # rows in the list; filtering finds the rest (a DataTable's cost grows with its rows)


class HomeScreen(RelmeetScreen[None]):
    HELP_TITLE = "the home screen"
    HELP = ("Type in the filter box to narrow the list by name, organization, role, neighbourhood or tag.\n"
            "Click a column heading (or press Ctrl+O) to sort. Enter on a commitment under 'Due' marks it;\n"
            "on a decide-by date, it opens the ask to record the answer.")
    BINDINGS = [
        Binding("ctrl+n", "new_contact", "New", id="new-contact", tooltip="Add a person or an organization"),
        # priority: in the filter box too, where an Input would take Ctrl+E as "end of line"
        Binding("ctrl+e", "edit_contact", "Edit", id="edit-contact", tooltip="Edit the highlighted contact",
                priority=True),
        Binding("ctrl+d", "archive_contact", "Archive", id="archive-contact",
                tooltip="Archive the highlighted contact (asks first; Ctrl+U brings them back)"),
        Binding("ctrl+u", "unarchive", "Undo archive", id="undo-archive", show=False,
                tooltip="Bring back the contact archived last, or the highlighted one in the archive"),
        Binding("ctrl+o", "cycle_sort", "Sort", id="sort", show=False,
                tooltip="Sort by the next column: name, organization, level, stance, last met, open commitments"),
        Binding("ctrl+l", "find_contact", "Filter", id="filter", show=False, tooltip="Jump to the filter box"),
        Binding("ctrl+t", "toggle_archived", "Archived", id="show-archived", show=False,
                tooltip="Show the archived contacts instead of the active ones, and back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = "name"
        self.show_archived = False
        self.archived_stack: list[int] = []
        self._refilter: Timer | None = None
        self.due_items: list[DueItem] = []
        self.upcoming_cards: list = []  # the Upcoming pane's meetings, in order (a passed one asks "did it happen?")
        self._side_rows: dict[str, dict[int, int]] = {}
        self.drawn_once = False

    @property
    def selected_contact_id(self) -> int | None:
        focused = self.focused
        if focused is not None and focused.id == "tend-list":
            return self.query_one(TendThese).highlighted_contact_id
        if isinstance(focused, OptionList) and focused.highlighted is not None:
            return self._side_rows.get(focused.id, {}).get(focused.highlighted)
        return self.query_one(ContactTable).selected_id

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home-filters"):
            yield Input(placeholder="Filter: name, organization, role, tag…  (Ctrl+L)", id="filter")
            yield Select(Level.options(), prompt="Any level", id="level-filter")
            yield Select(Stance.options(), prompt="Any stance", id="stance-filter")
        with Vertical(id="home-contacts"):
            yield Static("", id="contacts-title", classes="pane-title")
            yield ContactTable(id="contacts")
            yield Static("", id="contact-whole")
        with Horizontal(id="home-side"):
            with Vertical(classes="side-pane"):
                yield Static("Upcoming meetings", classes="pane-title")
                yield OptionList(id="upcoming")
            with Vertical(classes="side-pane"):
                yield Static("Due this week and overdue", classes="pane-title")
                yield OptionList(id="due")
            yield TendThese(id="tend", classes="side-pane")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ContactTable).focus()  # on_screen_resume, which follows, fills the lists

    def on_screen_resume(self) -> None:
        if self.drawn_once:
            self.reload()
            return
        # Start-up: the list is the first frame; the side panes' queries start once it is on the screen.
        self.drawn_once = True
        self.refresh_contacts()
        self.call_after_refresh(self.refresh_side)

    def reload(self) -> None:
        self.refresh_contacts()
        self.refresh_side()

    def refresh_contacts(self) -> None:
        level = self.query_one("#level-filter", Select).value
        stance = self.query_one("#stance-filter", Select).value
        book = self.book
        rows = contacts.list_rows(book, text=self.query_one("#filter", Input).value,
                                  level="" if level is Select.NULL else level,
                                  stance="" if stance is Select.NULL else stance,
                                  sort=self.sort, archived=self.show_archived, limit=PAGE)
        self.query_one(ContactTable).fill(rows)
        total = contacts.count(book, archived=self.show_archived)
        what = "Archived contacts" if self.show_archived else "Contacts"
        shown = f"{len(rows)} of {total}" if len(rows) != total else str(total)
        sort_label = next(h for _key, h, s, _w in COLUMNS if s == self.sort and h)
        self.query_one("#contacts-title", Static).update(Text(f"{what} ({shown}) · sorted by {sort_label.lower()}"))

    def refresh_side(self) -> None:
        # Off the interface thread: the list is drawn first and these fill in a moment later.
        self.load_then_show(lambda: relationship.home_panes(self.book), self.show_side, group="home-panes")

    def show_side(self, panes: HomePanes) -> None:
        from relmeet.domain.commitments import DecideByDue  # not needed for the first frame
        from relmeet.domain.meetings import time_passed

        options = []
        self._side_rows["upcoming"] = {}
        self.upcoming_cards = panes.upcoming
        for index, meeting in enumerate(panes.upcoming):
            line = Text(formatting.when(meeting.scheduled_at), style="bold")
            if time_passed(meeting.scheduled_at):
                line.append("  did it happen?", style="bold yellow")
            line.append("  ")
            line.append(meeting.contact)
            if meeting.purpose:
                line.append("\n  " + meeting.purpose, style="dim")
            options.append(Option(line, id=f"meeting-{meeting.id}"))
            self._side_rows["upcoming"][index] = meeting.contact_id
        self._fill(self.query_one("#upcoming", OptionList), options, "Nothing planned — F2 plans a meeting.")
        options = []
        self._side_rows["due"] = {}
        self.due_items = panes.due
        for index, item in enumerate(self.due_items):
            # a check-in, a thank-you and a decision carry ids of other tables: the option's id names its kind
            kind = type(item).__name__
            line = Text()
            line.append_text(formatting.due(item.due_on))
            line.append("  decide " if isinstance(item, DecideByDue) else "  I owe " if item.owner == "mine" else
                        "  they owe ", style="dim")
            line.append(item.contact)
            line.append("\n  " + item.text)
            options.append(Option(line, id=f"{kind}-{item.id}"))
            self._side_rows["due"][index] = item.contact_id
        self._fill(self.query_one("#due", OptionList), options, "Nothing due this week.")
        self.query_one(TendThese).show(panes.tend_after_days, panes.tend, panes.counts)

    @staticmethod
    def _fill(option_list: OptionList, options: list[Option], empty: str) -> None:
        keep = option_list.highlighted
        option_list.clear_options()
        if options:
            option_list.add_options(options)
            # highlighted from the start, so Enter works without a Down first
            option_list.highlighted = min(keep or 0, len(options) - 1)
        else:
            option_list.add_option(Option(Text(empty, style="dim"), disabled=True))

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        # typing fast shouldn't query the book on every keystroke
        if self._refilter is not None:
            self._refilter.stop()
        self._refilter = self.set_timer(0.12, self.refresh_contacts)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.refresh_contacts()
        self.query_one(ContactTable).focus()

    @on(Select.Changed)
    def _select_changed(self) -> None:
        self.refresh_contacts()

    @on(DataTable.HeaderSelected, "#contacts")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        self.sort = next(s for key, _h, s, _w in COLUMNS if key == event.column_key.value)
        self.refresh_contacts()

    @on(DataTable.RowHighlighted, "#contacts")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = self.query_one(ContactTable).shown.get(int(event.row_key.value)) if event.row_key.value else None
        self.query_one("#contact-whole", Static).update(whole_line(row) if row is not None else "")

    @on(DataTable.RowSelected, "#contacts")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.app.open_contact(int(event.row_key.value))

    @on(OptionList.OptionSelected, "#upcoming")
    def _open_upcoming(self, event: OptionList.OptionSelected) -> None:
        contact_id = self._side_rows["upcoming"].get(event.option_index)
        from relmeet.domain.meetings import time_passed

        card = self.upcoming_cards[event.option_index] if event.option_index < len(self.upcoming_cards) else None
        if card is not None and time_passed(card.scheduled_at):
            self.app.ask_did_it_happen(card)
        elif contact_id is not None:
            self.app.open_contact(contact_id)

    @on(OptionList.OptionSelected, "#due")
    def _mark_due(self, event: OptionList.OptionSelected) -> None:
        from relmeet.domain.meetings import ThankYouDue

        if event.option_index >= len(self.due_items):
            return
        from relmeet.domain.commitments import DecideByDue

        item = self.due_items[event.option_index]
        if isinstance(item, DecideByDue):  # the answer is recorded in the ask's own dialog
            from relmeet.screens.decide_by import answer_dialog

            answer_dialog(self, item, lambda saved: self.reload())
            return
        if isinstance(item, ThankYouDue):  # written and marked sent in its follow-up
            from relmeet.screens.follow_up import FollowUpScreen

            self.app.push_screen(FollowUpScreen(self.due_items[event.option_index].meeting_id))
            return
        from relmeet.screens.commitment_status import outcome_dialog

        def chosen(message: str | None) -> None:
            # the dialog marks it (through the store's undo log) and says what it did
            if message:
                self.notify(message, markup=False)
                self.reload()

        self.app.push_screen(outcome_dialog(self.due_items[event.option_index]), chosen)

    def action_new_contact(self) -> None:
        from relmeet.screens.contact_form import ContactFormScreen

        self.app.push_screen(ContactFormScreen(), self._after_form)

    def action_edit_contact(self) -> None:
        contact_id = self.selected_contact_id
        if contact_id is None:
            self.notify("Highlight a contact first.", severity="warning")
            return
        from relmeet.screens.contact_form import ContactFormScreen

        self.app.push_screen(ContactFormScreen(contact_id), self._after_form)

    def _after_form(self, contact_id: int | None) -> None:
        self.reload()
        table = self.query_one(ContactTable)
        if contact_id is not None and str(contact_id) in table.rows:
            table.move_cursor(row=table.get_row_index(str(contact_id)))
        if contact_id is not None:
            table.focus()  # saved: back on the list, on them (not on whatever had focus before, a dropdown)

    def action_find_contact(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_cycle_sort(self) -> None:
        self.sort = SORT_ORDER[(SORT_ORDER.index(self.sort) + 1) % len(SORT_ORDER)]
        self.refresh_contacts()

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.refresh_contacts()

    def action_archive_contact(self) -> None:
        contact_id = self.query_one(ContactTable).selected_id
        if contact_id is None:
            self.notify("Highlight a contact first.", severity="warning")
            return
        if self.show_archived:
            self.notify("Already archived — Ctrl+U brings them back.", severity="warning")
            return
        card = contacts.get(self.book, contact_id)
        if card is None:
            self.reload()
            return
        from relmeet.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                contacts.set_archived(self.book, contact_id, True)
            except RelmeetError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.archived_stack.append(contact_id)
            self.notify(f"Archived {card.name}. Ctrl+U brings them back.", markup=False)
            self.reload()

        self.app.push_screen(ConfirmScreen(
            f"Archive {card.name}? They leave the list; every meeting and note stays in the book, "
            "and Ctrl+U brings them back.", yes="Archive"), answered)

    def action_unarchive(self) -> None:
        if self.show_archived:
            contact_id = self.query_one(ContactTable).selected_id
        else:
            contact_id = self.archived_stack.pop() if self.archived_stack else None
        if contact_id is None:
            self.notify("Nothing to bring back. Ctrl+T shows the archive.", severity="warning")
            return
        try:
            contacts.set_archived(self.book, contact_id, False)
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        card = contacts.get(self.book, contact_id)
        self.notify(f"{card.name if card else 'Contact'} is back in the list.", markup=False)
        self.reload()

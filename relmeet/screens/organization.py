"""An organization's page: its people (Enter opens one), who is its day-to-day contact, and everything going
on with its people rolled up: their meetings, asks and offers both ways, open commitments."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from relmeet.domain import ExchangeStatus, Rung
from relmeet.domain.organizations import OrganizationPage
from relmeet.pages.formatting import count as plural, days_ago, due, when
from relmeet.screens.base import RelmeetScreen
from relmeet.store import organizations
from relmeet.widgets.chrome import Footer, Header


def person_line(page: OrganizationPage, index: int) -> Text:
    person = page.people[index]
    line = Text(person.name, style="bold" if person.id == page.day_to_day_id else "")
    if person.id == page.day_to_day_id:
        line.append("  day-to-day contact", style="bold green")
    if person.role:
        line.append(f" · {person.role}")
    rung = Rung(person.rung).label if person.rung in Rung._value2member_map_ else person.rung
    connector = "Leader · " if person.is_leader and person.rung not in ("leader", "core") else ""
    line.append(f" · {connector}{rung}", style="dim")
    met = f"met {plural(person.meetings_held, 'time')}, last {days_ago(person.last_met)}" \
        if person.meetings_held else "not met yet"
    line.append(f" · {met}", style="dim")
    if person.open_commitments:
        line.append(f" · {person.open_commitments} open", style="yellow")
    return line


def rollup(page: OrganizationPage) -> Text:
    """Everything under the people list, as the organizer reads it."""
    text = Text()
    text.append("Meetings\n", style="bold")
    if not page.meetings:
        text.append("  No meetings with them yet.\n", style="dim")
    for meeting in page.meetings:
        text.append(f"  {when(meeting.at) if meeting.status == 'planned' else days_ago(meeting.at)}  ", style="dim")
        text.append(meeting.person)
        text.append(f" · {meeting.purpose or 'no purpose noted'}")
        if meeting.campaign:
            text.append(f" · {meeting.campaign}", style="cyan")
        if meeting.status != "held":
            text.append(f" ({meeting.status.replace('_', ' ')})", style="dim")
        text.append("\n")
    if page.more_meetings:
        text.append(f"  and {plural(page.more_meetings, 'earlier meeting')}\n", style="dim")
    text.append(f"\nAsks and offers · I asked {page.asks_made}, I offered {page.offers_made}\n", style="bold")
    if not page.exchanges:
        text.append("  None noted yet.\n", style="dim")
    for exchange in page.exchanges:
        who = {("ask", "me"): f"I asked {exchange.person}", ("offer", "me"): f"I offered {exchange.person}",
               ("ask", "them"): f"{exchange.person} asked me", ("offer", "them"): f"{exchange.person} offered"}
        text.append(f"  {who.get((exchange.direction, exchange.made_by), exchange.person)}: ")
        text.append(exchange.text)
        status = ExchangeStatus(exchange.status).label if exchange.status in ExchangeStatus._value2member_map_ \
            else exchange.status
        text.append(f" — {status}", style="dim")
        if exchange.private:
            text.append(" (private)", style="magenta")
        text.append("\n")
    text.append("\nOpen commitments\n", style="bold")
    if not page.commitments:
        text.append("  Nothing open.\n", style="dim")
    for commitment in page.commitments:
        text.append(f"  {'I promised ' + commitment.person if commitment.owner == 'mine' else commitment.person}: ")
        text.append(commitment.text)
        text.append(" · ")
        text.append(due(commitment.due_on))
        if commitment.private:
            text.append(" (private)", style="magenta")
        text.append("\n")
    return text


class OrganizationScreen(RelmeetScreen[None]):
    HELP_TITLE = "an organization's page"
    HELP = ("Its people, their meetings, asks and offers both ways and open commitments, rolled up.\n"
            "Up/Down picks a person: Enter opens them, Ctrl+D makes them the day-to-day contact\n"
            "(type a note after it, Enter keeps it). Ctrl+E edits the organization, Ctrl+Y shows its own history.")
    BINDINGS = [
        Binding("ctrl+d", "day_to_day", "Day-to-day", id="org-day-to-day",
                tooltip="Make the highlighted person the day-to-day contact (again: nobody)"),
        Binding("ctrl+e", "edit_contact", "Edit", id="org-edit", tooltip="Edit the organization's details"),
        Binding("ctrl+y", "org_history", "Its history", id="org-history",
                tooltip="The organization's own history: meetings with it as a whole, its notes"),
        Binding("escape", "back", "Back", id="close-organization", tooltip="Back to where you were"),
    ]
    DEFAULT_CSS = """
    OrganizationScreen #org-body { padding: 0 1; }
    OrganizationScreen #org-people { height: auto; max-height: 12; border: none; }
    OrganizationScreen #org-note { margin: 0 0 1 0; }
    OrganizationScreen .org-head { margin-top: 1; }
    """

    def __init__(self, org_id: int):
        super().__init__()
        self.org_id = org_id
        self.selected_contact_id = org_id
        self.page: OrganizationPage | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="org-title", classes="screen-title")
        with VerticalScroll(id="org-body"):
            yield Static("", id="org-day")
            yield Input(id="org-note", placeholder="a note on the day-to-day contact: \"CHW lead, texts first\"",
                        compact=True)
            yield Static("", id="org-people-title", classes="org-head")
            yield OptionList(id="org-people")
            yield Static("", id="org-rollup", classes="org-head")
        yield Footer()

    def on_mount(self) -> None:
        # a long name wraps instead of being cut: the app's .screen-title is one line, and wins over DEFAULT_CSS
        self.query_one("#org-title", Static).styles.height = "auto"
        self.reload()
        self.query_one("#org-people", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        page = organizations.page(self.book, self.org_id)
        if page is None:
            self.notify("That organization is no longer in the book.", severity="error")
            self.dismiss(None)
            return
        self.page = page
        self.query_one("#org-title", Static).update(Text(page.name))
        day = Text("Day-to-day contact: ", style="bold")
        if page.day_to_day_id:
            day.append(page.day_to_day_name, style="bold green")
            day.append(" · note (Enter keeps it):", style="dim")
        else:
            day.append("nobody marked yet (Ctrl+D on a person)", style="dim")
        self.query_one("#org-day", Static).update(day)
        note = self.query_one("#org-note", Input)
        note.display = bool(page.day_to_day_id)
        if not note.has_focus:
            note.value = page.day_to_day_note
        self.query_one("#org-people-title", Static).update(Text(f"People · {plural(len(page.people), 'person', 'people')}",
                                                                 style="bold"))
        people = self.query_one("#org-people", OptionList)
        highlighted = people.highlighted
        people.clear_options()
        if page.people:
            people.add_options([Option(person_line(page, i), id=str(p.id)) for i, p in enumerate(page.people)])
            people.highlighted = min(highlighted or 0, len(page.people) - 1)
        else:
            people.add_option(Option(Text("Nobody in the book belongs to it yet: set Organization on a contact.",
                                          style="dim"), disabled=True))
        self.query_one("#org-rollup", Static).update(rollup(page))

    def _highlighted_person(self) -> int | None:
        people = self.query_one("#org-people", OptionList)
        if people.highlighted is None or not self.page or not self.page.people:
            return None
        return self.page.people[people.highlighted].id

    @on(OptionList.OptionSelected, "#org-people")
    def _open_person(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.app.open_contact(int(event.option.id))

    def action_day_to_day(self) -> None:
        person = self._highlighted_person()
        if person is None or self.page is None:
            self.notify("Pick a person first (Up/Down).", severity="warning")
            return
        if person == self.page.day_to_day_id:
            organizations.set_day_to_day(self.book, self.org_id, None)
            self.notify("Nobody is marked as the day-to-day contact now.")
        else:
            chosen = next(p for p in self.page.people if p.id == person)
            organizations.set_day_to_day(self.book, self.org_id, person, chosen.role)
            self.notify(f"{chosen.name} is the day-to-day contact.", markup=False)
        self.reload()

    @on(Input.Submitted, "#org-note")
    def _keep_note(self, event: Input.Submitted) -> None:
        if self.page and self.page.day_to_day_id:
            organizations.set_day_to_day(self.book, self.org_id, self.page.day_to_day_id, event.value)
            self.notify("Kept the note on the day-to-day contact.")
            self.query_one("#org-people", OptionList).focus()
            self.reload()

    def _note_typed(self) -> bool:
        """A note typed and not yet kept with Enter is kept when the organizer moves on (never lost)."""
        note = self.query_one("#org-note", Input)
        if self.page and self.page.day_to_day_id and note.value.strip() != self.page.day_to_day_note:
            organizations.set_day_to_day(self.book, self.org_id, self.page.day_to_day_id, note.value)
            return True
        return False

    def action_back(self) -> None:
        if self._note_typed():
            self.notify("Kept the note on the day-to-day contact.")
        self.dismiss(None)

    def action_edit_contact(self) -> None:
        from relmeet.screens.contact_form import ContactFormScreen

        self.app.push_screen(ContactFormScreen(self.org_id))

    def action_org_history(self) -> None:
        from relmeet.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.org_id))

"""A contact's whole history: the page to read on the way in, and a workplace beside it.

"Work on" lists what can be acted on: every ask and offer (Enter edits it, its answer included), every
commitment both ways (Enter marks it done, partly, missed or dropped; Ctrl+N a progress note, Ctrl+R reopen,
Ctrl+Z undo the last mark — the commitments view's actions), every deferred ask (Enter raises it again:
the prep of the next meeting, with it ticked), every interest and referral (Enter edits it, in the notes'
own dialog). F2 plans the next meeting, as everywhere.
"""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from relmeet.domain.commitments import CommitmentFilter, CommitmentLine
from relmeet.domain.errors import RelmeetError
from relmeet.domain import InterestKind
from relmeet.domain.meetings import PRIVATE_MARK, Captured, DeferredAsk, ExchangeLine, exchange_words
from relmeet.pages.history import answer_words, balance, health_line, render
from relmeet.pages import formatting
from relmeet.pages.ledger import outcome
from relmeet.screens.base import RelmeetScreen
from relmeet.screens.snooze import snoozed_words
from relmeet.store import captures, commitments, standing
from relmeet.store import health as relationship
from relmeet.store.history import history, workable_captures
from relmeet.widgets.chrome import Footer, Header


def _work_line(item) -> Text:
    if isinstance(item, Captured):
        label = "Referral: " if item.table == "referral" else f"{InterestKind(item.kind).label}: "
        line = Text(label, style="bold")
        line.append(item.text)
        if item.detail:
            line.append(f"  ({item.detail})", style="dim")
        if item.private:
            line.append(f"  {PRIVATE_MARK}", style="bold magenta")
        return line
    if isinstance(item, DeferredAsk):
        line = Text("Raise again: ", style="bold yellow")
        line.append(item.text)
        return line
    if isinstance(item, ExchangeLine):
        line = Text(f"{exchange_words(item.direction, item.made_by)}: ", style="bold")
        line.append(item.text)
        line.append(f"  [{answer_words(item)}]", style="dim")
        return line
    line = Text("I will: " if item.owner == "mine" else "They will: ", style="bold")
    line.append(item.text + "  ")
    # an open one says when it is due as the home screen does: overdue in red
    line.append_text(outcome(item) if not item.is_open else snoozed_words(item) or formatting.due(item.due_on)
                     if item.due_on else Text("open, no date", style="dim"))
    return line


class HistoryScreen(RelmeetScreen[None]):
    HELP_TITLE = "a contact's history"
    HELP = ("The page on the left; on the right, what you can work on. Tab moves between them.\n"
            "Enter on an ask or offer edits it (its answer too); on a commitment, marks it; on a deferred ask,\n"
            "raises it again in the next meeting's prep; on an interest or a referral, edits it.\n"
            "Ctrl+N notes progress on a commitment, Ctrl+R reopens it, Ctrl+Z takes back the last mark.\n"
            "Ctrl+Y snoozes a commitment to a day, with why: snoozed, not overdue (again: unsnooze).\n"
            "F2 plans the next meeting, F3 shows the brief, Ctrl+E edits their details.")
    DEFAULT_CSS = """
    HistoryScreen #history-work { width: 50%; max-width: 60; border-left: vkey $foreground 20%; }
    HistoryScreen #work { height: 1fr; border: none; }
    """
    BINDINGS = [
        Binding("ctrl+e", "edit_contact", "Edit", id="history-edit", tooltip="Edit this contact's details"),
        Binding("ctrl+n", "note", "Note", id="history-note", tooltip="A dated progress note on the commitment"),
        Binding("ctrl+r", "reopen", "Reopen", id="history-reopen", tooltip="Open the closed commitment again"),
        Binding("ctrl+y", "snooze", "Snooze", id="history-snooze",
                tooltip="Put the commitment off to a day, with why: snoozed, not overdue (again: unsnooze)"),
        Binding("ctrl+z", "undo", "Undo mark", id="history-undo", tooltip="Take back the last commitment mark"),
        Binding("escape", "dismiss(None)", "Back", id="close-history", tooltip="Back to where you were"),
    ]

    def __init__(self, contact_id: int):
        super().__init__()
        self.selected_contact_id = contact_id
        self.work: list = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with VerticalScroll(id="history-body"):
                yield Static("", id="history-text")
            with Vertical(id="history-work"):
                yield Static("Work on (Enter)", classes="pane-title")
                yield OptionList(id="work")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#history-body").focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        found = history(self.book, self.selected_contact_id)
        if found is None:
            self.notify("That contact is no longer in the book.", severity="error")
            self.dismiss(None)
            return
        health = health_line(relationship.contact_health(self.book, self.selected_contact_id),
                             relationship.tend_after_days(self.book), balance(found.exchanges))
        self.query_one("#history-text", Static).update(
            render(found, health=health, story=standing.story(self.book, self.selected_contact_id)))
        ledger = commitments.ledger(self.book, CommitmentFilter(contacts=(self.selected_contact_id,),
                                                                include_closed=True))
        raised_again = {x.raised_from_id for x in found.exchanges if x.raised_from_id}
        self.work = [*found.known.deferred_asks, *ledger.commitments,
                     *(x for x in found.exchanges if x.id not in raised_again),
                     *workable_captures(self.book, self.selected_contact_id)]
        box = self.query_one("#work", OptionList)
        keep = box.highlighted
        box.clear_options()
        box.add_options([Option(_work_line(item)) for item in self.work])
        if not self.work:
            box.add_option(Option(Text("Nothing to work on yet — F2 plans a meeting.", style="dim"), disabled=True))
        else:
            # highlighted from the start, so Enter works as soon as Tab reaches the list, without a Down first
            box.highlighted = min(keep or 0, len(self.work) - 1)

    @property
    def highlighted(self):
        box = self.query_one("#work", OptionList)
        index = box.highlighted
        return self.work[index] if index is not None and index < len(self.work) else None

    def _done(self, message: str | None = None) -> None:
        if message:
            self.notify(message, markup=False)
        self.reload()

    @on(OptionList.OptionSelected, "#work")
    def _act(self, event: OptionList.OptionSelected) -> None:
        if event.option_index >= len(self.work):
            return
        item = self.work[event.option_index]
        if isinstance(item, DeferredAsk):
            self._raise_again(item)
        elif isinstance(item, ExchangeLine):
            self._edit_exchange(item)
        elif isinstance(item, Captured):
            self._edit_capture(item)
        else:
            from relmeet.screens.commitment_status import outcome_dialog

            self.app.push_screen(outcome_dialog(item), self._done)

    def _edit_exchange(self, item: ExchangeLine) -> None:
        from relmeet.screens.capture import CaptureScreen, Editing

        values = captures.get(self.book, "exchange", item.id)
        if values is None:
            self.notify("That item is no longer in the book.", severity="warning")
            self.reload()
            return
        self.app.push_screen(CaptureScreen(item.direction, self.selected_contact_id, values["meeting_id"],
                                           values["campaign_id"], Editing("exchange", item.id, values)),
                             lambda saved: self.reload())

    def _edit_capture(self, item: Captured) -> None:
        """An interest or a referral, in the dialog the notes open for it; saving redraws the page."""
        from relmeet.screens.capture import CaptureScreen, Editing

        values = captures.get(self.book, item.table, item.id)
        if values is None:
            self.notify("That item is no longer in the book.", severity="warning")
            self.reload()
            return
        if item.table == "referral":
            values["name"] = item.text.removeprefix("talk to ")
        self.app.push_screen(CaptureScreen(item.table, self.selected_contact_id, values["meeting_id"], None,
                                           Editing(item.table, item.id, values)),
                             lambda saved: self.reload())

    def _raise_again(self, item: DeferredAsk) -> None:
        from relmeet.screens.prep import PrepScreen
        from relmeet.store.prep import next_planned

        screen = PrepScreen(self.selected_contact_id, next_planned(self.book, self.selected_contact_id),
                            raise_ids=(item.id,))
        self.app.push_screen(screen, lambda saved: self.reload())

    def _commitment(self, doing: str) -> CommitmentLine | None:
        item = self.highlighted
        if not isinstance(item, CommitmentLine):
            self.notify(f"Highlight a commitment in 'Work on' to {doing}.", severity="warning", markup=False)
            return None
        return item

    def action_note(self) -> None:
        from relmeet.screens.commitment_note import ProgressNoteScreen

        line = self._commitment("note its progress")
        if line is not None:
            self.app.push_screen(ProgressNoteScreen(line), self._done)

    def action_reopen(self) -> None:
        line = self._commitment("reopen it")
        if line is None:
            return
        if line.is_open:
            self.notify("It is open already.", severity="warning")
            return
        commitments.reopen(self.book, line.id)
        self._done(f"Open again: {line.text}. Ctrl+Z takes it back.")

    def action_snooze(self) -> None:
        from relmeet.screens.snooze import snooze_or_wake

        line = self._commitment("snooze it")
        if line is None:
            return
        if not line.is_open:
            self.notify("Only an open commitment can be snoozed: Ctrl+R reopens it.", severity="warning")
            return
        snooze_or_wake(self, "commitment", line, line.text, self._done)

    def action_undo(self) -> None:
        try:
            line = commitments.undo(self.book)
        except RelmeetError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        state = "open again" if line.is_open else outcome(line).plain.lower()
        self._done(f"Undone: {line.text} is {state}.")

    def action_edit_contact(self) -> None:
        from relmeet.screens.contact_form import ContactFormScreen

        self.app.push_screen(ContactFormScreen(self.selected_contact_id))

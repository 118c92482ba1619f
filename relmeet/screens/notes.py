"""Notes, during the meeting: a large notes area, a running clock, and quick capture beside it.

Nothing typed is lost: the notes are saved about a second after typing stops, whenever another screen
opens on top, and on quit. A save that finds another copy of relmeet saved first keeps both texts.
"""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Footer, Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from relmeet.domain import InterestKind, MeetingType, utcnow
from relmeet.domain.errors import ConflictError, RelmeetError
from relmeet.domain.meetings import Captured
from relmeet.screens.base import RelmeetScreen
from relmeet.screens.capture import CaptureScreen, Editing
from relmeet.store import captures, meetings

SAVE_AFTER = 0.8  # seconds of quiet typing before the notes are written to the book
CONFLICT_MARK = "\n\n--- kept from this copy (another copy of relmeet saved these notes too) ---\n"
KIND_LABEL = {"ask": "Ask", "offer": "Offer", "mine": "I will", "theirs": "They will", "referral": "Talk to",
              "win": "Win"}


def capture_line(item: Captured) -> Text:
    label = InterestKind(item.kind).label if item.table == "interest" else KIND_LABEL.get(item.kind, item.kind)
    text = Text(f"{label}: ", style="bold")
    text.append(item.text.removeprefix("talk to ") if item.table == "referral" else item.text)
    if item.detail:
        text.append(f"  ({item.detail})", style="dim")
    return text


class NotesScreen(RelmeetScreen[None]):
    HELP_TITLE = "meeting notes"
    HELP = ("Type freely; the notes save themselves about a second after you stop.\n"
            "The F-keys capture without leaving the notes. Tab moves to the captured list, where Enter edits\n"
            "an item and Delete removes it.")
    BINDINGS = [
        Binding("f2", "capture('interest')", "Interest", id="cap-interest", priority=True,
                tooltip="Their self-interest, a value, a story, a concern or a resource, in their words"),
        Binding("f3", "capture('ask')", "Ask", id="cap-ask", priority=True, tooltip="An ask made, and their answer"),
        Binding("f4", "capture('offer')", "Offer", id="cap-offer", priority=True, tooltip="An offer made to them"),
        Binding("f5", "capture('commitment')", "Commitment", id="cap-commitment", priority=True,
                tooltip="Something I or they will do, by when"),
        Binding("f6", "capture('referral')", "Referral", id="cap-referral", priority=True,
                tooltip="Someone they said to talk to: a contact in the book or a new one"),
        Binding("f10", "end_meeting", "End meeting", id="end-meeting", priority=True,
                tooltip="Save, end the meeting and go to the follow-up"),
        Binding("ctrl+s", "save_notes", "Save", id="save-notes", show=False, tooltip="Save the notes now"),
        Binding("delete", "remove_capture", "Remove", id="remove-capture", show=False,
                tooltip="Remove the highlighted captured item (asks first)"),
    ]

    def __init__(self, meeting_id: int, *, running_clock: bool = True):
        super().__init__()
        self.meeting_id = meeting_id
        self.running_clock = running_clock
        self._saver: Timer | None = None
        self.items: list[Captured] = []

    def compose(self) -> ComposeResult:
        card = meetings.get(self.book, self.meeting_id)
        if card is None:
            raise RelmeetError(f"meeting {self.meeting_id} is no longer in the book")
        self.card = card
        self.selected_contact_id = card.contact_id
        self.saved_text, self.rev = card.notes, card.notes_rev
        yield Header()
        yield Static("", id="notes-title", classes="screen-title")
        with Horizontal(id="notes-body"):
            with Vertical(id="notes-pane"):
                yield TextArea(card.notes, id="notes", soft_wrap=True, tab_behavior="focus")
                yield Static("", id="save-state")
            with Vertical(id="captured-pane"):
                yield Static("Captured", classes="pane-title")
                yield OptionList(id="captured")
                if card.purpose:
                    yield Static(Text(f"Purpose: {card.purpose}", style="dim"), id="notes-purpose")
        yield Footer()

    def on_mount(self) -> None:
        self.tick()
        if self.running_clock:
            self.set_interval(1, self.tick)
        self.reload_captures()
        self.query_one("#notes", TextArea).focus()
        self.query_one("#notes", TextArea).move_cursor(self.query_one("#notes", TextArea).document.end)
        self._show_state("saved")

    def tick(self) -> None:
        title = Text(f"{self.card.contact}", style="bold")
        title.append(f" · {MeetingType(self.card.type).label}")
        if self.card.campaign:
            title.append(f" · {self.card.campaign}")
        if self.running_clock and self.card.started_at:
            elapsed = int((utcnow() - self.card.started_at).total_seconds())
            title.append(f"   ⏱ {elapsed // 3600:d}:{elapsed // 60 % 60:02d}:{elapsed % 60:02d}", style="bold yellow")
        self.query_one("#notes-title", Static).update(title)

    def _show_state(self, state: str) -> None:
        self.query_one("#save-state", Static).update(Text(
            {"saved": "✓ saved", "typing": "… typing", "conflict": "⚠ merged with another copy's save"}[state],
            style="dim" if state != "conflict" else "bold yellow"))

    @on(TextArea.Changed, "#notes")
    def _typed(self) -> None:
        self._show_state("typing")
        if self._saver is not None:
            self._saver.stop()
        self._saver = self.set_timer(SAVE_AFTER, self.save_now)

    def save_now(self) -> None:
        """Write the notes if they changed; never overwrite another copy's save silently."""
        area = self.query_one("#notes", TextArea)
        text = area.text
        if text == self.saved_text:
            self._show_state("saved")
            return
        book = self.book
        try:
            self.rev = meetings.save_notes(book, self.meeting_id, text, self.rev)
        except ConflictError:
            theirs = meetings.get(book, self.meeting_id)
            merged = theirs.notes + CONFLICT_MARK + text
            self.rev = meetings.save_notes(book, self.meeting_id, merged, theirs.notes_rev)
            area.load_text(merged)
            area.move_cursor(area.document.end)
            text = merged
            self._show_state("conflict")
            self.notify("Another copy of relmeet saved these notes too. Both texts are kept: theirs first, "
                        "then yours after the marked line.", severity="warning", timeout=15)
        except RelmeetError as exc:
            self.notify(f"Notes NOT saved: {exc}", severity="error", timeout=30)
            return
        else:
            self._show_state("saved")
        self.saved_text = text

    def on_screen_suspend(self) -> None:
        self.save_now()

    def on_unmount(self) -> None:
        try:
            self.save_now()
        except NoMatches:  # already taken apart on the way out; the quit action saved first
            pass

    def reload_captures(self) -> None:
        self.items = captures.for_meeting(self.book, self.meeting_id)
        box = self.query_one("#captured", OptionList)
        keep = box.highlighted
        box.clear_options()
        box.add_options([Option(capture_line(item)) for item in self.items])
        if not self.items:
            box.add_option(Option(Text("F2–F6 capture without leaving the notes.", style="dim"), disabled=True))
        elif keep is not None:
            box.highlighted = min(keep, len(self.items) - 1)

    def action_save_notes(self) -> None:
        self.save_now()

    def action_capture(self, kind: str, editing: Editing | None = None) -> None:
        self.save_now()
        screen = CaptureScreen(kind, self.card.contact_id, self.meeting_id, self.card.campaign_id, editing)

        def done(saved: bool | None) -> None:
            if saved:
                self.reload_captures()
            self.query_one("#notes", TextArea).focus()

        self.app.push_screen(screen, done)

    @on(OptionList.OptionSelected, "#captured")
    def _edit(self, event: OptionList.OptionSelected) -> None:
        if event.option_index >= len(self.items):
            return
        item = self.items[event.option_index]
        if item.table == "win":
            return
        values = captures.get(self.book, item.table, item.id)
        if values is None:
            self.notify("That item is no longer in the book (another copy removed it).", severity="warning")
            self.reload_captures()
            return
        kind = {"interest": "interest", "commitment": "commitment", "referral": "referral"}.get(item.table, item.kind)
        if item.table == "referral":
            values["name"] = item.text.removeprefix("talk to ")
        self.action_capture(kind, Editing(item.table, item.id, values))

    def action_remove_capture(self) -> None:
        box = self.query_one("#captured", OptionList)
        if self.focused is not box or box.highlighted is None or box.highlighted >= len(self.items):
            return
        item = self.items[box.highlighted]
        from relmeet.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                captures.remove(self.book, item.table, item.id)
                self.reload_captures()

        self.app.push_screen(ConfirmScreen(f"Remove “{item.text}”?", yes="Remove"), answered)

    def action_end_meeting(self) -> None:
        self.save_now()
        meetings.end(self.book, self.meeting_id)
        from relmeet.screens.follow_up import FollowUpScreen

        self.app.switch_screen(FollowUpScreen(self.meeting_id))

"""Notes, during the meeting: a large notes area, a running clock, and quick capture beside it.

Nothing typed is lost: the notes are saved about a second after typing stops, whenever another screen
opens on top, and on quit. A save the book refuses (locked, full, read-only) keeps the text, says so in a
banner, retries and keeps a recovery copy (screens/keeping.py). A save that finds another copy of relmeet
saved first merges the two against the text both started from, so each side's words are kept once.
"""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from relmeet.domain import InterestKind, MeetingType, utcnow
from relmeet.domain.errors import ConflictError, RelmeetError
from relmeet.domain.meetings import PRIVATE_MARK, Captured, exchange_words
from relmeet.domain.merging import merge_text
from relmeet.reports import describe
from relmeet.screens.base import RelmeetScreen
from relmeet.screens.capture import CaptureScreen, Editing
from relmeet.screens.keeping import KeepsTyping
from relmeet.store import captures, meetings
from relmeet.widgets.save_banner import SaveBanner
from relmeet.widgets.chrome import Footer, Header
from relmeet.widgets.text_area import TextArea

SAVE_AFTER = 0.8  # seconds of quiet typing before the notes are written to the book
MERGE_TRIES = 3  # another copy saving again between our read and our write: merge afresh, a few times
KIND_LABEL = {"ask": "Ask", "offer": "Offer", "mine": "I will", "theirs": "They will", "referral": "Talk to",
              "win": "Win"}


def capture_line(item: Captured) -> Text:
    if item.table == "interest":
        label = InterestKind(item.kind).label
    elif item.table == "exchange":
        label = exchange_words(item.kind, item.made_by)
    else:
        label = KIND_LABEL.get(item.kind, item.kind)
    text = Text(f"{label}: ", style="bold")
    text.append(item.text.removeprefix("talk to ") if item.table == "referral" else item.text)
    if item.detail:
        text.append(f"  ({item.detail})", style="dim")
    if item.private:
        text.append(f"  {PRIVATE_MARK}", style="bold magenta")
    return text


class NotesScreen(KeepsTyping, RelmeetScreen[None]):
    HELP_TITLE = "meeting notes"
    HELP = ("Type freely; the notes save themselves about a second after you stop. If the book can't be\n"
            "written, a red line says so and relmeet keeps your text and tries again.\n"
            "The F-keys capture without leaving the notes; Ctrl+T marks these notes private (kept out of\n"
            "summaries and exports), as it marks an item private in a capture dialog. Tab moves to the captured\n"
            "list, where Enter edits an item and Delete removes it.")
    recovery_kind = "notes"
    BINDINGS = [
        Binding("f2", "capture('interest')", "Interest", id="cap-interest", priority=True,
                tooltip="Their self-interest, a value, a story, a concern or a resource, in their words"),
        Binding("f3", "capture('ask')", "Ask", id="cap-ask", priority=True, tooltip="An ask made, and their answer"),
        Binding("f4", "capture('offer')", "Offer", id="cap-offer", priority=True, tooltip="An offer made to them"),
        Binding("f5", "capture('commitment')", "Commitment", id="cap-commitment", priority=True,
                tooltip="Something I or they will do, by when"),
        Binding("f6", "capture('referral')", "Referral", id="cap-referral", priority=True,
                tooltip="Someone they said to talk to: a contact in the book or a new one"),
        Binding("ctrl+t", "toggle_private", "Private", id="notes-private", priority=True,
                tooltip="Mark these notes private (kept out of summaries and exports), or shared again"),
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
        yield SaveBanner(id="save-banner")
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
        from relmeet.screens.whose import meeting_title  # a house meeting says so, and how many came

        title = meeting_title(self)
        title.append(f" · {MeetingType(self.card.type).label}")
        if self.card.campaign:
            title.append(f" · {self.card.campaign}")
        if self.running_clock and self.card.started_at:
            elapsed = int((utcnow() - self.card.started_at).total_seconds())
            title.append(f"   ⏱ {elapsed // 3600:d}:{elapsed // 60 % 60:02d}:{elapsed % 60:02d}", style="bold yellow")
        if self.card.notes_private:
            title.append(f"   {PRIVATE_MARK} notes", style="bold magenta")
        self.query_one("#notes-title", Static).update(title)

    def _show_state(self, state: str) -> None:
        words = {"saved": "✓ saved", "typing": "… typing", "conflict": "⚠ merged with another copy's save",
                 "failing": "⚠ not saved yet: your text is kept"}[state]
        line = Text(words, style={"conflict": "bold yellow", "failing": "bold red"}.get(state, "dim"))
        if self.card.notes_private:
            line.append(f"   {PRIVATE_MARK}: kept out of summaries and exports (Ctrl+T)", style="magenta")
        self.query_one("#save-state", Static).update(line)

    @on(TextArea.Changed, "#notes")
    def _typed(self) -> None:
        if self.query_one("#notes", TextArea).text == self.saved_text:  # a merge just loaded: nothing new
            return
        self._show_state("failing" if self.failing else "typing")
        if self._saver is not None:
            self._saver.stop()
        self._saver = self.set_timer(SAVE_AFTER, self._autosave)

    def _autosave(self) -> None:
        if self.failing:
            # the retry timer knocks on the book; typing meanwhile only refreshes the kept copy, so that a
            # locked book doesn't hold up the keyboard for the busy timeout after every pause
            self.keep_copy()
            return
        self.save_now()

    def save_now(self) -> bool:
        """Write the notes if they changed; True once the book has them as typed.

        Never overwrites another copy's save: a conflict is merged against the text both started from.
        A write the book refuses never ends the app: the text stays, the banner says why, and it retries.
        """
        area = self.query_one("#notes", TextArea)
        text = area.text
        if text == self.saved_text:
            if self.failing:
                self.write_succeeded()
            self._show_state("saved")
            return True
        try:
            try:
                self.rev = meetings.save_notes(self.book, self.meeting_id, text, self.rev)
                merged = None
            except ConflictError:
                merged = self._merge_and_save(text)
        except Exception as error:  # any failed write: the text is kept and shown as not saved, never lost
            self.write_failed(error, again=self.save_now)
            self._show_state("failing")
            return False
        self.write_succeeded()
        if merged is None:
            self.saved_text = text
            self._show_state("saved")
            return True
        self._take_merged(text, *merged)
        return True

    def _merge_and_save(self, text: str) -> tuple[str, int]:
        """Another copy saved since our last save: merge both edits against the text both started from."""
        for _ in range(MERGE_TRIES):
            theirs = meetings.get(self.book, self.meeting_id)
            if theirs is None:
                raise RelmeetError(f"meeting {self.meeting_id} is no longer in the book")
            merged, clashes = merge_text(self.saved_text, text, theirs.notes)
            try:
                self.rev = meetings.save_notes(self.book, self.meeting_id, merged, theirs.notes_rev)
            except ConflictError:
                continue
            return merged, clashes
        raise ConflictError("another copy of relmeet keeps saving these notes; yours are kept and saved shortly")

    def _take_merged(self, text: str, merged: str, clashes: int) -> None:
        area = self.query_one("#notes", TextArea)
        self.saved_text = merged
        if merged != text:
            area.load_text(merged)
            area.move_cursor(area.document.end)
        self._show_state("conflict")
        message = "Another copy of relmeet saved these notes too. Both are kept: its additions and yours, each once."
        if clashes:
            message += (f" {clashes} part{'s' if clashes != 1 else ''} both changed differently "
                        f"{'are' if clashes != 1 else 'is'} marked, with both versions.")
        self.notify(message, severity="warning", timeout=15, markup=False)

    def has_unsaved(self) -> bool:
        try:
            return self.query_one("#notes", TextArea).text != self.saved_text
        except NoMatches:
            return False

    def kept_fields(self) -> dict[str, str]:
        return {"notes": self.query_one("#notes", TextArea).text}

    def recovery_title(self) -> str:
        return f"Notes with {self.card.contact}"

    def recovery_target(self) -> int | None:
        return self.meeting_id

    def recovery_base(self) -> str:
        return self.saved_text

    def flush(self) -> None:
        self.save_now()

    def on_screen_suspend(self) -> None:
        self._save_unless_failing()

    def _save_unless_failing(self) -> None:
        # while the book refuses writes, the retry timer knocks; opening a dialog only refreshes the copy
        if self.failing:
            self.keep_copy()
        else:
            self.save_now()

    def on_unmount(self) -> None:
        if self.leaving:
            return
        try:
            self._save_unless_failing()
        except NoMatches:  # already taken apart on the way out; the quit action saved first
            pass

    def action_toggle_private(self) -> None:
        private = not self.card.notes_private
        try:
            meetings.set_notes_private(self.book, self.meeting_id, private)
        except Exception as error:  # a refused write leaves the mark as it was, and says so
            reason = describe(error) or f"an unexpected {type(error).__name__}"
            self.notify(f"Not changed — {reason}", severity="error", timeout=15, markup=False)
            return
        self.card.notes_private = private
        self.tick()
        self._show_state("failing" if self.failing else "saved" if not self.has_unsaved() else "typing")
        self.notify("These notes are private: kept out of summaries and exports." if private else
                    "These notes are no longer private.", markup=False)

    def reload_captures(self) -> None:
        """The Captured list from the book. A capture just made is highlighted and scrolled into view, all
        of its lines (a long ask wraps); otherwise the highlight stays where it was (the first at the start)."""
        before = {(item.table, item.id) for item in self.items}
        self.items = captures.for_meeting(self.book, self.meeting_id)
        box = self.query_one("#captured", OptionList)
        keep = box.highlighted
        box.clear_options()
        from relmeet.screens.whose import whose_names, with_whose  # a house meeting says whose each item is

        whose = whose_names(self.book, self.meeting_id)
        box.add_options([Option(with_whose(capture_line(item), whose.get((item.table, item.id)))) for item in self.items])
        if not self.items:
            box.add_option(Option(Text("F2–F6 capture without leaving the notes.", style="dim"), disabled=True))
            return
        new = [index for index, item in enumerate(self.items) if (item.table, item.id) not in before]
        if before and new:
            box.highlighted = new[-1]
        else:  # where it was; the first from the start, so Enter works as soon as Tab reaches the list
            box.highlighted = min(keep or 0, len(self.items) - 1)
        box.call_after_refresh(box.scroll_to_highlight)  # once the new lines are measured at this width

    def action_save_notes(self) -> None:
        self.save_now()

    def action_capture(self, kind: str, editing: Editing | None = None, whose: int | None = None) -> None:
        self._save_unless_failing()
        from relmeet.screens.whose import ask_whose  # several people in the meeting: whose is it?

        if editing is None and whose is None and ask_whose(self, kind, lambda chosen: self.action_capture(
                kind, None, chosen)):
            return
        screen = CaptureScreen(kind, whose or self.card.contact_id, self.meeting_id, self.card.campaign_id, editing)

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
        if not self.save_now():
            self.notify("The notes aren't in the book yet, so the meeting stays open; relmeet keeps trying.",
                        severity="warning", markup=False)
            return
        meetings.end(self.book, self.meeting_id)
        from relmeet.screens.follow_up import FollowUpScreen

        self.app.switch_screen(FollowUpScreen(self.meeting_id))

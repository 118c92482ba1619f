"""Snooze: put off a commitment or a check-in to a day, with why ("she's away until the 14th"). Until that
day it shows as "snoozed until Fri 27 Nov (she's away)", not overdue. The same key on a snoozed one offers to
wake it. Shared by the commitments view and the contact history's "Work on" (Ctrl+Y on both)."""
from __future__ import annotations

from datetime import date
from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from relmeet.domain import today
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.screens.form_dialog import FormDialog
from relmeet.store import snooze
from relmeet.widgets.chrome import Footer
from relmeet.widgets.date_input import DateInput
from relmeet.widgets.field import Field

KEY_HELP = "Ctrl+Y snoozes the highlighted commitment or check-in to a day, with a reason (again: wakes it)."


def snoozed_until(item) -> date | None:
    """The day an open item is snoozed to, if that day is still ahead (then it is due again)."""
    day = getattr(item, "snoozed_until", None)
    return day if day is not None and getattr(item, "status", "open") == "open" and day > today() else None


def snoozed_words(item) -> Text | None:
    """"snoozed until Fri 27 Nov (she's away)", or None when it is not snoozed."""
    day = snoozed_until(item)
    if day is None:
        return None
    words = Text(f"snoozed until {day:%a %-d %b}", style="cyan")
    if item.snooze_reason:
        words.append(f" ({item.snooze_reason})", style="dim")
    return words


class SnoozeScreen(FormDialog):
    """Dismisses with the line to tell the organizer once snoozed, None if cancelled."""

    HELP_TITLE = "snoozing"
    HELP = ("Until when? A day after today (fri, the 14th, in 2 weeks), and why if you like.\n"
            "Until then it shows as snoozed, not overdue; on that day it is due again. Ctrl+S snoozes it.")
    BINDINGS = [
        Binding("ctrl+s", "save", "Snooze", id="snooze-save", tooltip="Put it off until that day"),
        Binding("escape", "dismiss(None)", "Cancel", id="snooze-cancel", tooltip="Leave it as it is"),
    ]

    def __init__(self, what: str, item_id: int, about: str):
        super().__init__()
        self.what, self.item_id, self.about = what, item_id, about

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="snooze"):
            question = Text("Snooze until when? ", style="bold")
            question.append(self.about)
            yield Static(question)
            yield Field("Until", DateInput(input_id="until", placeholder="mon · in 2 weeks", compact=True),
                        name="snoozed_until")
            yield Field("Why (if you like)", Input(id="reason", placeholder="she's away until the 14th",
                                                   compact=True), name="reason")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#until", Input).focus()

    def action_save(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        ok, until = self.saved(lambda: self._snooze(reason))
        if ok:
            self.dismiss(f"Snoozed until {until:%a %-d %b}: {self.about}" + (f" ({reason})" if reason else ""))

    def _snooze(self, reason: str) -> date:
        until = self.query_one(DateInput).read("snoozed_until")
        if until is None:
            raise ValidationError({"snoozed_until": "Until when? Type a day, e.g. mon or in 2 weeks."})
        snooze.snooze(self.book, self.what, self.item_id, until, reason)
        return until


def snooze_or_wake(screen: Screen, what: str, item, about: str, after: Callable[[str | None], None]) -> None:
    """Ctrl+Y on an open commitment or check-in: the snooze dialog, or, when it is snoozed, the offer to wake it.
    `item_id` of a check-in is its meeting's. `after` gets the line to tell the organizer (None: nothing done)."""
    from relmeet.screens.confirm import ConfirmScreen

    item_id = item.meeting_id if what == "check_in" else item.id
    day = snoozed_until(item)
    if day is None:
        screen.app.push_screen(SnoozeScreen(what, item_id, about), after)
        return

    def wake(yes: bool | None) -> None:
        if not yes:
            after(None)
            return
        try:
            snooze.unsnooze(screen.book, what, item_id)
        except RelmeetError as exc:
            screen.notify(str(exc), severity="warning", markup=False)
            after(None)
            return
        after(f"Awake again: {about}")

    screen.app.push_screen(ConfirmScreen(f"Snoozed until {day:%a %-d %b}. Unsnooze it: due again now?\n{about}",
                                         yes="Unsnooze", no="Keep snoozed"), wake)

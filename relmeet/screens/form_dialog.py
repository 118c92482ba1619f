"""The small dialogs of a few fields (snooze, a progress note, a move, a commitment's outcome, a check-in):
Enter goes on to the next field and, in the last, saves; what the store refuses shows at its field, or
as a red line when it is about the book."""
from __future__ import annotations

from typing import Callable, TypeVar

from textual import on
from textual.widgets import Input

from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.screens.base import RelmeetModal
from relmeet.widgets.field import Field

T = TypeVar("T")


class FormDialog(RelmeetModal[str | None]):
    """Dismisses with the line to tell the organizer once saved, None if cancelled.

    ENTER_SAVES False: Enter only goes on (to the buttons, in a dialog whose buttons decide, so that a slip
    of Enter marks nothing)."""

    ENTER_SAVES = True

    def action_save(self) -> None:
        """Save what the fields say (Ctrl+S, or Enter in the last field)."""

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        fields = [found for found in self.query(Input) if found.display and not found.disabled]
        if self.ENTER_SAVES and fields and event.input is fields[-1]:
            self.action_save()
        else:
            self.focus_next()

    def saved(self, save: Callable[[], T]) -> tuple[bool, T | None]:
        """(True, what save returned), or (False, None) once what it raised is shown: a ValidationError at
        the fields it names, a RelmeetError (the book busy, full, locked) as a red line."""
        try:
            return True, save()
        except ValidationError as exc:
            for field in self.query(Field):
                field.show_error(exc.errors.get(field.field_name))
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", markup=False)
        return False, None

"""Set how long an ally or leader can go unmet before they show under "Tend these"."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from relmeet.domain.errors import ValidationError
from relmeet.screens.base import RelmeetModal
from relmeet.store import health
from relmeet.widgets.field import Field


class TendAfterScreen(RelmeetModal[int | None]):
    HELP_TITLE = "the tend-these threshold"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="cancel-tend", tooltip="Keep the current threshold")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Show allies and leaders under “Tend these” when not met for this many days:")
            yield Field("Days", Input(str(health.tend_after_days(self.book)), id="days"), name="days")
            yield Static("Enter saves, Escape cancels.", classes="field-label")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        try:
            if not text.isdigit():
                raise ValidationError({"days": "A whole number of days, like 30."})
            health.set_tend_after_days(self.book, int(text))
        except ValidationError as exc:
            self.query_one(Field).show_error(exc.errors.get("days"))
            return
        self.dismiss(int(text))

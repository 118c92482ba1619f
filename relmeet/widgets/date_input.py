"""A date field that says what it understood: an Input, and under it "→ Mon 14 Dec  in 3 weeks" as you
type, or the one-line reason the phrase can't be read.

The Input keeps the id the screen gives (`input_id`), so a screen reads `query_one("#due", Input).value`
and parses it with the same function on save; the preview only shows. Put it in a Field as any input:

    yield Field("By when", DateInput(due_text, input_id="due", placeholder="fri"), name="due")
"""
from __future__ import annotations

from datetime import date, datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from relmeet.domain import today
from relmeet.domain.dates import parse_due, parse_when
from relmeet.domain.errors import ValidationError
from relmeet.pages.formatting import days_ago

DAY_HINT = "fri · the 14th · dec 7 · in 3 weeks · end of month"
TIME_HINT = "fri 7pm · mon dec 7 3pm · tomorrow 18:30"


def describe(moment: date | datetime, *, on: date | None = None) -> Text:
    """'→ Mon 14 Dec  in 21 days': the day in words, the year only when it isn't this one, and how far."""
    on = on or today()
    day = moment.date() if isinstance(moment, datetime) else moment
    words = f"→ {day:%a %-d %b}" + (f" {day.year}" if day.year != on.year else "")
    if isinstance(moment, datetime):
        words += f" {moment:%H:%M}"
    return Text.assemble((words, "bold"), ("  " + days_ago(day, on=on), "dim"))


class DateInput(Vertical):
    """An Input for a date phrase (or a day and time, with `with_time=True`) and a preview line under it.

    `day_first` chooses how 12/7 is read (None: from the locale, as parse_due does on save)."""

    # not scoped: the rule for an invalid Field reaches the Input inside this widget
    SCOPED_CSS = False
    DEFAULT_CSS = """
    DateInput { height: auto; }
    DateInput > .date-preview { color: $text-muted; padding: 0 1; }
    DateInput > .date-preview.-refused { color: $text-warning; }
    Field.-invalid > DateInput > Input { border: tall $error; }
    Field.-invalid > DateInput > Input.-textual-compact { border: none; background: $error 25%; }
    """

    def __init__(self, value: str = "", *, input_id: str, placeholder: str = "", with_time: bool = False,
                 day_first: bool | None = None, hint: str | None = None, compact: bool = False,
                 id: str | None = None, classes: str | None = None):
        super().__init__(id=id or f"{input_id}-date", classes=classes)
        self._start = (value, input_id, placeholder, compact)
        self.with_time, self.day_first = with_time, day_first
        self.hint = hint if hint is not None else (TIME_HINT if with_time else DAY_HINT)
        self.refusal: str | None = None

    def compose(self) -> ComposeResult:
        value, input_id, placeholder, compact = self._start
        yield Input(value, id=input_id, placeholder=placeholder, compact=compact)
        yield Static("", classes="date-preview", markup=False)

    def on_mount(self) -> None:
        self.show()

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def preview(self) -> Static:
        return self.query_one(".date-preview", Static)

    @property
    def value(self) -> str:
        return self.input.value

    @value.setter
    def value(self, text: str) -> None:
        self.input.value = text

    def read(self, field: str = "due") -> date | datetime | None:
        """What the phrase names (None when empty); raises ValidationError naming `field`."""
        parse = parse_when if self.with_time else parse_due
        return parse(self.input.value, field=field, day_first=self.day_first)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if event.input is self.input:
            self.show()

    def show(self) -> None:
        """Say what the phrase typed is read as: the date, the hint when empty, or why it can't be read."""
        try:
            moment = self.read()
        except ValidationError as refused:
            self.refusal = next(iter(refused.errors.values()))
            self.preview.set_class(True, "-refused")
            self.preview.update(Text(self.refusal))
            return
        self.refusal = None
        self.preview.set_class(False, "-refused")
        self.preview.update(describe(moment) if moment is not None else Text(self.hint, style="dim"))

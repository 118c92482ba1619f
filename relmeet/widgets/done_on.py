"""A date field for a day something happened ("done thu"): the date field with its preview, reading a day
named without a month or year as the nearest one on or before today (see parse_done_on)."""
from __future__ import annotations

from datetime import date

from relmeet.domain.commitments import parse_done_on
from relmeet.widgets.date_input import DateInput

PAST_HINT = "today · yesterday · thu · the 14th · nov 26"


class DoneOnInput(DateInput):
    def __init__(self, value: str = "today", *, input_id: str, hint: str | None = None, **kwargs):
        super().__init__(value, input_id=input_id, hint=hint if hint is not None else PAST_HINT, **kwargs)

    def read(self, field: str = "on") -> date | None:
        return parse_done_on(self.input.value, field=field, day_first=self.day_first)

"""The date field's live preview: what the organizer types, and under it the date understood or why not.

A small host app holds the widget the way the dialogs do (in a Field); today is pinned to Monday
23 November 2026 with RELMEET_TODAY, and the locale is en_US unless a test says otherwise.
"""
from __future__ import annotations

from datetime import date, datetime

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.widgets import Input

from relmeet.domain.errors import ValidationError
from relmeet.widgets.date_input import DateInput
from relmeet.widgets.field import Field


@pytest.fixture(autouse=True)
def monday_in_the_us(monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", "2026-11-23")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TIME", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


class Host(App):
    def __init__(self, field: DateInput):
        super().__init__()
        self.field = field

    def compose(self) -> ComposeResult:
        yield Field("By when", self.field, name="due")


def preview(app: Host) -> str:
    return str(app.query_one("#due-date .date-preview").render())


async def type_into(pilot, text: str) -> None:
    box = pilot.app.query_one("#due", Input)
    box.focus()
    box.clear()
    await pilot.press(*text)
    await pilot.pause()


async def test_the_14th_shows_the_date_understood_as_you_type():
    app = Host(DateInput("", input_id="due", placeholder="fri"))
    async with app.run_test() as pilot:
        assert preview(app) == "fri · the 14th · dec 7 · in 3 weeks · end of month"  # empty: what to type
        await type_into(pilot, "the 14th")
        assert preview(app) == "→ Mon 14 Dec  in 21 days"
        assert app.query_one("#due", Input).value == "the 14th"  # the screen reads the Input it named
        assert app.field.read() == date(2026, 12, 14) and app.field.refusal is None
        await type_into(pilot, "12/7")
        assert preview(app) == "→ Mon 7 Dec  in 14 days"


async def test_nonsense_shows_the_reason_and_what_to_type():
    app = Host(DateInput("", input_id="due"))
    async with app.run_test() as pilot:
        await type_into(pilot, "blah")
        line = app.query_one("#due-date .date-preview")
        assert preview(app) == ('"blah" isn\'t a date relmeet knows. '
                                'Try "fri", "next tuesday", "the 14th", "dec 3" or "2026-12-03".')
        assert line.has_class("-refused")
        with pytest.raises(ValidationError):
            app.field.read()
        await type_into(pilot, "32nd")
        assert preview(app).startswith('"32nd": no month has a 32nd day.')
        await type_into(pilot, "dec 7")  # mended: the reason goes, the date shows
        assert preview(app) == "→ Mon 7 Dec  in 14 days" and not line.has_class("-refused")


async def test_brackets_typed_are_shown_as_typed():
    app = Host(DateInput("", input_id="due"))
    async with app.run_test() as pilot:
        await type_into(pilot, "at [/] o clock")
        assert preview(app).startswith('"at [/] o clock" isn\'t a date relmeet knows.')
        assert app.is_running


async def test_day_first_reads_12_7_as_july_and_says_the_year():
    app = Host(DateInput("", input_id="due", day_first=True))
    async with app.run_test() as pilot:
        await type_into(pilot, "12/7")
        assert preview(app) == "→ Mon 12 Jul 2027  in 231 days"
        assert app.field.read() == date(2027, 7, 12)


async def test_the_locale_sets_the_order_when_the_screen_does_not(monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    app = Host(DateInput("", input_id="due"))
    async with app.run_test() as pilot:
        await type_into(pilot, "12/7")
        assert preview(app) == "→ Mon 12 Jul 2027  in 231 days"


async def test_a_meeting_time_shows_day_and_time():
    app = Host(DateInput("", input_id="due", with_time=True, compact=True))  # as the follow-up's fields are
    async with app.run_test() as pilot:
        assert app.query_one("#due", Input).compact
        assert preview(app) == "fri 7pm · mon dec 7 3pm · tomorrow 18:30"
        await type_into(pilot, "mon dec 7 3pm")
        assert preview(app) == "→ Mon 7 Dec 15:00  in 14 days"
        assert app.field.read("when") == datetime(2026, 12, 7, 15, 0)
        await type_into(pilot, "tomorrow 15pm")
        assert preview(app) == '"tomorrow 15pm": 15pm is not a time of day. Try "3pm" or "15:00".'


async def test_a_stored_date_is_previewed_when_the_dialog_opens():
    app = Host(DateInput("2026-12-03", input_id="due"))
    async with app.run_test():
        assert preview(app) == "→ Thu 3 Dec  in 10 days"


async def test_the_field_marks_the_input_inside_when_saving_fails():
    app = Host(DateInput("", input_id="due"))
    async with app.run_test() as pilot:
        await type_into(pilot, "next blursday")
        field, box = app.query_one(Field), app.query_one("#due", Input)
        before = box.styles.border_top[1]
        with pytest.raises(ValidationError) as refused:
            app.field.read()
        field.show_error(refused.value.errors["due"])  # as a dialog does when Save finds a bad date
        await pilot.pause()
        assert field.has_class("-invalid")
        red, error = box.styles.border_top[1], Color.parse(app.current_theme.error)
        assert red != before and abs(red.r - error.r) + abs(red.g - error.g) + abs(red.b - error.b) <= 3
        assert "blursday" in str(field.query_one(".field-error").render())

"""Date phrases as organizers type them, against a fixed 'today' (Sunday 22 November 2026)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from hypothesis import given, settings, strategies as st

from relmeet.domain.dates import day_first_default, parse_due, parse_when
from relmeet.domain.errors import ValidationError
from relmeet.pages.formatting import due


def describe_due(day, today):
    return due(day, on=today).plain

SUNDAY = date(2026, 11, 22)
WEDNESDAY = date(2026, 11, 25)


@pytest.mark.parametrize("phrase, today, expected", [
    ("fri", SUNDAY, date(2026, 11, 27)),
    ("Friday", SUNDAY, date(2026, 11, 27)),
    ("fri", date(2026, 11, 27), date(2026, 12, 4)),  # a weekday never means today
    ("next tuesday", SUNDAY, date(2026, 11, 24)),
    ("next tuesday", date(2026, 11, 23), date(2026, 12, 1)),  # said on Monday: next week's
    ("this friday", WEDNESDAY, date(2026, 11, 27)),
    ("2026-12-03", SUNDAY, date(2026, 12, 3)),
    ("in 2 weeks", SUNDAY, date(2026, 12, 6)),
    ("in 3 days", SUNDAY, date(2026, 11, 25)),
    ("in a month", date(2026, 1, 31), date(2026, 2, 28)),
    ("today", SUNDAY, SUNDAY),
    ("tomorrow", SUNDAY, date(2026, 11, 23)),
    ("dec 3", SUNDAY, date(2026, 12, 3)),
    ("3 Dec", SUNDAY, date(2026, 12, 3)),
    ("Jan 5", SUNDAY, date(2027, 1, 5)),  # the next one, organizers plan forward
    ("12/3", SUNDAY, date(2026, 12, 3)),
    ("eow", WEDNESDAY, date(2026, 11, 27)),
    ("  Next   Tuesday ", SUNDAY, date(2026, 11, 24)),
    ("", SUNDAY, None),
])
def test_good_phrases(phrase, today, expected):
    assert parse_due(phrase, today) == expected


@pytest.mark.parametrize("phrase", ["next blursday", "in 2 fortnights", "13/45", "feb 30", "someday", "fr",
                                    "in many weeks", "2026-13-01"])
def test_bad_phrases_say_what_to_type(phrase):
    with pytest.raises(ValidationError) as caught:
        parse_due(phrase, SUNDAY)
    message = caught.value.errors["due"]
    assert phrase.strip() in message and "next tuesday" in message


@pytest.mark.parametrize("phrase, expected", [
    ("fri 7pm", datetime(2026, 11, 27, 19, 0)),
    ("tomorrow 18:30", datetime(2026, 11, 23, 18, 30)),
    ("2026-12-03 10:00", datetime(2026, 12, 3, 10, 0)),
    ("next tuesday at 9", datetime(2026, 11, 24, 9, 0)),
    ("7 pm", datetime(2026, 11, 22, 19, 0)),
    ("fri", datetime(2026, 11, 27, 12, 0)),
    ("12am tomorrow", None),
])
def test_meeting_times(phrase, expected):
    if expected is None:
        with pytest.raises(ValidationError):
            parse_when(phrase, SUNDAY)
    else:
        assert parse_when(phrase, SUNDAY) == expected


def test_bad_time_names_the_field():
    with pytest.raises(ValidationError) as caught:
        parse_when("fri 25:00", SUNDAY)
    assert "when" in caught.value.errors


def test_describe_due():
    assert describe_due(date(2026, 11, 20), SUNDAY) == "2 days overdue"
    assert describe_due(SUNDAY, SUNDAY) == "today"
    assert describe_due(date(2026, 11, 23), SUNDAY) == "tomorrow"
    assert describe_due(None, SUNDAY) == "no date"


# Issue 13: dates as people say them, on Monday 23 November 2026. Each row: the phrase, what it means when
# 12/7 is month/day (en_US), and what it means when 12/7 is day/month (everywhere else).
MONDAY = date(2026, 11, 23)
SAID = [
    ("the 14th", date(2026, 12, 14), date(2026, 12, 14)),  # the 14th has passed this month: next month's
    ("14th", date(2026, 12, 14), date(2026, 12, 14)),
    ("14", date(2026, 12, 14), date(2026, 12, 14)),
    ("on the 14th", date(2026, 12, 14), date(2026, 12, 14)),
    ("by the 14th", date(2026, 12, 14), date(2026, 12, 14)),
    ("30", date(2026, 11, 30), date(2026, 11, 30)),  # still to come this month
    ("the 23rd", MONDAY, MONDAY),  # today is the nearest
    ("31st", date(2026, 12, 31), date(2026, 12, 31)),  # November has no 31st
    ("mon dec 7 3pm", date(2026, 12, 7), date(2026, 12, 7)),  # a due date keeps the day
    ("mon dec 7", date(2026, 12, 7), date(2026, 12, 7)),
    ("monday the 14th", date(2026, 12, 14), date(2026, 12, 14)),
    ("dec 7", date(2026, 12, 7), date(2026, 12, 7)),
    ("Dec 7th", date(2026, 12, 7), date(2026, 12, 7)),
    ("7 dec", date(2026, 12, 7), date(2026, 12, 7)),
    ("7th of December", date(2026, 12, 7), date(2026, 12, 7)),
    ("december 7, 2027", date(2027, 12, 7), date(2027, 12, 7)),
    ("12/7", date(2026, 12, 7), date(2027, 7, 12)),
    ("7/12", date(2027, 7, 12), date(2026, 12, 7)),
    ("12/7/27", date(2027, 12, 7), date(2027, 7, 12)),
    ("7.12.2026", date(2026, 7, 12), date(2026, 12, 7)),
    ("11/20", date(2027, 11, 20), None),  # day/month: no month 20
    ("next tue", date(2026, 12, 1), date(2026, 12, 1)),  # said on a Monday: next week's
    ("by fri", date(2026, 11, 27), date(2026, 11, 27)),
    ("in 3 weeks", date(2026, 12, 14), date(2026, 12, 14)),
    ("end of month", date(2026, 11, 30), date(2026, 11, 30)),
    ("end of next month", date(2026, 12, 31), date(2026, 12, 31)),
    ("2026-12-14", date(2026, 12, 14), date(2026, 12, 14)),
    ("feb 29", date(2028, 2, 29), date(2028, 2, 29)),  # the next one there is
]


@pytest.mark.parametrize("day_first", [False, True], ids=["month-first", "day-first"])
@pytest.mark.parametrize("phrase, month_first_means, day_first_means", SAID)
def test_dates_as_people_say_them(phrase, month_first_means, day_first_means, day_first):
    expected = day_first_means if day_first else month_first_means
    if expected is None:
        with pytest.raises(ValidationError) as caught:
            parse_due(phrase, MONDAY, day_first=day_first)
        assert "relmeet reads 11/20 as day/month, and there is no month 20." in caught.value.errors["due"]
    else:
        assert parse_due(phrase, MONDAY, day_first=day_first) == expected
        assert parse_when(phrase, MONDAY, day_first=day_first).date() == expected


@pytest.mark.parametrize("bare, today, expected", [
    ("30", date(2027, 1, 31), date(2027, 3, 30)),  # February has no 30th
    ("31", date(2026, 12, 31), date(2026, 12, 31)),
    ("1st", date(2026, 12, 31), date(2027, 1, 1)),
    ("the 29th", date(2027, 1, 30), date(2027, 3, 29)),  # not in February 2027
])
def test_a_bare_day_is_the_nearest_one_to_come(bare, today, expected):
    assert parse_due(bare, today) == expected


# Each refusal says why, in one line, and what to type instead; the same for both orders.
REFUSED = [
    ("blah", '"blah" isn\'t a date relmeet knows. Try "fri", "next tuesday", "the 14th"'),
    ("at [/] o clock", '"at [/] o clock" isn\'t a date relmeet knows. Try "fri"'),
    ("32nd", '"32nd": no month has a 32nd day. A day of the month is 1 to 31: "the 14th".'),
    ("0", '"0": no month has a day 0.'),
    ("feb 30", '"feb 30": February has no 30th. Try "fri"'),
    ("feb 29 2027", '"feb 29 2027": February 2027 has no 29th.'),
    ("mon dec 8", '"mon dec 8": 8 Dec 2026 is a Tuesday, not a Monday. Leave out "mon", or correct the date.'),
    ("in 2 fortnights", '"in 2 fortnights": relmeet counts days, weeks or months, not "fortnights".'),
    ("in many weeks", '"in many weeks": relmeet counts in figures ("in 3 weeks"), not "many".'),
    ("2026", '"2026": 2026 is a year; which day in it? Try "2026-12-03".'),
    ("2026-13-01", '"2026-13-01": there is no month 13.'),
    ("dec", '"dec" isn\'t a date relmeet knows.'),
]


@pytest.mark.parametrize("day_first", [False, True], ids=["month-first", "day-first"])
@pytest.mark.parametrize("phrase, reason", REFUSED)
def test_a_refusal_says_why_in_one_line(phrase, reason, day_first):
    with pytest.raises(ValidationError) as caught:
        parse_due(phrase, MONDAY, day_first=day_first)
    message = caught.value.errors["due"]
    assert message.startswith(reason) and "\n" not in message and len(message) < 140


@pytest.mark.parametrize("phrase, day_first, reason", [
    ("13/45", False, '"13/45": relmeet reads 13/45 as month/day, and there is no month 13.'),
    ("13/45", True, '"13/45": relmeet reads 13/45 as day/month, and there is no month 45.'),
    ("2/30", False, '"2/30": relmeet reads 2/30 as month/day, and February has no 30th.'),
])
def test_a_refused_number_says_which_order_it_was_read_in(phrase, day_first, reason):
    with pytest.raises(ValidationError) as caught:
        parse_due(phrase, MONDAY, day_first=day_first)
    assert caught.value.errors["due"].startswith(reason)


@pytest.mark.parametrize("phrase, expected", [
    ("mon dec 7 3pm", datetime(2026, 12, 7, 15, 0)),
    ("dec 7", datetime(2026, 12, 7, 12, 0)),
    ("the 14th 18:30", datetime(2026, 12, 14, 18, 30)),
    ("dec 7 9", datetime(2026, 12, 7, 9, 0)),
    ("mon 7", datetime(2026, 11, 30, 7, 0)),  # Monday at seven, not the 7th
    ("next tue at 10am", datetime(2026, 12, 1, 10, 0)),
    ("in 3 weeks noon", datetime(2026, 12, 14, 12, 0)),
    ("14", datetime(2026, 12, 14, 12, 0)),
    ("3pm", datetime(2026, 11, 23, 15, 0)),
])
def test_meeting_times_as_people_say_them(phrase, expected):
    assert parse_when(phrase, MONDAY) == expected


@pytest.mark.parametrize("phrase, reason", [
    ("tomorrow 15pm", '"tomorrow 15pm": 15pm is not a time of day. Try "3pm" or "15:00".'),
    ("blah", '"blah" isn\'t a day and time relmeet knows. Try "fri 7pm", "mon dec 7 3pm"'),
    ("mon dec 8 3pm", '"mon dec 8 3pm": 8 Dec 2026 is a Tuesday, not a Monday.'),
])
def test_a_refused_meeting_time_says_why(phrase, reason):
    with pytest.raises(ValidationError) as caught:
        parse_when(phrase, MONDAY)
    assert caught.value.errors["when"].startswith(reason)


@pytest.mark.parametrize("environ, day_first", [
    ({"LANG": "en_US.UTF-8"}, False),
    ({"LANG": "en_GB.UTF-8"}, True),
    ({"LANG": "de_DE.UTF-8"}, True),
    ({"LANG": "es_MX.UTF-8"}, True),
    ({"LANG": "en_PH.UTF-8"}, False),
    ({"LANG": "C.UTF-8"}, False),  # no territory: month/day, as relmeet always read
    ({}, False),
    ({"LANG": "en_US.UTF-8", "LC_TIME": "fr_CA.UTF-8"}, True),  # LC_TIME is the one for dates
    ({"LANG": "en_GB.UTF-8", "LC_TIME": "en_GB.UTF-8", "LC_ALL": "en_US.UTF-8"}, False),  # LC_ALL wins
    ({"LANG": "en_GB.UTF-8", "LC_ALL": ""}, True),  # an empty variable is not set
])
def test_day_order_follows_the_locale(environ, day_first):
    assert day_first_default(environ) is day_first


def test_the_default_order_and_today_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", "2026-11-23")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TIME", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert parse_due("12/7") == date(2026, 12, 7)
    assert parse_due("the 14th") == date(2026, 12, 14)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert parse_due("12/7") == date(2027, 7, 12)
    assert parse_due("12/7", day_first=False) == date(2026, 12, 7)  # the parameter overrides the locale


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789/.-:, abcdefhijklmnoprstuvwy[]", max_size=24))
def test_any_phrase_is_a_date_or_a_reason(phrase):
    for parse, field in ((parse_due, "due"), (parse_when, "when")):
        try:
            parse(phrase, MONDAY)
        except ValidationError as refused:
            message = refused.errors[field]
            assert phrase.strip() in message and "\n" not in message

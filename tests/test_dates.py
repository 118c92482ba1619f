"""Date phrases as organizers type them, against a fixed 'today' (Sunday 22 November 2026)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from relmeet.domain.dates import parse_due, parse_when
from relmeet.pages.formatting import due


def describe_due(day, today):
    return due(day, on=today).plain
from relmeet.domain.errors import ValidationError

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

"""Dates as organizers say them: "fri", "next tue", "the 14th", "mon dec 7 3pm", "12/7", "in 3 weeks",
"end of month", "2026-12-03".

Hand-written, after trying the well-kept parsers on these phrases (commit message of issue 13 has the
figures): dateparser chose the past for "the 14th", had no "end of month", read "32nd" as 2032 and
"13/45" as 2045, and cost 140-290 ms to import plus 110-190 ms for its first parse; parsedatetime
refused every bare day ("14", "the 14th") and neither could say why a phrase was refused. This module
imports in about a millisecond, so the shell commands stay fast.

Rules: a day without a year or month is the nearest one on or after today (organizers plan forward);
numbers like 12/7 are read month/day or day/month by `day_first` (default from the locale, see
`day_first_default`); a refused phrase raises ValidationError with one line saying why and what to type.
"""
from __future__ import annotations

import os
import re
from datetime import date, datetime, time, timedelta

from relmeet.domain import today as _today
from relmeet.domain.errors import ValidationError

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "wk": 7, "wks": 7}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}
HINT = 'Try "fri", "next tuesday", "the 14th", "dec 3" or "2026-12-03".'
TIME_HINT = 'Try "fri 7pm", "mon dec 7 3pm", "tomorrow 18:30" or "2026-12-03 10:00".'
# Where people write 12/7 for December 7th; everywhere else it is the 12th of July.
MONTH_FIRST_TERRITORIES = {"US", "PR", "GU", "VI", "AS", "MP", "UM", "PH", "FM", "MH", "PW"}
WEEKDAY_ALIASES = {"tues": "tue", "thur": "thu", "thurs": "thu", "weds": "wed"}
FILLER = {"on", "by", "due", "the", "of"}  # "by the 14th", "on the 7th of dec"
ORDINAL = re.compile(r"(\d{1,4})(st|nd|rd|th)?")
NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?")
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a|p)?")


class Refused(Exception):
    """Why a phrase is not a date, in words for the organizer (None: nothing in it was recognised)."""

    def __init__(self, reason: str | None = None, suggestion: str | None = None):
        super().__init__(reason)
        self.reason, self.suggestion = reason, suggestion


def day_first_default(environ: dict[str, str] | None = None) -> bool:
    """Whether 12/7 means the 12th of July, from the locale the organizer set (LC_ALL, LC_TIME, LANG).

    en_US and the few other places that write the month first → False; any other territory → True.
    No territory (C, POSIX, unset) → False: month/day, the order relmeet has always read.
    """
    env = os.environ if environ is None else environ
    name = next((env[key] for key in ("LC_ALL", "LC_TIME", "LANG") if env.get(key)), "")
    match = re.match(r"[a-zA-Z]{2,3}_([a-zA-Z]{2})", name)
    return bool(match) and match[1].upper() not in MONTH_FIRST_TERRITORIES


def _weekday(word: str) -> int | None:
    word = WEEKDAY_ALIASES.get(word.rstrip("."), word.rstrip("."))
    if len(word) < 3:
        return None
    return next((index for index, name in enumerate(WEEKDAYS) if name.startswith(word)), None)


def _month(word: str) -> int | None:
    word = word.rstrip(".")
    if len(word) < 3:
        return None
    for index, name in enumerate(MONTHS, start=1):
        if name.startswith(word) or (word == "sept" and index == 9):
            return index
    return None


def _days_in(year: int, month: int) -> int:
    """How many days the month has (the calendar module would import locale: slower shell commands)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, _days_in(year, month)))


def _ordinal(dom: int) -> str:
    if dom == 0:
        return "0"  # "no month has a 0 day" reads better than "0th"
    suffix = "th" if 10 <= dom % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(dom % 10, "th")
    return f"{dom}{suffix}"


def _make(year: int, month: int, dom: int) -> date:
    """A date, or the reason it doesn't exist."""
    if not 1 <= month <= 12:
        raise Refused(f"there is no month {month}.")
    if not 1 <= dom <= 31:
        raise Refused(f"no month has a {_ordinal(dom)} day.")
    if dom > _days_in(year, month):
        raise Refused(f"{MONTHS[month - 1].title()} {year} has no {_ordinal(dom)}.")
    return date(year, month, dom)


def _upcoming(month: int, dom: int, today: date) -> date:
    """'dec 3' means the next Dec 3 on or after today; 'feb 29' the next one there is."""
    if not 1 <= month <= 12:
        raise Refused(f"there is no month {month}.")
    if not 1 <= dom <= _days_in(2024, month):  # 2024: a leap year, so "feb 29" is a date
        raise Refused(f"{MONTHS[month - 1].title()} has no {_ordinal(dom)}." if 1 <= dom <= 31 else
                      f"no month has a {_ordinal(dom)} day.")
    for year in range(today.year, today.year + 9):
        if dom <= _days_in(year, month) and (candidate := date(year, month, dom)) >= today:
            return candidate
    raise AssertionError("a leap year comes within eight years")


def _bare_day(dom: int, today: date) -> date:
    """'the 14th' means the nearest 14th on or after today: this month's, or the next month that has one."""
    if not 1 <= dom <= 31:
        raise Refused(f"no month has a day {dom}." if dom == 0 else f"no month has a {_ordinal(dom)} day.",
                      'A day of the month is 1 to 31: "the 14th".')
    first = today.replace(day=1)
    for ahead in range(0, 3):
        month = _add_months(first, ahead)
        if dom <= _days_in(month.year, month.month) and (candidate := month.replace(day=dom)) >= today:
            return candidate
    raise AssertionError("one of three months in a row has 31 days")


def _number(word: str) -> int | None:
    match = ORDINAL.fullmatch(word)
    return int(match[1]) if match else None


def _year(word: str | None) -> int | None:
    return int(word) if word and re.fullmatch(r"\d{4}", word) else None


def _calendar_day(words: list[str], today: date, day_first: bool) -> date | None:
    """Day-of-month forms: 14, 14th, dec 7, 7 dec, dec 7 2026, 12/7, 12/7/26. None if not one of them."""
    if len(words) == 1 and (match := NUMERIC.fullmatch(words[0])):
        first, second, year_text = int(match[1]), int(match[2]), match[3]
        month, dom = (second, first) if day_first else (first, second)
        order = "day/month" if day_first else "month/day"
        try:
            if year_text:
                return _make(int(year_text) + (2000 if len(year_text) == 2 else 0), month, dom)
            return _upcoming(month, dom, today)
        except Refused as refused:
            raise Refused(f"relmeet reads {words[0]} as {order}, and {refused.reason}", refused.suggestion) from None
    if len(words) == 1 and (dom := _number(words[0])) is not None:
        if len(words[0]) == 4 and words[0].isdigit():
            raise Refused(f"{words[0]} is a year; which day in it?", f'Try "{words[0]}-12-03".')
        return _bare_day(dom, today)
    if len(words) in (2, 3):
        head, tail, year_word = words[0], words[1], words[2] if len(words) == 3 else None
        year = _year(year_word)
        if year_word is not None and year is None:
            return None
        if (month := _month(head)) is not None and (dom := _number(tail)) is not None:
            pass
        elif (month := _month(tail)) is not None and (dom := _number(head)) is not None:
            pass
        else:
            return None
        return _make(year, month, dom) if year else _upcoming(month, dom, today)
    return None


def _relative_day(text: str, today: date) -> date | None:
    """Words relative to today: tomorrow, fri, next tue, in 3 weeks, end of month."""
    words = text.split()
    fixed = {
        "today": 0, "tonight": 0, "now": 0, "tomorrow": 1, "tmrw": 1, "tmr": 1, "yesterday": -1,
        "eow": (4 - today.weekday()) % 7, "end of week": (4 - today.weekday()) % 7,
        "end of the week": (4 - today.weekday()) % 7, "this weekend": (5 - today.weekday()) % 7,
        "weekend": (5 - today.weekday()) % 7, "next week": 7 - today.weekday(),
    }
    if text in fixed:
        return today + timedelta(days=fixed[text])
    if text == "next month":
        return _add_months(today, 1)
    if text in ("eom", "end of month", "end of the month", "month end", "end of this month"):
        return today.replace(day=_days_in(today.year, today.month))
    if text in ("end of next month",):
        nxt = _add_months(today.replace(day=1), 1)
        return nxt.replace(day=_days_in(nxt.year, nxt.month))
    if len(words) == 1 and (index := _weekday(words[0])) is not None:
        return today + timedelta(days=(index - today.weekday() - 1) % 7 + 1)  # a weekday never means today
    if len(words) == 2 and words[0] in ("next", "this", "on", "by") and (index := _weekday(words[1])) is not None:
        ahead = (index - today.weekday() - 1) % 7 + 1
        # "next tuesday" said on a Monday means the Tuesday of next week, not tomorrow
        if words[0] == "next" and ahead < 7 and index > today.weekday():
            ahead += 7
        return today + timedelta(days=ahead)
    match = re.fullmatch(r"in (\w+) (\w+)", text)
    if match:
        count_word, unit = match.groups()
        count = NUMBERS.get(count_word) if not count_word.isdigit() else int(count_word)
        if count is None:
            raise Refused(f'relmeet counts in figures ("in 3 weeks"), not "{count_word}".')
        if unit in UNITS:
            return today + timedelta(days=count * UNITS[unit])
        if unit in ("month", "months"):
            return _add_months(today, count)
        raise Refused(f'relmeet counts days, weeks or months, not "{unit}".')
    return None


def _read_day(text: str, today: date, day_first: bool) -> date:
    """The date a normalised phrase names; raises Refused."""
    words = text.split()
    while len(words) > 1 and words[0] in ("on", "by", "due"):  # "by fri", "due next tue"
        words = words[1:]
    text = " ".join(words)
    if match := ISO.fullmatch(text):
        return _make(int(match[1]), int(match[2]), int(match[3]))
    day = _relative_day(text, today)
    if day is not None:
        return day
    words = [w for w in text.split() if w not in FILLER] if len(text.split()) > 1 else text.split()
    if not words:
        raise Refused()
    weekday = _weekday(words[0]) if len(words) > 1 else None
    if weekday is not None:  # "mon dec 7", "monday the 14th": the rest names the day, the weekday checks it
        rest = words[1:]
        if len(rest) == 1 and rest[0].isdigit():
            raise Refused()  # "mon 7" is Monday at seven o'clock, not a date (parse_when takes it)
        day = _calendar_day(rest, today, day_first)
        if day is None:
            raise Refused()
        if day.weekday() != weekday:
            raise Refused(f"{day:%-d %b %Y} is a {WEEKDAYS[day.weekday()].title()}, not a {WEEKDAYS[weekday].title()}.",
                          f'Leave out "{words[0]}", or correct the date.')
        return day
    day = _calendar_day(words, today, day_first)
    if day is None:
        raise Refused()
    return day


def _normalise(text: str) -> str:
    return " ".join(text.strip().lower().replace(",", " ").split())


def _refusal(text: str, refused: Refused, hint: str, what: str = "a date") -> str:
    phrase = text.strip()
    if refused.reason is None:
        return f'"{phrase}" isn\'t {what} relmeet knows. {hint}'
    return f'"{phrase}": {refused.reason} {refused.suggestion or hint}'


def parse_due(text: str, today: date | None = None, *, field: str = "due",
              day_first: bool | None = None) -> date | None:
    """A day from a phrase; empty means no date. Raises ValidationError naming the field.

    A time of day after the day ("mon dec 7 3pm") is read and dropped: a due date is a day."""
    phrase = _normalise(text)
    if not phrase:
        return None
    first = day_first_default() if day_first is None else day_first
    on = today or _today()
    try:
        return _read_day(phrase, on, first)
    except Refused as refused:
        try:
            day, clock = _read_when(phrase, on, first)
        except Refused as at_time:  # "fri 25:00": the time is what is wrong, say so
            refused = refused if refused.reason or at_time.reason is None else at_time
            clock = None
        if clock is not None:
            return day
        raise ValidationError({field: _refusal(text, refused, HINT)}) from None


def _clock(words: list[str]) -> tuple[time, int] | None:
    """A time of day at the end of the words, and how many words it took; None if there is none.

    Takes "3pm", "3 pm", "15:00", "at 9", "noon"; a bare number only after "at"."""
    if not words:
        return None
    if words[-1] in ("noon", "midday"):
        taken, hour, minute, half = 1, 12, 0, None
    else:
        taken = 2 if len(words) >= 2 and words[-1] in ("am", "pm") else 1
        tail = "".join(words[-taken:])
        match = TIME.fullmatch(tail)
        at = len(words) > taken and words[-taken - 1] == "at"
        if match is None or not (match[2] or match[3] or at):
            return None
        hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
        if half and not 1 <= hour <= 12:
            raise Refused(f"{tail} is not a time of day.", f'Try "{hour % 12 or 12}{half}" or "{hour}:00".')
        if half and half.startswith("p") and hour < 12:
            hour += 12
        if half and half.startswith("a") and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            raise Refused(f"{tail} is not a time of day.", TIME_HINT)
    if len(words) > taken and words[-taken - 1] == "at":
        taken += 1
    return time(hour, minute), taken


def _read_when(phrase: str, today: date, day_first: bool) -> tuple[date, time | None]:
    """A day and maybe a time: the time comes last ("fri 7pm", "tomorrow at 9", "mon 7")."""
    words = phrase.split()
    clock = _clock(words)
    if clock is not None:
        rest = " ".join(words[:-clock[1]])
        return (_read_day(rest, today, day_first) if rest else today), clock[0]
    try:
        return _read_day(phrase, today, day_first), None
    except Refused as refused:
        # "tomorrow 9", "mon 7": a last bare number after a day is the hour
        if len(words) > 1 and re.fullmatch(r"\d{1,2}", words[-1]) and int(words[-1]) <= 23:
            try:
                return _read_day(" ".join(words[:-1]), today, day_first), time(int(words[-1]))
            except Refused:
                raise refused from None
        raise


def parse_when(text: str, today: date | None = None, *, field: str = "when",
               day_first: bool | None = None) -> datetime | None:
    """A meeting time: "fri 7pm", "mon dec 7 3pm", "tomorrow 18:30", "2026-12-03 10:00", "next tuesday at 9".
    Returns a naive local datetime (the store turns it into UTC). A day without a time is kept at
    noon, so that it never slides to the day before when shown in another zone."""
    phrase = _normalise(text)
    if not phrase:
        return None
    try:
        day, clock = _read_when(phrase, today or _today(), day_first_default() if day_first is None else day_first)
    except Refused as refused:
        raise ValidationError({field: _refusal(text, refused, TIME_HINT, "a day and time")}) from None
    return datetime.combine(day, clock or time(12, 0))

"""Dates as organizers type them: "fri", "next tuesday", "in 2 weeks", "2026-12-03", "dec 3".

Hand-written because the phrases are few and the messages must say what to type instead; the
well-known parsers (dateparser, parsedatetime) are large, guess silently at nonsense, and would be
the slowest import on the shell path.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from relmeet.domain import today as _today
from relmeet.domain.errors import ValidationError

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "wk": 7, "wks": 7}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}
HINT = 'Try "fri", "next tuesday", "in 2 weeks", "dec 3" or "2026-12-03".'


def _weekday(word: str) -> int | None:
    word = word.rstrip(".")
    if len(word) < 3:
        return None
    for index, name in enumerate(WEEKDAYS):
        if name.startswith(word) or (word in ("tues", "thur", "thurs") and name.startswith(word[:3])):
            return index
    return None


def _month(word: str) -> int | None:
    word = word.rstrip(".")
    if len(word) < 3:
        return None
    for index, name in enumerate(MONTHS, start=1):
        if name.startswith(word) or (word == "sept" and index == 9):
            return index
    return None


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _upcoming(month: int, dom: int, today: date) -> date:
    """'dec 3' means the next Dec 3 on or after today (organizers plan forward)."""
    candidate = date(today.year, month, dom)
    return candidate if candidate >= today else date(today.year + 1, month, dom)


def _parse_day(text: str, today: date) -> date | None:
    words = text.split()
    if text in ("today", "tonight", "now"):
        return today
    if text in ("tomorrow", "tmrw", "tmr"):
        return today + timedelta(days=1)
    if text in ("eow", "end of week", "end of the week", "this weekend", "weekend"):
        return today + timedelta(days=(4 - today.weekday()) % 7 if text.startswith(("eow", "end")) else
                                 (5 - today.weekday()) % 7)
    if text in ("next week",):
        return today + timedelta(days=7 - today.weekday())
    if text in ("next month",):
        return _add_months(today, 1)
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    if len(words) == 1 and (index := _weekday(words[0])) is not None:
        return today + timedelta(days=(index - today.weekday() - 1) % 7 + 1)
    if len(words) == 2 and words[0] in ("next", "this", "on") and (index := _weekday(words[1])) is not None:
        ahead = (index - today.weekday() - 1) % 7 + 1
        # "next tuesday" said on a Monday means the Tuesday of next week, not tomorrow
        if words[0] == "next" and ahead < 7 and index > today.weekday():
            ahead += 7
        return today + timedelta(days=ahead)
    match = re.fullmatch(r"in (\w+) (\w+)", text)
    if match:
        count_word, unit = match.groups()
        count = NUMBERS.get(count_word) if not count_word.isdigit() else int(count_word)
        if count is not None and unit in UNITS:
            return today + timedelta(days=count * UNITS[unit])
        if count is not None and unit in ("month", "months"):
            return _add_months(today, count)
        return None
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?", text)
    if match:  # month/day, the US order the tip sheets use
        month, dom, year = int(match[1]), int(match[2]), match[3]
        try:
            if year:
                return date(int(year) + (2000 if len(year) == 2 else 0), month, dom)
            return _upcoming(month, dom, today)
        except ValueError:
            return None
    match = re.fullmatch(r"([a-z.]+) (\d{1,2})(?:,? (\d{4}))?|(\d{1,2}) ([a-z.]+)(?: (\d{4}))?", text)
    if match:
        month_word, dom, year = (match[1], match[2], match[3]) if match[1] else (match[5], match[4], match[6])
        month = _month(month_word)
        if month is None:
            return None
        try:
            return date(int(year), month, int(dom)) if year else _upcoming(month, int(dom), today)
        except ValueError:
            return None
    return None


def parse_due(text: str, today: date | None = None, *, field: str = "due") -> date | None:
    """A due date from a phrase; empty means no date. Raises ValidationError naming the field."""
    phrase = " ".join(text.strip().lower().replace(",", " ").split())
    if not phrase:
        return None
    day = _parse_day(phrase, today or _today())
    if day is None:
        raise ValidationError({field: f'"{text.strip()}" isn\'t a date relmeet knows. {HINT}'})
    return day


TIME = re.compile(r"(?:at )?(\d{1,2})(?::(\d{2}))?\s*(am|pm|a|p)?$")


def parse_when(text: str, today: date | None = None, *, field: str = "when") -> datetime | None:
    """A meeting time: "fri 7pm", "tomorrow 18:30", "2026-12-03 10:00", "next tuesday at 9".
    Returns a naive local datetime (the store turns it into UTC). A day without a time is kept at
    noon, so that it never slides to the day before when shown in another zone."""
    phrase = " ".join(text.strip().lower().replace(",", " ").split())
    if not phrase:
        return None
    clock: time | None = None
    parts = phrase.split()
    for take in (2, 1):  # "7 pm" or "7pm" / "18:30" / "at 9"
        tail = " ".join(parts[-take:]).replace(" ", "") if take == 2 and parts[-1] in ("am", "pm") else None
        if take == 1:
            tail = parts[-1] if len(parts) > 1 or ":" in parts[-1] or parts[-1].endswith(("am", "pm")) else None
        if tail:
            match = TIME.fullmatch(tail)
            if match:
                hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
                if half and half.startswith("p") and hour < 12:
                    hour += 12
                if half and half.startswith("a") and hour == 12:
                    hour = 0
                if hour > 23 or minute > 59:
                    raise ValidationError({field: f'"{text.strip()}": {match[0]} is not a time of day.'})
                clock = time(hour, minute)
                parts = parts[:-take]
                if parts and parts[-1] == "at":
                    parts = parts[:-1]
                break
    day_text = " ".join(parts) or "today"
    day = _parse_day(day_text, today or _today())
    if day is None:
        raise ValidationError({field: f'"{text.strip()}" isn\'t a day and time relmeet knows. '
                                      'Try "fri 7pm", "tomorrow 18:30" or "2026-12-03 10:00".'})
    return datetime.combine(day, clock or time(12, 0))

"""Time: the book stores timezone-aware UTC instants as ISO 8601 text and calendar dates as YYYY-MM-DD."""
from __future__ import annotations

import os
from datetime import date, datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def now_iso() -> str:
    """This moment as the book stores it."""
    return to_iso(utcnow())  # type: ignore[return-value]


def to_iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # a naive time typed by the user is local time
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def from_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def local(moment: datetime | None) -> datetime | None:
    return moment.astimezone() if moment else None


def today() -> date:
    """The organizer's local date; RELMEET_TODAY (YYYY-MM-DD) pins it so screenshots and snapshot
    tests of date-relative views ("overdue", "in 3 days") come out the same on any day."""
    pinned = os.environ.get("RELMEET_TODAY")
    return date.fromisoformat(pinned) if pinned else datetime.now().date()

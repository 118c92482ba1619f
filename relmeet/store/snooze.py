"""Snoozing what is due: a commitment, or the check-in a follow-up set, put off to a day with a reason
("she's away until the 14th"). Until that day it shows as snoozed, not overdue (store/due.py,
store/commitments.py and the overdue counts read `snoozed_until`); on that day it is due again."""
from __future__ import annotations

from datetime import date

from relmeet.domain import now_iso, today
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.store.book import Book

_WHAT = {"commitment": ("commitment", "status = 'open'", "an open commitment"),
         "check_in": ("meeting", "check_in_on IS NOT NULL AND check_in_done_on IS NULL", "a check-in still to make")}


def snooze(book: Book, what: str, item_id: int, until: date, reason: str = "") -> None:
    """Put off a commitment (`what` "commitment") or a meeting's check-in ("check_in") until a later day."""
    if until <= today():
        raise ValidationError({"snoozed_until": f"Snooze to a day after today ({today():%a %-d %b})."})
    _set(book, what, item_id, until.isoformat(), reason.strip())


def unsnooze(book: Book, what: str, item_id: int) -> None:
    """Due again as it was: overdue if its date has passed."""
    _set(book, what, item_id, None, "")


def _set(book: Book, what: str, item_id: int, until: str | None, reason: str) -> None:
    if what not in _WHAT:
        raise RelmeetError(f"only a commitment or a check-in can be snoozed, not {what!r}")
    table, open_only, words = _WHAT[what]
    with book._write() as conn:
        found = conn.execute(f"UPDATE {table} SET snoozed_until = ?, snooze_reason = ?, updated_at = ? "
                             f"WHERE id = ? AND {open_only}", (until, reason, now_iso(), item_id)).rowcount
        if not found:
            raise RelmeetError(f"that is no longer {words} in the book")

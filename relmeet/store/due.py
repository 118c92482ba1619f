"""What needs doing: open commitments that are overdue or due soon, both ways, the check-ins that came
due (a check-in date passed stays overdue until it is done) and the decide-by dates of pending asks (overdue
once passed, until the answer is recorded)."""
from __future__ import annotations

from datetime import date, timedelta

from relmeet.domain import today
from relmeet.domain.commitments import CommitmentFilter
from relmeet.domain.errors import RelmeetError
from relmeet.domain.people import DueItem
from relmeet.store.book import Book


def due_soon(book: Book, *, within_days: int = 7, owner: str = "all", limit: int = 200) -> list[DueItem]:
    """Open commitments due by the end of the window, check-ins to make and pending asks to decide (mine),
    overdue first; undated
    commitments are left to the contact's history and the commitments view, since 'due' is about dates.
    `owner`: "mine", "theirs" or "all"."""
    from relmeet.store.commitments import check_ins, decisions

    if owner not in ("mine", "theirs", "all"):
        raise RelmeetError(f"whose commitments? {owner!r} is not mine, theirs or all")
    horizon = (today() + timedelta(days=within_days)).isoformat()
    whose = "" if owner == "all" else "AND k.owner = ? "
    rows = book._rows(
        "SELECT k.id, k.contact_id, c.name, k.owner, k.text, k.due_on, k.status, k.meeting_id, k.snoozed_until, "
        "k.snooze_reason FROM commitment k JOIN contact c ON c.id = k.contact_id "
        # a snoozed commitment comes due again on the day it was snoozed to
        f"WHERE k.status = 'open' AND k.due_on IS NOT NULL AND max(k.due_on, coalesce(k.snoozed_until, '')) <= ? "
        f"{whose}AND c.archived_at IS NULL ORDER BY k.due_on, c.name COLLATE NOCASE LIMIT ?",
        (horizon, *((owner,) if whose else ()), limit))
    items = [DueItem(id=r[0], contact_id=r[1], contact=r[2], owner=r[3], text=r[4],
                     due_on=date.fromisoformat(r[5]), status=r[6], meeting_id=r[7],
                     snoozed_until=date.fromisoformat(r[8]) if r[8] else None, snooze_reason=r[9]) for r in rows]
    if owner != "theirs":
        window = CommitmentFilter(within_days=within_days)
        items += check_ins(book, window, limit=limit)
        items += decisions(book, window, limit=limit)
        # stable: a commitment, then a check-in, then a decision due the same day
        items.sort(key=lambda item: item.due_on)
    return items[:limit]


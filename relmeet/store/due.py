"""What needs doing: open commitments that are overdue or due soon, both ways."""
from __future__ import annotations

from datetime import date, timedelta

from relmeet.domain import CommitmentStatus, to_iso, today, utcnow
from relmeet.domain.errors import RelmeetError
from relmeet.domain.people import DueItem
from relmeet.store.book import Book


def due_soon(book: Book, *, within_days: int = 7, limit: int = 200) -> list[DueItem]:
    """Open commitments due by the end of the window, overdue first; undated ones are left to the
    contact's history, since 'due' is about dates."""
    horizon = (today() + timedelta(days=within_days)).isoformat()
    rows = book._rows(
        "SELECT k.id, k.contact_id, c.name, k.owner, k.text, k.due_on, k.status, k.meeting_id "
        "FROM commitment k JOIN contact c ON c.id = k.contact_id "
        "WHERE k.status = 'open' AND k.due_on IS NOT NULL AND k.due_on <= ? AND c.archived_at IS NULL "
        "ORDER BY k.due_on, c.name COLLATE NOCASE LIMIT ?", (horizon, limit))
    return [DueItem(id=r[0], contact_id=r[1], contact=r[2], owner=r[3], text=r[4],
                    due_on=date.fromisoformat(r[5]), status=r[6], meeting_id=r[7]) for r in rows]


def set_status(book: Book, commitment_id: int, status: str) -> None:
    if status not in {s.value for s in CommitmentStatus}:
        raise RelmeetError(f"unknown commitment status {status!r}")
    now = to_iso(utcnow())
    closed = None if status == CommitmentStatus.open else now
    with book._write() as conn:
        changed = conn.execute("UPDATE commitment SET status = ?, closed_at = ?, updated_at = ? WHERE id = ?",
                               (status, closed, now, commitment_id)).rowcount
    if not changed:
        raise RelmeetError(f"commitment {commitment_id} is no longer in the book")

"""Checks on the book file itself."""
from __future__ import annotations

from relmeet.store.book import Book


def integrity(book: Book) -> list[str]:
    """SQLite's own check; an empty list means the book is whole.

    PRAGMA integrity_check reports damage as rows instead of raising, so compare with 'ok'.
    """
    rows = [r[0] for r in book.rows("PRAGMA integrity_check")]
    problems = [r for r in rows if r != "ok"]
    problems += [f"broken link in {r[0]}" for r in book.rows("PRAGMA foreign_key_check")]
    return problems


# Relationship health (seed 001: check in with partners between meetings).

from datetime import date  # noqa: E402

from relmeet.domain import today  # noqa: E402
from relmeet.domain.people import Health, Stale

TEND_SETTING = "tend_after_days"
TEND_DEFAULT = 30


def tend_after_days(book: Book) -> int:
    from relmeet.store.contacts import get_setting

    value = get_setting(book, TEND_SETTING, str(TEND_DEFAULT))
    return int(value) if value.isdigit() else TEND_DEFAULT


def set_tend_after_days(book: Book, days: int) -> None:
    from relmeet.domain.errors import ValidationError
    from relmeet.store.contacts import set_setting

    if not 1 <= days <= 3650:
        raise ValidationError({"days": "A number of days from 1 to 3650."})
    set_setting(book, TEND_SETTING, str(days))


def _days_since(last: str | None) -> int | None:
    if not last:
        return None
    from relmeet.domain import from_iso

    return (today() - from_iso(last).astimezone().date()).days


def contact_health(book: Book, contact_id: int) -> Health:
    now = today().isoformat()
    row = book.row(
        "SELECT (SELECT max(coalesce(started_at, scheduled_at)) FROM meeting WHERE contact_id = :c AND status = 'held'),"
        " (SELECT count(*) FROM commitment WHERE contact_id = :c AND status = 'open' AND owner = 'theirs' AND due_on < :d),"
        " (SELECT count(*) FROM commitment WHERE contact_id = :c AND status = 'open' AND owner = 'mine' AND due_on < :d),"
        " (SELECT count(*) FROM exchange WHERE contact_id = :c AND direction = 'ask' AND status <> 'planned'),"
        " (SELECT count(*) FROM exchange WHERE contact_id = :c AND direction = 'offer' AND status <> 'planned')",
        {"c": contact_id, "d": now})
    return Health(_days_since(row[0]), row[1], row[2], row[3], row[4])


def tend_these(book: Book, threshold_days: int | None = None, limit: int = 50) -> list[Stale]:
    """Allies and leaders not met for longer than the threshold (never met counts), longest first."""
    days = tend_after_days(book) if threshold_days is None else threshold_days
    cutoff = date.fromordinal(today().toordinal() - days).isoformat()
    rows = book.rows(
        "SELECT c.id, c.name, c.stance, c.is_leader, "
        "(SELECT max(coalesce(m.started_at, m.scheduled_at)) FROM meeting m WHERE m.contact_id = c.id "
        " AND m.status = 'held') AS last "
        "FROM contact c WHERE c.archived_at IS NULL AND c.kind = 'person' "
        "AND (c.is_leader = 1 OR c.stance = 'ally' OR EXISTS (SELECT 1 FROM campaign_contact cc "
        "     WHERE cc.contact_id = c.id AND cc.stance = 'ally')) "
        "AND NOT EXISTS (SELECT 1 FROM meeting p WHERE p.contact_id = c.id AND p.status IN ('planned', 'in_progress')) "
        "AND (last IS NULL OR substr(last, 1, 10) < ?) "
        "ORDER BY last IS NOT NULL, last, c.name COLLATE NOCASE LIMIT ?", (cutoff, limit))
    return [Stale(r[0], r[1], r[2], bool(r[3]), _days_since(r[4])) for r in rows]


def overview(book: Book) -> dict[str, int]:
    """The home screen's counts: overdue both ways, and asks made against offers made."""
    now = today().isoformat()
    row = book.row(
        "SELECT (SELECT count(*) FROM commitment WHERE status = 'open' AND owner = 'theirs' AND due_on < :d),"
        " (SELECT count(*) FROM commitment WHERE status = 'open' AND owner = 'mine' AND due_on < :d),"
        " (SELECT count(*) FROM exchange WHERE direction = 'ask' AND status <> 'planned'),"
        " (SELECT count(*) FROM exchange WHERE direction = 'offer' AND status <> 'planned')", {"d": now})
    return {"overdue_theirs": row[0], "overdue_mine": row[1], "asks": row[2], "offers": row[3]}

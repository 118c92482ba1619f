"""Checks on the book file itself, and relationship health."""
from __future__ import annotations

import sqlite3

from relmeet import db, keys
from relmeet.store.book import Book


def integrity(book: Book) -> list[str]:
    """SQLite's own check; an empty list means the book is whole.

    PRAGMA integrity_check reports damage as rows instead of raising, so compare with 'ok'.
    """
    rows = [r[0] for r in book._rows("PRAGMA integrity_check")]
    problems = [r for r in rows if r != "ok"]
    problems += [f"broken link in {r[0]}" for r in book._rows("PRAGMA foreign_key_check")]
    return problems


# Damage. The book is checked when it is opened (db.connect, for at most db.CHECK_SECONDS); a book too
# big for that is checked whole by the app's daily backup. A damaged book is open read-only.

def damage(book: Book) -> str | None:
    """What is wrong with the book, as its last check in this process found; None when it is whole."""
    return db.damage(book.path)


def needs_whole_check(book: Book) -> bool:
    """The check at open ran out of time (a big book) and no whole check was recorded today."""
    return db.check_unfinished(book.path)


def check_whole(book: Book) -> str | None:
    """SQLite's quick_check over the whole book, however long it takes (call it off the interface
    thread). A damaged book becomes read-only; a whole one records the day, so that opening it again
    today skips the check. Returns what is wrong, or None."""
    found = db.quick_check(book._conn)
    if found != "ok":
        mark_damaged(book, found)
        return found
    db.set_damage(book.path, None)
    record_clean_check(book)
    return None


def record_clean_check(book: Book) -> bool:
    """Note in the book that it checked whole today; False if it couldn't be written just now."""
    from relmeet.domain import today
    from relmeet.store.contacts import set_setting

    try:
        set_setting(book, db.CLEAN_CHECK_SETTING, today().isoformat())
    except keys.errors("OperationalError"):
        return False  # busy or read-only just now: the next opening checks again, nothing is lost
    return True


def mark_damaged(book: Book, problem: str) -> None:
    """Make the open book read-only: its connections now and those opened from here on."""
    db.set_damage(book.path, problem)
    _set_query_only(book, True)


def mark_whole(book: Book) -> None:
    """After a restore: the book may be written to again."""
    db.set_damage(book.path, None)
    _set_query_only(book, False)


def _set_query_only(book: Book, on: bool) -> None:
    with book._lock:
        for conn in book._all:
            conn.execute(f"PRAGMA query_only = {'ON' if on else 'OFF'}")
    if book._made_engine is not None:
        book._made_engine.dispose()  # its pooled connections were set up before; new ones follow db.configure


def damaged_message(book: Book, problem: str, *, shell: bool = False) -> str:
    """One line for a damaged book, offering the latest backup."""
    from relmeet.store.backup import list_backups

    found = list_backups(book)
    if shell:
        offer = (f"`relmeet restore 1` puts back the latest backup, of {found[0].made_at.astimezone():%Y-%m-%d %H:%M}"
                 if found else "there is no backup of it to put back")
        return f"the book {book.path} is damaged ({problem}): {offer}; the book was left untouched"
    offer = (f"Quit and run `relmeet restore` (or use the palette's 'book: restore') to put back the latest "
             f"backup, of {found[0].made_at.astimezone():%Y-%m-%d %H:%M}." if found else
             "There is no backup of it to put back.")
    return (f"The book {book.path.name} is damaged ({problem}), so relmeet opened it read-only: nothing new "
            f"can be saved to it. {offer}")


# Relationship health (seed 001: check in with partners between meetings).

from datetime import date  # noqa: E402

from relmeet.domain import today  # noqa: E402
from relmeet.domain.people import Health, HomePanes, Stale

TEND_SETTING = "tend_after_days"
TEND_DEFAULT = 30


# what `relmeet check` counts, by the words a user reads
_COUNTED = [("contact", "contacts"), ("campaign", "campaigns"), ("meeting", "meetings"),
            ("interest", "interests"), ("exchange", "asks and offers"), ("commitment", "commitments"),
            ("referral", "referrals"), ("win", "wins")]


def counts(book: Book) -> dict[str, int]:
    """How many of each thing the book holds."""
    return {label: book._value(f"SELECT count(*) FROM {table}") for table, label in _COUNTED}


def book_version(book: Book) -> int:
    return book._value("PRAGMA user_version")


def connection_settings(book: Book) -> dict[str, dict[str, int]]:
    """The pragmas in force on the book's reading and writing connections (what `db.configure` sets)."""
    names = ("foreign_keys", "busy_timeout")
    reader = {name: book._value(f"PRAGMA {name}") for name in names}
    with book._engine.connect() as conn:
        writer = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in names}
    return {"reader": reader, "writer": writer}


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
    """Their health line: last met, overdue both ways, asks and offers I made. Mine counts what the home
    screen's line counts for them: my commitments, their pending asks past the decide-by date, check-ins and
    thank-yous (`relmeet due --mine`'s overdue lines for this contact)."""
    from relmeet.domain.commitments import CommitmentFilter
    from relmeet.store.commitments import overdue_check_in_count, thank_yous

    now = today().isoformat()
    row = book._row(
        # last met: any meeting they were in, a house meeting they came to as much as their own
        "SELECT (SELECT max(coalesce(m.started_at, m.scheduled_at)) FROM meeting_participant p "
        "  JOIN meeting m ON m.id = p.meeting_id WHERE p.contact_id = :c AND m.status = 'held'),"
        " (SELECT count(*) FROM commitment WHERE contact_id = :c AND status = 'open' AND owner = 'theirs'"
        "  AND max(due_on, coalesce(snoozed_until, '')) < :d),"
        " (SELECT count(*) FROM commitment WHERE contact_id = :c AND status = 'open' AND owner = 'mine'"
        "  AND max(due_on, coalesce(snoozed_until, '')) < :d),"
        " (SELECT count(*) FROM exchange WHERE contact_id = :c AND direction = 'ask' AND made_by = 'me' "
        "  AND status <> 'planned'),"
        " (SELECT count(*) FROM exchange WHERE contact_id = :c AND direction = 'offer' AND made_by = 'me' "
        "  AND status <> 'planned'),"
        " (SELECT count(*) FROM exchange WHERE contact_id = :c AND status = 'thinking' AND decide_by < :d)",
        {"c": contact_id, "d": now})
    late = (row[5] + overdue_check_in_count(book, (contact_id,))
            + sum(1 for owed in thank_yous(book, CommitmentFilter(contacts=(contact_id,))) if owed.due_on < today()))
    return Health(_days_since(row[0]), row[1], row[2] + late, row[3], row[4])


GUEST_PAGE = 200  # candidates whose guest meetings are read at once


def tend_these(book: Book, threshold_days: int | None = None, limit: int = 50) -> list[Stale]:
    """Allies and leaders not met for longer than the threshold (never met counts), longest first."""
    days = tend_after_days(book) if threshold_days is None else threshold_days
    cutoff = date.fromordinal(today().toordinal() - days).isoformat()
    # Last met counts a house meeting they came to as a guest, which can only make someone less stale. So the
    # candidates come stalest first by their own meetings (schema 9's index), and the guest meetings (schema 11's)
    # are read a page at a time until no later candidate can come before the ones found: asking every ally both
    # questions in one query took 0.21 s on the benchmark book, against 0.065 s for their own meetings alone.
    candidates = book._rows(
        "SELECT c.id, c.name, c.stance, c.is_leader, "
        "(SELECT max(coalesce(m.started_at, m.scheduled_at)) FROM meeting m INDEXED BY meeting_held_by_contact "
        " WHERE m.contact_id = c.id AND m.status = 'held') AS last "
        "FROM contact c WHERE c.archived_at IS NULL AND c.kind = 'person' "
        "AND (c.is_leader = 1 OR c.stance = 'ally' OR EXISTS (SELECT 1 FROM campaign_contact cc "
        "     WHERE cc.contact_id = c.id AND cc.stance = 'ally')) "
        "AND NOT EXISTS (SELECT 1 FROM meeting p WHERE p.contact_id = c.id AND p.status IN ('planned', 'in_progress')) "
        "AND (last IS NULL OR substr(last, 1, 10) < ?) "
        "ORDER BY last IS NOT NULL, last, c.name COLLATE NOCASE", (cutoff,))
    found: list[tuple] = []
    for start in range(0, len(candidates), GUEST_PAGE):
        page = candidates[start:start + GUEST_PAGE]
        marks = ", ".join("?" * len(page))
        guest = dict(book._rows(
            "SELECT g.contact_id, max(coalesce(m.started_at, m.scheduled_at)) FROM meeting_participant g "
            "INDEXED BY meeting_participant_guest JOIN meeting m ON m.id = g.meeting_id "
            f"WHERE g.contact_id IN ({marks}) AND g.role = 'participant' AND m.status = 'held' GROUP BY g.contact_id",
            tuple(r[0] for r in page)))
        for r in page:
            last = max(filter(None, (r[4], guest.get(r[0]))), default=None)
            if last is None or last[:10] < cutoff:
                found.append((r[0], r[1], r[2], r[3], last))
        following = candidates[start + GUEST_PAGE][4] if start + GUEST_PAGE < len(candidates) else None
        settled = [f for f in found if f[4] is None or (following is not None and f[4] <= following)]
        if len(settled) >= limit:
            break
    found.sort(key=lambda f: (f[4] is not None, f[4] or "", f[1].casefold()))
    rows = found[:limit]
    return [Stale(r[0], r[1], r[2], bool(r[3]), _days_since(r[4])) for r in rows]


def overview(book: Book, thanks_owed: list | None = None) -> dict[str, int]:
    """The home screen's counts: overdue both ways, and the exchange both ways: asks and offers I made
    ("asks", "offers"), and theirs ("asked_by_them", "offered_by_them").

    Overdue mine counts the pending asks whose decide-by date has passed ("decide_overdue" says how many of
    them): the commitments view and `relmeet due --mine` list each as a follow-up that is mine to chase,
    whoever asked, until the answer is recorded; by the same rule (commitments.decisions), none of an archived
    contact. An exchange has no snooze, so none is left out for one. An archived contact's commitments are not
    counted either, as the commitments view and `relmeet due` leave them out. Mine counts the late check-ins
    ("check_in_overdue") and thank-yous ("thank_you_overdue") too: every "overdue" line of `relmeet due --mine`."""
    now = today().isoformat()
    # overdue: due, and not snoozed to a later day; written so the index's due_on range applies (schema 11),
    # less an archived contact's (few, each through its open commitments), as the commitments view leaves them out
    overdue = ("(SELECT count(*) FROM commitment INDEXED BY commitment_overdue WHERE status = 'open' "
               "  AND owner = '{owner}' AND due_on < :d AND coalesce(snoozed_until, '') < :d)"
               " - (SELECT count(*) FROM contact c CROSS JOIN commitment k INDEXED BY commitment_open_by_contact"
               "  ON k.contact_id = c.id WHERE c.archived_at IS NOT NULL AND k.status = 'open' AND k.owner = '{owner}'"
               "  AND k.due_on < :d AND coalesce(k.snoozed_until, '') < :d)")
    row = book._row(
        f"SELECT {overdue.format(owner='theirs')}, {overdue.format(owner='mine')},"
        # passed decide-by dates: all of them from schema 11's partial index alone, less the archived contacts'
        # (few, each through its exchanges). Looking up each one's contact instead took 0.3 s with 87,000 passed.
        " (SELECT count(*) FROM exchange INDEXED BY exchange_decide_by WHERE status = 'thinking' AND decide_by < :d)"
        " - (SELECT count(*) FROM contact c CROSS JOIN exchange x INDEXED BY exchange_contact ON x.contact_id = c.id"
        "  WHERE c.archived_at IS NOT NULL AND x.status = 'thinking' AND x.decide_by < :d)", {"d": now})
    # and the check-ins and thank-yous that are late, by the rules `relmeet due --mine` lists them with
    from relmeet.store.commitments import overdue_check_in_count, thank_yous

    check_ins = overdue_check_in_count(book)
    # thanks_owed: the thank-yous the caller already read (the home panes list them), not read twice
    thanks = sum(1 for owed in (thank_yous(book) if thanks_owed is None else thanks_owed) if owed.due_on < today())
    counts = {"overdue_theirs": row[0], "overdue_mine": row[1] + row[2] + check_ins + thanks,
              "decide_overdue": row[2], "check_in_overdue": check_ins, "thank_you_overdue": thanks, "asks": 0,
              "offers": 0, "asked_by_them": 0, "offered_by_them": 0}
    names = {("ask", "me"): "asks", ("offer", "me"): "offers", ("ask", "them"): "asked_by_them",
             ("offer", "them"): "offered_by_them"}
    for direction, made_by, n in book._rows("SELECT direction, made_by, count(*) FROM exchange INDEXED BY "
                                            "exchange_made_by WHERE status <> 'planned' GROUP BY direction, made_by"):
        counts[names[(direction, made_by)]] = n
    return counts


def home_panes(book: Book) -> HomePanes:
    """Everything the home screen's side panes show, read in one go (off the interface thread)."""
    from relmeet.domain.commitments import CommitmentFilter
    from relmeet.store import commitments, due, meetings

    days = tend_after_days(book)
    owed = due.due_soon(book)
    # the thank-yous by the one rule the commitments view and `relmeet due` follow
    thanks = commitments.thank_yous(book, CommitmentFilter(within_days=7))  # every overdue one among them
    owed += thanks
    owed.sort(key=lambda item: item.due_on)  # stable: a thank-you after a commitment due the same day
    return HomePanes(upcoming=meetings.upcoming(book, limit=20), due=owed, tend_after_days=days,
                     tend=tend_these(book, days), counts=overview(book, thanks))

"""The ledger worked after the meeting: commitments both ways, marked done, partly, missed or dropped on
the day it happened, with dated progress notes, a second contact they involve, and an undo log; and the
check-in dates set at a follow-up, which turn overdue once passed until the organizer checks in.

Every mark writes the commitment as it was to `commitment_change` first, in the same transaction, so
`undo` can put the latest back (and undo again walks further back).
"""
from __future__ import annotations

import json
from datetime import date, timedelta

from relmeet.domain import today
from relmeet.domain.clock import from_iso, now_iso
from relmeet.domain.commitments import (
    CLOSING,
    CheckInDue,
    CommitmentFilter,
    CommitmentLine,
    CommitmentNote,
    DecideByDue,
    Ledger,
    LedgerFilters,
    decide_by_text,
)
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.meetings import THANK_YOU_DAYS, THANK_YOU_SETTING, ThankYouDue
from relmeet.domain.people import Pick
from relmeet.domain.text import clean_text
from relmeet.store.book import Book

PAGE = 300  # rows the view shows at once; the filters find the rest
HISTORY_LIMIT = 100
MORE_CAP = 1000  # past the page, "…and N more" counts this far ("1000+")

_GONE = "That commitment is no longer in the book."

_LINES = """
SELECT k.id, k.contact_id, c.name, k.owner, k.text, k.due_on, k.status, k.done_on, k.outcome_note,
       k.involves_contact_id, coalesce(i.name, ''), coalesce(g.name, ''), k.meeting_id, k.private,
       EXISTS (SELECT 1 FROM commitment_change h WHERE h.commitment_id = k.id), k.snoozed_until, k.snooze_reason
FROM commitment k JOIN contact c ON c.id = k.contact_id
LEFT JOIN contact i ON i.id = k.involves_contact_id
LEFT JOIN meeting m ON m.id = k.meeting_id
LEFT JOIN campaign g ON g.id = coalesce(k.campaign_id, m.campaign_id)
"""
# open ones by due date (so the overdue come first), undated after them; then the closed, latest first
_ORDER = ("ORDER BY k.status <> 'open', CASE WHEN k.status = 'open' THEN k.due_on IS NULL END, "
          "CASE WHEN k.status = 'open' THEN k.due_on END, coalesce(k.done_on, substr(k.closed_at, 1, 10)) DESC, "
          "c.name COLLATE NOCASE, k.id")


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _line(r) -> CommitmentLine:
    return CommitmentLine(id=r[0], contact_id=r[1], contact=r[2], owner=r[3], text=r[4], due_on=_day(r[5]),
                          status=r[6], done_on=_day(r[7]), outcome_note=r[8], involves_id=r[9], involves=r[10],
                          campaign=r[11], meeting_id=r[12], private=bool(r[13]), can_undo=bool(r[14]),
                          snoozed_until=_day(r[15]), snooze_reason=r[16])


def _with_notes(book: Book, lines: list[CommitmentLine]) -> list[CommitmentLine]:
    if lines:
        by_id = {line.id: line for line in lines}
        for r in book._rows("SELECT commitment_id, id, noted_on, text FROM commitment_note WHERE commitment_id IN "
                            "(SELECT value FROM json_each(?)) ORDER BY noted_on, id", (json.dumps(list(by_id)),)):
            by_id[r[0]].notes.append(CommitmentNote(r[1], date.fromisoformat(r[2]), r[3]))
    return lines


# Reading -------------------------------------------------------------------------------------

def ledger(book: Book, wanted: CommitmentFilter | None = None, *, limit: int = PAGE) -> Ledger:
    """What the commitments view lists: check-ins (mine to do) and commitments, overdue first. Read in
    turns (open with a date, by date; open without one; the closed, latest first), each walking an index
    and stopping at the page, so a book of 100,000 open commitments costs what a small one does."""
    wanted = wanted or CommitmentFilter()
    found = Ledger()
    if wanted.owner in ("all", "mine"):
        found.check_ins = check_ins(book, wanted)
        found.thank_yous = thank_yous(book, wanted)
        found.decisions = decisions(book, wanted)
    where, params = _where(wanted)
    turns = [("k.status = 'open' AND k.due_on IS NOT NULL", "k.due_on, k.id"),
             ("k.status = 'open' AND k.due_on IS NULL", "k.id")]
    if wanted.include_closed:
        turns.append(("k.status <> 'open'", "coalesce(k.done_on, substr(k.closed_at, 1, 10)) DESC, k.id DESC"))
    lines: list[CommitmentLine] = []
    for which, order in turns:
        room = limit + 1 - len(lines)
        if room > 0:
            rows = book._rows(f"{_LINES} WHERE {which} AND {' AND '.join(where)} ORDER BY {order} LIMIT ?",
                              (*params, room))
            lines += [_line(r) for r in rows]
    found.commitments = _with_notes(book, lines[:limit])
    if len(lines) > limit:
        # counted up to a point: the count of 100,000 open ones would cost more than the page itself
        status = "" if wanted.include_closed else "k.status = 'open' AND "
        found.more = book._value(f"SELECT count(*) FROM (SELECT 1 FROM commitment k JOIN contact c "
                                 f"ON c.id = k.contact_id LEFT JOIN meeting m ON m.id = k.meeting_id "
                                 f"WHERE {status}{' AND '.join(where)} LIMIT ?)", (*params, limit + MORE_CAP)) - limit
    return found


def _where(wanted: CommitmentFilter) -> tuple[list[str], list]:
    where, params = [], []
    if wanted.owner in ("mine", "theirs"):
        where.append("k.owner = ?")
        params.append(wanted.owner)
    elif wanted.owner != "all":
        raise RelmeetError(f"whose commitments? {wanted.owner!r} is not mine, theirs or all")
    _filter(wanted, where, params, contact=("k.contact_id", "k.involves_contact_id"),
            campaign="coalesce(k.campaign_id, m.campaign_id)",
            due_by="k.due_on IS NOT NULL AND max(k.due_on, coalesce(k.snoozed_until, '')) <= ?")
    return where, params


def _filter(wanted: CommitmentFilter, where: list[str], params: list, *, contact: tuple[str, ...], campaign: str,
            due_by: str | None) -> None:
    """Add the view's filters to a query's clauses and parameters, in the columns of what it lists: whose
    contact (any of the `contact` columns), the campaign, the contact's organization (or the organization
    itself), and the due window (`due_by`, a clause comparing with the last day; None where the caller
    applies the window itself). Archived contacts (alias c) are left out unless asked for by name: their
    own page counts what is overdue with them, the lists of everyone's don't."""
    if wanted.contacts is None:
        where.append("c.archived_at IS NULL")
    else:
        matched = [f"{column} IN (SELECT value FROM json_each(?))" for column in contact]
        where.append(matched[0] if len(matched) == 1 else f"({' OR '.join(matched)})")
        params += [json.dumps(wanted.contacts)] * len(matched)
    if wanted.campaign_id is not None:
        where.append(f"{campaign} = ?")
        params.append(wanted.campaign_id)
    if wanted.organization_id is not None:
        where.append("(c.organization_id = ? OR c.id = ?)")
        params += [wanted.organization_id, wanted.organization_id]
    if wanted.within_days is not None and due_by is not None:
        where.append(due_by)
        params.append((today() + timedelta(days=wanted.within_days)).isoformat())


def _check_in_where(wanted: CommitmentFilter) -> tuple[list[str], list]:
    where = ["m.check_in_on IS NOT NULL", "m.status <> 'cancelled'",
             "NOT EXISTS (SELECT 1 FROM meeting later WHERE later.contact_id = m.contact_id "
             "AND later.status IN ('held', 'in_progress') AND later.id <> m.id "
             "AND coalesce(later.started_at, later.scheduled_at) > coalesce(m.started_at, m.scheduled_at))"]
    params: list = []
    if not wanted.include_closed:
        where.append("m.check_in_done_on IS NULL")
    # in the due window, a snoozed one counts from the day it was snoozed to
    _filter(wanted, where, params, contact=("m.contact_id",), campaign="m.campaign_id",
            due_by="max(m.check_in_on, coalesce(m.snoozed_until, '')) <= ?")
    return where, params


def overdue_check_in_count(book: Book, contacts: tuple[int, ...] | None = None) -> int:
    """How many check-ins `check_ins` lists as overdue: their day (or the day snoozed to) before today;
    `contacts`: only theirs."""
    where, params = _check_in_where(CommitmentFilter(within_days=-1, contacts=contacts))
    return book._value(f"SELECT count(*) FROM meeting m INDEXED BY meeting_check_in JOIN contact c "
                       f"ON c.id = m.contact_id WHERE {' AND '.join(where)}", params)


def check_ins(book: Book, wanted: CommitmentFilter | None = None, *, limit: int = PAGE) -> list[CheckInDue]:
    """Check-in dates not yet done, soonest (the most overdue) first. A check-in is done when the organizer
    says so, or when they met the person again after that meeting (a later meeting held supersedes it)."""
    where, params = _check_in_where(wanted or CommitmentFilter())
    rows = book._rows(
        "SELECT m.id, m.contact_id, c.name, m.check_in_on, m.next_step, m.check_in_done_on, m.snoozed_until, "
        f"m.snooze_reason FROM meeting m JOIN contact c ON c.id = m.contact_id WHERE {' AND '.join(where)} "
        "ORDER BY m.check_in_done_on IS NOT NULL, m.check_in_on, c.name COLLATE NOCASE LIMIT ?", (*params, limit))
    return [CheckInDue(id=-r[0], contact_id=r[1], contact=r[2], owner="mine",
                       text=r[4] or f"Check in with {r[2]}", due_on=_day(r[3]),
                       status="done" if r[5] else "open", meeting_id=r[0], next_step=r[4],
                       snoozed_until=_day(r[6]), snooze_reason=r[7]) for r in rows]


def thank_yous(book: Book, wanted: CommitmentFilter | None = None, *, held_within: int = 7) -> list[ThankYouDue]:
    """The thank-yous I owe (every guide: within 48 hours): meetings held in the last week whose summary is not
    marked sent, each due two days after it, soonest first; none when the organizer turned the suggestion off.
    The view's filters apply: whose contact, the meeting's campaign, the organization, the due window."""
    from relmeet.store.contacts import get_setting

    wanted = wanted or CommitmentFilter()
    if wanted.owner == "theirs" or get_setting(book, THANK_YOU_SETTING, "on") == "off":
        return []
    since = today() - timedelta(days=held_within)
    where = ["m.status = 'held'", "m.summary_sent_on IS NULL",
             "coalesce(m.ended_at, m.started_at, m.scheduled_at) >= ?"]
    params: list = [since.isoformat()]
    # the due window is counted from the organizer's day the meeting was held, below
    _filter(wanted, where, params, contact=("m.contact_id",), campaign="m.campaign_id", due_by=None)
    found = []
    for r in book._rows("SELECT m.id, m.contact_id, c.name, coalesce(m.ended_at, m.started_at, m.scheduled_at) "
                        f"FROM meeting m INDEXED BY meeting_thank_you JOIN contact c ON c.id = m.contact_id "
                        f"WHERE {' AND '.join(where)} ORDER BY 4, m.id", params):
        held = from_iso(r[3]).astimezone().date()  # the organizer's day, not UTC's
        due = held + timedelta(days=THANK_YOU_DAYS)
        if held < since or (wanted.within_days is not None and due > today() + timedelta(days=wanted.within_days)):
            continue
        found.append(ThankYouDue(r[0], r[1], r[2], due))
    return found


def decisions(book: Book, wanted: CommitmentFilter | None = None, *, limit: int = PAGE) -> list[DecideByDue]:
    """Pending asks and offers (waiting on a condition) with a decide-by date: a follow-up that is mine to
    chase, whoever asked, until the answer is recorded (the status leaves pending); the most overdue first.
    The view's filters apply: whose contact, the campaign (the ask's, or its meeting's), the organization,
    the due window."""
    wanted = wanted or CommitmentFilter()
    if wanted.owner == "theirs":
        return []
    where = ["x.status = 'thinking'", "x.decide_by IS NOT NULL"]
    params: list = []
    _filter(wanted, where, params, contact=("x.contact_id",), campaign="coalesce(x.campaign_id, m.campaign_id)",
            due_by="x.decide_by <= ?")
    rows = book._rows(
        "SELECT x.id, x.contact_id, c.name, x.text, x.decide_by, x.condition, x.direction, x.made_by, x.meeting_id, "
        "x.private, coalesce(x.campaign_id, m.campaign_id) FROM exchange x JOIN contact c ON c.id = x.contact_id "
        f"LEFT JOIN meeting m ON m.id = x.meeting_id WHERE {' AND '.join(where)} "
        "ORDER BY x.decide_by, c.name COLLATE NOCASE, x.id LIMIT ?", (*params, limit))
    return [DecideByDue(id=r[0], contact_id=r[1], contact=r[2], owner="mine",
                        text=decide_by_text(r[3], r[5], r[6], r[7]), due_on=_day(r[4]), status="open",
                        meeting_id=r[8], ask=r[3], condition=r[5], direction=r[6], made_by=r[7],
                        private=bool(r[9]), campaign_id=r[10]) for r in rows]


def get(book: Book, commitment_id: int) -> CommitmentLine | None:
    rows = book._rows(f"{_LINES} WHERE k.id = ?", (commitment_id,))
    return _with_notes(book, [_line(rows[0])])[0] if rows else None


def notes(book: Book, commitment_id: int) -> list[CommitmentNote]:
    return [CommitmentNote(r[0], date.fromisoformat(r[1]), r[2]) for r in book._rows(
        "SELECT id, noted_on, text FROM commitment_note WHERE commitment_id = ? ORDER BY noted_on, id",
        (commitment_id,))]


def for_contact(book: Book, contact_id: int, *, limit: int = HISTORY_LIMIT) -> list[CommitmentLine]:
    """What a contact's history adds to their open commitments: the closed ones with their outcome, the open
    ones with progress to show, and the commitments of others that involve them."""
    rows = book._rows(
        f"{_LINES} WHERE (k.contact_id = ? AND (k.status <> 'open' OR k.outcome_note <> '' OR k.involves_contact_id "
        "IS NOT NULL OR EXISTS (SELECT 1 FROM commitment_note n WHERE n.commitment_id = k.id))) "
        f"OR k.involves_contact_id = ? {_ORDER} LIMIT ?", (contact_id, contact_id, limit))
    return _with_notes(book, [_line(r) for r in rows])


def filter_choices(book: Book) -> LedgerFilters:
    """The campaigns (active ones first) and organizations the view's filters offer."""
    campaigns = [Pick(r[0], r[1]) for r in book._rows(
        "SELECT id, name FROM campaign ORDER BY status <> 'active', name COLLATE NOCASE")]
    organizations = [Pick(r[0], r[1]) for r in book._rows(
        "SELECT id, name FROM contact WHERE kind = 'organization' AND archived_at IS NULL "
        "ORDER BY name COLLATE NOCASE")]
    return LedgerFilters(campaigns, organizations)


# Marking -------------------------------------------------------------------------------------

def _keep_before(conn, commitment_id: int) -> None:
    """The commitment as it is now goes to the undo log; raises if it is gone."""
    kept = conn.execute(
        "INSERT INTO commitment_change (commitment_id, status, closed_at, done_on, outcome_note, changed_at) "
        "SELECT id, status, closed_at, done_on, outcome_note, ? FROM commitment WHERE id = ?",
        (now_iso(), commitment_id)).rowcount
    if not kept:
        raise RelmeetError(_GONE)


def mark(book: Book, commitment_id: int, status: str, *, on: date | None = None, note: str = "") -> None:
    """Close a commitment as done, partly done (saying how much), missed or dropped, on the day it happened
    (today unless told). The note is the outcome ("2 of 4 volunteers"); it replaces the one before."""
    if status not in CLOSING:
        raise RelmeetError(f"a commitment is marked {', '.join(CLOSING)}, not {status!r}")
    on = on or today()
    if on > today():
        raise ValidationError({"on": f"{on:%a %-d %b %Y} is after today: when did it happen?"})
    note = clean_text(note).strip()
    if status == "partly" and not note:
        raise ValidationError({"note": "Say how much was done (\"2 of 4 volunteers\"), so the next meeting knows."})
    now = now_iso()
    with book._write() as conn:
        _keep_before(conn, commitment_id)
        conn.execute("UPDATE commitment SET status = ?, closed_at = ?, done_on = ?, outcome_note = ?, updated_at = ? "
                     "WHERE id = ?", (status, now, on.isoformat(), note, now, commitment_id))


def reopen(book: Book, commitment_id: int) -> None:
    """Open again (kept in the undo log, as a mark is). Its outcome note stays, as how far it got."""
    with book._write() as conn:
        _keep_before(conn, commitment_id)
        conn.execute("UPDATE commitment SET status = 'open', closed_at = NULL, done_on = NULL, updated_at = ? "
                     "WHERE id = ?", (now_iso(), commitment_id))


def last_marked(book: Book) -> CommitmentLine | None:
    """The commitment whose mark is the latest in the book (what 'undo the last mark' takes back)."""
    found = book._value("SELECT commitment_id FROM commitment_change ORDER BY id DESC LIMIT 1")
    return None if found is None else get(book, found)


def undo(book: Book, commitment_id: int | None = None) -> CommitmentLine:
    """Put back the commitment as it was before its latest mark (of the one named, or the latest in the
    book), and forget that mark; returns the commitment as it is now."""
    with book._write() as conn:
        found = conn.execute(
            "SELECT id, commitment_id, status, closed_at, done_on, outcome_note FROM commitment_change "
            + ("WHERE commitment_id = ? " if commitment_id is not None else "") + "ORDER BY id DESC LIMIT 1",
            (commitment_id,) if commitment_id is not None else ()).fetchone()
        if found is None:
            raise RelmeetError("No mark to undo." if commitment_id is None else
                               "This commitment has no mark to undo.")
        conn.execute("UPDATE commitment SET status = ?, closed_at = ?, done_on = ?, outcome_note = ?, updated_at = ? "
                     "WHERE id = ?", (found[2], found[3], found[4], found[5], now_iso(), found[1]))
        conn.execute("DELETE FROM commitment_change WHERE id = ?", (found[0],))
    line = get(book, found[1])
    if line is None:  # the row and its log go together (ON DELETE CASCADE): not reached, but say so if it is
        raise RelmeetError(_GONE)
    return line


def add_note(book: Book, commitment_id: int, text: str, *, on: date | None = None) -> int:
    """A dated note on how it is going ("2 of 4 volunteers confirmed"), today unless told."""
    text = clean_text(text).strip()
    if not text:
        raise ValidationError({"text": "Write how it is going before saving."})
    on = on or today()
    if on > today():
        raise ValidationError({"on": f"{on:%a %-d %b %Y} is after today: a note says what has happened."})
    with book._write() as conn:
        if conn.execute("SELECT 1 FROM commitment WHERE id = ?", (commitment_id,)).fetchone() is None:
            raise RelmeetError(_GONE)
        note_id = conn.execute("INSERT INTO commitment_note (commitment_id, noted_on, text, created_at) "
                               "VALUES (?, ?, ?, ?)", (commitment_id, on.isoformat(), text, now_iso())).lastrowid
        conn.execute("UPDATE commitment SET updated_at = ? WHERE id = ?", (now_iso(), commitment_id))
    return note_id


def set_involved(book: Book, commitment_id: int, contact_id: int | None) -> None:
    """Name the second contact a commitment involves (None: no one); it shows in their history too."""
    with book._write() as conn:
        row = conn.execute("SELECT contact_id FROM commitment WHERE id = ?", (commitment_id,)).fetchone()
        if row is None:
            raise RelmeetError(_GONE)
        if contact_id is not None:
            if contact_id == row[0]:
                raise ValidationError({"who": "That is whose commitment it is already: name someone else."})
            if conn.execute("SELECT 1 FROM contact WHERE id = ?", (contact_id,)).fetchone() is None:
                raise ValidationError({"who": "That contact is no longer in the book."})
        conn.execute("UPDATE commitment SET involves_contact_id = ?, updated_at = ? WHERE id = ?",
                     (contact_id, now_iso(), commitment_id))


# Check-ins -----------------------------------------------------------------------------------

def check_in_done(book: Book, meeting_id: int, *, on: date | None = None) -> None:
    """The organizer checked in as the follow-up said they would: it leaves the overdue list."""
    on = on or today()
    if on > today():
        raise ValidationError({"on": f"{on:%a %-d %b %Y} is after today: when did you check in?"})
    with book._write() as conn:
        changed = conn.execute("UPDATE meeting SET check_in_done_on = ?, updated_at = ? WHERE id = ? "
                               "AND check_in_on IS NOT NULL", (on.isoformat(), now_iso(), meeting_id)).rowcount
    if not changed:
        raise RelmeetError("That check-in is no longer in the book.")


def check_in_reopen(book: Book, meeting_id: int) -> None:
    """Not checked in after all: the check-in is due (or overdue) again."""
    with book._write() as conn:
        changed = conn.execute("UPDATE meeting SET check_in_done_on = NULL, updated_at = ? WHERE id = ? "
                               "AND check_in_on IS NOT NULL", (now_iso(), meeting_id)).rowcount
    if not changed:
        raise RelmeetError("That check-in is no longer in the book.")

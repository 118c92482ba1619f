"""Meetings: plan (prep), start, save notes as they are typed, end, follow up."""
from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime

from relmeet.domain import MeetingType, from_iso, now_iso, to_iso, utcnow
from relmeet.domain.errors import ConflictError, RelmeetError, ValidationError
from relmeet.domain.meetings import MeetingCard, MeetingPlan
from relmeet.domain.merging import FieldConflict, merge_fields
from relmeet.store.book import Book


# A meeting with its contact's and campaign's names, as every MeetingCard is read
_CARDS = ("SELECT m.*, c.name AS contact_name, g.name AS campaign_name FROM meeting m "
          "JOIN contact c ON c.id = m.contact_id LEFT JOIN campaign g ON g.id = m.campaign_id ")


def validate_plan(book: Book, plan: MeetingPlan) -> dict[str, str]:
    errors: dict[str, str] = {}
    if book._row("SELECT 1 FROM contact WHERE id = ?", (plan.contact_id,)) is None:
        errors["contact_id"] = "Pick the contact you are meeting."
    if plan.type not in {t.value for t in MeetingType}:
        errors["type"] = "Choose recruitment, maintenance, escalation or other."
    if plan.duration_min is not None and not 0 <= plan.duration_min <= 24 * 60:
        errors["duration_min"] = "A duration is a number of minutes, up to a day."
    if plan.time_asked_min is not None and not 0 <= plan.time_asked_min <= 24 * 60:
        errors["time_asked_min"] = "The time asked for is a number of minutes, up to a day."
    if plan.series_visit is not None and plan.series_visit < 1:
        errors["series_visit"] = "A visit of a series is counted from 1, the first."
    if plan.campaign_id is not None and book._row("SELECT 1 FROM campaign WHERE id = ?", (plan.campaign_id,)) is None:
        errors["campaign_id"] = "Pick a campaign from the book."
    return errors


def plan(book: Book, plan: MeetingPlan, meeting_id: int | None = None, *, expected: MeetingPlan | None = None) -> int:
    """Create a planned meeting, or save the prep of an existing one (merged with another copy's changes
    since `expected` was read, see merged_plan)."""
    errors = validate_plan(book, plan)
    if errors:
        raise ValidationError(errors)
    from relmeet.domain.tables import Meeting

    with book._session() as session:
        if meeting_id is None:
            meeting = Meeting(**_plan_values(plan, iso=False))
            session.add(meeting)
            session.flush()
            return meeting.id
        meeting = _get(session, meeting_id)
        if expected is not None:  # the session holds the write lock: the book can't change before we write
            plan = merged_plan(book, meeting_id, expected, plan)
        for key, value in _plan_values(plan, iso=False).items():
            setattr(meeting, key, value)
        meeting.updated_at = utcnow()
        return meeting_id


def _plan_values(plan: MeetingPlan, *, iso: bool = True) -> dict:
    values = {f.name: getattr(plan, f.name) for f in fields(MeetingPlan)}
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    if iso:
        values["scheduled_at"] = to_iso(values["scheduled_at"])
    return values


def merged_plan(book: Book, meeting_id: int, expected: MeetingPlan, mine: MeetingPlan) -> MeetingPlan:
    """The prep form's plan merged with the book's, field by field against `expected` (the plan as the form
    loaded it): another copy's change to a field this form left alone is kept; a field both changed
    differently raises FieldConflict. Call it inside the write transaction that saves the result."""
    current = get(book, meeting_id)
    if current is None:
        raise RelmeetError(f"meeting {meeting_id} is no longer in the book")
    theirs = MeetingPlan(**{f.name: getattr(current, f.name) for f in fields(MeetingPlan)})
    values, conflicts, _taken = merge_fields(_plan_values(expected), _plan_values(mine), _plan_values(theirs))
    if conflicts:
        raise FieldConflict(conflicts, theirs)
    values["scheduled_at"] = from_iso(values["scheduled_at"])
    return MeetingPlan(**values)


def _get(session, meeting_id: int):
    from relmeet.domain.tables import Meeting

    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise RelmeetError(f"meeting {meeting_id} is no longer in the book")
    return meeting


def get(book: Book, meeting_id: int) -> MeetingCard | None:
    row = book._row(
        _CARDS + "WHERE m.id = ?",
        (meeting_id,))
    if row is None:
        return None
    return _card(row)


def _card(row) -> MeetingCard:
    return MeetingCard(
        id=row["id"], contact_id=row["contact_id"], contact=row["contact_name"],
        campaign_id=row["campaign_id"], campaign=row["campaign_name"] or "", type=row["type"],
        status=row["status"], scheduled_at=from_iso(row["scheduled_at"]), location=row["location"],
        duration_min=row["duration_min"], started_at=from_iso(row["started_at"]),
        ended_at=from_iso(row["ended_at"]), purpose=row["purpose"], known=row["known"],
        guessed_interest=row["guessed_interest"], want_to_learn=row["want_to_learn"],
        offer_plan=row["offer_plan"], framing=row["framing"], credential=row["credential"],
        my_story=row["my_story"], risks=row["risks"], questions=row["questions"],
        time_asked_min=row["time_asked_min"], series_visit=row["series_visit"], notes=row["notes"],
        notes_private=bool(row["notes_private"]), notes_rev=row["notes_rev"], summary=row["summary"],
        next_step=row["next_step"],
        check_in_on=date.fromisoformat(row["check_in_on"]) if row["check_in_on"] else None,
        leadership_rating=row["leadership_rating"], relationship_rating=row["relationship_rating"])


def start(book: Book, meeting_id: int) -> MeetingCard:
    """Mark the meeting in progress (resumable after a crash) and return it."""
    with book._write() as conn:
        conn.execute(
            "UPDATE meeting SET status = 'in_progress', started_at = coalesce(started_at, ?), updated_at = ? "
            "WHERE id = ? AND status IN ('planned', 'in_progress')",
            (now_iso(), now_iso(), meeting_id))
    card = get(book, meeting_id)
    if card is None:
        raise RelmeetError(f"meeting {meeting_id} is no longer in the book")
    return card


def save_notes(book: Book, meeting_id: int, notes: str, expected_rev: int) -> int:
    """Save the notes if nobody else saved since expected_rev; return the new revision.

    Raises ConflictError when another copy of relmeet saved these notes in between, so that
    neither copy overwrites the other's words silently.
    """
    with book._write() as conn:
        cursor = conn.execute(
            "UPDATE meeting SET notes = ?, notes_rev = notes_rev + 1, updated_at = ? "
            "WHERE id = ? AND notes_rev = ?", (notes, now_iso(), meeting_id, expected_rev))
        if cursor.rowcount == 1:
            return expected_rev + 1
        current = conn.execute("SELECT notes_rev FROM meeting WHERE id = ?", (meeting_id,)).fetchone()
    if current is None:
        raise RelmeetError(f"meeting {meeting_id} is no longer in the book")
    raise ConflictError("these notes were changed by another copy of relmeet since you opened them")


def set_notes_private(book: Book, meeting_id: int, private: bool) -> None:
    """Mark a meeting's notes private (kept out of summaries and exports) or shared again."""
    with book._write() as conn:
        if not conn.execute("UPDATE meeting SET notes_private = ?, updated_at = ? WHERE id = ?",
                            (int(private), now_iso(), meeting_id)).rowcount:
            raise RelmeetError(f"meeting {meeting_id} is no longer in the book")


def end(book: Book, meeting_id: int) -> None:
    with book._write() as conn:
        conn.execute(
            "UPDATE meeting SET status = 'held', ended_at = coalesce(ended_at, ?), "
            "duration_min = CASE WHEN started_at IS NULL THEN duration_min ELSE "
            "  max(1, CAST(round((julianday(?) - julianday(started_at)) * 1440) AS INTEGER)) END, "
            "updated_at = ? WHERE id = ?", (now_iso(), now_iso(), now_iso(), meeting_id))
        _met(conn, meeting_id)


def _met(conn, meeting_id: int) -> None:
    # a first held meeting: the person is no longer "Identified (not met)"; a higher rung is left as it is
    from relmeet.store.standing import annotate, mark

    since = mark(conn)
    conn.execute("UPDATE contact SET rung = 'met', updated_at = ? WHERE rung = 'identified' AND id = "
                 "(SELECT contact_id FROM meeting WHERE id = ? AND status = 'held')", (now_iso(), meeting_id))
    annotate(conn, since, meeting_id=meeting_id)  # their story: met, at this meeting


def cancel(book: Book, meeting_id: int) -> None:
    with book._write() as conn:
        conn.execute("UPDATE meeting SET status = 'cancelled', updated_at = ? WHERE id = ?", (now_iso(), meeting_id))


def record_held(book: Book, meeting_id: int, started_at: datetime, ended_at: datetime, notes: str) -> None:
    """A meeting entered after it was held: when it began and ended, and its notes."""
    with book._write() as conn:
        conn.execute(
            "UPDATE meeting SET status = 'held', started_at = ?, ended_at = ?, notes = ?, "
            "duration_min = max(1, CAST(round((julianday(?) - julianday(?)) * 1440) AS INTEGER)), updated_at = ? "
            "WHERE id = ?", (to_iso(started_at), to_iso(ended_at), notes, to_iso(ended_at), to_iso(started_at),
                             now_iso(), meeting_id))
        _met(conn, meeting_id)


def in_progress(book: Book) -> list[MeetingCard]:
    """Meetings started and never ended: what a crash or a closed terminal left behind."""
    rows = book._rows(
        _CARDS + "WHERE m.status = 'in_progress' ORDER BY m.started_at DESC")
    return [_card(r) for r in rows]


def upcoming(book: Book, limit: int = 20) -> list[MeetingCard]:
    rows = book._rows(
        _CARDS + "WHERE m.status = 'planned' ORDER BY m.scheduled_at IS NULL, m.scheduled_at LIMIT ?", (limit,))
    return [_card(r) for r in rows]


def last_held(book: Book, contact_id: int, before_id: int | None = None) -> MeetingCard | None:
    row = book._row(
        _CARDS + "WHERE m.contact_id = ? AND m.status = 'held' AND m.id IS NOT ? "
        "ORDER BY coalesce(m.started_at, m.scheduled_at) DESC LIMIT 1", (contact_id, before_id))
    return _card(row) if row else None

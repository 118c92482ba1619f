"""Follow-up, after the meeting: outcomes, who does what by when, the next meeting, all saved at once."""
from __future__ import annotations

from datetime import date

from relmeet.domain import ExchangeStatus, Owner, to_iso, today, utcnow
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.meetings import AskRow, CommitmentRow, FollowUpForm, SummaryParts
from relmeet.domain.text import clean_text
from relmeet.store.book import Book
from relmeet.store.captures import settle

# every answer but "planned": after the meeting an ask was made, at least
OUTCOMES = tuple(s.value for s in ExchangeStatus if s.value != "planned")


def exchanges_for(book: Book, meeting_id: int) -> list[AskRow]:
    return [AskRow(*r[:5], private=bool(r[5]), made_by=r[6], answer=r[7]) for r in book._rows(
        "SELECT id, direction, kind, text, status, private, made_by, answer FROM exchange WHERE meeting_id = ? "
        "ORDER BY direction, id", (meeting_id,))]


def commitments_for(book: Book, meeting_id: int) -> list[CommitmentRow]:
    return [CommitmentRow(r[0], r[1], r[2], date.fromisoformat(r[3]) if r[3] else None, bool(r[4]))
            for r in book._rows("SELECT id, owner, text, due_on, private FROM commitment WHERE meeting_id = ? "
                                "ORDER BY id", (meeting_id,))]


def save(book: Book, meeting_id: int, form: FollowUpForm) -> int | None:
    """Everything from the follow-up screen in one transaction; returns the next meeting's id if one was set."""
    errors: dict[str, str] = {}
    for name in ("leadership_rating", "relationship_rating"):
        value = getattr(form.follow, name)
        if value is not None and not 1 <= value <= 5:
            errors[name] = "A rating is from 1 to 5."
    for exchange_id, status in form.outcomes.items():
        if status not in {s.value for s in ExchangeStatus}:
            errors[f"outcome-{exchange_id}"] = "Choose an outcome."
    for commitment_id, (owner, _due) in form.commitments.items():
        if owner not in {o.value for o in Owner}:
            errors[f"owner-{commitment_id}"] = "Mine or theirs?"
    if errors:
        raise ValidationError(errors)
    now = to_iso(utcnow())
    f = form.follow
    next_id = None
    with book._write() as conn:
        meeting = conn.execute("SELECT contact_id, campaign_id FROM meeting WHERE id = ?", (meeting_id,)).fetchone()
        if meeting is None:
            raise RelmeetError(f"meeting {meeting_id} is no longer in the book")
        # notes_private is not the follow-up's: set here it reset the notes screen's mark on every save.
        # A new check-in date is a check-in still to make: the old date's "done" mark goes (the CASE reads
        # the row as it was before this UPDATE); the same date keeps it.
        check_in = f.check_in_on.isoformat() if f.check_in_on else None
        conn.execute(
            "UPDATE meeting SET summary = ?, next_step = ?, check_in_on = ?, "
            "check_in_done_on = CASE WHEN check_in_on IS ? THEN check_in_done_on END, leadership_rating = ?, "
            "relationship_rating = ?, status = CASE status WHEN 'in_progress' THEN 'held' "
            "ELSE status END, updated_at = ? WHERE id = ?",
            (f.summary.strip(), f.next_step.strip(), check_in, check_in, f.leadership_rating,
             f.relationship_rating, now, meeting_id))
        for exchange_id, status in form.outcomes.items():
            before = conn.execute("SELECT status FROM exchange WHERE id = ? AND meeting_id = ?",
                                  (exchange_id, meeting_id)).fetchone()
            if before is None or before[0] == status:
                continue
            conn.execute("UPDATE exchange SET status = ?, answered_on = ?, updated_at = ? WHERE id = ?",
                         (status, today().isoformat(), now, exchange_id))
            settle(conn, exchange_id)
        for commitment_id, (owner, due) in form.commitments.items():
            conn.execute("UPDATE commitment SET owner = ?, due_on = ?, updated_at = ? WHERE id = ? AND meeting_id = ?",
                         (owner, due.isoformat() if due else None, now, commitment_id, meeting_id))
        if form.next_meeting_at is not None:
            next_id = conn.execute(
                "INSERT INTO meeting (contact_id, campaign_id, type, status, scheduled_at, purpose, created_at, "
                "updated_at) VALUES (?, ?, 'maintenance', 'planned', ?, ?, ?, ?)",
                (meeting[0], meeting[1], to_iso(form.next_meeting_at), f.next_step.strip(), now, now)).lastrowid
        if clean_text(form.win).strip():  # what the book would keep
            conn.execute("INSERT INTO win (campaign_id, meeting_id, contact_id, text, won_on, created_at) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         (meeting[1], meeting_id, meeting[0], form.win.strip(), today().isoformat(), now))
    return next_id


def mark_summary_sent(book: Book, meeting_id: int, sent: bool = True, *, on: date | None = None) -> None:
    """The thank-you went out (today, or `on` that day), or not after all: the 48-hour reminder follows this."""
    with book._write() as conn:
        conn.execute("UPDATE meeting SET summary_sent_on = ?, updated_at = ? WHERE id = ?",
                     ((on or today()).isoformat() if sent else None, to_iso(utcnow()), meeting_id))


def summary_sent_on(book: Book, meeting_id: int) -> date | None:
    sent = book._value("SELECT summary_sent_on FROM meeting WHERE id = ?", (meeting_id,))
    return date.fromisoformat(sent) if sent else None


def summary_parts(book: Book, meeting_id: int) -> SummaryParts | None:
    """What the follow-up's draft summary is written from, as the book holds it now: every item, private
    ones flagged (the draft leaves them out unless asked)."""
    from relmeet.store import captures, meetings

    card = meetings.get(book, meeting_id)
    if card is None:
        return None
    interests = [c for c in captures.for_meeting(book, meeting_id) if c.table == "interest"]
    names = book._row("SELECT honorific, given_name, goes_by FROM contact WHERE id = ?", (card.contact_id,))
    from relmeet.store.participants import house_of  # a house meeting's draft is the group's

    people, owners = house_of(book, meeting_id)
    return SummaryParts(card, interests, exchanges_for(book, meeting_id), commitments_for(book, meeting_id),
                        *(tuple(names) if names else ()), people=people, owners=owners)

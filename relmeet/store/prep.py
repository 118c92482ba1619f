"""What the book already knows about a contact, gathered for the prep screen and the brief.

Plain sqlite3 reads only: `relmeet brief` uses this without importing SQLModel or Textual.
"""
from __future__ import annotations

from datetime import date

from relmeet.domain import from_iso
from relmeet.domain.meetings import (DeferredAsk, ExchangeLine, Known, KnownCommitment, KnownInterest, KnownStance,
                                     PlannedAsk, question_list)
from relmeet.domain.text import clean_text
from relmeet.store.book import Book
from relmeet.store.contacts import get as get_contact


def what_we_know(book: Book, contact_id: int, *, include_private: bool = True) -> Known | None:
    contact = get_contact(book, contact_id)
    if contact is None:
        return None
    private = "" if include_private else "AND i.private = 0"
    known = Known(contact=contact)
    known.interests = [
        KnownInterest(r["kind"], r["text"], r["responsible"], from_iso(r["learned"]), bool(r["private"]))
        for r in book._rows(
            f"SELECT i.kind, i.text, i.responsible, coalesce(m.started_at, m.scheduled_at) AS learned, i.private "
            f"FROM interest i LEFT JOIN meeting m ON m.id = i.meeting_id WHERE i.contact_id = ? {private} "
            "ORDER BY i.kind = 'self_interest' DESC, i.created_at DESC", (contact_id,))]
    known.open_commitments = [
        KnownCommitment(r["id"], r["owner"], r["text"], date.fromisoformat(r["due_on"]) if r["due_on"] else None,
                        bool(r["private"]), date.fromisoformat(r["snoozed_until"]) if r["snoozed_until"] else None,
                        r["snooze_reason"])
        for r in book._rows(
            "SELECT id, owner, text, due_on, private, snoozed_until, snooze_reason FROM commitment "
            "WHERE contact_id = ? AND status = 'open' "
            "ORDER BY due_on IS NULL, due_on", (contact_id,))]
    last = book._row(
        "SELECT m.summary, m.next_step, m.series_visit, coalesce(m.started_at, m.scheduled_at) AS at "
        "FROM meeting_participant p JOIN meeting m ON m.id = p.meeting_id "  # a house meeting they came to counts
        "WHERE p.contact_id = ? AND m.status = 'held' ORDER BY at DESC LIMIT 1", (contact_id,))
    if last is not None:
        known.last_summary, known.last_next_step, known.last_met = last["summary"], last["next_step"], from_iso(last["at"])
        known.last_series_visit = last["series_visit"]
    known.referred_by = [r[0] for r in book._rows(
        "SELECT DISTINCT c.name FROM referral r JOIN contact c ON c.id = r.from_contact_id "
        "WHERE r.to_contact_id = ? ORDER BY c.name", (contact_id,))]
    known.stances = [KnownStance(r["name"], r["stance"], r["influence"]) for r in book._rows(
        "SELECT g.name, cc.stance, cc.influence FROM campaign_contact cc JOIN campaign g ON g.id = cc.campaign_id "
        "WHERE cc.contact_id = ? ORDER BY g.name", (contact_id,))]
    upcoming = book._row(
        "SELECT m.id, m.scheduled_at, m.purpose, m.framing, m.offer_plan, m.location, m.duration_min, "
        "m.time_asked_min, m.guessed_interest, m.credential, m.my_story, m.risks, m.questions, m.series_visit, "
        "coalesce(g.name, '') AS campaign FROM meeting m LEFT JOIN campaign g ON g.id = m.campaign_id "
        "WHERE m.contact_id = ? AND m.status IN ('planned', 'in_progress') "
        "ORDER BY m.status = 'in_progress' DESC, m.scheduled_at IS NULL, m.scheduled_at LIMIT 1", (contact_id,))
    if upcoming is not None:
        known.next_meeting_id = upcoming["id"]
        known.next_at = from_iso(upcoming["scheduled_at"])
        known.next_purpose, known.next_framing = upcoming["purpose"], upcoming["framing"]
        known.next_offer_plan = upcoming["offer_plan"]
        known.next_location, known.next_campaign = upcoming["location"], upcoming["campaign"]
        known.next_duration_min, known.next_time_asked_min = upcoming["duration_min"], upcoming["time_asked_min"]
        known.next_guessed_interest, known.next_credential = upcoming["guessed_interest"], upcoming["credential"]
        known.next_my_story, known.next_risks = upcoming["my_story"], upcoming["risks"]
        known.next_questions = question_list(upcoming["questions"])
        known.next_series_visit = upcoming["series_visit"]
        known.planned_asks = [PlannedAsk(r["kind"], r["text"], r["status"], r["id"], bool(r["private"]),
                                         r["raised_from_id"]) for r in book._rows(
            f"SELECT id, kind, text, status, private, raised_from_id FROM exchange WHERE meeting_id = ? "
            f"AND direction = 'ask' {private.replace('i.', '')} ORDER BY id", (upcoming["id"],))]
    known.deferred_asks = deferred_asks(book, contact_id, include_private=include_private)
    known.their_asks = [
        ExchangeLine("ask", r["kind"], r["text"], r["status"], from_iso(r["at"]), bool(r["private"]), "them",
                     r["answer"], r["condition"], date.fromisoformat(r["decide_by"]) if r["decide_by"] else None,
                     r["id"])
        for r in book._rows(
            "SELECT x.id, x.kind, x.text, x.status, x.private, x.answer, x.condition, x.decide_by, "
            "coalesce(m.started_at, m.scheduled_at, x.created_at) AS at "
            "FROM exchange x LEFT JOIN meeting m ON m.id = x.meeting_id "
            "WHERE x.contact_id = ? AND x.direction = 'ask' AND x.made_by = 'them' "
            f"AND x.status IN ('made', 'thinking', 'counter') {private.replace('i.', 'x.')} "
            "ORDER BY x.decide_by IS NULL, x.decide_by, x.created_at, x.id", (contact_id,))]
    return known


def deferred_asks(book: Book, contact_id: int, *, include_private: bool = True) -> list[DeferredAsk]:
    """Asks answered "deferred (raise later)" that no later meeting has raised again, oldest first."""
    private = "" if include_private else "AND x.private = 0"
    return [DeferredAsk(r["id"], r["kind"], r["text"], r["made_by"], r["answer"],
                        date.fromisoformat(r["asked"][:10]) if r["asked"] else None, bool(r["private"]))
            for r in book._rows(
                "SELECT x.id, x.kind, x.text, x.made_by, x.answer, x.private, "
                "coalesce(x.answered_on, m.started_at, m.scheduled_at, x.created_at) AS asked "
                "FROM exchange x LEFT JOIN meeting m ON m.id = x.meeting_id "
                f"WHERE x.contact_id = ? AND x.direction = 'ask' AND x.status = 'deferred' {private} "
                "AND NOT EXISTS (SELECT 1 FROM exchange later WHERE later.raised_from_id = x.id) "
                "ORDER BY x.created_at, x.id", (contact_id,))]


def campaigns(book: Book) -> list[tuple[str, int]]:
    """(name, id) of the campaigns still being worked, for the prep form's picker."""
    return [(r["name"], r["id"]) for r in book._rows(
        "SELECT id, name FROM campaign WHERE status = 'active' ORDER BY name COLLATE NOCASE")]


PLAN_COLUMNS = ("contact_id", "campaign_id", "type", "scheduled_at", "location", "duration_min", "purpose",
                "known", "guessed_interest", "want_to_learn", "offer_plan", "framing", "credential", "my_story",
                "risks", "questions", "time_asked_min", "series_visit")


def planned_asks(book: Book, meeting_id: int) -> list[PlannedAsk]:
    """The prep form's own ask rows: planned asks of the meeting that aren't a deferred ask raised again
    (those show as the deferred ask's tick)."""
    return [PlannedAsk(r["kind"], r["text"], r["status"], r["id"], bool(r["private"])) for r in book._rows(
        "SELECT id, kind, text, status, private FROM exchange WHERE meeting_id = ? AND direction = 'ask' "
        "AND status = 'planned' AND raised_from_id IS NULL ORDER BY id", (meeting_id,))]


def raised_in(book: Book, meeting_id: int) -> set[int]:
    """The deferred asks this meeting raises again (ids of the asks they came from)."""
    return {r[0] for r in book._rows("SELECT raised_from_id FROM exchange WHERE meeting_id = ? "
                                     "AND raised_from_id IS NOT NULL", (meeting_id,))}


def next_planned(book: Book, contact_id: int) -> int | None:
    """The contact's planned meeting to keep preparing, if there is one."""
    return book._value("SELECT id FROM meeting WHERE contact_id = ? AND status = 'planned' "
                      "ORDER BY scheduled_at IS NULL, scheduled_at LIMIT 1", (contact_id,))


def save_plan(book: Book, plan, asks: list[tuple[str, str]], meeting_id: int | None = None, *,
              expected=None, ask_ids: list[int | None] | None = None, raise_ids=None) -> int:
    """Save the prep form — the meeting and its planned asks — in one transaction, so a failed save
    leaves neither half. Asks already made or answered are never touched; planned ones are updated in
    place (row i of the form is `ask_ids[i]`, or the i-th planned ask), so a private mark or an answer
    recorded on one elsewhere stays with it. `raise_ids`, when given, are the deferred asks this meeting
    raises again: each gets one planned ask pointing back at it; one no longer ticked goes while unanswered."""
    from relmeet.domain import ExchangeKind, to_iso, utcnow
    from relmeet.domain.errors import ValidationError
    from relmeet.store.meetings import validate_plan

    errors = validate_plan(book, plan)
    kinds = {k.value for k in ExchangeKind}
    for index, (kind, text) in enumerate(asks):
        if text.strip() and kind not in kinds:
            errors[f"ask-{index}"] = "Choose what kind of ask this is."
    if errors:
        raise ValidationError(errors)
    now = to_iso(utcnow())
    with book._write() as conn:
        if meeting_id is not None and expected is not None:  # another copy's changes since the form opened
            from relmeet.store.meetings import merged_plan

            plan = merged_plan(book, meeting_id, expected, plan)
        values = {name: getattr(plan, name) for name in PLAN_COLUMNS}
        values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
        values["scheduled_at"] = to_iso(plan.scheduled_at)
        existing: list[int] = []
        if meeting_id is None:
            columns = ", ".join(values) + ", status, created_at, updated_at"
            marks = ", ".join("?" for _ in values) + ", 'planned', ?, ?"
            meeting_id = conn.execute(f"INSERT INTO meeting ({columns}) VALUES ({marks})",
                                      (*values.values(), now, now)).lastrowid
        else:
            sets = ", ".join(f"{k} = ?" for k in values)
            if not conn.execute(f"UPDATE meeting SET {sets}, updated_at = ? WHERE id = ?",
                                (*values.values(), now, meeting_id)).rowcount:
                from relmeet.domain.errors import RelmeetError

                raise RelmeetError(f"meeting {meeting_id} is no longer in the book")
            existing = [r[0] for r in conn.execute(
                "SELECT id FROM exchange WHERE meeting_id = ? AND direction = 'ask' AND status = 'planned' "
                "AND raised_from_id IS NULL ORDER BY id", (meeting_id,))]
        rows = ask_ids if ask_ids is not None else existing
        for index, (kind, text) in enumerate(asks):
            row_id = rows[index] if index < len(rows) else None
            if row_id is not None and row_id not in existing:
                row_id = None  # answered or removed meanwhile: never overwrite it, the form's text is a new ask
            if row_id is not None:
                existing.remove(row_id)
            kept = clean_text(text).strip()  # what the book would keep
            if row_id is not None and kept:
                conn.execute("UPDATE exchange SET kind = ?, text = ?, campaign_id = ?, updated_at = ? WHERE id = ?",
                             (kind, text.strip(), plan.campaign_id, now, row_id))
            elif row_id is not None:
                conn.execute("DELETE FROM exchange WHERE id = ?", (row_id,))
            elif kept:
                conn.execute(
                    "INSERT INTO exchange (contact_id, meeting_id, campaign_id, direction, kind, text, status, "
                    "created_at, updated_at) VALUES (?, ?, ?, 'ask', ?, ?, 'planned', ?, ?)",
                    (plan.contact_id, meeting_id, plan.campaign_id, kind, text.strip(), now, now))
        if ask_ids is None:
            for row_id in existing:  # planned asks the form no longer has a row for
                conn.execute("DELETE FROM exchange WHERE id = ?", (row_id,))
        if raise_ids is not None:
            _raise_again(conn, plan, meeting_id, set(raise_ids), now)
    return meeting_id


def _raise_again(conn, plan, meeting_id: int, wanted: set[int], now: str) -> None:
    raised = {r[0]: r[1] for r in conn.execute(
        "SELECT raised_from_id, id FROM exchange WHERE meeting_id = ? AND raised_from_id IS NOT NULL "
        "AND status = 'planned'", (meeting_id,))}
    for earlier, row_id in raised.items():
        if earlier not in wanted:
            conn.execute("DELETE FROM exchange WHERE id = ?", (row_id,))
    for earlier in wanted - set(raised):
        if conn.execute("SELECT 1 FROM exchange WHERE raised_from_id = ?", (earlier,)).fetchone():
            continue  # raised already, by another meeting or answered in this one
        conn.execute(
            "INSERT INTO exchange (contact_id, meeting_id, campaign_id, direction, made_by, kind, text, status, "
            "private, raised_from_id, created_at, updated_at) SELECT contact_id, ?, coalesce(?, campaign_id), "
            "direction, made_by, kind, text, 'planned', private, id, ?, ? FROM exchange WHERE id = ? "
            "AND contact_id = ?", (meeting_id, plan.campaign_id, now, now, earlier, plan.contact_id))

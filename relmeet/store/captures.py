"""What is captured about a contact: interests, asks and offers, commitments, referrals, wins.

Each capture links to the contact and, when captured during one, the meeting.
"""
from __future__ import annotations

from datetime import date

from relmeet.domain import (
    CommitmentStatus,
    Direction,
    ExchangeKind,
    ExchangeStatus,
    InterestKind,
    Owner,
    from_iso,
    now_iso,
)
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.meetings import Captured
from relmeet.domain.text import clean_text
from relmeet.store.book import Book


def _need(text: str, field: str = "text") -> str:
    text = clean_text(text).strip()  # what the book would keep
    if not text:
        raise ValidationError({field: "Write what was said before saving."})
    return text


def _check(value: str, choices, field: str) -> None:
    if value not in {c.value for c in choices}:
        raise ValidationError({field: f"Choose one of: {', '.join(c.label for c in choices)}."})


def add_interest(book: Book, contact_id: int, kind: str, text: str, *, meeting_id: int | None = None,
                 responsible: str = "", private: bool = False) -> int:
    _check(kind, InterestKind, "kind")
    with book._write() as conn:
        return conn.execute(
            "INSERT INTO interest (contact_id, meeting_id, kind, text, responsible, private, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (contact_id, meeting_id, kind, _need(text), responsible.strip(), int(private), now_iso())).lastrowid


def add_exchange(book: Book, contact_id: int, direction: str, kind: str, text: str, *,
                 status: str = ExchangeStatus.made.value, meeting_id: int | None = None,
                 campaign_id: int | None = None, private: bool = False) -> int:
    _check(direction, Direction, "direction")
    _check(kind, ExchangeKind, "kind")
    _check(status, ExchangeStatus, "status")
    with book._write() as conn:
        return conn.execute(
            "INSERT INTO exchange (contact_id, meeting_id, campaign_id, direction, kind, text, status, private, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (contact_id, meeting_id, campaign_id, direction, kind, _need(text), status, int(private), now_iso(),
             now_iso())).lastrowid


def add_commitment(book: Book, contact_id: int, owner: str, text: str, due_on: date | None, *,
                   meeting_id: int | None = None, campaign_id: int | None = None, private: bool = False) -> int:
    _check(owner, Owner, "owner")
    with book._write() as conn:
        return conn.execute(
            "INSERT INTO commitment (contact_id, meeting_id, campaign_id, owner, text, due_on, status, private, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)",
            (contact_id, meeting_id, campaign_id, owner, _need(text), due_on.isoformat() if due_on else None,
             int(private), now_iso(), now_iso())).lastrowid


def add_referral(book: Book, from_contact_id: int, to_contact_id: int, *, meeting_id: int | None = None,
                 note: str = "") -> int:
    if from_contact_id == to_contact_id:
        raise ValidationError({"to": "Someone can't refer you to themselves."})
    with book._write() as conn:
        return conn.execute(
            "INSERT INTO referral (from_contact_id, to_contact_id, meeting_id, note, created_at) "
            "VALUES (?, ?, ?, ?, ?)", (from_contact_id, to_contact_id, meeting_id, note.strip(), now_iso())).lastrowid


def add_win(book: Book, text: str, *, won_on: date, campaign_id: int | None = None,
            meeting_id: int | None = None, contact_id: int | None = None) -> int:
    with book._write() as conn:
        return conn.execute(
            "INSERT INTO win (campaign_id, meeting_id, contact_id, text, won_on, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (campaign_id, meeting_id, contact_id, _need(text), won_on.isoformat(), now_iso())).lastrowid


# Editing -------------------------------------------------------------------------------------

_EDITABLE = {
    "interest": {"kind", "text", "responsible", "private"},
    "exchange": {"kind", "text", "status", "private", "direction"},
    "commitment": {"owner", "text", "due_on", "status", "private"},
    "referral": {"note"},
    "win": {"text", "won_on"},
}


def update(book: Book, table: str, item_id: int, **values) -> None:
    allowed = _EDITABLE.get(table)
    if allowed is None or not set(values) <= allowed:
        raise RelmeetError(f"cannot change {', '.join(values)} of a {table}")
    if "text" in values:
        values["text"] = _need(values["text"])
    if table == "exchange" and "status" in values:
        _check(values["status"], ExchangeStatus, "status")
    if table == "commitment" and "status" in values:
        _check(values["status"], CommitmentStatus, "status")
        values["closed_at"] = None if values["status"] == "open" else now_iso()
    if table == "commitment" and isinstance(values.get("due_on"), date):
        values["due_on"] = values["due_on"].isoformat()
    for key in ("private",):
        if key in values:
            values[key] = int(values[key])
    if table in ("exchange", "commitment"):
        values["updated_at"] = now_iso()
    assignments = ", ".join(f"{k} = ?" for k in values)
    with book._write() as conn:
        conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", (*values.values(), item_id))


def get(book: Book, table: str, item_id: int) -> dict | None:
    """One captured item's stored fields, for its edit dialog; None if it is gone."""
    if table not in _EDITABLE:
        raise RelmeetError(f"there is no {table} to edit")
    row = book._row(f"SELECT * FROM {table} WHERE id = ?", (item_id,))
    if row is None:
        return None
    values = dict(row)
    if values.get("due_on"):
        values["due_on"] = date.fromisoformat(values["due_on"])
    return values


def remove(book: Book, table: str, item_id: int) -> None:
    if table not in _EDITABLE:
        raise RelmeetError(f"there is no {table} to remove")
    with book._write() as conn:
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (item_id,))


# Listing -------------------------------------------------------------------------------------

def for_meeting(book: Book, meeting_id: int) -> list[Captured]:
    """Everything captured in one meeting, in the order it was captured."""
    items: list[tuple[str, Captured]] = []
    for r in book._rows("SELECT * FROM interest WHERE meeting_id = ?", (meeting_id,)):
        detail = f"blames {r['responsible']}" if r["responsible"] else ""
        items.append((r["created_at"], Captured("interest", r["id"], r["kind"], r["text"], detail, bool(r["private"]))))
    for r in book._rows("SELECT * FROM exchange WHERE meeting_id = ?", (meeting_id,)):
        items.append((r["created_at"], Captured("exchange", r["id"], r["direction"], r["text"],
                                                f"{r['kind']} · {r['status']}", bool(r["private"]))))
    for r in book._rows("SELECT * FROM commitment WHERE meeting_id = ?", (meeting_id,)):
        items.append((r["created_at"], Captured("commitment", r["id"], r["owner"], r["text"],
                                                f"due {r['due_on']}" if r["due_on"] else "no due date",
                                                bool(r["private"]))))
    for r in book._rows(
            "SELECT r.id, r.note, r.created_at, c.name FROM referral r JOIN contact c ON c.id = r.to_contact_id "
            "WHERE r.meeting_id = ?", (meeting_id,)):
        items.append((r["created_at"], Captured("referral", r["id"], "referral", f"talk to {r['name']}", r["note"])))
    for r in book._rows("SELECT * FROM win WHERE meeting_id = ?", (meeting_id,)):
        items.append((r["created_at"], Captured("win", r["id"], "win", r["text"], r["won_on"])))
    items.sort(key=lambda pair: (pair[0], pair[1].table, pair[1].id))
    return [c for _, c in items]


__all__ = ["Captured", "add_interest", "add_exchange", "add_commitment", "add_referral", "add_win",
           "update", "remove", "for_meeting", "from_iso"]

"""What is captured about a contact: interests, asks and offers, commitments, referrals, wins.

Each capture links to the contact and, when captured during one, the meeting.
"""
from __future__ import annotations

from datetime import date

from relmeet.domain import (
    CommitmentStatus,
    Direction,
    ExchangeKind,
    MadeBy,
    ExchangeStatus,
    InterestKind,
    Owner,
    from_iso,
    now_iso,
    today,
)
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.meetings import COMMITTING, Captured, exchange_words, owner_of
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
                 campaign_id: int | None = None, private: bool = False, made_by: str = MadeBy.me.value,
                 answer: str = "", condition: str = "", decide_by: date | None = None,
                 raised_from_id: int | None = None, commits: bool = False,
                 commitment_due: date | None = None, answered_on: date | None = None) -> int:
    """An ask or an offer, by me or by them, with its answer. With `commits` (what the screens pass), a yes
    or a partly yes makes the commitment it implies in the same transaction: their ask I agree to is mine,
    my ask they agree to is theirs. Loaders and the demo write their commitments themselves (and the demo
    dates an answer given weeks ago with `answered_on`; otherwise an answer is dated today)."""
    _check(direction, Direction, "direction")
    _check(kind, ExchangeKind, "kind")
    _check(status, ExchangeStatus, "status")
    _check(made_by, MadeBy, "made_by")
    now = now_iso()
    with book._write() as conn:
        exchange_id = conn.execute(
            "INSERT INTO exchange (contact_id, meeting_id, campaign_id, direction, made_by, kind, text, status, "
            "answer, condition, decide_by, answered_on, raised_from_id, private, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (contact_id, meeting_id, campaign_id, direction, made_by, kind, _need(text), status, answer.strip(),
             condition.strip(), decide_by.isoformat() if decide_by else None,
             answered_on.isoformat() if answered_on and _answered(status) else _answered(status), raised_from_id,
             int(private), now, now)).lastrowid
        if commits:
            settle(conn, exchange_id, commitment_due)
        return exchange_id


def _answered(status: str) -> str | None:
    return None if status in ("planned", "made") else today().isoformat()


def settle(conn, exchange_id: int, due: date | None = None, *, answered: bool = True) -> None:
    """Keep the commitment an answer implies in step with it (inside the caller's transaction).

    A yes or a partly yes just given (`answered`) makes one commitment linked to the exchange, and a due
    date given later sets its date; an answer taken back removes the commitment it made, as long as nobody
    has worked it yet. An edit that leaves the answer alone leaves the commitments alone: an ask agreed
    before the book linked them doesn't grow one because its wording changed."""
    x = conn.execute("SELECT contact_id, meeting_id, campaign_id, direction, made_by, text, status, answer, private "
                     "FROM exchange WHERE id = ?", (exchange_id,)).fetchone()
    if x is None:
        return
    linked = conn.execute("SELECT id, status FROM commitment WHERE exchange_id = ? ORDER BY id LIMIT 1",
                          (exchange_id,)).fetchone()
    now = now_iso()
    if not answered and due is None:
        return
    if x[6] in COMMITTING:
        text = x[5] if x[6] == "agreed" or not x[7] else f"{x[5]} — {x[7]}"
        if linked is None and (answered or due is not None):
            conn.execute(
                "INSERT INTO commitment (contact_id, meeting_id, campaign_id, owner, text, due_on, status, private, "
                "exchange_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)",
                (x[0], x[1], x[2], owner_of(x[3], x[4]), text, due.isoformat() if due else None, x[8], exchange_id,
                 now, now))
        elif due is not None:
            conn.execute("UPDATE commitment SET due_on = ?, updated_at = ? WHERE id = ?",
                         (due.isoformat(), now, linked[0]))
    elif answered and linked is not None and linked[1] == "open" and not conn.execute(
            "SELECT 1 FROM commitment_note WHERE commitment_id = ?", (linked[0],)).fetchone():
        conn.execute("DELETE FROM commitment WHERE id = ?", (linked[0],))


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
    "exchange": {"kind", "text", "status", "private", "direction", "made_by", "answer", "condition", "decide_by"},
    "commitment": {"owner", "text", "due_on", "status", "private"},
    "referral": {"note"},
    "win": {"text", "won_on"},
}


def update(book: Book, table: str, item_id: int, *, commits: bool = False, commitment_due: date | None = None,
           **values) -> None:
    """Change a captured item's fields. For an exchange with `commits`, a new answer keeps the commitment
    it implies in step (see `settle`), in the same transaction."""
    allowed = _EDITABLE.get(table)
    if allowed is None or not set(values) <= allowed:
        raise RelmeetError(f"cannot change {', '.join(values)} of a {table}")
    if "text" in values:
        values["text"] = _need(values["text"])
    for key in ("answer", "condition"):
        if key in values:
            values[key] = clean_text(values[key]).strip()
    if table == "exchange" and "made_by" in values:
        _check(values["made_by"], MadeBy, "made_by")
    if table == "exchange" and "status" in values:
        _check(values["status"], ExchangeStatus, "status")
    if table == "commitment" and "status" in values:
        _check(values["status"], CommitmentStatus, "status")
        values["closed_at"] = None if values["status"] == "open" else now_iso()
    for key in ("due_on", "decide_by"):
        if isinstance(values.get(key), date):
            values[key] = values[key].isoformat()
    for key in ("private",):
        if key in values:
            values[key] = int(values[key])
    if table in ("exchange", "commitment"):
        values["updated_at"] = now_iso()
    assignments = ", ".join(f"{k} = ?" for k in values)
    with book._write() as conn:
        changed = False
        if table == "exchange" and "status" in values:
            before = conn.execute("SELECT status FROM exchange WHERE id = ?", (item_id,)).fetchone()
            changed = before is not None and before[0] != values["status"]
            if changed:
                conn.execute("UPDATE exchange SET answered_on = ? WHERE id = ?", (_answered(values["status"]), item_id))
        conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", (*values.values(), item_id))
        if table == "exchange" and commits:
            settle(conn, item_id, commitment_due, answered=changed)


def get(book: Book, table: str, item_id: int) -> dict | None:
    """One captured item's stored fields, for its edit dialog; None if it is gone."""
    if table not in _EDITABLE:
        raise RelmeetError(f"there is no {table} to edit")
    row = book._row(f"SELECT * FROM {table} WHERE id = ?", (item_id,))
    if row is None:
        return None
    values = dict(row)
    for key in ("due_on", "decide_by"):
        if values.get(key):
            values[key] = date.fromisoformat(values[key])
    if table == "exchange":
        linked = book._row("SELECT due_on FROM commitment WHERE exchange_id = ? ORDER BY id LIMIT 1", (item_id,))
        values["commitment_due"] = date.fromisoformat(linked[0]) if linked and linked[0] else None
    return values


def remove(book: Book, table: str, item_id: int) -> None:
    if table not in _EDITABLE:
        raise RelmeetError(f"there is no {table} to remove")
    with book._write() as conn:
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (item_id,))


# Listing -------------------------------------------------------------------------------------

def exchange_detail(r) -> str:
    """'Yes — 10 listening visits' / 'Pending: if the board agrees, by 2026-12-07': the answer in their words."""
    words = ExchangeStatus(r["status"]).label
    if r["answer"]:
        words += f" — {r['answer']}"
    if r["condition"]:
        words += f": {r['condition']}"
    if r["decide_by"]:
        words += f", by {r['decide_by']}"
    return f"{ExchangeKind(r['kind']).label.lower()} · {words}"


def for_meeting(book: Book, meeting_id: int) -> list[Captured]:
    """Everything captured in one meeting, in the order it was captured."""
    items: list[tuple[str, Captured]] = []
    for r in book._rows("SELECT * FROM interest WHERE meeting_id = ?", (meeting_id,)):
        detail = f"blames {r['responsible']}" if r["responsible"] else ""
        items.append((r["created_at"], Captured("interest", r["id"], r["kind"], r["text"], detail, bool(r["private"]))))
    for r in book._rows("SELECT * FROM exchange WHERE meeting_id = ?", (meeting_id,)):
        items.append((r["created_at"], Captured("exchange", r["id"], r["direction"], r["text"],
                                                exchange_detail(r), bool(r["private"]), made_by=r["made_by"])))
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
           "update", "remove", "for_meeting", "from_iso", "settle", "exchange_words"]

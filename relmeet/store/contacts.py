"""Contacts: add, edit, archive and list the people and organizations in the book."""
from __future__ import annotations

import re
from dataclasses import fields

from relmeet.domain import (
    ContactKind,
    ContactMethod,
    Level,
    Rung,
    Stance,
    from_iso,
    now_iso,
    to_iso,
    today,
    utcnow,
)
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.merging import FieldConflict, merge_fields
from relmeet.domain.people import ContactCard, ContactIn, ContactRow, Pick
from relmeet.domain.text import clean_text, fold
from relmeet.store.book import Book

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^[0-9+()\-.\s/x#*]+$")
LIST_LIMIT = 500

SORTS = {
    "name": "c.name COLLATE NOCASE",
    "organization": "org_name IS NULL, org_name COLLATE NOCASE, c.name COLLATE NOCASE",
    "level": "CASE c.level WHEN 'impacted' THEN 0 WHEN 'leader' THEN 1 ELSE 2 END, c.name COLLATE NOCASE",
    "stance": "CASE c.stance WHEN 'ally' THEN 0 WHEN 'potential_ally' THEN 1 WHEN 'unknown' THEN 2 "
              "WHEN 'neutral' THEN 3 ELSE 4 END, c.name COLLATE NOCASE",
    "last_met": "last_met IS NULL, last_met DESC, c.name COLLATE NOCASE",
    "commitments": "open_commitments DESC, c.name COLLATE NOCASE",
}


def validate(data: ContactIn, book: Book | None = None, contact_id: int | None = None) -> dict[str, str]:
    """Field name -> what is wrong with it, in words the form shows next to the field."""
    errors: dict[str, str] = {}
    if not clean_text(data.name).strip():  # what the book would keep
        errors["name"] = "A name is needed."
    elif len(data.name) > 200:
        errors["name"] = "That name is longer than 200 characters."
    email = data.email.strip()
    if email and not EMAIL.match(email):
        errors["email"] = "That doesn't look like an email address (name@example.org)."
    phone = data.phone.strip()
    if phone and (not PHONE.match(phone) or not re.search(r"\d", phone)):
        errors["phone"] = "A phone number has digits, spaces and + ( ) - only."
    try:
        influence = int(str(data.influence).strip())
        if not 1 <= influence <= 5:
            raise ValueError
    except ValueError:
        errors["influence"] = "Influence is a whole number from 1 (little) to 5 (decides)."
    for name, choices in (("kind", ContactKind), ("level", Level), ("stance", Stance), ("rung", Rung),
                          ("contact_method", ContactMethod)):
        if getattr(data, name) not in {c.value for c in choices}:
            errors[name] = f"Choose one of: {', '.join(c.label for c in choices)}."
    if data.organization_id is not None and book is not None:
        org = book._row("SELECT kind FROM contact WHERE id = ?", (data.organization_id,))
        if org is None or org["kind"] != "organization":
            errors["organization_id"] = "Pick an organization from the book."
        elif contact_id is not None and data.organization_id == contact_id:
            errors["organization_id"] = "An organization can't belong to itself."
    return errors


def _clean(data: ContactIn) -> dict:
    # only the form's own fields: a ContactCard passed back in carries id, stamps, org name too
    values = {f.name: getattr(data, f.name) for f in fields(ContactIn)}
    tags = sorted({clean_text(t).strip() for t in values.pop("tags") if clean_text(t).strip()}, key=str.casefold)
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = value.strip()
    values["influence"] = int(str(values["influence"]).strip())
    if values["kind"] == ContactKind.organization:
        values["organization_id"] = None
    return values | {"tags": tags}


def create(book: Book, data: ContactIn) -> int:
    errors = validate(data, book)
    if errors:
        raise ValidationError(errors)
    values = _clean(data)
    tags = values.pop("tags")
    now = now_iso()
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    with book._write() as conn:
        contact_id = conn.execute(f"INSERT INTO contact ({columns}, created_at, updated_at) VALUES ({marks}, ?, ?)",
                                  (*values.values(), now, now)).lastrowid
        conn.executemany("INSERT INTO contact_tag (contact_id, tag) VALUES (?, ?)", [(contact_id, t) for t in tags])
    return contact_id


def update(book: Book, contact_id: int, data: ContactIn, *, expected: ContactIn | None = None) -> list[str]:
    """Save the form. With `expected` (the contact as the form loaded it), a field another copy of relmeet
    changed meanwhile keeps that change unless this form changed it too; a field both changed to different
    values raises FieldConflict and nothing is written. Returns the fields taken from the other copy."""
    errors = validate(data, book, contact_id)
    if errors:
        raise ValidationError(errors)
    mine = _clean(data)
    taken: list[str] = []
    with book._write() as conn:
        current = get(book, contact_id)  # read inside the write transaction: nobody can change it before we do
        if current is None:
            raise RelmeetError(f"contact {contact_id} is no longer in the book")
        values = mine
        if expected is not None:
            theirs = _clean(current)
            values, conflicts, taken = merge_fields(_clean(expected), mine, theirs)
            if conflicts:
                raise FieldConflict(conflicts, current)
        tags = values.pop("tags")
        sets = ", ".join(f"{name} = ?" for name in values)
        conn.execute(f"UPDATE contact SET {sets}, updated_at = ? WHERE id = ?",
                     (*values.values(), now_iso(), contact_id))
        conn.execute("DELETE FROM contact_tag WHERE contact_id = ?", (contact_id,))
        conn.executemany("INSERT INTO contact_tag (contact_id, tag) VALUES (?, ?)", [(contact_id, t) for t in tags])
    return taken


def set_archived(book: Book, contact_id: int, archived: bool) -> None:
    """Archive hides a contact from lists but keeps every meeting; unarchive is the undo."""
    from relmeet.domain.tables import Contact

    with book._session() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise RelmeetError(f"contact {contact_id} is no longer in the book")
        contact.archived_at = utcnow() if archived else None
        contact.updated_at = utcnow()


def get(book: Book, contact_id: int) -> ContactCard | None:
    row = book._row(
        "SELECT c.*, o.name AS org_name FROM contact c LEFT JOIN contact o ON o.id = c.organization_id "
        "WHERE c.id = ?", (contact_id,))
    if row is None:
        return None
    tags = [r[0] for r in book._rows("SELECT tag FROM contact_tag WHERE contact_id = ? ORDER BY tag", (contact_id,))]
    names = {f.name for f in fields(ContactCard)}
    values = {k: row[k] for k in row.keys() if k in names}
    for flag in ("is_leader", "is_gatekeeper", "notes_private"):
        values[flag] = bool(values[flag])
    for stamp in ("archived_at", "created_at", "updated_at"):
        values[stamp] = from_iso(values[stamp])
    return ContactCard(**values, tags=tags, organization=row["org_name"] or "")


def organizations(book: Book) -> list[Pick]:
    return [Pick(r["id"], r["name"]) for r in book._rows(
        "SELECT id, name FROM contact WHERE kind = 'organization' AND archived_at IS NULL "
        "ORDER BY name COLLATE NOCASE")]


def find_by_name(book: Book, name: str, limit: int = 20) -> list[Pick]:
    """Contacts whose name contains the text, whole-name and prefix matches first."""
    text = name.strip()
    if not text:
        return []
    like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = book._rows(
        "SELECT id, name FROM contact WHERE archived_at IS NULL AND name LIKE ? ESCAPE '\\' "
        "ORDER BY (name = ? COLLATE NOCASE) DESC, (name LIKE ? ESCAPE '\\') DESC, name COLLATE NOCASE LIMIT ?",
        (like, text, like[1:], limit))
    return [Pick(r["id"], r["name"]) for r in rows]


def list_rows(book: Book, *, text: str = "", level: str = "", stance: str = "", kind: str = "",
              sort: str = "name", archived: bool = False, limit: int = LIST_LIMIT) -> list[ContactRow]:
    """The home screen's list: filtered, sorted, and capped so the table stays fast."""
    where = ["c.archived_at IS NOT NULL" if archived else "c.archived_at IS NULL"]
    params: list = [today().isoformat()]
    if text.strip():
        like = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append("(c.name LIKE ? ESCAPE '\\' OR o.name LIKE ? ESCAPE '\\' OR c.role LIKE ? ESCAPE '\\' "
                     "OR c.neighbourhood LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM contact_tag t "
                     "WHERE t.contact_id = c.id AND t.tag LIKE ? ESCAPE '\\'))")
        params += [like] * 5
    for column, value in (("level", level), ("stance", stance), ("kind", kind)):
        if value:
            where.append(f"c.{column} = ?")
            params.append(value)
    order = SORTS.get(sort, SORTS["name"])
    sql = f"""
        SELECT c.id, c.name, c.kind, o.name AS org_name, c.role, c.level, c.stance, c.influence,
               c.is_leader, c.is_gatekeeper, c.archived_at,
               (SELECT max(coalesce(m.started_at, m.scheduled_at)) FROM meeting m
                 WHERE m.contact_id = c.id AND m.status = 'held') AS last_met,
               (SELECT count(*) FROM commitment k WHERE k.contact_id = c.id AND k.status = 'open')
                 AS open_commitments,
               (SELECT count(*) FROM commitment k WHERE k.contact_id = c.id AND k.status = 'open'
                 AND k.due_on < ?) AS overdue
        FROM contact c LEFT JOIN contact o ON o.id = c.organization_id
        WHERE {' AND '.join(where)}
        ORDER BY {order}
        LIMIT {int(limit)}"""
    # parameters bind in text order: the date in the select list comes before the WHERE ones
    rows = book._rows(sql, tuple(params))
    return [ContactRow(
        id=r["id"], name=r["name"], kind=r["kind"], organization=r["org_name"] or "", role=r["role"],
        level=r["level"], stance=r["stance"], influence=r["influence"], is_leader=bool(r["is_leader"]),
        is_gatekeeper=bool(r["is_gatekeeper"]), last_met=from_iso(r["last_met"]),
        open_commitments=r["open_commitments"], overdue_commitments=r["overdue"],
        archived=r["archived_at"] is not None) for r in rows]


def count(book: Book, *, archived: bool = False) -> int:
    return book._value("SELECT count(*) FROM contact WHERE archived_at IS " + ("NOT NULL" if archived else "NULL"))


def get_setting(book: Book, key: str, default: str = "") -> str:
    found = book._value("SELECT value FROM setting WHERE key = ?", (key,))
    return default if found is None else found


def set_setting(book: Book, key: str, value: str) -> None:
    with book._write() as conn:
        conn.execute("INSERT INTO setting(key, value) VALUES (?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


__all__ = ["create", "update", "set_archived", "get", "list_rows", "validate", "to_iso"]


def match_contacts(book: Book, text: str, *, include_archived: bool = False, limit: int = 20) -> list[Pick]:
    """Contacts whose name contains every word typed. A whole-name match wins outright, then names
    that start with the text, then the rest, so "rosa" finds Rosa before Primrosa."""
    wanted = fold(text)
    if not wanted:
        return []
    words = wanted.split()
    archived = "" if include_archived else "WHERE archived_at IS NULL"
    exact, starts, contains = [], [], []
    for contact_id, name in book._rows(f"SELECT id, name FROM contact {archived} ORDER BY name COLLATE NOCASE"):
        folded = fold(name)
        if folded == wanted:
            exact.append(Pick(contact_id, name))
        elif all(word in folded for word in words):
            (starts if folded.startswith(words[0]) or f" {words[0]}" in folded else contains).append(
                Pick(contact_id, name))
    if len(exact) == 1:
        return exact
    return (exact + starts + contains)[:limit]

"""A contact's several e-mails and phones (schema 7), and the card fields an import fills.

contact.email / contact.phone are the copy of the preferred entry that search and lists read. A contact saved
by a form that sets only contact.email (before the form knows the lists) has that address taken in as its
preferred entry the next time the lists are written, so nothing the organizer typed is lost.
"""
from __future__ import annotations

import re
import sqlite3

# table -> (value column, copy column on contact)
LISTS = {"contact_email": ("address", "email"), "contact_phone": ("number", "phone")}
# scalar card fields an import may fill (text, '' when empty); the name and kind are the import's own
CARD_FIELDS = ["role", "neighbourhood", "language", "honorific", "given_name", "family_name", "goes_by",
               "birthday", "anniversary", "street", "city", "region", "postal_code", "country", "department", "url",
               "source_name"]


def same_key(table: str, value: str) -> str:
    """E-mails compare without case; phones by their last ten digits ('' when too short to be evidence)."""
    if table == "contact_email":
        return value.strip().lower()
    digits = re.sub(r"\D", "", value)
    return digits[-10:] if len(digits) >= 7 else value.strip().lower()


def entries(conn: sqlite3.Connection, contact_id: int, table: str) -> list[dict]:
    column = LISTS[table][0]
    return [{"value": r[0], "label": r[1], "preferred": bool(r[2]), "bad": bool(r[3])} for r in conn.execute(
        f"SELECT {column}, label, preferred, bad FROM {table} WHERE contact_id = ? ORDER BY position, id",
        (contact_id,))]


def add_entries(conn: sqlite3.Connection, contact_id: int, table: str,
                items: list[tuple[str, str, bool]]) -> None:
    """Union (value, label, preferred) into the contact's list: a value it has already keeps its place (and gains
    the label if it had none); the contact's preferred entry stays preferred; the copy on contact follows."""
    column, copy = LISTS[table]
    held = entries(conn, contact_id, table)
    current = conn.execute(f"SELECT {copy} FROM contact WHERE id = ?", (contact_id,)).fetchone()[0].strip()
    keys = {same_key(table, e["value"]): e for e in held}
    if current and same_key(table, current) not in keys:  # typed in a form that doesn't know the lists yet
        items = [(current, "", True)] + list(items)
        for entry in held:
            if entry["preferred"]:
                conn.execute(f"UPDATE {table} SET preferred = 0 WHERE contact_id = ?", (contact_id,))
                break
        held = [{**e, "preferred": False} for e in held]
    has_preferred = any(e["preferred"] for e in held)
    position = len(held)
    for value, label, preferred in items:
        value = value.strip()
        key = same_key(table, value)
        if not value:
            continue
        if key in keys:
            if label and not keys[key]["label"]:
                conn.execute(f"UPDATE {table} SET label = ? WHERE contact_id = ? AND {column} = ?",
                             (label, contact_id, keys[key]["value"]))
            continue
        preferred = preferred and not has_preferred
        has_preferred = has_preferred or preferred
        conn.execute(f"INSERT INTO {table} (contact_id, {column}, label, preferred, position) VALUES (?, ?, ?, ?, ?)",
                     (contact_id, value, label, int(preferred), position))
        keys[key] = {"value": value, "label": label}
        position += 1
    if not has_preferred:  # the first good one, so that the copy on contact is never empty while one exists
        conn.execute(f"UPDATE {table} SET preferred = 1 WHERE id = (SELECT id FROM {table} WHERE contact_id = ? "
                     "AND bad = 0 ORDER BY position, id LIMIT 1)", (contact_id,))
    sync_copy(conn, contact_id, table)


def first_entries(pending: list[tuple], contact_id: int, table: str, items: list[tuple[str, str, bool]]) -> None:
    """A new contact's list, whose copy on contact was written with it (see preferred_of), as rows for
    write_entries: no reads, no update."""
    seen: set[str] = set()
    position = 0
    for value, label, preferred in items:
        key = same_key(table, value)
        if value.strip() and key not in seen:
            seen.add(key)
            pending.append((contact_id, value.strip(), label, int(preferred), position))
            position += 1


def write_entries(conn: sqlite3.Connection, pending: dict[str, list[tuple]]) -> None:
    for table, (column, _copy) in LISTS.items():
        conn.executemany(f"INSERT INTO {table} (contact_id, {column}, label, preferred, position) "
                         "VALUES (?, ?, ?, ?, ?)", pending[table])


def preferred_of(items: list[tuple[str, str, bool]]) -> str:
    return next((value.strip() for value, _label, preferred in items if preferred), "")


def sync_copy(conn: sqlite3.Connection, contact_id: int, table: str) -> None:
    column, copy = LISTS[table]
    conn.execute(f"UPDATE contact SET {copy} = coalesce((SELECT {column} FROM {table} WHERE contact_id = ? "
                 "AND preferred = 1), '') WHERE id = ?", (contact_id, contact_id))


def all_entries(conn: sqlite3.Connection, table: str) -> dict[int, list[dict]]:
    """Every contact's entries of one list, in order (one query for a whole export)."""
    column = LISTS[table][0]
    found: dict[int, list[dict]] = {}
    for r in conn.execute(f"SELECT contact_id, {column}, label, preferred, bad FROM {table} "
                          "ORDER BY contact_id, position, id"):
        found.setdefault(r[0], []).append({"value": r[1], "label": r[2], "preferred": bool(r[3]), "bad": bool(r[4])})
    return found


def for_export(held: list[dict], table: str, copy_value: str) -> list[dict]:
    """The good entries to hand out (a bad one never leaves the book), the preferred one marked; a copy on
    contact that the lists lack (typed in a form that doesn't know them yet) comes first, preferred."""
    good = [dict(e) for e in held if not e["bad"]]
    copy_value = copy_value.strip()
    if copy_value and same_key(table, copy_value) not in {same_key(table, e["value"]) for e in good}:
        good = [{"value": copy_value, "label": "", "preferred": True, "bad": False}] + \
               [{**e, "preferred": False} for e in good]
    if good and not any(e["preferred"] for e in good):
        good[0]["preferred"] = True
    return good

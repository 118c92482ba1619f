"""Merging two contacts into one, and undoing it.

`merge` moves everything that hangs off the dropped contact onto the kept one in one transaction
and writes a merge_log row with what `undo` needs to put both back exactly as they were.
"""
from __future__ import annotations

import json
import sqlite3

from relmeet import domain
from relmeet.domain.errors import RelmeetError
from relmeet.domain.people import MERGE_FIELDS, MergeRecord, MergeSides
from relmeet.store.card_fields import LISTS, same_key
from relmeet.store.standing import annotate, mark

# contact fields a user chooses between, with the label the merge screen shows
FIELDS = MERGE_FIELDS
FIELD_NAMES = [name for name, _ in FIELDS]
# rows that belong to a contact through contact_id and simply change hands
_OWNED = ["meeting", "interest", "exchange", "commitment", "win", "standing_change"]


def _contact(conn: sqlite3.Connection, contact_id: int) -> dict:
    row = conn.execute("SELECT * FROM contact WHERE id = ?", (contact_id,)).fetchone()
    if row is None:
        raise RelmeetError(f"there is no contact #{contact_id}")
    return dict(row)


def default_choices(keep: dict, drop: dict) -> dict[str, str]:
    """Keep the kept contact's values, except where it has none and the other one does."""
    return {name: "drop" if keep.get(name) in ("", None) and drop.get(name) not in ("", None) else "keep"
            for name in FIELD_NAMES}


def _ids(conn: sqlite3.Connection, sql: str, params: tuple) -> list[int]:
    return [row[0] for row in conn.execute(sql, params)]


def merge(book, keep_id: int, drop_id: int, choices: dict[str, str] | None = None) -> int:
    """Fold contact drop_id into keep_id; returns the merge id that `undo` takes."""
    if keep_id == drop_id:
        raise RelmeetError("a contact can't be merged with itself")
    choices = choices or {}
    bad = {k: v for k, v in choices.items() if k not in FIELD_NAMES or v not in ("keep", "drop")}
    if bad:
        raise RelmeetError(f"unknown merge choices: {bad}")
    now = domain.to_iso(domain.utcnow())
    with book._write() as conn:
        keep, drop = _contact(conn, keep_id), _contact(conn, drop_id)
        snap: dict = {"kept_before": keep, "dropped": drop, "moved": {}}
        # 1. the kept contact's fields, as chosen
        taken = {name: drop[name] for name, side in choices.items() if side == "drop"}
        if "notes" in taken:
            taken["notes_private"] = drop["notes_private"]
        if taken.get("organization_id", keep["organization_id"]) in (keep_id, drop_id):
            taken["organization_id"] = None  # nobody is a member of themselves
        taken["updated_at"] = now
        snap["taken"] = taken
        since = mark(conn)
        conn.execute(f"UPDATE contact SET {', '.join(f'{k} = ?' for k in taken)} WHERE id = ?",
                     (*taken.values(), keep_id))
        annotate(conn, since, reason=f"taken from {drop['name']} in a merge")  # their story says why
        # 2. rows owned through contact_id
        for table in _OWNED:
            snap["moved"][table] = _ids(conn, f"SELECT id FROM {table} WHERE contact_id = ?", (drop_id,))
            conn.execute(f"UPDATE {table} SET contact_id = ? WHERE contact_id = ?", (keep_id, drop_id))
        # 2b. the meetings the dropped contact was in without being the one it was with (schema 8)
        snap["moved"]["participant"] = _ids(conn, (
            "SELECT meeting_id FROM meeting_participant WHERE contact_id = ? AND meeting_id NOT IN "
            "(SELECT meeting_id FROM meeting_participant WHERE contact_id = ?)"), (drop_id, keep_id))
        conn.execute("UPDATE OR IGNORE meeting_participant SET contact_id = ? WHERE contact_id = ?", (keep_id, drop_id))
        # 3. referrals: between the two they would point at one person, so they go; the rest move
        snap["deleted_referrals"] = [dict(r) for r in conn.execute(
            "SELECT * FROM referral WHERE (from_contact_id = ? AND to_contact_id = ?) "
            "OR (from_contact_id = ? AND to_contact_id = ?)", (keep_id, drop_id, drop_id, keep_id))]
        _move_back(conn, "DELETE FROM referral WHERE id IN (%s)", (), [r["id"] for r in snap["deleted_referrals"]])
        for end in ("from_contact_id", "to_contact_id"):
            snap["moved"][f"referral.{end}"] = _ids(conn, f"SELECT id FROM referral WHERE {end} = ?", (drop_id,))
            conn.execute(f"UPDATE referral SET {end} = ? WHERE {end} = ?", (keep_id, drop_id))
        # 4. per-campaign stance: where both have one, the kept contact's stays
        snap["campaign_contact"] = [dict(r) for r in conn.execute(
            "SELECT * FROM campaign_contact WHERE contact_id = ?", (drop_id,))]
        snap["moved"]["campaign_contact"] = _ids(conn, (
            "SELECT campaign_id FROM campaign_contact WHERE contact_id = ? AND campaign_id NOT IN "
            "(SELECT campaign_id FROM campaign_contact WHERE contact_id = ?)"), (drop_id, keep_id))
        conn.execute("UPDATE OR IGNORE campaign_contact SET contact_id = ? WHERE contact_id = ?", (keep_id, drop_id))
        # 5. tags: the kept contact gets the union
        snap["tags"] = _ids(conn, "SELECT tag FROM contact_tag WHERE contact_id = ?", (drop_id,))
        snap["tags_added"] = _ids(conn, "SELECT tag FROM contact_tag WHERE contact_id = ? AND tag NOT IN "
                                        "(SELECT tag FROM contact_tag WHERE contact_id = ?)", (drop_id, keep_id))
        conn.executemany("INSERT INTO contact_tag (contact_id, tag) VALUES (?, ?)",
                         [(keep_id, tag) for tag in snap["tags_added"]])
        # 5b. e-mails and phones: the union, labels kept; the one preferred is what the kept contact's field says
        for table in LISTS:
            snap[table] = _merge_list(conn, table, keep_id, drop_id)
        # 6. an organization's members, and an organization whose day-to-day contact it was
        snap["moved"]["day_to_day"] = _ids(conn, "SELECT id FROM contact WHERE day_to_day_id = ?", (drop_id,))
        conn.execute("UPDATE contact SET day_to_day_id = ? WHERE day_to_day_id = ?", (keep_id, drop_id))
        snap["moved"]["members"] = _ids(conn, "SELECT id FROM contact WHERE organization_id = ? AND id <> ?",
                                        (drop_id, keep_id))
        conn.execute("UPDATE contact SET organization_id = ? WHERE organization_id = ? AND id <> ?",
                     (keep_id, drop_id, keep_id))
        # 7. the dropped contact (its leftover duplicate tags and campaign rows go with it)
        conn.execute("DELETE FROM contact WHERE id = ?", (drop_id,))
        return conn.execute(
            "INSERT INTO merge_log (kept_id, dropped_id, dropped_name, snapshot, merged_at) VALUES (?, ?, ?, ?, ?)",
            (keep_id, drop_id, drop["name"], json.dumps(snap, ensure_ascii=False), now)).lastrowid


def _merge_list(conn: sqlite3.Connection, table: str, keep_id: int, drop_id: int) -> dict:
    column, copy = LISTS[table]
    rows = lambda who: [dict(r) for r in conn.execute(  # noqa: E731
        f"SELECT * FROM {table} WHERE contact_id = ? ORDER BY position, id", (who,))]
    kept, dropped = rows(keep_id), rows(drop_id)
    held = {same_key(table, r[column]) for r in kept}
    position = max((r["position"] for r in kept), default=-1) + 1
    for row in dropped:
        if same_key(table, row[column]) in held:
            conn.execute(f"DELETE FROM {table} WHERE id = ?", (row["id"],))
            continue
        held.add(same_key(table, row[column]))
        conn.execute(f"UPDATE {table} SET contact_id = ?, preferred = 0, position = ? WHERE id = ?",
                     (keep_id, position, row["id"]))
        position += 1
    chosen = conn.execute(f"SELECT {copy} FROM contact WHERE id = ?", (keep_id,)).fetchone()[0]
    match = [r["id"] for r in rows(keep_id) if chosen and same_key(table, r[column]) == same_key(table, chosen)
             and not r["bad"]]
    if match:
        conn.execute(f"UPDATE {table} SET preferred = 0 WHERE contact_id = ?", (keep_id,))
        conn.execute(f"UPDATE {table} SET preferred = 1 WHERE id = ?", (match[0],))
    return {"kept": kept, "dropped": dropped}


def _unmerge_list(conn: sqlite3.Connection, table: str, keep_id: int, drop_id: int, saved: dict) -> None:
    """The dropped contact's entries back with their ids; the kept one's order and preferred mark as they were."""
    ids = [r["id"] for r in saved["dropped"]]
    _move_back(conn, f"DELETE FROM {table} WHERE contact_id = ? AND id IN (%s)", (keep_id,), ids)
    conn.execute(f"UPDATE {table} SET preferred = 0 WHERE contact_id = ?", (keep_id,))
    for row in saved["kept"]:
        conn.execute(f"UPDATE {table} SET preferred = ?, position = ? WHERE id = ? AND contact_id = ?",
                     (row["preferred"], row["position"], row["id"], keep_id))
    for row in saved["dropped"]:
        _insert(conn, table, {**row, "contact_id": drop_id}, keep_id=True)


def _insert(conn: sqlite3.Connection, table: str, row: dict, *, keep_id: bool) -> int:
    """Put a saved row back; under a new id if its old one has been taken since."""
    if not keep_id or conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row["id"],)).fetchone():
        row = {k: v for k, v in row.items() if k != "id"}
    names = list(row)
    return conn.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                        list(row.values())).lastrowid


def undo(book, merge_id: int) -> int:
    """Split a merge back into the two contacts as they were; returns the restored contact's id.

    Rows added to the kept contact since the merge stay with it; rows deleted since stay deleted.
    """
    with book._write() as conn:
        log = conn.execute("SELECT * FROM merge_log WHERE id = ?", (merge_id,)).fetchone()
        if log is None:
            raise RelmeetError(f"there is no merge #{merge_id} to undo (was its kept contact deleted?)")
        if log["undone_at"]:
            raise RelmeetError(f"the merge of {log['dropped_name']} was already undone")
        snap = json.loads(log["snapshot"])
        keep_id = log["kept_id"]
        if not _exists(conn, "contact", keep_id):
            raise RelmeetError(f"{snap['kept_before']['name']} has since been merged into another contact or "
                               "removed: undo that first")
        drop = snap["dropped"]
        restored = mark(conn)  # the book writes first entries for the contact and campaign rows put back
        drop_id = _insert(conn, "contact", {**drop, "organization_id": None}, keep_id=True)
        before = dict(snap["kept_before"])
        if before["organization_id"] == drop["id"]:
            before["organization_id"] = drop_id
        elif before["organization_id"] is not None and not _exists(conn, "contact", before["organization_id"]):
            before["organization_id"] = None
        # Only the fields the merge set, and only where nobody has changed them since.
        current = dict(conn.execute("SELECT * FROM contact WHERE id = ?", (keep_id,)).fetchone())
        fields = [k for k, v in snap["taken"].items() if current[k] == v]
        if fields:
            since = mark(conn)
            conn.execute(f"UPDATE contact SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?",
                         (*[before[k] for k in fields], keep_id))
            annotate(conn, since, reason=f"merge with {drop['name']} undone")
        if drop["organization_id"] is not None and _exists(conn, "contact", drop["organization_id"]):
            conn.execute("UPDATE contact SET organization_id = ? WHERE id = ?", (drop["organization_id"], drop_id))
        moved = snap["moved"]
        for table in _OWNED:  # a merge made before schema 8 moved no story
            _move_back(conn, f"UPDATE {table} SET contact_id = ? WHERE contact_id = ? AND id IN (%s)",
                       (drop_id, keep_id), moved.get(table, []))
        _move_back(conn, "UPDATE meeting_participant SET contact_id = ? WHERE contact_id = ? AND role = 'participant' "
                   "AND meeting_id IN (%s)", (drop_id, keep_id), moved.get("participant", []))
        for end in ("from_contact_id", "to_contact_id"):
            _move_back(conn, f"UPDATE referral SET {end} = ? WHERE {end} = ? AND id IN (%s)",
                       (drop_id, keep_id), moved[f"referral.{end}"])
        for ref in snap["deleted_referrals"]:
            ref = {**ref, **{end: drop_id for end in ("from_contact_id", "to_contact_id") if ref[end] == drop["id"]}}
            if ref["meeting_id"] is not None and not _exists(conn, "meeting", ref["meeting_id"]):
                ref["meeting_id"] = None
            _insert(conn, "referral", ref, keep_id=True)
        _move_back(conn, "DELETE FROM campaign_contact WHERE contact_id = ? AND campaign_id IN (%s)",
                   (keep_id,), moved["campaign_contact"])
        for row in snap["campaign_contact"]:
            conn.execute("INSERT INTO campaign_contact (campaign_id, contact_id, stance, influence) "
                         "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM campaign WHERE id = ?)",
                         (row["campaign_id"], drop_id, row["stance"], row["influence"], row["campaign_id"]))
        # its story came back whole with the rows moved back: the first entries just written make way
        conn.execute("DELETE FROM standing_change WHERE id > ? AND contact_id = ?", (restored, drop_id))
        conn.executemany("DELETE FROM contact_tag WHERE contact_id = ? AND tag = ?",
                         [(keep_id, tag) for tag in snap["tags_added"]])
        conn.executemany("INSERT OR IGNORE INTO contact_tag (contact_id, tag) VALUES (?, ?)",
                         [(drop_id, tag) for tag in snap["tags"]])
        _move_back(conn, "UPDATE contact SET organization_id = ? WHERE organization_id = ? AND id IN (%s)",
                   (drop_id, keep_id), moved["members"])
        _move_back(conn, "UPDATE contact SET day_to_day_id = ? WHERE day_to_day_id = ? AND id IN (%s)",
                   (drop_id, keep_id), moved.get("day_to_day", []))
        for table in LISTS:
            if table in snap:  # merges made before schema 7 have no lists to put back
                _unmerge_list(conn, table, keep_id, drop_id, snap[table])
        conn.execute("UPDATE merge_log SET undone_at = ? WHERE id = ?", (domain.to_iso(domain.utcnow()), merge_id))
        return drop_id


def _exists(conn: sqlite3.Connection, table: str, row_id: int) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is not None


def _move_back(conn: sqlite3.Connection, sql: str, params: tuple, ids: list[int]) -> None:
    if ids:
        conn.execute(sql % ",".join("?" * len(ids)), (*params, *ids))


def recent_merges(book, limit: int = 20) -> list[MergeRecord]:
    """Merges that can still be undone, newest first."""
    rows = book._rows(
        "SELECT m.id, m.kept_id, coalesce(c.name, json_extract(m.snapshot, '$.kept_before.name')) AS kept_name, "
        "m.dropped_name, m.merged_at FROM merge_log m "
        "LEFT JOIN contact c ON c.id = m.kept_id WHERE m.undone_at IS NULL ORDER BY m.merged_at DESC, m.id DESC LIMIT ?",
        (limit,))
    return [MergeRecord(**dict(row)) for row in rows]


def contact_fields(book, contact_id: int) -> dict:
    """One contact's row as a dict, for the merge screen's side-by-side view."""
    row = book._row("SELECT * FROM contact WHERE id = ?", (contact_id,))
    if row is None:
        raise RelmeetError(f"there is no contact #{contact_id}")
    return dict(row)


def tags_of(book, contact_id: int) -> list[str]:
    return [r[0] for r in book._rows("SELECT tag FROM contact_tag WHERE contact_id = ? ORDER BY tag", (contact_id,))]


def moving_counts(book, contact_id: int) -> dict[str, int]:
    """What hangs off a contact and would move in a merge, by what the user calls it."""
    one = lambda sql: book._value(sql, (contact_id,) * sql.count("?"))  # noqa: E731
    return {
        "meetings": one("SELECT count(*) FROM meeting WHERE contact_id = ?"),
        "interests": one("SELECT count(*) FROM interest WHERE contact_id = ?"),
        "asks and offers": one("SELECT count(*) FROM exchange WHERE contact_id = ?"),
        "commitments": one("SELECT count(*) FROM commitment WHERE contact_id = ?"),
        "referrals": one("SELECT count(*) FROM referral WHERE from_contact_id = ? OR to_contact_id = ?"),
        "members": one("SELECT count(*) FROM contact WHERE organization_id = ?"),
    }


def sides(book, keep_id: int, drop_id: int) -> MergeSides:
    """Everything the merge screen shows of two contacts."""
    keep, drop = contact_fields(book, keep_id), contact_fields(book, drop_id)
    orgs = {o for o in (keep["organization_id"], drop["organization_id"]) if o}
    return MergeSides(keep, drop, tags_of(book, keep_id), tags_of(book, drop_id),
                      {o: contact_fields(book, o)["name"] for o in orgs}, moving_counts(book, drop_id))

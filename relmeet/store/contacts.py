"""Contacts: add, edit, archive and list the people and organizations in the book."""
from __future__ import annotations

import re
from datetime import date
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
from relmeet.domain.people import ContactCard, ContactIn, ContactRow, Pick, Reach, built_name, settle_reach
from relmeet.domain.text import clean_text, fold
from relmeet.store.book import Book

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^[0-9+()\-.\s/x#*]+$")
BIRTHDAY = re.compile(r"^(\d{4}|-)-(\d{2})-(\d{2})$")
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
    name = clean_text(data.name).strip() or built_name(data.honorific, data.given_name, data.family_name)
    if not clean_text(name).strip():  # what the book would keep
        errors["name"] = "A name is needed."
    elif len(name) > 200:
        errors["name"] = "That name is longer than 200 characters."
    emails, phones = _reach(data.emails, data.email), _reach(data.phones, data.phone)
    wrong = [e.value for e in emails if not EMAIL.match(e.value.strip())]
    if wrong:
        errors["email"] = f"“{wrong[0]}” doesn't look like an email address (name@example.org)."
    elif sum(e.preferred for e in emails) > 1:
        errors["email"] = "Only one address can be the preferred one."
    wrong = [p.value for p in phones if not PHONE.match(p.value.strip()) or not re.search(r"\d", p.value)]
    if wrong:
        errors["phone"] = f"“{wrong[0]}”: a phone number has digits, spaces and + ( ) - only."
    elif sum(p.preferred for p in phones) > 1:
        errors["phone"] = "Only one number can be the preferred one."
    if data.birthday.strip():
        found = BIRTHDAY.match(data.birthday.strip())
        try:
            if not found:
                raise ValueError
            date(2000 if found[1] == "-" else int(found[1]), int(found[2]), int(found[3]))  # 2000: 29 Feb is fine
        except ValueError:
            errors["birthday"] = "A birthday is 1984-05-17, or --05-17 when you don't know the year."
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


def _reach(entries: list[Reach], single: str) -> list[Reach]:
    entries, single = [e for e in entries if e.value.strip()], single.strip()
    settled = settle_reach(entries)
    if not single or any(e.preferred and e.value == single for e in settled):
        return entries
    # the caller set `email`/`phone` itself (the demo, an import, an older caller): that one becomes the
    # preferred entry in place of the one it was
    label = next((e.label for e in entries if e.value == single), "")
    return [Reach(single, label, True)] + [Reach(e.value, e.label, False, e.bad) for e in settled
                                           if e.value != single and not e.preferred]


def _clean(data: ContactIn) -> dict:
    # only the form's own fields: a ContactCard passed back in carries id, stamps, org name too
    values = {f.name: getattr(data, f.name) for f in fields(ContactIn)}
    tags = sorted({clean_text(t).strip() for t in values.pop("tags") if clean_text(t).strip()}, key=str.casefold)
    # the lists merge as one field each, under the names of the preferred copies ("email", "phone")
    emails = tuple(settle_reach(_reach(values.pop("emails"), values["email"])))
    phones = tuple(settle_reach(_reach(values.pop("phones"), values["phone"])))
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = value.strip()
    values["name"] = values["name"] or built_name(values["honorific"], values["given_name"], values["family_name"])
    values["influence"] = int(str(values["influence"]).strip())
    if values["kind"] == ContactKind.organization:
        values["organization_id"] = None
    return values | {"tags": tags, "email": emails, "phone": phones}


def _lists(values: dict) -> dict:
    """Takes the tags and the e-mail and phone lists out of `values`, leaving the preferred copies."""
    lists = {"tags": values.pop("tags"), "emails": values["email"], "phones": values["phone"]}
    values["email"] = next((e.value for e in lists["emails"] if e.preferred), "")
    values["phone"] = next((p.value for p in lists["phones"] if p.preferred), "")
    return lists


def _write_lists(conn, contact_id: int, values: dict) -> None:
    """Tags, e-mails and phones as the form has them."""
    tags = values.pop("tags")
    conn.execute("DELETE FROM contact_tag WHERE contact_id = ?", (contact_id,))
    conn.executemany("INSERT INTO contact_tag (contact_id, tag) VALUES (?, ?)", [(contact_id, t) for t in tags])
    for table, column, key in (("contact_email", "address", "emails"), ("contact_phone", "number", "phones")):
        conn.execute(f"DELETE FROM {table} WHERE contact_id = ?", (contact_id,))
        conn.executemany(
            f"INSERT INTO {table} (contact_id, {column}, label, preferred, bad, position) VALUES (?, ?, ?, ?, ?, ?)",
            [(contact_id, e.value, e.label, int(e.preferred), int(e.bad), i) for i, e in enumerate(values.pop(key))])


def _referred_by(conn, book: Book, contact_id: int, label: str, before: str) -> str:
    """Link who referred them: someone the choices name, else a new person added with that name.
    Says whom it added ('' if nobody). A referral the form made before and no longer shows goes."""
    if label == before:
        return ""
    if before:
        old = _choice_ids(book).get(before)
        if old is not None:  # only the form's own link; a referral noted in a meeting stays
            conn.execute("DELETE FROM referral WHERE from_contact_id = ? AND to_contact_id = ? "
                         "AND meeting_id IS NULL", (old, contact_id))
    if not label:
        return ""
    added = ""
    referrer = _choice_ids(book).get(label)
    if referrer is None:
        now = now_iso()
        referrer = conn.execute("INSERT INTO contact (name, rung, created_at, updated_at) VALUES (?, 'identified', ?, ?)",
                                (clean_text(label).strip(), now, now)).lastrowid
        added = clean_text(label).strip()
    if referrer != contact_id and conn.execute(
            "SELECT 1 FROM referral WHERE from_contact_id = ? AND to_contact_id = ?", (referrer, contact_id)).fetchone() is None:
        conn.execute("INSERT INTO referral (from_contact_id, to_contact_id, note, created_at) VALUES (?, ?, '', ?)",
                     (referrer, contact_id, now_iso()))
    return added


def people_choices(book: Book, *, but: int | None = None) -> list[Pick]:
    """Everyone a picker offers, named so two people who share a name can be told apart: the name, and
    for a shared one their organization, e-mail, or when they were last met."""
    rows = book._rows(
        "SELECT c.id, c.name, o.name AS org, c.email, "
        "(SELECT max(date(coalesce(m.started_at, m.scheduled_at))) FROM meeting m WHERE m.contact_id = c.id "
        " AND m.status = 'held') AS met FROM contact c LEFT JOIN contact o ON o.id = c.organization_id "
        "WHERE c.archived_at IS NULL AND c.kind = 'person' ORDER BY c.name COLLATE NOCASE, c.id")
    seen: dict[str, int] = {}
    for r in rows:
        seen[fold(r["name"])] = seen.get(fold(r["name"]), 0) + 1
    picks = []
    for r in rows:
        if r["id"] == but:
            continue
        label = r["name"]
        if seen[fold(r["name"])] > 1:
            apart = r["org"] or r["email"] or (f"last met {r['met']}" if r["met"] else "never met")
            label = f"{r['name']} ({apart}, #{r['id']})"
        picks.append(Pick(r["id"], label))
    return picks


def _choice_ids(book: Book) -> dict[str, int]:
    return {pick.name: pick.id for pick in people_choices(book)}


def _referrer_label(book: Book, contact_id: int) -> str:
    first = book._value("SELECT from_contact_id FROM referral WHERE to_contact_id = ? ORDER BY created_at, id LIMIT 1",
                        (contact_id,))
    if first is None:
        return ""
    return next((p.name for p in people_choices(book) if p.id == first), "")


def create(book: Book, data: ContactIn) -> int:
    errors = validate(data, book)
    if errors:
        raise ValidationError(errors)
    values = _clean(data)
    lists = _lists(values)
    referred_by = values.pop("referred_by")
    now = now_iso()
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    with book._write() as conn:
        contact_id = conn.execute(f"INSERT INTO contact ({columns}, created_at, updated_at) VALUES ({marks}, ?, ?)",
                                  (*values.values(), now, now)).lastrowid
        _write_lists(conn, contact_id, lists)
        _referred_by(conn, book, contact_id, referred_by, "")
    return contact_id


def update(book: Book, contact_id: int, data: ContactIn, *, expected: ContactIn | None = None, reason: str = "",
           meeting_id: int | None = None) -> list[str]:
    """Save the form. With `expected` (the contact as the form loaded it), a field another copy of relmeet
    changed meanwhile keeps that change unless this form changed it too; a field both changed to different
    values raises FieldConflict and nothing is written. Returns the fields taken from the other copy.
    A change of stance, influence, rung or a flag goes into the person's story with `reason` (why it
    changed, as typed) and the meeting it came from."""
    errors = validate(data, book, contact_id)
    if errors:
        raise ValidationError(errors)
    mine = _clean(data)
    taken: list[str] = []
    with book._write() as conn:
        # read inside the write transaction: nobody can change it before we do
        current = get(book, contact_id, with_referrer=True)
        if current is None:
            raise RelmeetError(f"contact {contact_id} is no longer in the book")
        # who referred them is a link, not a field: changed only when this form changed it (its label can
        # change under it when a second person of the same name joins the book)
        referred_by = mine.pop("referred_by")
        if expected is not None and referred_by == expected.referred_by:
            referred_by = current.referred_by
        values = mine
        if expected is not None:
            theirs = _clean(current)
            theirs.pop("referred_by")
            values, conflicts, taken = merge_fields(_clean(expected), mine, theirs)
            if conflicts:
                raise FieldConflict(conflicts, current)
        lists = _lists(values)
        sets = ", ".join(f"{name} = ?" for name in values)
        from relmeet.store import standing  # the story's read models are not needed to draw the home list

        since = standing.mark(conn)
        conn.execute(f"UPDATE contact SET {sets}, updated_at = ? WHERE id = ?",
                     (*values.values(), now_iso(), contact_id))
        standing.annotate(conn, since, reason=reason, meeting_id=meeting_id)
        _write_lists(conn, contact_id, lists)
        _referred_by(conn, book, contact_id, referred_by, current.referred_by)
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


def get(book: Book, contact_id: int, *, with_referrer: bool = False) -> ContactCard | None:
    """A contact's card. Who referred them (`referred_by`, as the form's picker labels people) is read only
    with_referrer: labelling one person needs every person's name, to tell a shared name apart — 150-250 ms
    on a book of 20,000 contacts, which a history or a brief would pay for a field it does not show."""
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
    emails = [Reach(r["address"], r["label"], bool(r["preferred"]), bool(r["bad"])) for r in book._rows(
        "SELECT address, label, preferred, bad FROM contact_email WHERE contact_id = ? ORDER BY position, id",
        (contact_id,))]
    phones = [Reach(r["number"], r["label"], bool(r["preferred"]), bool(r["bad"])) for r in book._rows(
        "SELECT number, label, preferred, bad FROM contact_phone WHERE contact_id = ? ORDER BY position, id",
        (contact_id,))]
    return ContactCard(**values, tags=tags, organization=row["org_name"] or "", emails=emails, phones=phones,
                       referred_by=_referrer_label(book, contact_id) if with_referrer else "")


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
    """The home screen's list: filtered, sorted, and capped so the table stays fast.

    The counts per contact are read from schema 9's partial indexes alone; named, because a book without
    statistics (relmeet doesn't ANALYZE) would otherwise read each contact's commitment rows.
    """
    where = ["c.archived_at IS NOT NULL" if archived else "c.archived_at IS NULL"]
    params: list = [today().isoformat()]
    words = fold(text).split()
    if words:
        # like search: every word typed, found without accents or case in the name, organization, role,
        # neighbourhood or a tag ("pena" finds Peña)
        book._conn.create_function("relmeet_fold", 1, lambda value: fold(value or ""), deterministic=True)
        for word in words:
            like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(relmeet_fold(c.name) LIKE ? ESCAPE '\\' OR relmeet_fold(o.name) LIKE ? ESCAPE '\\' "
                         "OR relmeet_fold(c.role) LIKE ? ESCAPE '\\' OR relmeet_fold(c.neighbourhood) LIKE ? ESCAPE '\\' "
                         "OR EXISTS (SELECT 1 FROM contact_tag t WHERE t.contact_id = c.id "
                         "AND relmeet_fold(t.tag) LIKE ? ESCAPE '\\'))")
            params += [like] * 5
    for column, value in (("level", level), ("stance", stance), ("kind", kind)):
        if value:
            where.append(f"c.{column} = ?")
            params.append(value)
    order = SORTS.get(sort, SORTS["name"])
    sql = f"""
        SELECT c.id, c.name, c.kind, o.name AS org_name, c.role, c.level, c.stance, c.influence,
               c.is_leader, c.is_gatekeeper, c.archived_at,
               nullif(max(
                 coalesce((SELECT max(coalesce(m.started_at, m.scheduled_at)) FROM meeting m
                           INDEXED BY meeting_held_by_contact WHERE m.contact_id = c.id AND m.status = 'held'), ''),
                 -- a house meeting they came to, as a guest of someone else's meeting
                 coalesce((SELECT max(coalesce(m.started_at, m.scheduled_at)) FROM meeting_participant p
                           INDEXED BY meeting_participant_guest JOIN meeting m ON m.id = p.meeting_id
                           WHERE p.contact_id = c.id AND p.role = 'participant' AND m.status = 'held'), '')),
               '') AS last_met,
               (SELECT count(*) FROM commitment k INDEXED BY commitment_open_by_contact
                 WHERE k.contact_id = c.id AND k.status = 'open') AS open_commitments,
               (SELECT count(*) FROM commitment k INDEXED BY commitment_open_by_contact
                 WHERE k.contact_id = c.id AND k.status = 'open'
                 AND max(k.due_on, coalesce(k.snoozed_until, '')) < ?) AS overdue
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
    by_id = re.fullmatch(r"#(\d+)", wanted)
    if by_id:  # "#7": the number a list of choices shows beside each one, when names are the same
        row = book._row(f"SELECT id, name FROM contact WHERE id = ? {'AND archived_at IS NULL' if not include_archived else ''}",
                        (int(by_id[1]),))
        return [Pick(row["id"], row["name"])] if row else []
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


def told_apart(book: Book, ids: list[int]) -> dict[int, str]:
    """For a list the organizer chooses from: what tells each contact apart (organization or role, e-mail,
    when last met) and the number to type ("#7")."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = book._rows(
        "SELECT c.id, c.kind, coalesce(o.name, '') AS org, c.role, c.email, "
        "(SELECT max(date(coalesce(m.started_at, m.scheduled_at))) FROM meeting m WHERE m.contact_id = c.id "
        " AND m.status = 'held') AS met FROM contact c LEFT JOIN contact o ON o.id = c.organization_id "
        f"WHERE c.id IN ({marks})", tuple(ids))
    apart = {}
    for r in rows:
        parts = [r["org"] or r["role"] or ("organization" if r["kind"] == "organization" else ""), r["email"],
                 f"last met {r['met']}" if r["met"] else "never met"]
        apart[r["id"]] = " · ".join(p for p in parts if p) + f" · #{r['id']}"
    return apart

"""Importing contacts: a preview first (new, look-alikes, unreadable), then one all-or-nothing write.

Who is who is decided by evidence: the same UID, the same e-mail or the same phone as a contact in the book
(or as an earlier card of the same import). A card with evidence is merged by default. A name alone, the same
or close, makes a look-alike that is *offered* (listed, and added as a new contact unless the organizer says
merge): 43 different "John Vũ" are 43 people. An organization's card is the organization of that name.
Merging keeps everything: empty fields filled, e-mails, phones and tags unioned with their labels, both notes.
"""
from __future__ import annotations

import difflib

from relmeet.domain import to_iso, utcnow
from relmeet.domain.files import Batch, Counts, Incoming, LookAlike, Preview
from relmeet.domain.text import fold
from relmeet.store.book import Book
from relmeet.store.card_fields import (CARD_FIELDS, add_entries, first_entries, preferred_of, same_key,
                                      write_entries)

DECISIONS = ("merge", "skip", "add")
_NUMBERS = ("influence", "is_leader", "is_gatekeeper", "notes_private")
_ASSESSED = ("level", "stance", "influence", "rung", "is_leader", "is_gatekeeper", "contact_method",
             "their_language", "pronouns", "reach_note", "leadership_note", "gatekeeper_note", "notes_private")


def _blocks(folded: str) -> set[tuple[str, str]]:
    """Keys a close name shares with the name it resembles: the starts of its first and last words, either
    way round ("Nguyen Rosa" for "Rosa Nguyễn"). Comparing a card only with the names in its blocks keeps
    the preview fast against a book of 20,000 contacts; a typo in a word's first letters goes unseen."""
    words = folded.split()
    if not words:
        return set()
    first, last = words[0][:3], words[-1][:3]
    return {(first, last), (last, first)}


def _is_number(key: str) -> bool:
    """A phone is evidence when it has seven digits or more ("123456" on two cards proves nothing)."""
    return len(key) >= 7 and key.isdigit()


def _keys(contact: Incoming) -> list[tuple[str, str]]:
    """The evidence a card carries, strongest first."""
    keys = [("same UID", contact.uid)] if contact.uid else []
    keys += [("same email", same_key("contact_email", e)) for e in contact.emails]
    keys += [("same phone", k) for k in (same_key("contact_phone", p) for p in contact.phones) if _is_number(k)]
    return keys


def preview(book: Book, batch: Batch) -> Preview:
    found = Preview(problems=list(batch.problems), layouts=list(batch.layouts))
    evidence: dict[tuple[str, str], tuple[int, str]] = {}
    by_name: dict[tuple[str, str], tuple[int, str]] = {}
    uids: dict[int, str] = {}
    for r in book._rows("SELECT id, name, kind, uid, email, phone FROM contact WHERE archived_at IS NULL"):
        uids[r["id"]] = r["uid"]
        if r["uid"]:
            evidence[("same UID", r["uid"])] = (r["id"], r["name"])
        if r["email"].strip():
            evidence.setdefault(("same email", same_key("contact_email", r["email"])), (r["id"], r["name"]))
        if _is_number(same_key("contact_phone", r["phone"])):
            evidence.setdefault(("same phone", same_key("contact_phone", r["phone"])), (r["id"], r["name"]))
        by_name.setdefault((fold(r["name"]), r["kind"]), (r["id"], r["name"]))
    for table, column, why in (("contact_email", "address", "same email"), ("contact_phone", "number", "same phone")):
        for r in book._rows(f"SELECT e.contact_id, e.{column}, c.name FROM {table} e JOIN contact c "
                            "ON c.id = e.contact_id WHERE c.archived_at IS NULL"):
            if why == "same email" or _is_number(same_key(table, r[1])):
                evidence.setdefault((why, same_key(table, r[1])), (r[0], r[2]))
    blocks: dict[tuple[str, str], list[str]] = {}
    for name, kind in by_name:
        if kind == "person":
            for key in _blocks(name):
                blocks.setdefault(key, []).append(name)
    in_file: dict[tuple[str, str], Incoming] = {}      # evidence seen earlier in this import
    names_in_file: dict[tuple[str, str], Incoming] = {}
    for contact in batch.contacts:
        alike = (_against_book(contact, evidence, by_name, blocks, uids)
                 or _against_file(contact, in_file, names_in_file))
        if alike is None:
            found.new.append(contact)
        else:
            found.look_alikes.append(alike)
        for key in _keys(contact):
            in_file.setdefault(key, contact)
        names_in_file.setdefault((fold(contact.name), contact.kind), contact)
    return found


def _other_uid(contact: Incoming, their_uid: str) -> bool:
    """Two records that each carry a UID, different ones, are two people even if they share a phone or an
    e-mail (a household's landline, a family's address): offered, not merged."""
    return bool(contact.uid and their_uid and contact.uid != their_uid)


def _against_book(contact, evidence, by_name, blocks, uids) -> LookAlike | None:
    for key in _keys(contact):
        if key in evidence:
            if key[0] != "same UID" and _other_uid(contact, uids.get(evidence[key][0], "")):
                return LookAlike(contact, *evidence[key], why=f"{key[0]}, another UID", decision="add",
                                 evidence=False)
            return LookAlike(contact, *evidence[key], why=key[0])
    folded = fold(contact.name)
    if (folded, contact.kind) in by_name:
        if contact.kind == "organization":  # an organization is known by its name, as a person's ORG names it
            return LookAlike(contact, *by_name[(folded, contact.kind)], why="same organization")
        return LookAlike(contact, *by_name[(folded, contact.kind)], why="same name", decision="add", evidence=False)
    if contact.kind == "person":
        nearby = {name for key in _blocks(folded) for name in blocks.get(key, ())}
        close = difflib.get_close_matches(folded, nearby, n=1, cutoff=0.9)
        if close:
            return LookAlike(contact, *by_name[(close[0], "person")], why="close name", decision="add",
                             evidence=False)
    return None


def _against_file(contact, in_file, names_in_file) -> LookAlike | None:
    for key in _keys(contact):
        if key in in_file:
            other = in_file[key]
            if _other_uid(contact, other.uid):
                return LookAlike(contact, 0, other.name, why=f"{key[0]}, another UID, in this import",
                                 decision="add", evidence=False, other=other)
            return LookAlike(contact, 0, other.name, why=f"{key[0]}, in this import", other=other)
    other = names_in_file.get((fold(contact.name), contact.kind))
    if other is not None:
        if contact.kind == "organization":
            return LookAlike(contact, 0, other.name, why="same organization, in this import", other=other)
        return LookAlike(contact, 0, other.name, why="same name, in this import", decision="add", evidence=False,
                         other=other)
    return None


def apply(book: Book, found: Preview) -> Counts:
    """Write the preview in one transaction: everything lands, or nothing does."""
    counts = Counts()
    now = to_iso(utcnow())
    with book._write() as conn:
        orgs = {fold(r[1]): r[0] for r in conn.execute(
            "SELECT id, name FROM contact WHERE kind = 'organization' AND archived_at IS NULL ORDER BY id DESC")}
        uids = {r[0] for r in conn.execute("SELECT uid FROM contact WHERE uid <> ''")}
        written: dict[int, int] = {}  # id() of a card -> the contact it became or went into
        pending: dict[str, list[tuple]] = {"contact_email": [], "contact_phone": []}
        # New contacts get their ids here, so that their tags can go in before them: each tag written after
        # its contact re-indexes the contact for search twice over (10,000 cards: ~1 s); written before, the
        # contact's own insert indexes it once with its tags. The foreign key is checked at commit.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        next_id = [conn.execute("SELECT coalesce(max(id), 0) + 1 FROM contact").fetchone()[0]]

        def new_id() -> int:
            next_id[0] += 1
            return next_id[0] - 1

        def organization_id(name: str, source_name: str) -> int | None:
            if not name.strip():
                return None
            key = fold(name)
            if key not in orgs:
                orgs[key] = conn.execute(
                    "INSERT INTO contact (id, kind, name, level, source_name, created_at, updated_at) "
                    "VALUES (?, 'organization', ?, 'organization', ?, ?, ?)",
                    (new_id(), name.strip(), source_name, now, now)).lastrowid
                counts.organizations += 1
            return orgs[key]

        def add(card: Incoming) -> int:
            uid = card.uid if card.uid not in uids else ""  # an added copy of a known card gets its own UID later
            uids.add(uid)
            values = {f: getattr(card, f) for f in CARD_FIELDS}
            values.update(_assessments(card))
            emails, phones = card.ordered("emails"), card.ordered("phones")
            values.update(kind=card.kind, name=card.name, uid=uid, notes=card.notes, created_at=now, updated_at=now,
                          email=preferred_of(emails), phone=preferred_of(phones),
                          organization_id=organization_id(card.organization, card.source_name) if card.kind == "person" else None)
            if card.kind == "organization":
                values["level"] = "organization"
            values["id"] = new_id()
            if card.tags:
                conn.executemany("INSERT OR IGNORE INTO contact_tag VALUES (?, ?)", [(values["id"], t) for t in card.tags])
            contact_id = conn.execute(f"INSERT INTO contact ({', '.join(values)}) VALUES "
                                      f"({', '.join('?' * len(values))})", list(values.values())).lastrowid
            if card.kind == "organization":
                orgs.setdefault(fold(card.name), contact_id)
                counts.organizations += 1
            else:
                counts.added += 1
            first_entries(pending["contact_email"], contact_id, "contact_email", emails)
            first_entries(pending["contact_phone"], contact_id, "contact_phone", phones)
            return contact_id

        def flush() -> None:
            """New contacts' lists in one statement each (10,000 cards: 20,000 statements fewer)."""
            write_entries(conn, pending)
            for rows in pending.values():
                rows.clear()

        def merge(contact_id: int, card: Incoming) -> None:
            flush()  # the lists it adds to are in the book
            row = conn.execute("SELECT * FROM contact WHERE id = ?", (contact_id,)).fetchone()
            filled = {f: getattr(card, f) for f in CARD_FIELDS if not row[f] and getattr(card, f)}
            if card.uid and not row["uid"] and card.uid not in uids:
                filled["uid"] = card.uid
                uids.add(card.uid)
            if card.kind == "person" and card.organization and row["organization_id"] is None:
                filled["organization_id"] = organization_id(card.organization, card.source_name)
            if card.notes and card.notes not in row["notes"]:  # both notes kept, the book's first
                filled["notes"] = (row["notes"] + "\n\n" + card.notes) if row["notes"] else card.notes
            filled["updated_at"] = now
            conn.execute(f"UPDATE contact SET {', '.join(f'{k} = ?' for k in filled)} WHERE id = ?",
                         (*filled.values(), contact_id))
            _lists_and_tags(conn, contact_id, card)

        for card in found.new:
            if card.kind == "organization" and fold(card.name) in orgs:
                # named earlier in this import by a person's ORG: the organization's own card fills it in
                written[id(card)] = orgs[fold(card.name)]
                merge(orgs[fold(card.name)], card)
            else:
                written[id(card)] = add(card)
        for alike in found.look_alikes:
            target = alike.existing_id or written.get(id(alike.other))
            if alike.decision == "skip" or (alike.decision == "merge" and target is None):
                counts.skipped += 1  # skipped, or resembling a card that was itself skipped
            elif alike.decision == "add":
                written[id(alike.incoming)] = add(alike.incoming)
            else:
                merge(target, alike.incoming)
                written[id(alike.incoming)] = target
                counts.merged += 1
        flush()
    return counts


def _lists_and_tags(conn, contact_id: int, card: Incoming) -> None:
    add_entries(conn, contact_id, "contact_email", card.ordered("emails"))
    add_entries(conn, contact_id, "contact_phone", card.ordered("phones"))
    conn.executemany("INSERT OR IGNORE INTO contact_tag VALUES (?, ?)", [(contact_id, t) for t in card.tags])


def _assessments(card: Incoming) -> dict:
    """What relmeet's own CSV carries back of the organizer's assessments; values the book refuses are left out
    here and reported by the reader."""
    return {k: int(v) if k in _NUMBERS else v for k, v in card.assessments.items() if k in _ASSESSED}

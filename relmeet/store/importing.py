"""Importing contacts: a preview first (new, look-alikes, unreadable), then one all-or-nothing write."""
from __future__ import annotations

import difflib
import re

from relmeet.domain import to_iso, utcnow
from relmeet.domain.files import Batch, Counts, Incoming, LookAlike, Preview
from relmeet.domain.text import fold
from relmeet.store.book import Book

DECISIONS = ("merge", "skip", "add")


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return digits[-10:] if len(digits) >= 7 else ""


def _blocks(folded: str) -> set[tuple[str, str]]:
    """Keys a close name shares with the name it resembles: the starts of its first and last words, either
    way round ("Nguyen Rosa" for "Rosa Nguyễn"). Comparing a card only with the names in its blocks keeps
    the preview fast against a book of 20,000 contacts; a typo in a word's first letters goes unseen."""
    words = folded.split()
    if not words:
        return set()
    first, last = words[0][:3], words[-1][:3]
    return {(first, last), (last, first)}


def preview(book: Book, batch: Batch) -> Preview:
    found = Preview(problems=list(batch.problems), layouts=list(batch.layouts))
    by_email, by_phone, by_name = {}, {}, {}
    for r in book._rows("SELECT id, name, email, phone FROM contact WHERE archived_at IS NULL"):
        if r["email"]:
            by_email[r["email"].strip().lower()] = (r["id"], r["name"])
        if _digits(r["phone"]):
            by_phone[_digits(r["phone"])] = (r["id"], r["name"])
        by_name.setdefault(fold(r["name"]), (r["id"], r["name"]))
    blocks: dict[tuple[str, str], list[str]] = {}
    for name in by_name:
        for key in _blocks(name):
            blocks.setdefault(key, []).append(name)
    seen_in_batch: dict[str, Incoming] = {}
    for contact in batch.contacts:
        match, why = None, ""
        for email in contact.emails:
            if email.lower() in by_email:
                match, why = by_email[email.lower()], "same email"
                break
        if match is None:
            for phone in contact.phones:
                if _digits(phone) in by_phone:
                    match, why = by_phone[_digits(phone)], "same phone"
                    break
        if match is None:
            folded = fold(contact.name)
            if folded in by_name:
                match, why = by_name[folded], "same name"
            else:
                nearby = {name for key in _blocks(folded) for name in blocks.get(key, ())}
                close = difflib.get_close_matches(folded, nearby, n=1, cutoff=0.9)
                if close:
                    match, why = by_name[close[0]], "close name"
        if match is not None:
            found.look_alikes.append(LookAlike(contact, match[0], match[1], why))
            continue
        key = fold(contact.name) + "|" + contact.kind
        if key in seen_in_batch:  # the same person twice in the files: keep one, fold the other in
            _fold_into(seen_in_batch[key], contact)
            continue
        seen_in_batch[key] = contact
        found.new.append(contact)
    return found


def _fold_into(kept: Incoming, other: Incoming) -> None:
    for attr in ("phones", "emails", "tags"):
        values = getattr(kept, attr)
        values += [v for v in getattr(other, attr) if v not in values]
    for attr in ("organization", "role", "notes", "neighbourhood", "language"):
        if not getattr(kept, attr):
            setattr(kept, attr, getattr(other, attr))


def apply(book: Book, found: Preview) -> Counts:
    """Write the preview in one transaction: everything lands, or nothing does."""
    counts = Counts()
    now = to_iso(utcnow())
    with book._write() as conn:
        orgs = {fold(r[1]): r[0] for r in conn.execute("SELECT id, name FROM contact WHERE kind = 'organization'")}

        def organization_id(name: str) -> int | None:
            if not name.strip():
                return None
            key = fold(name)
            if key not in orgs:
                orgs[key] = conn.execute(
                    "INSERT INTO contact (kind, name, level, created_at, updated_at) "
                    "VALUES ('organization', ?, 'organization', ?, ?)", (name.strip(), now, now)).lastrowid
                counts.organizations += 1
            return orgs[key]

        for contact in found.new:
            if contact.kind == "organization":
                if fold(contact.name) in orgs:
                    continue
                organization_id(contact.name)
                contact_id = orgs[fold(contact.name)]
                conn.execute("UPDATE contact SET phone = ?, email = ?, notes = ?, neighbourhood = ? WHERE id = ?",
                             (contact.phones[0] if contact.phones else "", contact.emails[0] if contact.emails else "",
                              _notes(contact), contact.neighbourhood, contact_id))
            else:
                contact_id = conn.execute(
                    "INSERT INTO contact (kind, name, organization_id, role, phone, email, neighbourhood, language, "
                    "notes, created_at, updated_at) VALUES ('person', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (contact.name, organization_id(contact.organization), contact.role,
                     contact.phones[0] if contact.phones else "", contact.emails[0] if contact.emails else "",
                     contact.neighbourhood, contact.language, _notes(contact), now, now)).lastrowid
                counts.added += 1
            conn.executemany("INSERT OR IGNORE INTO contact_tag VALUES (?, ?)", [(contact_id, t) for t in contact.tags])
        for alike in found.look_alikes:
            if alike.decision == "skip":
                counts.skipped += 1
            elif alike.decision == "add":
                conn.execute(
                    "INSERT INTO contact (kind, name, role, phone, email, notes, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (alike.incoming.kind, alike.incoming.name, alike.incoming.role,
                     alike.incoming.phones[0] if alike.incoming.phones else "",
                     alike.incoming.emails[0] if alike.incoming.emails else "", _notes(alike.incoming), now, now))
                counts.added += 1
            else:  # merge: fill what is empty, add tags; never overwrite what the organizer wrote
                c = alike.incoming
                conn.execute(
                    "UPDATE contact SET phone = CASE phone WHEN '' THEN ? ELSE phone END, "
                    "email = CASE email WHEN '' THEN ? ELSE email END, role = CASE role WHEN '' THEN ? ELSE role END, "
                    "neighbourhood = CASE neighbourhood WHEN '' THEN ? ELSE neighbourhood END, updated_at = ? "
                    "WHERE id = ?", (c.phones[0] if c.phones else "", c.emails[0] if c.emails else "", c.role,
                                     c.neighbourhood, now, alike.existing_id))
                conn.executemany("INSERT OR IGNORE INTO contact_tag VALUES (?, ?)",
                                 [(alike.existing_id, t) for t in c.tags])
                counts.merged += 1
    return counts


def _notes(contact: Incoming) -> str:
    """Extra phones and emails go into the notes rather than being dropped."""
    extra = contact.phones[1:] + contact.emails[1:]
    lines = [contact.notes] if contact.notes else []
    if extra:
        lines.append("Also: " + ", ".join(extra))
    lines.append(f"Imported from {contact.source}")
    return "\n".join(lines)

"""Importing contacts: a preview first (new, look-alikes, unreadable), then one all-or-nothing write.

Who is who is decided by evidence: the same UID, the same e-mail or the same phone as a contact in the book
(or as an earlier card of the same import). A card with evidence is merged by default. A name alone, the same
or close, makes a look-alike that is *offered* (listed, and added as a new contact unless the organizer says
merge): 43 different "John Vũ" are 43 people. An organization's card is the organization of that name.
Merging keeps everything: empty fields filled, e-mails, phones and tags unioned with their labels, both notes.
"""
from __future__ import annotations

import difflib
from functools import lru_cache

from relmeet.domain import to_iso, utcnow
from relmeet.domain.files import Batch, Counts, Incoming, LookAlike, Preview
from relmeet.domain.progress import MATCHING, WRITING, Progress, quiet
from relmeet.domain.text import fold
from relmeet.store.book import Book
from relmeet.store.card_fields import (CARD_FIELDS, add_entries, first_entries, preferred_of, same_key,
                                      write_entries)

DECISIONS = ("merge", "skip", "add")
# names repeat in a list (43 "John Vũ"): each is folded once
_fold = lru_cache(maxsize=65536)(fold)
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


def preview(book: Book, batch: Batch, progress: Progress = quiet) -> Preview:
    """Each card new, or like a contact of the book or another card of the file; progress is told how far."""
    progress(MATCHING, 0.0)
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
        by_name.setdefault((_fold(r["name"]), r["kind"]), (r["id"], r["name"]))
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
    every = max(1, len(batch.contacts) // 50)
    for number, contact in enumerate(batch.contacts):
        if number % every == 0:
            progress(MATCHING, number / len(batch.contacts))
        keys = _keys(contact)
        alike = (_against_book(contact, keys, evidence, by_name, blocks, uids)
                 or _against_file(contact, keys, in_file, names_in_file))
        if alike is None:
            found.new.append(contact)
        else:
            found.look_alikes.append(alike)
        for key in keys:
            in_file.setdefault(key, contact)
        names_in_file.setdefault((_fold(contact.name), contact.kind), contact)
    progress(MATCHING, 1.0)
    return found


def _other_uid(contact: Incoming, their_uid: str) -> bool:
    """Two records that each carry a UID, different ones, are two people even if they share a phone or an
    e-mail (a household's landline, a family's address): offered, not merged."""
    return bool(contact.uid and their_uid and contact.uid != their_uid)


def _words(name: str) -> list[str]:
    return [w.strip(".") for w in _fold(name).replace(",", " ").replace("-", " ").split() if w.strip(".")]


def _within(shorter: list[str], longer: list[str]) -> bool:
    """Each word of one name is a word of the other or its initial ('Rosa N.' in 'Rosa Nguyễn')."""
    left = list(longer)
    for word in shorter:
        match = next((w for w in left if w == word or (len(word) == 1 and w.startswith(word))), None)
        if match is None:
            return False
        left.remove(match)
    return True


def _another_person(why: str, name: str, their_name: str) -> str:
    """'' when a shared phone or e-mail is evidence of one person, else why it is not: a household shares its
    landline (Rosa and Teresa Alvarez on one number are two people), a couple an address (a shared e-mail
    with clearly different given names). The same name, or one inside the other ('Rosa N.'), stays evidence;
    a name that is only the address, or a given name alone the same, keeps a shared e-mail evidence."""
    mine, theirs = _words(name), _words(their_name)
    if "@" in name or "@" in their_name or not mine or not theirs:
        return ""
    if _within(*sorted((mine, theirs), key=len)):
        return ""
    if why == "same phone":
        return "another name"
    first, their_first = mine[0], theirs[0]
    if min(len(first), len(their_first)) == 1 or first.startswith(their_first) or their_first.startswith(first):
        return ""
    return "another given name"


def _against_book(contact, keys, evidence, by_name, blocks, uids) -> LookAlike | None:
    for key in keys:
        if key in evidence:
            if key[0] != "same UID" and _other_uid(contact, uids.get(evidence[key][0], "")):
                return LookAlike(contact, *evidence[key], why=f"{key[0]}, another UID", decision="add",
                                 evidence=False)
            other = _another_person(key[0], contact.name, evidence[key][1]) if key[0] != "same UID" else ""
            if other:
                return LookAlike(contact, *evidence[key], why=f"{key[0]}, {other}", decision="add", evidence=False)
            return LookAlike(contact, *evidence[key], why=key[0])
    folded = _fold(contact.name)
    if (folded, contact.kind) in by_name:
        if contact.kind == "organization":  # an organization is known by its name, as a person's ORG names it
            return LookAlike(contact, *by_name[(folded, contact.kind)], why="same organization")
        return LookAlike(contact, *by_name[(folded, contact.kind)], why="same name", decision="add", evidence=False)
    if contact.kind == "person":
        nearby = {name for key in _blocks(folded) for name in blocks.get(key, ())}
        close = difflib.get_close_matches(folded, nearby, n=1, cutoff=0.9) if nearby else []
        if close:
            return LookAlike(contact, *by_name[(close[0], "person")], why="close name", decision="add",
                             evidence=False)
    return None


def _against_file(contact, keys, in_file, names_in_file) -> LookAlike | None:
    for key in keys:
        if key in in_file:
            other = in_file[key]
            if _other_uid(contact, other.uid):
                return LookAlike(contact, 0, other.name, why=f"{key[0]}, another UID, in this import",
                                 decision="add", evidence=False, other=other)
            another = _another_person(key[0], contact.name, other.name) if key[0] != "same UID" else ""
            if another:
                return LookAlike(contact, 0, other.name, why=f"{key[0]}, {another}, in this import",
                                 decision="add", evidence=False, other=other)
            return LookAlike(contact, 0, other.name, why=f"{key[0]}, in this import", other=other)
    other = names_in_file.get((_fold(contact.name), contact.kind))
    if other is not None:
        if contact.kind == "organization":
            return LookAlike(contact, 0, other.name, why="same organization, in this import", other=other)
        return LookAlike(contact, 0, other.name, why="same name, in this import", decision="add", evidence=False,
                         other=other)
    return None


def resembles(alike: LookAlike, book_word: str = "") -> str:
    """Whom a look-alike resembles, truly said: a contact of the book ('Rosa Nguyễn', with book_word
    appended if given), or another card of this import and where it is ('Rosa Díaz, also in this file,
    line 2' / '… in other.vcf, card 3')."""
    if alike.other is None:
        return alike.existing_name + book_word
    file, _, place = alike.other.source.rpartition(", ")
    if file == alike.incoming.source.rpartition(", ")[0]:
        return f"{alike.other.name}, also in this file, {place}" if file else f"{alike.other.name}, also in this file"
    return f"{alike.other.name}, in {file.rsplit('/', 1)[-1]}, {place}"


def reason(alike: LookAlike) -> str:
    """Why it resembles, without the 'in this import' that resembles() already says."""
    return alike.why.replace(", in this import", "")


FLUSH_ROWS = 500  # new contacts inserted by one statement at most


def apply(book: Book, found: Preview, progress: Progress = quiet) -> Counts:
    """Write the preview in one transaction: everything lands, or nothing does. progress is told how far the
    writing is: each card gone through, then each new contact inserted (the two counted as one whole)."""
    counts = Counts()
    work = 2 * len(found.new) + len(found.look_alikes) or 1
    done = [0, 0.0]  # units of work done, and when progress was last told

    def one_more(units: int = 1) -> None:
        done[0] += units
        if done[0] - done[1] >= work / 50:
            done[1] = done[0]
            progress(WRITING, min(1.0, done[0] / work))
    now = to_iso(utcnow())
    with book._write() as conn:
        orgs = {fold(r[1]): r[0] for r in conn.execute(
            "SELECT id, name FROM contact WHERE kind = 'organization' AND archived_at IS NULL ORDER BY id DESC")}
        uids = {r[0] for r in conn.execute("SELECT uid FROM contact WHERE uid <> ''")}
        written: dict[int, int] = {}  # id() of a card -> the contact it became or went into
        pending: dict[str, list[tuple]] = {"contact_email": [], "contact_phone": []}
        contacts: list[tuple[tuple[str, ...], list, list[tuple[int, str]]]] = []  # new: (columns, values, tags)
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
            contact_id = values["id"]
            contacts.append((tuple(values), list(values.values()), [(contact_id, t) for t in card.tags]))
            if card.kind == "organization":
                orgs.setdefault(fold(card.name), contact_id)
                counts.organizations += 1
            else:
                counts.added += 1
            first_entries(pending["contact_email"], contact_id, "contact_email", emails)
            first_entries(pending["contact_phone"], contact_id, "contact_phone", phones)
            return contact_id

        def flush() -> None:
            """New contacts in the file's order, in one statement per run of untagged ones with the same columns,
            and their lists in one statement each (10,000 cards: 30,000 statements fewer). A tagged contact's tags
            go in just before it: search indexes it once with them (after, each tag re-indexes it twice over),
            but a tag waiting for its contact makes SQLite look for rows pointing at each contact inserted while
            it waits (a full scan of contact: day_to_day_id has no index), so only a tagged contact waits for
            its tags, one at a time. Writing every tag first took 30 s for 10,000 cards instead of 1."""
            start = 0
            while start < len(contacts):
                columns, _row, tags = contacts[start]
                end = start + 1
                while not tags and end < len(contacts) and contacts[end][0] == columns and not contacts[end][2]:
                    end += 1
                conn.executemany("INSERT OR IGNORE INTO contact_tag VALUES (?, ?)", tags)
                for first in range(start, end, FLUSH_ROWS):  # in parts, to tell progress between them
                    part = contacts[first:min(end, first + FLUSH_ROWS)]
                    conn.executemany(f"INSERT INTO contact ({', '.join(columns)}) VALUES "
                                     f"({', '.join('?' * len(columns))})", [row for _c, row, _t in part])
                    one_more(len(part))
                start = end
            write_entries(conn, pending)
            for rows in (*pending.values(), contacts):
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

        progress(WRITING, 0.0)
        for card in found.new:
            one_more()
            if card.kind == "organization" and fold(card.name) in orgs:
                # named earlier in this import by a person's ORG: the organization's own card fills it in
                written[id(card)] = orgs[fold(card.name)]
                merge(orgs[fold(card.name)], card)
            else:
                written[id(card)] = add(card)
        for alike in found.look_alikes:
            one_more()
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
    progress(WRITING, 1.0)
    return counts


def _lists_and_tags(conn, contact_id: int, card: Incoming) -> None:
    add_entries(conn, contact_id, "contact_email", card.ordered("emails"))
    add_entries(conn, contact_id, "contact_phone", card.ordered("phones"))
    conn.executemany("INSERT OR IGNORE INTO contact_tag VALUES (?, ?)", [(contact_id, t) for t in card.tags])


def _assessments(card: Incoming) -> dict:
    """What relmeet's own CSV carries back of the organizer's assessments; values the book refuses are left out
    here and reported by the reader."""
    return {k: int(v) if k in _NUMBERS else v for k, v in card.assessments.items() if k in _ASSESSED}

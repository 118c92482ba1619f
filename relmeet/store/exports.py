"""The rows the exporters write out (CSV, vCard, Markdown), private ones held back unless asked for.

A meeting's summary is text the organizer may have written from its private items (or edited a draft
made with them), so a meeting holding private notes or any private item exports without its summary
unless private items are asked for.
"""
from __future__ import annotations

from relmeet.store.book import Book

# 1 when the meeting aliased `m` has private notes or any private interest, ask, offer or commitment
HAS_PRIVATE = ("(m.notes_private OR EXISTS (SELECT 1 FROM interest WHERE meeting_id = m.id AND private) "
               "OR EXISTS (SELECT 1 FROM exchange WHERE meeting_id = m.id AND private) "
               "OR EXISTS (SELECT 1 FROM commitment WHERE meeting_id = m.id AND private))")


def _hide(include_private: bool) -> str:
    return "" if include_private else " AND NOT private"


def captures_of(book: Book, column: str, key: int, include_private: bool) -> dict[str, list[dict]]:
    """A contact's (column "contact_id") or a meeting's ("meeting_id") interests, asks and offers,
    commitments, and for a meeting the referrals made in it."""
    assert column in ("contact_id", "meeting_id")
    hide = _hide(include_private)
    found = {
        "interests": book._rows(f"SELECT kind, text, responsible FROM interest WHERE {column} = ?{hide} "
                               "ORDER BY created_at, id", (key,)),
        "exchanges": book._rows(f"SELECT direction, kind, text, status FROM exchange WHERE {column} = ?{hide} "
                               "ORDER BY created_at, id", (key,)),
        "commitments": book._rows(f"SELECT owner, text, due_on, status FROM commitment WHERE {column} = ?{hide} "
                                 "ORDER BY due_on IS NULL, due_on, id", (key,)),
        "referrals": [] if column != "meeting_id" else book._rows(
            "SELECT t.name AS name, r.note FROM referral r JOIN contact t ON t.id = r.to_contact_id "
            "WHERE r.meeting_id = ? ORDER BY r.id", (key,)),
    }
    return {what: [dict(r) for r in rows] for what, rows in found.items()}


def meeting(book: Book, meeting_id: int) -> dict | None:
    row = book._row(f"SELECT m.*, c.name AS contact, g.name AS campaign, {HAS_PRIVATE} AS has_private "
                   "FROM meeting m JOIN contact c "
                   "ON c.id = m.contact_id LEFT JOIN campaign g ON g.id = m.campaign_id WHERE m.id = ?", (meeting_id,))
    return dict(row) if row else None


def contact(book: Book, contact_id: int) -> dict | None:
    row = book._row("SELECT c.*, o.name AS organization FROM contact c LEFT JOIN contact o "
                   "ON o.id = c.organization_id WHERE c.id = ?", (contact_id,))
    return dict(row) if row else None


def tags_of(book: Book, contact_id: int) -> list[str]:
    return [r[0] for r in book._rows("SELECT tag FROM contact_tag WHERE contact_id = ? ORDER BY tag", (contact_id,))]


def referrals_of(book: Book, contact_id: int) -> list[dict]:
    """(way, name, note): who they suggested, and who suggested them."""
    return [dict(r) for r in book._rows(
        "SELECT 'Suggested' AS way, t.name AS name, r.note FROM referral r JOIN contact t ON t.id = r.to_contact_id "
        "WHERE r.from_contact_id = ? UNION ALL SELECT 'Suggested by' AS way, f.name, r.note FROM referral r "
        "JOIN contact f ON f.id = r.from_contact_id WHERE r.to_contact_id = ?", (contact_id, contact_id))]


def meeting_ids_of(book: Book, contact_id: int) -> list[int]:
    """A contact's meetings, newest first."""
    return [r[0] for r in book._rows("SELECT id FROM meeting WHERE contact_id = ? ORDER BY "
                                    "coalesce(scheduled_at, started_at, created_at) DESC, id DESC", (contact_id,))]


def _chosen(filters: dict | None) -> tuple[str, dict]:
    """SQL for the contacts an export is asked for: --tag, --campaign, --level, --kind (names matched without
    case); archived contacts stay out."""
    filters = filters or {}
    where, params = ([] if filters.get("archived") else ["c.archived_at IS NULL"]), {}
    if filters.get("tag"):
        where.append("EXISTS (SELECT 1 FROM contact_tag t WHERE t.contact_id = c.id AND t.tag = :tag COLLATE NOCASE)")
        params["tag"] = filters["tag"]
    if filters.get("campaign"):
        where.append("(EXISTS (SELECT 1 FROM campaign_contact cc JOIN campaign g ON g.id = cc.campaign_id WHERE "
                     "cc.contact_id = c.id AND g.name = :campaign COLLATE NOCASE) OR EXISTS (SELECT 1 FROM meeting m "
                     "JOIN campaign g ON g.id = m.campaign_id WHERE m.contact_id = c.id AND g.name = :campaign "
                     "COLLATE NOCASE))")
        params["campaign"] = filters["campaign"]
    if filters.get("level"):
        where.append("c.level = :level")
        params["level"] = filters["level"]
    if filters.get("kind"):
        where.append("c.kind = :kind")
        params["kind"] = filters["kind"]
    return " AND ".join(where) or "1", params


def campaign_exists(book: Book, name: str) -> bool:
    return book._value("SELECT count(*) FROM campaign WHERE name = ? COLLATE NOCASE", (name,)) > 0


def made_uid(contact_id: int, created_at: str) -> str:
    """The UID a contact without one gets: derived from what never changes about it in this book (its id and
    when it was made), so it is the same whether or not it could be written down."""
    import uuid

    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'relmeet:contact:{contact_id}:{created_at}')}"


def ensure_uids(book: Book, missing: dict[int, str]) -> None:
    """Keep the UIDs made for an export in the book, so every later export (and a CardDAV server, and khard,
    which refuses a card without one) sees the same. A damaged book is open read-only: its export still
    carries the same UIDs, they are just not written down."""
    from relmeet import db

    if db.damage(book.path) is not None:
        return  # opened read-only until it is restored: nothing is written to it, not even these
    with book._write() as conn:
        conn.executemany("UPDATE contact SET uid = ? WHERE id = ? AND uid = ''",
                         [(uid, contact_id) for contact_id, uid in missing.items()])


def contacts_for_cards(book: Book, contact_ids: list[int] | None = None, filters: dict | None = None,
                       make_uids: bool = True) -> list[tuple[dict, list[str]]]:
    """(contact with its organization's name, its good e-mails and phones, its tags) for every contact not
    archived (or the ones named, or the ones the filters choose). Contacts without a UID get one first."""
    from relmeet.store.card_fields import all_entries, for_export

    where, params = _chosen(filters)
    if contact_ids is not None:
        where = f"c.id IN ({','.join(str(int(i)) for i in contact_ids)})"
        params = {}
    select = (f"SELECT c.*, o.name AS organization FROM contact c LEFT JOIN contact o "
              f"ON o.id = c.organization_id WHERE {where} ORDER BY c.name COLLATE NOCASE, c.id")
    rows = book._rows(select, params)
    missing = {r["id"]: made_uid(r["id"], r["created_at"]) for r in rows if not r["uid"]} if make_uids else {}
    if missing:
        ensure_uids(book, missing)
    tags: dict[int, list[str]] = {}
    for contact_id, tag in book._rows("SELECT contact_id, tag FROM contact_tag ORDER BY contact_id, tag"):
        tags.setdefault(contact_id, []).append(tag)
    emails, phones = all_entries(book._conn, "contact_email"), all_entries(book._conn, "contact_phone")
    found = []
    for row in rows:
        contact = dict(row)
        contact["uid"] = contact["uid"] or missing.get(row["id"], "")
        contact["emails"] = for_export(emails.get(row["id"], []), "contact_email", row["email"])
        contact["phones"] = for_export(phones.get(row["id"], []), "contact_phone", row["phone"])
        found.append((contact, tags.get(row["id"], [])))
    return found


def contact_lines(book: Book, include_private: bool) -> list[dict]:
    """Every contact as a CSV line: the organization's name, tags joined, a private note blanked."""
    return [dict(r) for r in book._rows(
        "SELECT c.*, o.name AS organization, "
        "(SELECT group_concat(tag, '; ') FROM (SELECT tag FROM contact_tag WHERE contact_id = c.id ORDER BY tag)) "
        "AS tags, CASE WHEN c.notes_private AND NOT :private THEN '' ELSE c.notes END AS notes_shown "
        "FROM contact c LEFT JOIN contact o ON o.id = c.organization_id ORDER BY c.name COLLATE NOCASE, c.id",
        {"private": int(include_private)})]


def meeting_lines(book: Book, include_private: bool) -> list[dict]:
    """Every meeting as a CSV line, with its contact's and campaign's names, a private note blanked, and
    the summary blanked where the meeting has anything private."""
    return [dict(r) for r in book._rows(
        "SELECT m.*, c.name AS contact, g.name AS campaign, "
        "CASE WHEN m.notes_private AND NOT :private THEN '' ELSE m.notes END AS notes_shown, "
        f"CASE WHEN NOT :private AND {HAS_PRIVATE} THEN '' ELSE m.summary END AS summary_shown "
        "FROM meeting m JOIN contact c ON c.id = m.contact_id LEFT JOIN campaign g ON g.id = m.campaign_id "
        "ORDER BY coalesce(m.scheduled_at, m.created_at), m.id",
        {"private": int(include_private)})]

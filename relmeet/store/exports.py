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


def contacts_for_cards(book: Book, contact_ids: list[int] | None = None) -> list[tuple[dict, list[str]]]:
    """(contact with its organization's name, its tags) for every contact not archived, or the ones named."""
    where, params = "c.archived_at IS NULL", ()
    if contact_ids is not None:
        where = f"c.id IN ({','.join('?' * len(contact_ids))})"
        params = tuple(contact_ids)
    rows = book._rows(f"SELECT c.*, o.name AS organization FROM contact c LEFT JOIN contact o "
                     f"ON o.id = c.organization_id WHERE {where} ORDER BY c.name COLLATE NOCASE, c.id", params)
    tags: dict[int, list[str]] = {}
    for contact_id, tag in book._rows("SELECT contact_id, tag FROM contact_tag ORDER BY contact_id, tag"):
        tags.setdefault(contact_id, []).append(tag)
    return [(dict(row), tags.get(row["id"], [])) for row in rows]


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

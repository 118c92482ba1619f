"""Search as you type over names, organizations, roles, tags, interests, notes, asks, offers, commitments.

Whatever the user types is searched as text: each word becomes a quoted FTS5 prefix term, so quotes,
`*`, `-`, `AND` or `(` are never syntax. One or two characters search the contacts' own details only
(a one- or two-letter prefix over 500,000 notes took up to 480 ms).
"""
from __future__ import annotations

import re

from relmeet.domain.people import Hit
from relmeet.domain.text import MARK_CLOSE, MARK_OPEN, PLAIN
from relmeet.store.book import Book

WHERE = {0: "contact", 2: "interest", 3: "ask or offer", 4: "commitment", 5: "meeting notes"}
WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str, *, min_word: int = 1) -> str:
    """Every word as a quoted prefix term, all required: user text can never be FTS5 syntax.

    Words shorter than `min_word` are left out (unless nothing else is left): a one-letter prefix
    over every note in the book is slow and narrows little ("o'brien" still finds O'Brien by "brien").
    """
    words = [w for w in WORD.findall(text.replace("\x02", " ").replace("\x03", " ")) if w]
    longer = [w for w in words if len(w) >= min_word]
    return " ".join(f'"{w}"*' for w in (longer or words))


def search(book: Book, text: str, *, limit: int = 50) -> list[Hit]:
    """Contacts whose own details match come first, best match first; then contacts whose captured
    items or meeting notes match, newest mention first (walking the big index in rowid order stops
    after a page instead of scoring every match)."""
    text = text.translate(PLAIN)
    query = fts_query(text)
    if not query:
        return []
    best: dict[int, tuple[int, str]] = {}
    for row in book._rows(
            f"""SELECT rowid AS id, snippet(contact_search, -1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 10) AS snip
                FROM contact_search WHERE contact_search MATCH ? ORDER BY rank LIMIT ?""", (query, limit)):
        best[row["id"]] = (0, row["snip"])
    if len(text.strip()) > 2 and len(best) < limit:
        rows = book._rows(
            f"""SELECT s.contact_id, s.kind,
                       snippet(search_index, -1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 10) AS snip
                FROM search_index s WHERE search_index MATCH ?
                ORDER BY rowid DESC LIMIT ?""", (fts_query(text, min_word=2), limit * 8))
        for row in rows:
            if row["contact_id"] not in best:
                best[row["contact_id"]] = (row["kind"], row["snip"])
    if not best:
        return []
    ids = list(best)[:limit]
    marks = ",".join("?" * len(ids))
    people = {r["id"]: r for r in book._rows(
        f"SELECT id, name, kind, archived_at FROM contact WHERE id IN ({marks})", tuple(ids))}
    hits = []
    for contact_id in ids:
        person = people.get(contact_id)
        if person is None:
            continue
        kind, snip = best[contact_id]
        hits.append(Hit(contact_id, person["name"], person["kind"], person["archived_at"] is not None,
                        WHERE.get(kind, "note"), " ".join(snip.split())))
    # archived contacts after the active ones, otherwise in the order above
    return sorted(hits, key=lambda h: h.archived)

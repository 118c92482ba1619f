"""Finding a contact by the name an organizer types in a hurry: no accents, any case, part of it."""
from __future__ import annotations

import unicodedata

from relmeet.store.book import Book
from relmeet.store.search import PLAIN
from relmeet.views import Choice


def fold(text: str) -> str:
    """'Nguyễn' -> 'nguyen', 'José' -> 'jose', 'Đặng' -> 'dang': what a user can type on any keyboard."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).translate(PLAIN).split())


def match_contacts(book: Book, text: str, *, include_archived: bool = False, limit: int = 20) -> list[Choice]:
    """Contacts whose name contains every word typed. A whole-name match wins outright, then names
    that start with the text, then the rest, so "rosa" finds Rosa before Primrosa."""
    wanted = fold(text)
    if not wanted:
        return []
    words = wanted.split()
    archived = "" if include_archived else "WHERE archived_at IS NULL"
    exact, starts, contains = [], [], []
    for contact_id, name in book.rows(f"SELECT id, name FROM contact {archived} ORDER BY name COLLATE NOCASE"):
        folded = fold(name)
        if folded == wanted:
            exact.append(Choice(contact_id, name))
        elif all(word in folded for word in words):
            (starts if folded.startswith(words[0]) or f" {words[0]}" in folded else contains).append(
                Choice(contact_id, name))
    if len(exact) == 1:
        return exact
    return (exact + starts + contains)[:limit]

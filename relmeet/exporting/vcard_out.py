"""Contacts as vCard 4.0 (RFC 6350), for phones and address books.

Text is escaped per RFC 6350 §3.4 (backslash, comma, semicolon, newline) and lines are folded
at 75 octets without splitting a UTF-8 character (§3.2). Private notes stay out unless asked for.
"""
from __future__ import annotations

from relmeet.domain.text import clean_text
from relmeet.store import exports

# words that open a name but are not a given name ("Pastor Denise Okafor", "Dr. Amara Singh")
HONORIFICS = {"dr", "dr.", "pastor", "rev", "rev.", "reverend", "councilmember", "council member", "mr", "mr.",
              "mrs", "mrs.", "ms", "ms.", "mx", "mx.", "prof", "prof.", "father", "sister", "rabbi", "imam",
              "bishop", "mayor", "senator", "rep.", "judge", "hon.", "elder", "deacon"}


def escape(text: str) -> str:
    text = clean_text(text)  # a book from before relmeet removed control characters may hold some
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Split a content line into CRLF + space continuations of at most 75 octets each."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # don't cut inside a character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines spend one octet on the leading space
    return "\r\n ".join(parts)


def split_name(name: str) -> tuple[str, str, str]:
    """(family, given, prefix) by the usual guess: honorifics first, family name last."""
    words = name.split()
    prefix = []
    while len(words) > 1 and words[0].lower() in HONORIFICS:
        prefix.append(words.pop(0))
    if len(words) == 1:
        return words[0] if words else "", "", " ".join(prefix)
    return words[-1], " ".join(words[:-1]), " ".join(prefix)


def card(contact: dict, organization: str, tags: list[str], include_private: bool = False) -> str:
    is_org = contact["kind"] == "organization"
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"KIND:{'org' if is_org else 'individual'}",
             f"FN:{escape(contact['name'])}"]
    if is_org:
        lines.append(f"ORG:{escape(contact['name'])}")
    else:
        family, given, prefix = split_name(contact["name"])
        lines.append(f"N:{escape(family)};{escape(given)};;{escape(prefix)};")
        if organization:
            lines.append(f"ORG:{escape(organization)}")
    if contact["role"]:
        lines.append(f"TITLE:{escape(contact['role'])}")
    if contact["phone"]:
        lines.append(f"TEL:{escape(contact['phone'])}")
    if contact["email"]:
        lines.append(f"EMAIL:{escape(contact['email'])}")
    if tags:
        lines.append("CATEGORIES:" + ",".join(escape(tag) for tag in tags))
    if contact["notes"] and (include_private or not contact["notes_private"]):
        lines.append(f"NOTE:{escape(contact['notes'])}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def contacts_vcard(book, include_private: bool = False, contact_ids: list[int] | None = None) -> str:
    """Every contact that isn't archived (or just the ones named), one card each."""
    return "".join(card(row, row["organization"] or "", tags, include_private)
                   for row, tags in exports.contacts_for_cards(book, contact_ids))

"""Contacts as vCard 4.0 (RFC 6350), for phones and address books: a stable UID per contact, N as stored,
every good TEL and EMAIL with its TYPE and PREF, ADR, BDAY, ANNIVERSARY, LANG, URL; no file paths in NOTE.

Text is escaped per RFC 6350 §3.4 (backslash, comma, semicolon, newline) and lines are folded
at 75 octets without splitting a UTF-8 character (§3.2). Private notes stay out unless asked for.
"""
from __future__ import annotations

import re

from relmeet.domain.progress import READING_BOOK, WRITING, Progress, counted, quiet
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


# a label as a vCard TYPE (RFC 6350 §6.4.1/§6.4.2 values, else an x-name)
_TYPES = {"mobile": "cell", "cell": "cell", "home": "home", "work": "work", "fax": "fax", "pager": "pager",
          "voice": "voice", "text": "text", "video": "video", "textphone": "textphone", "main": "x-main"}
# "Imported from /home/…/file.csv, line 2": written into notes by relmeet before schema 7; a path never leaves
_PROVENANCE = re.compile(r"^Imported from .*, (?:card|line) \d+$")


def _type(label: str) -> str:
    word = re.sub(r"[^a-z0-9-]+", "-", label.strip().lower()).strip("-")
    if not word:
        return ""
    return ";TYPE=" + _TYPES.get(word, word if word.startswith("x-") else "x-" + word)


def _date(value: str) -> str:
    """'1984-05-17' -> '19840517', '--05-17' -> '--0517' (RFC 6350 §4.3.1); other text as VALUE=text."""
    match = re.match(r"^(\d{4}|-)-(\d{2})-(\d{2})$", value.strip())
    if match:
        return ":" + (match[1] if match[1] != "-" else "--") + match[2] + match[3]
    return ";VALUE=text:" + escape(value)


def shareable_notes(notes: str) -> str:
    return "\n".join(line for line in notes.split("\n") if not _PROVENANCE.match(line.strip())).strip("\n")


def card(contact: dict, organization: str, tags: list[str], include_private: bool = False) -> str:
    is_org = contact["kind"] == "organization"
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"UID:{escape(contact['uid'])}" if contact.get("uid") else "",
             f"KIND:{'org' if is_org else 'individual'}", f"FN:{escape(contact['name'])}"]
    department = contact.get("department", "")
    if is_org:
        lines.append(f"ORG:{escape(contact['name'])}" + (f";{escape(department)}" if department else ""))
    else:
        if contact.get("given_name") or contact.get("family_name"):  # N as stored
            family, given, prefix = contact["family_name"], contact["given_name"], contact.get("honorific", "")
        else:
            family, given, prefix = split_name(contact["name"])
        lines.append(f"N:{escape(family)};{escape(given)};;{escape(prefix)};")
        if organization:
            lines.append(f"ORG:{escape(organization)}" + (f";{escape(department)}" if department else ""))
    if contact.get("goes_by"):
        lines.append(f"NICKNAME:{escape(contact['goes_by'])}")
    if contact["role"]:
        lines.append(f"TITLE:{escape(contact['role'])}")
    for what, prop in (("phones", "TEL"), ("emails", "EMAIL")):
        entries = contact.get(what)
        if entries is None:  # a caller with the single field only
            value = contact["phone" if prop == "TEL" else "email"]
            entries = [{"value": value, "label": "", "preferred": True}] if value else []
        for entry in entries:
            pref = ";PREF=1" if entry["preferred"] and len(entries) > 1 else ""
            lines.append(f"{prop}{_type(entry['label'])}{pref}:{escape(entry['value'])}")
    address = [contact.get(k, "") for k in ("street", "city", "region", "postal_code", "country")]
    if any(address):
        lines.append("ADR:;;" + ";".join(escape(part) for part in address))
    if contact.get("birthday"):
        lines.append("BDAY" + _date(contact["birthday"]))
    if contact.get("anniversary"):
        lines.append("ANNIVERSARY" + _date(contact["anniversary"]))
    if contact["language"]:
        lines.append(f"LANG:{escape(contact['language'])}")
    if contact.get("url"):
        lines.append(f"URL:{escape(contact['url'])}")
    if tags:
        lines.append("CATEGORIES:" + ",".join(escape(tag) for tag in tags))
    notes = shareable_notes(contact["notes"]) if include_private or not contact["notes_private"] else ""
    if notes:
        lines.append(f"NOTE:{escape(notes)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines if line)


def contacts_vcard(book, include_private: bool = False, contact_ids: list[int] | None = None,
                   filters: dict | None = None, progress: Progress = quiet) -> str:
    """Every contact that isn't archived (or just the ones named, or chosen by filters), one card each, each with
    its UID (made once and kept in the book for a contact that had none)."""
    progress(READING_BOOK, None)
    chosen = exports.contacts_for_cards(book, contact_ids, filters)
    return "".join(card(row, row["organization"] or "", tags, include_private)
                   for row, tags in counted(chosen, progress, WRITING))

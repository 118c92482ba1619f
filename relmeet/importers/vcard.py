"""A tolerant vCard reader: 2.1 (QUOTED-PRINTABLE, CHARSET, bare types), 3.0 and 4.0 (KIND:org).

Hand-written because the broken cards organizers really have (cut-off files, stray lines, 2.1
quoted-printable soft breaks) must yield the good cards and a reason for each bad one, where the
strict parsers stop at the first error.
"""
from __future__ import annotations

import base64
import quopri
import re

from relmeet.domain.files import Batch, Incoming, Problem
from relmeet.importers.csv_layouts import SYSTEM_GROUPS

LINE = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$", re.S)


def _decode_text(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def _unfold(text: str) -> list[str]:
    """Join folded lines. Each logical line is gathered as a list of pieces and joined once: adding to
    a string held in a list copies it every time, and a 10 MB PHOTO folded at 75 columns took 49 s."""
    lines: list[str] = []
    pieces: list[str] = []  # the logical line being gathered
    head: str | None = None  # its name and parameters (before the first ":"), once the ":" has come

    def add(piece: str) -> None:
        nonlocal head
        if head is None and ":" in piece:
            head = ("".join(pieces) + piece.split(":", 1)[0]).upper()
        pieces.append(piece)

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line[:1] in (" ", "\t") and pieces:
            add(line[1:])
        elif (pieces and pieces[-1].endswith("=") and head is not None and "QUOTED-PRINTABLE" in head
              and line.strip().upper() != "END:VCARD"):  # a value ending in "=" must not swallow the card's end
            pieces[-1] = pieces[-1][:-1]  # a 2.1 quoted-printable soft line break
            add(line)
        else:
            if pieces:
                lines.append("".join(pieces))
            pieces, head = [], None
            add(line)
    if pieces:
        lines.append("".join(pieces))
    return lines


def _params(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in filter(None, text.split(";")):
        key, _, value = part.partition("=")
        if value:
            found[key.upper()] = value.strip('"')
        elif key.upper() in ("QUOTED-PRINTABLE", "BASE64", "B", "8BIT"):  # 2.1 bare encodings
            found["ENCODING"] = key.upper()
        else:
            found.setdefault("TYPE", "")
            found["TYPE"] += ("," if found["TYPE"] else "") + key  # 2.1 bare types: TEL;CELL;HOME
    return found


def _value(params: dict[str, str], value: str) -> str:
    encoding = params.get("ENCODING", "").upper()
    charset = params.get("CHARSET", "utf-8")
    if encoding == "QUOTED-PRINTABLE":
        raw = quopri.decodestring(value.encode("latin-1", errors="replace"))
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            return raw.decode("utf-8", errors="replace")
    if encoding in ("B", "BASE64"):
        try:
            return base64.b64decode(value, validate=False).decode(charset, errors="replace")
        except (ValueError, LookupError):
            return ""
    return value


def _unescape(text: str) -> str:
    return re.sub(r"\\([nN,;:\\])", lambda m: "\n" if m[1] in "nN" else m[1], text)


def _split(text: str, sep: str) -> list[str]:
    """Split on sep unless escaped, then unescape each part."""
    parts, buffer, escaped = [], "", False
    for char in text:
        if escaped:
            buffer += "\\" + char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == sep:
            parts.append(_unescape(buffer))
            buffer = ""
        else:
            buffer += char
    parts.append(_unescape(buffer + ("\\" if escaped else "")))
    return parts


def _card(lines: list[str], source: str) -> Incoming | str:
    fields: dict[str, list[tuple[dict, str]]] = {}
    for line in lines:
        if not line.strip():
            continue
        match = LINE.match(line)
        if match is None:
            continue  # a stray line inside a card: skip it, keep the card
        name, params, value = match[1].upper(), _params(match[2]), match[3]
        if name in ("PHOTO", "LOGO", "SOUND", "KEY"):
            continue
        fields.setdefault(name, []).append((params, _value(params, value)))

    def first(key: str) -> str:
        return fields[key][0][1] if key in fields else ""

    org_parts = _split(first("ORG"), ";") if "ORG" in fields else []
    organization = " ".join(p.strip() for p in org_parts[:1] if p.strip())
    kind = "organization" if first("KIND").lower() in ("org", "organization") or \
        first("X-ABSHOWAS").upper() == "COMPANY" else "person"
    name = _unescape(first("FN")).strip()
    if not name and "N" in fields:
        family, given, middle, prefix, suffix = (_split(first("N"), ";") + [""] * 5)[:5]
        name = " ".join(p.strip() for p in (prefix, given, middle, family, suffix) if p.strip())
    if not name and organization:
        name, kind = organization, "organization"
    if not name:
        return "no name (FN, N or ORG) in the card"
    if kind == "organization" and organization == name:
        organization = ""
    tags = []
    for _params_, value in fields.get("CATEGORIES", []):
        tags += [t.strip() for t in _split(value, ",") if t.strip() and t.strip().lower() not in SYSTEM_GROUPS]
    address = _split(first("ADR"), ";") if "ADR" in fields else []
    return Incoming(
        name=" ".join(name.split()), kind=kind, organization=organization,
        role=_unescape(first("TITLE") or first("ROLE")).strip(),
        phones=[_unescape(v).strip() for _p, v in fields.get("TEL", []) if v.strip()],
        emails=[_unescape(v).strip() for _p, v in fields.get("EMAIL", []) if v.strip()],
        tags=tags, notes="\n".join(_unescape(v).strip() for _p, v in fields.get("NOTE", []) if v.strip()),
        neighbourhood=address[3].strip() if len(address) > 3 else "",
        language=_unescape(first("LANG")).strip(), source=source)


def read(raw: bytes, name: str) -> Batch:
    batch = Batch(layouts=[f"{name}: vCard"])
    text = _decode_text(raw)
    if "BEGIN:VCARD" not in text.upper():
        batch.problems.append(Problem(name, "no vCard in the file (no BEGIN:VCARD line)"))
        batch.unreadable_file = True
        return batch
    card: list[str] | None = None
    number = 0
    start_line = 0
    for index, line in enumerate(_unfold(text), start=1):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if card is not None:
                batch.problems.append(Problem(f"{name}, card {number} (line {start_line})",
                                              "the card has no END:VCARD before the next one"))
            number += 1
            card, start_line = [], index
        elif upper == "END:VCARD":
            if card is None:
                batch.problems.append(Problem(f"{name}, line {index}", "END:VCARD without a BEGIN:VCARD"))
                continue
            found = _card(card, f"{name}, card {number}")
            if isinstance(found, str):
                batch.problems.append(Problem(f"{name}, card {number} (line {start_line})", found))
            else:
                batch.contacts.append(found)
            card = None
        elif card is not None:
            card.append(line)
    if card is not None:
        batch.problems.append(Problem(f"{name}, card {number} (line {start_line})",
                                      "the file ends inside the card (no END:VCARD)"))
    return batch

"""A tolerant vCard reader: 2.1 (QUOTED-PRINTABLE, CHARSET, bare types), 3.0 and 4.0 (KIND:org).

Hand-written because the broken cards organizers really have (cut-off files, stray lines, 2.1
quoted-printable soft breaks) must yield the good cards and a reason for each bad one, where the
strict parsers stop at the first error. Decoding is relmeet/importers/vcard_lines.py's: unfold, then each
value by its own ENCODING and CHARSET. Every field the book has a place for is kept (schema 7).
"""
from __future__ import annotations

import re

from relmeet.domain.files import Batch, Incoming, Problem
from relmeet.domain.progress import READING, Progress, quiet
from relmeet.importers.csv_layouts import SYSTEM_GROUPS
from relmeet.importers.vcard_lines import Line, charset_hint, parse, split, unescape, unfold

_SKIPPED = ("PHOTO", "LOGO", "SOUND", "KEY")
# TYPE values that say nothing an organizer would call a label
_NOT_LABELS = {"pref", "voice", "internet", "x400", "x-internet", "uri", "text", "msg"}
_LABEL_WORDS = {"cell": "mobile", "iphone": "mobile", "mobile": "mobile"}
_ABLABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_BEGIN = re.compile(r"^[ \t]*BEGIN:VCARD[ \t]*$", re.I | re.M)
_END = re.compile(r"^[ \t]*END:VCARD[ \t]*$", re.I | re.M)
_MAY_BEGIN_OR_END = {"B", "b", "E", "e", " ", "\t"}
_CHARSET = re.compile(r"^[^:\n]*;[ \t]*CHARSET=\"?([^;:\"\n]+)", re.I | re.M)


def _date(value: str) -> str:
    """'1984-05-17', '19840517', '--0517', '--05-17', '1984-05-17T00:00:00Z' -> ISO ('--05-17' without a year);
    anything else kept as written (VALUE=text "circa 1960")."""
    value = value.strip()
    match = re.match(r"^(\d{4}|--)-?(\d{2})-?(\d{2})(?:T.*)?$", value)
    if match:
        return f"{match[1]}-{match[2]}-{match[3]}" if match[1] != "--" else f"--{match[2]}-{match[3]}"
    return value


def _label(line: Line, labels: dict[str, str]) -> str:
    if line.group and line.group in labels:
        return labels[line.group]
    for kind in line.types:
        if kind not in _NOT_LABELS:
            word = kind[2:] if kind.startswith("x-") else kind
            return _LABEL_WORDS.get(word, word)
    return ""


def _pref(line: Line) -> int:
    """Lower is preferred: PREF=1 (4.0), TYPE=pref (3.0) or bare PREF (2.1); 100 when unsaid."""
    numbers = [int(p) for p in line.params.get("PREF", []) if p.isdigit()]
    if numbers:
        return min(numbers)
    return 1 if "pref" in line.types else 100


def _phone(value: str) -> str:
    """A VALUE=uri number as the organizer writes it: 'tel:+1-555-0100;ext=5' -> '+1-555-0100 ext. 5'."""
    value = value.strip()
    if value.lower().startswith("tel:"):
        number, _, rest = value[4:].partition(";")
        ext = re.search(r"(?:^|;)ext=([^;]+)", rest, re.I)
        return number + (f" ext. {ext[1]}" if ext else "")
    return value


def _entries(lines: list[Line], labels: dict[str, str], clean) -> tuple[list[str], dict[str, str], str]:
    values: list[str] = []
    found: dict[str, str] = {}
    best, best_rank = "", 101
    for line in lines:
        value = clean(unescape(line.value).strip())
        if not value or value in values:
            continue
        values.append(value)
        found[value] = _label(line, labels)
        rank = _pref(line)
        if rank < best_rank:
            best, best_rank = value, rank
    return values, {v: label for v, label in found.items() if label}, best


def _card(lines: list[Line], source: str, agents: list[Incoming], file_hint: str = "") -> Incoming | str:
    fields: dict[str, list[Line]] = {}
    labels: dict[str, str] = {}  # item1.X-ABLabel:Signal names item1.TEL
    # a value with no CHARSET that isn't UTF-8 is read in the code page another value of the card names, else
    # the file's first (vcard_lines.text)
    hint = charset_hint(line.param("CHARSET") for line in lines if "CHARSET" in line.params) or file_hint
    for line in lines:
        line.hint = hint
    for line in lines:
        if line.name in _SKIPPED:
            continue
        if line.name == "X-ABLABEL" and line.group:
            word = line.value.strip()
            word = _ABLABEL.sub(r"\1", word)
            labels[line.group] = _LABEL_WORDS.get(word.lower(), word.lower() if _ABLABEL.match(line.value) else word)
            continue
        fields.setdefault(line.name, []).append(line)

    def first(key: str) -> str:
        return fields[key][0].value if key in fields else ""

    org_parts = [p.strip() for p in split(first("ORG"), ";")] if "ORG" in fields else []
    organization = org_parts[0] if org_parts else ""
    department = " / ".join(p for p in org_parts[1:] if p)
    kind = "organization" if first("KIND").strip().lower() in ("org", "organization") or \
        first("X-ABSHOWAS").strip().upper() == "COMPANY" else "person"
    # each part of N is a list: 'Ann,Marie' two given names (joined by a space), 'Smith\, Jr.' one family name
    family, given, middle, prefix, _suffix = ([" ".join(" ".join(split(p, ",")).split())
                                               for p in split(first("N"), ";", keep_escapes=True)]
                                              + [""] * 5)[:5] if "N" in fields else [""] * 5
    emails, email_labels, preferred_email = _entries(
        fields.get("EMAIL", []), labels, lambda v: v[7:] if v.lower().startswith("mailto:") else v)
    phones, phone_labels, preferred_phone = _entries(fields.get("TEL", []), labels, _phone)
    name = unescape(first("FN")).strip()
    if not name:
        name = " ".join(p for p in (prefix, given, middle, family) if p)
    if not name and organization:
        name, kind = organization, "organization"
    if not name and emails:
        name = emails[0]  # a card of an address only: the address is all the name there is (as the CSV reader)
    if not name:
        return "no name (FN, N, ORG or EMAIL) in the card"
    if kind == "organization" and organization == name:
        organization = ""
    tags: list[str] = []
    for line in fields.get("CATEGORIES", []):
        for tag in (t.strip() for t in split(line.value, ",")):
            if tag and tag.lower() not in SYSTEM_GROUPS and tag not in tags:
                tags.append(tag)
    notes = [unescape(line.value).strip() for line in fields.get("NOTE", [])]
    addresses = sorted(fields.get("ADR", []), key=_pref)
    address = ([p.strip() for p in split(addresses[0].value, ";")] + [""] * 7)[:7] if addresses else [""] * 7
    for other in addresses[1:]:  # the book has one address: the others are kept in the notes
        parts = [" ".join(p.split()) for p in split(other.value, ";") if p.strip()]
        if parts:
            notes.append(f"Address{' (' + _label(other, labels) + ')' if _label(other, labels) else ''}: "
                         + ", ".join(parts))
    for agent in agents:  # a 2.1 AGENT card belongs to this person: kept in their notes, not a new person
        notes.append("Agent: " + ", ".join([agent.name] + agent.phones + agent.emails))
    anniversary = first("ANNIVERSARY") or first("X-ANNIVERSARY") or first("X-EVOLUTION-ANNIVERSARY")
    return Incoming(
        name=" ".join(name.split()), kind=kind, organization=organization, department=department,
        role=unescape(first("TITLE") or first("ROLE")).strip(),
        phones=phones, emails=emails, phone_labels=phone_labels, email_labels=email_labels,
        preferred_phone=preferred_phone, preferred_email=preferred_email,
        tags=tags, notes="\n".join(n for n in notes if n),
        neighbourhood=address[3], street="\n".join(p for p in address[:3] if p), city=address[3],
        region=address[4], postal_code=address[5], country=address[6],
        language=unescape(first("LANG")).strip(), honorific=prefix,
        given_name=" ".join(p for p in (given, middle) if p),
        family_name=family, goes_by=split(first("NICKNAME"), ",")[0].strip() if "NICKNAME" in fields else "",
        uid=unescape(first("UID")).strip(), url=unescape(first("URL")).strip(),
        birthday=_date(unescape(first("BDAY"))), anniversary=_date(unescape(anniversary)), source=source)


def read(raw: bytes, name: str, progress: Progress = quiet) -> Batch:
    """The cards of a vCard file; progress is told how far through its lines the reading is."""
    batch = Batch(layouts=[f"{name}: vCard"])
    text = raw.removeprefix(b"\xef\xbb\xbf").decode("latin-1")  # bytes as they are: each value decodes itself
    if "BEGIN:VCARD" not in text.upper():
        batch.problems.append(Problem(name, "no vCard in the file (no BEGIN:VCARD line)"))
        batch.unreadable_file = True
        return batch
    card: list[Line] | None = None
    agents: list[Incoming] = []
    nested: list[list[Line]] = []  # 2.1 AGENT cards open inside the card
    after_agent = False
    number = 0
    start_line = 0
    lines = unfold(text)
    # the first 8-bit code page a value of the file names (a phone writes the whole file in one), for the values
    # of a card that names none (an Android file says CHARSET=UTF-8 on every line: that is no hint)
    file_hint = charset_hint(found[1] for found in _CHARSET.finditer(text)) \
        if "CHARSET" in text or "charset" in text or "Charset" in text else ""
    # Every BEGIN:VCARD has its END:VCARD: a card begun inside another is nested in it (2.1 nests AGENT cards,
    # and some phones nest without the AGENT line), not the start of the next after a cut-off one
    whole = "\n".join(lines)
    balanced = len(_BEGIN.findall(whole)) == len(_END.findall(whole))
    every = max(1, len(lines) // 50)
    for index, line in enumerate(lines, start=1):
        if index % every == 0:
            progress(READING, index / len(lines))
        upper = line.strip().upper() if line[:1] in _MAY_BEGIN_OR_END else ""
        if upper == "BEGIN:VCARD":
            if card is not None and (after_agent or balanced):
                nested.append([])
                after_agent = False
                continue
            if card is not None:
                batch.problems.append(Problem(f"{name}, card {number} (line {start_line})",
                                              "the card has no END:VCARD before the next one"))
            number += 1
            card, start_line, agents, nested = [], index, [], []
        elif upper == "END:VCARD":
            if nested:
                agent = _card(nested.pop(), "", [], file_hint)
                if isinstance(agent, Incoming):
                    agents.append(agent)
                continue
            if card is None:
                batch.problems.append(Problem(f"{name}, line {index}", "END:VCARD without a BEGIN:VCARD"))
                continue
            found = _card(card, f"{name}, card {number}", agents, file_hint)
            if isinstance(found, str):
                batch.problems.append(Problem(f"{name}, card {number} (line {start_line})", found))
            else:
                batch.contacts.append(found)
            card = None
        elif card is not None:
            parsed = parse(line)
            after_agent = parsed is not None and parsed.name == "AGENT" and not parsed.raw.strip()
            if parsed is None:
                continue  # a stray line inside a card: skip it, keep the card
            if nested:
                nested[-1].append(parsed)
            elif parsed.name == "AGENT" and parsed.raw.upper().startswith("BEGIN:VCARD"):
                inline = read(unescape(parsed.value).encode("utf-8"), name)  # 3.0: the agent as an escaped value
                agents += inline.contacts
            else:
                card.append(parsed)
    if card is not None:
        batch.problems.append(Problem(f"{name}, card {number} (line {start_line})",
                                      "the file ends inside the card (no END:VCARD)"))
    return batch

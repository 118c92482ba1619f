"""relmeet's own CSV (`relmeet export -f csv`), read back whole: every column by its name, the organizer's
assessments included, organizations as organizations, every e-mail and phone with its label.

Values the book would refuse (a stance it doesn't know, an influence of 9) are left out and reported, so
one odd cell never stops the import.
"""
from __future__ import annotations

import re

from relmeet.domain.files import Incoming, Problem

SIGNATURE = {"id", "kind", "name", "level", "stance", "rung", "uid", "emails", "phones"}
MULTI = " ::: "
_TEXT = ["honorific", "given_name", "family_name", "goes_by", "uid", "birthday", "anniversary", "street", "city",
         "region", "postal_code", "country", "department", "url", "source_name"]
_CHOICES = {
    "level": {"impacted", "leader", "organization"},
    "stance": {"opposition", "neutral", "unknown", "potential_ally", "ally"},
    "influence": {"1", "2", "3", "4", "5"},
    "rung": {"identified", "met", "supporter", "volunteer", "leader", "core"},
    "is_leader": {"0", "1"}, "is_gatekeeper": {"0", "1"}, "notes_private": {"0", "1"},
    "contact_method": {"", "phone", "text", "email", "in_person", "messaging"},
}
_FREE = ["their_language", "pronouns", "reach_note", "leadership_note", "gatekeeper_note"]
# the apostrophe relmeet's CSV puts before a cell a spreadsheet would run as a formula (exporting/csv_out.py)
_GUARDED = re.compile(r"^'(?:[=@\t\r]|[+\-](?![\d\s.(]))")


def _cell(value: str | None) -> str:
    value = value or ""
    return value[1:] if _GUARDED.match(value) else value


def _entries(row: dict, what: str) -> tuple[list[str], dict[str, str], str]:
    values = [v.strip() for v in _cell(row.get(f"{what}s")).split(MULTI) if v.strip()]
    labels = [v.strip() for v in _cell(row.get(f"{what}_labels")).split(MULTI)]
    single = _cell(row.get(what)).strip()
    if single and single not in values:
        values.insert(0, single)
        labels.insert(0, "")
    return values, {v: labels[i] for i, v in enumerate(values) if i < len(labels) and labels[i]}, single


def contact(row: dict, source: str, problems: list[Problem]) -> Incoming | None:
    name = " ".join(_cell(row.get("name")).split())
    if not name:
        problems.append(Problem(source, "no name in the row"))
        return None
    kind = _cell(row.get("kind")).strip()
    phones, phone_labels, phone = _entries(row, "phone")
    emails, email_labels, email = _entries(row, "email")
    found = Incoming(
        name=name, kind=kind if kind in ("person", "organization") else "person",
        organization=_cell(row.get("organization")).strip() if kind != "organization" else "",
        role=_cell(row.get("role")), phones=phones, emails=emails, phone_labels=phone_labels,
        email_labels=email_labels, preferred_phone=phone, preferred_email=email,
        tags=[t.strip() for t in _cell(row.get("tags")).split(";") if t.strip()], notes=_cell(row.get("notes")),
        neighbourhood=_cell(row.get("neighbourhood")), language=_cell(row.get("language")), source=source,
        **{k: _cell(row.get(k)) for k in _TEXT})
    for column, allowed in _CHOICES.items():
        value = _cell(row.get(column)).strip()
        if column not in row or (value == "" and column != "contact_method"):
            continue
        if value in allowed:
            found.assessments[column] = value
        else:
            problems.append(Problem(source, f"{column} {value!r} is not one relmeet knows; left out"))
    for column in _FREE:
        if row.get(column):
            found.assessments[column] = _cell(row[column])
    return found

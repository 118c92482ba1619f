"""CSV and TSV contact exports, recognised by their headers and mapped by column name, never position.

Google (old and current), Outlook, Thunderbird, Action Network, NationBuilder, EveryAction/VAN and
ActionKit rosters each name the same things differently; the tables below say which column holds what.
"""
from __future__ import annotations

import csv
import io
import re

from relmeet.domain.files import Batch, Incoming, Problem

# layout name -> headers that only that layout has (lower case)
SIGNATURES = [
    ("NationBuilder", {"nationbuilder_id"}),
    ("Action Network", {"can2_subscription_status"}),
    ("Action Network", {"can2_user_tags"}),
    ("EveryAction/VAN export", {"vanid"}),
    ("EveryAction bulk upload", {"email subscription status", "activist code"}),
    ("ActionKit roster", {"ak_id"}),
    ("Google Contacts (current)", {"phonetic first name"}),
    ("Google Contacts (old)", {"given name", "group membership"}),
    ("Outlook", {"e-mail display name"}),
    ("Outlook", {"e-mail address", "first name", "last name"}),
    ("Thunderbird", {"primary email", "display name"}),
]
FULL = ["name", "display name", "full name", "contact name"]
FIRST = ["first name", "given name", "first_name", "firstname"]
MIDDLE = ["middle name", "additional name", "middle_name"]
LAST = ["last name", "family name", "last_name", "lastname"]
ORG = ["organization name", "organization 1 - name", "company", "organization", "employer", "employer name",
       "organisation"]
ROLE = ["organization title", "organization 1 - title", "job title", "occupation", "occupation name", "title"]
TAGS = ["labels", "group membership", "categories", "tag_list", "can2_user_tags", "tags", "activist code"]
NOTES = ["notes", "note"]
CITY = ["city", "home city", "can2_user_city", "primary_city", "mailing_city", "business city"]
# the other fields the book keeps (schema 7), by the names Google, Outlook and the CRMs give them
EXTRA = {
    "honorific": ["name prefix", "prefix"],
    "goes_by": ["nickname", "preferred name", "preferred_name"],
    "birthday": ["birthday", "birthdate", "date of birth", "dob"],
    "department": ["organization department", "organization 1 - department", "department"],
    "street": ["address 1 - street", "home street", "street", "address1", "address_line_1", "primary_address1",
               "mailing_address1"],
    "city": CITY + ["address 1 - city", "primary_city"],
    "region": ["address 1 - region", "home state", "state", "region", "can2_state_abbreviated", "primary_state",
               "mailing_state"],
    "postal_code": ["address 1 - postal code", "home postal code", "zip_code", "zip", "postal code", "zip5",
                    "primary_zip", "mailing_zip", "can2_user_zip"],
    "country": ["address 1 - country", "home country/region", "country", "primary_country", "mailing_country"],
    "url": ["website 1 - value", "web page", "website", "url"],
}
SKIP = re.compile(r"type|label|display|bad|opt|status|subscri|preference|do_not|donotcall|isho|iswork|cellexch|"
                  r"sms|federal", re.I)
SYSTEM_GROUPS = {"mycontacts", "my contacts", "starred in android", "friends", "family", "coworkers"}


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _relmeet(reader, headers: list[str], name: str, batch: Batch) -> Batch:
    """relmeet's own CSV, every column by name (relmeet/importers/csv_relmeet.py)."""
    from relmeet.importers import csv_relmeet

    batch.layouts.append(f"{name}: relmeet CSV")
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return batch
        except csv.Error as exc:
            batch.problems.append(Problem(f"{name}, line {start}", f"unreadable row ({exc})"))
            continue
        if any(cell.strip() for cell in row):
            found = csv_relmeet.contact(dict(zip(headers, row)), f"{name}, line {start}", batch.problems)
            if found is not None:
                batch.contacts.append(found)


def _clean(value: str | None) -> str:
    value = (value or "").strip()
    # NationBuilder prefixes numbers with ' so spreadsheets keep their leading zeros
    return value[1:] if value.startswith("'") and value[1:2].isdigit() else value


def _values(value: str) -> list[str]:
    """Google's ' ::: ' multi-values, with its '* ' primary marker removed."""
    return [v.strip().lstrip("*").strip() for v in value.split(":::") if v.strip().lstrip("*").strip()]


def _birthday(value: str) -> str:
    """'1984-05-17', ' --05-17' (Google, no year), '5/17/1984' (Outlook, US order) as the book keeps them."""
    value = value.strip()
    us = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", value)
    if us:
        return f"{us[3]}-{int(us[1]):02d}-{int(us[2]):02d}"
    return value


def recognise(headers: list[str]) -> str:
    lower = {h.strip().lower() for h in headers}
    for layout, needed in SIGNATURES:
        if needed <= lower:
            return layout
    return "CSV (columns matched by name)"


def read(raw: bytes, name: str) -> Batch:
    batch = Batch()
    if b"\x00" in raw[:4096]:
        batch.problems.append(Problem(name, "this is a binary file, not a vCard or CSV export"))
        batch.unreadable_file = True
        return batch
    text = _decode(raw)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else (
        ";" if first_line.count(";") > first_line.count(",") else ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except (StopIteration, csv.Error):
        batch.problems.append(Problem(name, "the file is empty"))
        batch.unreadable_file = True
        return batch
    index = {h.strip().lower(): i for i, h in reversed(list(enumerate(headers)))}
    from relmeet.importers.csv_relmeet import SIGNATURE

    if SIGNATURE <= set(index):
        return _relmeet(reader, [h.strip().lower() for h in headers], name, batch)

    def cols(names: list[str]) -> list[int]:
        return [index[n] for n in names if n in index]

    full, first, middle, last = cols(FULL), cols(FIRST), cols(MIDDLE), cols(LAST)
    org, role, tags, notes, city = cols(ORG), cols(ROLE), cols(TAGS), cols(NOTES), cols(CITY)
    extra = {field: cols(names) for field, names in EXTRA.items()}
    # Google's "E-mail 1 - Label" beside "E-mail 1 - Value" ("* Work": the preferred one, marked)
    labels = {i: index[h.replace(" - value", " - label")] for h, i in index.items()
              if h.endswith(" - value") and h.replace(" - value", " - label") in index}
    # in the file's order ("E-mail 1" before "E-mail 2")
    emails = sorted(i for h, i in index.items() if ("e-mail" in h or "email" in h) and not SKIP.search(h))
    phones = sorted(i for h, i in index.items() if ("phone" in h or "mobile" in h) and not SKIP.search(h))
    if not (full or first or last or org or emails):
        batch.problems.append(Problem(name, "no name or organization column in the header, so this is not a "
                                            "contacts export relmeet knows"))
        batch.unreadable_file = True
        return batch
    layout = recognise(headers)
    batch.layouts.append(f"{name}: {layout}")
    line = 1
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            batch.problems.append(Problem(f"{name}, line {start}", f"unreadable row ({exc})"))
            continue
        line = start
        if not any(cell.strip() for cell in row):
            continue

        def get(columns: list[int]) -> str:
            return next((_clean(row[i]) for i in columns if i < len(row) and _clean(row[i])), "")

        def every(columns: list[int]) -> list[str]:
            found: list[str] = []
            for i in columns:
                if i < len(row):
                    for value in _values(_clean(row[i])):
                        if value not in found:
                            found.append(value)
            return found

        person = get(full) or " ".join(p for p in (get(first), get(middle), get(last)) if p)
        organization = get(org)
        if not person and not organization and every(emails):
            person = every(emails)[0]  # an export of addresses only: the address is all the name there is
        if not person and not organization:
            batch.problems.append(Problem(f"{name}, line {line}", "no name and no organization in the row"))
            continue
        tag_list: list[str] = []
        for value in every(tags):
            for tag in re.split(r"[;,]", value):
                tag = tag.strip().lstrip("*").strip()
                if tag and tag.lower() not in SYSTEM_GROUPS and tag not in tag_list:
                    tag_list.append(tag)
        batch.contacts.append(Incoming(
            name=" ".join((person or organization).split()), kind="person" if person else "organization",
            organization=organization if person else "", role=get(role) if person else "",
            emails=every(emails), phones=every(phones), tags=tag_list, notes=get(notes),
            neighbourhood=get(city), source=f"{name}, line {line}",
            given_name=" ".join(p for p in (get(first), get(middle)) if p), family_name=get(last),
            **{field: get(columns) for field, columns in extra.items()}))
        found = batch.contacts[-1]
        for what, columns, chosen in (("email", emails, "preferred_email"), ("phone", phones, "preferred_phone")):
            for i in columns:
                label = _clean(row[labels[i]]) if i in labels and labels[i] < len(row) else ""
                values = _values(_clean(row[i])) if i < len(row) else []
                if label and values:
                    getattr(found, f"{what}_labels")[values[0]] = label.lstrip("*").strip().lower()
                    if label.startswith("*") and not getattr(found, chosen):
                        setattr(found, chosen, values[0])
        if found.birthday:
            found.birthday = _birthday(found.birthday)
    return batch

"""Contacts as other tools import them: Google Contacts' CSV and Action Network's upload columns.

These files are for sharing, so they carry contact details only: never the organizer's assessments (level,
stance, influence, rung, gatekeeper), never a private note, never an e-mail or number marked bad (the store
hands out good ones only), and Action Network gets people only (an upload is a list of activists).
"""
from __future__ import annotations

import csv
import io

from relmeet.domain.progress import READING_BOOK, WRITING, Progress, counted, quiet
from relmeet.exporting.csv_out import cell
from relmeet.exporting.vcard_out import shareable_notes, split_name
from relmeet.store import exports

# Google Contacts' import header ("Google CSV", as contacts.google.com exports it), before the numbered columns
GOOGLE_NAME = ["First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
               "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As", "Organization Name",
               "Organization Title", "Organization Department", "Birthday", "Notes", "Photo", "Labels"]
GOOGLE_ADDRESS = ["Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City",
                  "Address 1 - PO Box", "Address 1 - Region", "Address 1 - Postal Code", "Address 1 - Country",
                  "Address 1 - Extended Address", "Website 1 - Label", "Website 1 - Value"]
ACTION_NETWORK = ["email", "first_name", "last_name", "zip_code", "phone", "tags"]


def _names(contact: dict) -> tuple[str, str]:
    if contact["given_name"] or contact["family_name"]:
        return contact["given_name"], contact["family_name"]
    family, given, _prefix = split_name(contact["name"])
    return (given, family) if given else (family, "")


def _label(entry: dict) -> str:
    """Google's label words, "* " marking the preferred one."""
    word = entry["label"].strip().capitalize() or "Other"
    return ("* " if entry["preferred"] else "") + word


def _rows(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[cell(v) for v in row] for row in rows])
    return out.getvalue()


def google_csv(book, include_private: bool = False, filters: dict | None = None, progress: Progress = quiet) -> str:
    progress(READING_BOOK, None)
    chosen = exports.contacts_for_cards(book, filters=filters, make_uids=False)
    emails = max([len(c["emails"]) for c, _ in chosen] + [1])
    phones = max([len(c["phones"]) for c, _ in chosen] + [1])
    header = (GOOGLE_NAME + [f"E-mail {i} - {p}" for i in range(1, emails + 1) for p in ("Label", "Value")]
              + [f"Phone {i} - {p}" for i in range(1, phones + 1) for p in ("Label", "Value")] + GOOGLE_ADDRESS)
    rows = []
    for contact, tags in counted(chosen, progress, WRITING):
        is_org = contact["kind"] == "organization"
        first, last = ("", "") if is_org else _names(contact)
        notes = shareable_notes(contact["notes"]) if include_private or not contact["notes_private"] else ""
        row = [first, "", last, "", "", "", "" if is_org else contact["honorific"], "", contact["goes_by"],
               contact["name"] if is_org else "", contact["name"] if is_org else (contact["organization"] or ""),
               "" if is_org else contact["role"], contact["department"], contact["birthday"], notes, "",
               " ::: ".join(tags)]
        for what, count in (("emails", emails), ("phones", phones)):
            entries = sorted(contact[what], key=lambda e: not e["preferred"])
            for index in range(count):
                row += [_label(entries[index]), entries[index]["value"]] if index < len(entries) else ["", ""]
        address = [contact[k] for k in ("street", "city", "region", "postal_code", "country")]
        formatted = "\n".join(p for p in (address[0], " ".join(p for p in address[1:4] if p), address[4]) if p)
        row += (["Home" if any(address) else "", formatted, address[0], address[1], "", address[2], address[3],
                 address[4], ""] + (["Website", contact["url"]] if contact["url"] else ["", ""]))
        rows.append(row)
    return _rows(header, rows)


def action_network_csv(book, include_private: bool = False, filters: dict | None = None,
                       progress: Progress = quiet) -> str:
    progress(READING_BOOK, None)
    rows = []
    chosen = exports.contacts_for_cards(book, filters={**(filters or {}), "kind": "person"}, make_uids=False)
    for contact, tags in counted(chosen, progress, WRITING):
        first, last = _names(contact)
        email = next((e["value"] for e in contact["emails"] if e["preferred"]), "")
        phone = next((e["value"] for e in contact["phones"] if e["preferred"]), "")
        rows.append([email, first, last, contact["postal_code"], phone, ", ".join(tags)])
    return _rows(ACTION_NETWORK, rows)

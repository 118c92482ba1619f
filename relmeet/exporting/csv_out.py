"""Contacts and meetings as CSV, one row each, for spreadsheets and other tools.

Stored values are written as stored (ISO times, choice values such as `potential_ally`) so that the
file reads back without guessing. A cell that a spreadsheet would run as a formula (it starts with
=, @, a tab, or + / - not followed by a digit) gets a leading apostrophe: names and notes can come
from imported files no one here wrote. Private notes are blanked, and so is the summary of a meeting
that has anything private (relmeet/store/exports.py says why), unless private items are asked for.
"""
from __future__ import annotations

import csv
import io
import re

from relmeet.domain.progress import READING_BOOK, WRITING, Progress, counted, quiet
from relmeet.domain.text import clean_text
from relmeet.store import exports

CONTACT_COLUMNS = ["id", "kind", "name", "organization", "role", "level", "stance", "influence", "rung",
                   "is_leader", "is_gatekeeper", "their_language", "phone", "email", "neighbourhood",
                   "contact_method", "language", "tags", "notes", "archived_at", "created_at", "updated_at",
                   # schema 7: what relmeet's own CSV needs to come back whole (relmeet/importers/csv_relmeet.py)
                   "uid", "honorific", "given_name", "family_name", "goes_by", "department", "phones", "phone_labels",
                   "emails", "email_labels", "street", "city", "region", "postal_code", "country", "birthday",
                   "anniversary", "url", "pronouns", "reach_note", "leadership_note", "gatekeeper_note", "source_name",
                   "notes_private"]
MULTI = " ::: "  # Google's separator of several values in one cell
MEETING_COLUMNS = ["id", "contact_id", "contact", "campaign", "type", "status", "scheduled_at", "location",
                   "duration_min", "started_at", "ended_at", "purpose", "known", "guessed_interest",
                   "want_to_learn", "offer_plan", "framing", "notes", "summary", "next_step", "check_in_on",
                   "leadership_rating", "relationship_rating", "created_at", "updated_at"]
_SHOWN = {"notes": "notes_shown", "summary": "summary_shown"}
_FORMULA = re.compile(r"^(?:[=@\t\r]|[+\-](?![\d\s.(]))")


def cell(value) -> str:
    if value is None:
        return ""
    text = clean_text(str(value))  # a book from before relmeet removed control characters may hold some
    return "'" + text if _FORMULA.match(text) else text


def _write(columns: list[str], rows: list, progress: Progress) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in counted(rows, progress, WRITING):
        # the private-aware copies (SELECT c.* also has the raw `notes` and `summary`)
        writer.writerow([cell(row[_SHOWN.get(name, name)]) for name in columns])
    return out.getvalue()


def contacts_csv(book, include_private: bool = False, filters: dict | None = None,
                 progress: Progress = quiet) -> str:
    """relmeet's own CSV: every column, the organizer's assessments included; it imports back whole."""
    progress(READING_BOOK, None)
    lines = []
    for contact, tags in exports.contacts_for_cards(book, filters={**(filters or {}), "archived": True},
                                                    make_uids=False):
        hidden = contact["notes_private"] and not include_private
        lines.append({**contact, "organization": contact["organization"] or "", "tags": "; ".join(tags),
                      "notes_shown": "" if hidden else contact["notes"],
                      **_lists(contact["phones"], "phone"), **_lists(contact["emails"], "email")})
    return _write(CONTACT_COLUMNS, lines, progress)


def _lists(entries: list[dict], what: str) -> dict:
    """Every good e-mail or phone, preferred first, and their labels, in two cells."""
    ordered = sorted(entries, key=lambda e: not e["preferred"])
    return {f"{what}s": MULTI.join(e["value"] for e in ordered),
            f"{what}_labels": MULTI.join(e["label"] for e in ordered) if any(e["label"] for e in ordered) else ""}


def meetings_csv(book, include_private: bool = False, progress: Progress = quiet) -> str:
    progress(READING_BOOK, None)
    return _write(MEETING_COLUMNS, exports.meeting_lines(book, include_private), progress)

"""Read models of people: what the store hands out about contacts, their health, search hits and merges.

Plain dataclasses, cheap to build and safe to pass between threads; screens and widgets never hold live
ORM rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Reach:
    """One e-mail address or phone number with its label; a bad one (bounced, wrong number) is kept and
    shown struck through, never the preferred one."""

    value: str
    label: str = ""
    preferred: bool = False
    bad: bool = False


@dataclass
class ContactIn:
    """What the contact form submits (and what it is filled from).

    `email` / `phone` are the preferred entries of `emails` / `phones`; a caller that gives only `email`
    gets it as the one preferred entry. `referred_by` is the name (as `contacts.people_choices` labels
    it) of who referred them: someone in the book, or a new person the store adds."""

    name: str = ""
    honorific: str = ""
    given_name: str = ""
    family_name: str = ""
    goes_by: str = ""
    kind: str = "person"
    organization_id: int | None = None
    role: str = ""
    level: str = "impacted"
    is_leader: bool = False
    is_gatekeeper: bool = False
    stance: str = "unknown"
    influence: int | str = 3
    rung: str = "identified"
    their_language: str = ""
    phone: str = ""
    email: str = ""
    neighbourhood: str = ""
    contact_method: str = ""
    language: str = ""
    notes: str = ""
    notes_private: bool = False
    tags: list[str] = field(default_factory=list)
    emails: list[Reach] = field(default_factory=list)
    phones: list[Reach] = field(default_factory=list)
    birthday: str = ""          # '1984-05-17', or '--05-17' without the year
    street: str = ""
    city: str = ""
    postal_code: str = ""
    pronouns: str = ""
    reach_note: str = ""        # how and when to reach them
    leadership_note: str = ""
    gatekeeper_note: str = ""
    referred_by: str = ""


def built_name(honorific: str, given: str, family: str) -> str:
    """The display name from its parts: "Rev. Ana Ruiz"."""
    return " ".join(part.strip() for part in (honorific, given, family) if part.strip())


@dataclass
class ContactRow:
    """One line of the home screen's contact list."""

    id: int
    name: str
    kind: str
    organization: str
    role: str
    level: str
    stance: str
    influence: int
    is_leader: bool
    is_gatekeeper: bool
    last_met: datetime | None
    open_commitments: int
    overdue_commitments: int
    archived: bool = False


@dataclass
class ContactCard(ContactIn):
    """A stored contact: the form's fields plus what the book adds."""

    id: int = 0
    organization: str = ""
    archived_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class Pick:
    """An id and the name a picker shows."""

    id: int
    name: str


@dataclass
class DueItem:
    id: int
    contact_id: int
    contact: str
    owner: str
    text: str
    due_on: date | None
    status: str
    meeting_id: int | None = None
    snoozed_until: date | None = None  # not overdue until then (the organizer snoozed it, with a reason)
    snooze_reason: str = ""



@dataclass
class Hit:
    contact_id: int
    name: str
    kind: str          # person / organization
    archived: bool
    where: str         # what matched: "contact", "interest", "meeting notes"...
    snippet: str       # with MARK_OPEN/MARK_CLOSE around the matched words


@dataclass(frozen=True)
class MergeRecord:
    id: int
    kept_id: int
    kept_name: str
    dropped_name: str
    merged_at: str


@dataclass
class Health:
    days_since_met: int | None
    overdue_theirs: int
    overdue_mine: int
    asks_made: int
    offers_made: int


@dataclass
class Stale:
    id: int
    name: str
    stance: str
    is_leader: bool
    days_since_met: int | None   # None: never met


@dataclass
class HomePanes:
    """What the home screen shows beside its list: meetings coming up, what is due, who to tend."""

    upcoming: list = field(default_factory=list)        # MeetingCard, soonest first
    due: list[DueItem] = field(default_factory=list)
    tend_after_days: int = 30
    tend: list[Stale] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # overdue_theirs, overdue_mine, asks, offers


# The contact fields a merge chooses between, in the order the merge screen shows them
MERGE_FIELDS: list[tuple[str, str]] = [
    ("name", "Name"), ("kind", "Kind"), ("organization_id", "Organization"), ("role", "Role"),
    ("level", "Level"), ("stance", "Stance"), ("influence", "Influence"), ("rung", "Rung"),
    ("is_leader", "Leader"), ("is_gatekeeper", "Gatekeeper"), ("their_language", "Their language"),
    ("phone", "Phone"), ("email", "Email"), ("neighbourhood", "Neighbourhood"),
    ("contact_method", "Contact method"), ("language", "Language"), ("notes", "Notes"),
]


@dataclass
class MergeSides:
    """Two contacts side by side before a merge: their fields, tags, and what would move."""

    keep: dict
    drop: dict
    keep_tags: list[str] = field(default_factory=list)
    drop_tags: list[str] = field(default_factory=list)
    organization_names: dict[int, str] = field(default_factory=dict)
    moving: dict[str, int] = field(default_factory=dict)    # what the user calls it -> how many


_MARKS = {"(preferred)": "preferred", "(bad)": "bad", "(bounced)": "bad", "(wrong number)": "bad",
          "(wrong)": "bad"}


def parse_reach(text: str) -> list[Reach]:
    """The form's lines, one address or number a line: "rosa@example.org, home (preferred)",
    "+1 555 010 2030, mobile", "old@example.org, work (bad)"."""
    found: list[Reach] = []
    for line in text.splitlines():
        line = line.strip()
        marks: set[str] = set()
        changed = True
        while changed:
            changed = False
            for word, mark in _MARKS.items():
                if line.lower().endswith(word):
                    line, changed = line[: -len(word)].rstrip(), True
                    marks.add(mark)
        value, _, label = line.partition(",")
        if value.strip() or label.strip() or marks:
            found.append(Reach(value.strip(), label.strip(), "preferred" in marks, "bad" in marks))
    return found


def settle_reach(entries: list[Reach]) -> list[Reach]:
    """At most one preferred and never a bad one; none marked means the first good one."""
    entries = [e for e in entries if e.value.strip()]
    chosen = next((i for i, e in enumerate(entries) if e.preferred and not e.bad), None)
    if chosen is None:
        chosen = next((i for i, e in enumerate(entries) if not e.bad), None)
    return [Reach(e.value.strip(), e.label.strip(), i == chosen, e.bad) for i, e in enumerate(entries)]


def reach_text(entries: list[Reach]) -> str:
    """The lines the form shows for a list (what parse_reach reads back)."""
    lines = []
    for entry in entries:
        line = entry.value + (f", {entry.label}" if entry.label else "")
        if entry.bad:
            line += " (bad)"
        elif entry.preferred and len(entries) > 1:
            line += " (preferred)"
        lines.append(line)
    return "\n".join(lines)

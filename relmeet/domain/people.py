"""Read models of people: what the store hands out about contacts, their health, search hits and merges.

Plain dataclasses, cheap to build and safe to pass between threads; screens and widgets never hold live
ORM rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class ContactIn:
    """What the contact form submits (and what it is filled from)."""

    name: str = ""
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

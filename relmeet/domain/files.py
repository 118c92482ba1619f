"""Read models of files in and out: contacts a reader found, the import preview and its counts, backups.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from relmeet.domain.text import fold


@dataclass
class Incoming:
    """One card or row as read. Every field the book has a place for (schema 7); '' when the file hasn't it."""

    name: str
    kind: str = "person"                 # person / organization
    organization: str = ""
    role: str = ""
    phones: list[str] = field(default_factory=list)   # in the file's order
    emails: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    neighbourhood: str = ""
    language: str = ""
    source: str = ""                     # "file.vcf, card 3" / "file.csv, line 7" (for the preview, never stored)
    # a label per phone/e-mail ("mobile", "work"), and which one the card prefers ('' = the first)
    phone_labels: dict[str, str] = field(default_factory=dict)
    email_labels: dict[str, str] = field(default_factory=dict)
    preferred_phone: str = ""
    preferred_email: str = ""
    honorific: str = ""
    given_name: str = ""
    family_name: str = ""
    goes_by: str = ""
    uid: str = ""
    source_name: str = ""                # the file's name, never its folder
    birthday: str = ""                   # '1984-05-17' or '--05-17'
    anniversary: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    department: str = ""
    url: str = ""
    # relmeet's own CSV carries the organizer's assessments back (level, stance, ...): column -> value
    assessments: dict[str, str] = field(default_factory=dict)

    def ordered(self, what: str) -> list[tuple[str, str, bool]]:
        """(value, label, preferred) for "phones" or "emails", the preferred one marked (the first if none is)."""
        values = getattr(self, what)
        labels = self.phone_labels if what == "phones" else self.email_labels
        chosen = self.preferred_phone if what == "phones" else self.preferred_email
        if chosen not in values:
            chosen = values[0] if values else ""
        return [(v, labels.get(v, ""), v == chosen) for v in values]


@dataclass
class Problem:
    source: str
    reason: str


@dataclass
class Batch:
    contacts: list[Incoming] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    layouts: list[str] = field(default_factory=list)   # what each file was recognised as
    unreadable_file: bool = False

    def extend(self, other: "Batch") -> None:
        self.contacts += other.contacts
        self.problems += other.problems
        self.layouts += other.layouts


@dataclass
class LookAlike:
    incoming: Incoming
    existing_id: int               # 0 when the look-alike is another card of the same import
    existing_name: str
    why: str                       # "same UID" / "same email" / "same phone" / "same name" / "close name"
    decision: str = "merge"
    # evidence (UID, e-mail, phone) makes a merge the default; a name alone is only offered
    evidence: bool = True
    other: Incoming | None = None  # the earlier card of the same import it resembles


@dataclass
class Preview:
    new: list[Incoming] = field(default_factory=list)
    look_alikes: list[LookAlike] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    layouts: list[str] = field(default_factory=list)

    @property
    def organizations(self) -> int:
        names = {fold(c.name) for c in self.new if c.kind == "organization"}
        names |= {fold(c.organization) for c in self.new if c.organization}
        return len(names)


@dataclass
class Counts:
    added: int = 0
    organizations: int = 0
    merged: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class BackupInfo:
    name: str
    path: Path
    made_at: datetime  # UTC
    size: int

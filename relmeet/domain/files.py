"""Read models of files in and out: contacts a reader found, the import preview and its counts, backups.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from relmeet.domain.text import fold


@dataclass
class Incoming:
    name: str
    kind: str = "person"                 # person / organization
    organization: str = ""
    role: str = ""
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    neighbourhood: str = ""
    language: str = ""
    source: str = ""                     # "file.vcf, card 3" / "file.csv, line 7"


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
    existing_id: int
    existing_name: str
    why: str                       # "same email" / "same phone" / "close name"
    decision: str = "merge"


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

"""What a reader hands on: incoming contacts and the problems met, before anything touches the book."""
from __future__ import annotations

from dataclasses import dataclass, field


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

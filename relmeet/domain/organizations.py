"""Read models of an organization's page: its people and what is going on with each of them, rolled up."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class OrgPerson:
    id: int
    name: str
    role: str
    rung: str
    is_leader: bool
    meetings_held: int
    last_met: datetime | None
    open_commitments: int


@dataclass
class OrgMeeting:
    at: datetime | None
    person: str
    purpose: str
    status: str
    campaign: str


@dataclass
class OrgExchange:
    person: str
    direction: str      # ask / offer
    made_by: str        # me / them
    text: str
    status: str
    private: bool


@dataclass
class OrgCommitment:
    person: str
    owner: str          # mine / theirs
    text: str
    due_on: date | None
    private: bool


@dataclass
class OrganizationPage:
    id: int
    name: str
    neighbourhood: str
    notes_line: str
    day_to_day_id: int | None
    day_to_day_name: str
    day_to_day_note: str
    people: list[OrgPerson] = field(default_factory=list)
    meetings: list[OrgMeeting] = field(default_factory=list)
    more_meetings: int = 0
    exchanges: list[OrgExchange] = field(default_factory=list)
    commitments: list[OrgCommitment] = field(default_factory=list)

    @property
    def asks_made(self) -> int:
        return sum(1 for x in self.exchanges if x.direction == "ask" and x.made_by == "me")

    @property
    def offers_made(self) -> int:
        return sum(1 for x in self.exchanges if x.direction == "offer" and x.made_by == "me")

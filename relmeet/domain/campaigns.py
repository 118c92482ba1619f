"""Read models of the organizer's map: campaigns, their members and asks, levels and referrals.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from relmeet.domain.vocabulary import CampaignScope, CampaignStatus, Stance

# The power map's axes
STANCES = [s.value for s in Stance]          # left to right: opposition … ally
INFLUENCES = [5, 4, 3, 2, 1]                 # top to bottom: who decides first


@dataclass
class LevelGroup:
    level: str
    total: int = 0
    leaders: int = 0
    gatekeepers: int = 0
    people: list[Member] = field(default_factory=list)   # the first page: leaders and gatekeepers first
    # organization id -> its people (for the organizations on the page)
    org_people: dict[int, list[tuple[int, str]]] = field(default_factory=dict)


@dataclass
class ReferralLink:
    from_id: int
    from_name: str
    to_id: int
    to_name: str
    note: str
    held_meetings: int   # meetings held with the referred person


@dataclass
class Connector:
    id: int
    name: str
    referrals: int
    led_to_meetings: int


@dataclass
class CampaignIn:
    name: str = ""
    goal: str = ""
    scope: str = CampaignScope.broad.value
    status: str = CampaignStatus.active.value


@dataclass
class CampaignRow(CampaignIn):
    id: int = 0
    contacts: int = 0
    meetings: int = 0
    wins: int = 0


@dataclass
class Member:
    """A contact as a campaign (or the whole book) places them."""

    id: int
    name: str
    kind: str
    level: str
    stance: str
    influence: int
    is_leader: bool
    is_gatekeeper: bool
    organization: str = ""


@dataclass
class AskOutcome:
    contact: str
    direction: str
    kind: str
    text: str
    status: str
    made_by: str = "me"


@dataclass
class CampaignDetail:
    """One campaign's page: counts of everything, and the latest or most pressing few of each."""
    campaign: CampaignRow
    members: list[Member] = field(default_factory=list)
    meetings: list[tuple[str, str, str]] = field(default_factory=list)   # the latest: (when, contact, status)
    # asks and offers: (direction, status) -> how many; and the latest few
    exchange_counts: dict[tuple[str, str], int] = field(default_factory=dict)  # ("I asked", status) -> n
    exchanges: list[AskOutcome] = field(default_factory=list)
    open_count: int = 0
    open_commitments: list[tuple[str, str, str, date | None]] = field(default_factory=list)  # soonest due first
    wins: list[tuple[date, str]] = field(default_factory=list)        # the latest
    missing: list[str] = field(default_factory=list)
    # the people met under it, the most met first: (contact id, name, meetings held, leader?); how many in all
    met: list[tuple[int, str, int, bool]] = field(default_factory=list)
    met_count: int = 0
    # its leaders, mapped on it or met under it, by name: the first few, and how many in all
    leaders: list[str] = field(default_factory=list)
    leader_count: int = 0

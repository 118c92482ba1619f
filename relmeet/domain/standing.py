"""Read models of movement and house meetings: the dated story of where someone stands, and who was in a
meeting. The book stores each value as text ('potential_ally', '4', '1'); `value_label` says it as the
organizer does ("Potential ally", "influence 4", "yes")."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from relmeet.domain.vocabulary import Rung, Stance

ORGANIZER_SETTING = "organizer_name"  # who makes the changes, as the story says it ('' if not set)
FIELDS = ("stance", "influence", "rung", "leader", "gatekeeper")
FIELD_LABELS = {"stance": "Stance", "influence": "Influence", "rung": "Rung", "leader": "Leader",
                "gatekeeper": "Gatekeeper"}


def value_label(field_name: str, value: str | None) -> str:
    """A stored value as the organizer reads it."""
    if value is None:
        return "—"
    if field_name in ("stance", "rung"):
        choice = Stance if field_name == "stance" else Rung
        return choice(value).label if value in {c.value for c in choice} else value
    if field_name in ("leader", "gatekeeper"):
        return "yes" if value == "1" else "no"
    return value


@dataclass(frozen=True)
class StandingChange:
    """One step of a story: a field of one person, overall (campaign_id None) or in one campaign."""

    id: int
    contact_id: int
    campaign_id: int | None
    campaign: str  # the campaign's name, '' for overall
    field: str
    old_value: str | None  # None on the first entry of a story
    new_value: str
    changed_on: date
    meeting_id: int | None = None
    meeting_on: date | None = None  # the day of the meeting it came from
    changed_by: str = ""
    reason: str = ""


@dataclass
class Story:
    """A person's paths: (campaign name or '' for overall, field) -> the steps, oldest first."""

    contact_id: int
    paths: dict[tuple[str, str], list[StandingChange]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.paths


@dataclass(frozen=True)
class Moved:
    """Someone whose place on a map changed since a date: where they stood then, and now."""

    contact_id: int
    name: str
    stance_then: str
    influence_then: int
    stance_now: str
    influence_now: int


@dataclass(frozen=True)
class Participant:
    """One person in a meeting: 'with' is the meeting's own contact, the rest are 'participant'."""

    meeting_id: int
    contact_id: int
    name: str
    role: str
    position: int


@dataclass(frozen=True)
class Participation:
    """A meeting someone was in, as their history lists it."""

    meeting_id: int
    with_contact_id: int
    with_name: str  # the meeting's own contact ("Rosa's house meeting")
    role: str
    status: str
    scheduled_at: str | None
    people: int  # how many were in it

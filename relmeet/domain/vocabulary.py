"""The organizers' vocabulary: every choice the book stores, with the label a user reads.

Plain Python only, so that the shell lookups can use it without importing SQLModel or Textual.
"""
from __future__ import annotations

from enum import StrEnum, nonmember


class Choice(StrEnum):
    """A stored value with a human label; the order of members is the order shown."""

    @property
    def label(self) -> str:
        return self.LABELS.get(self.value, self.value.replace("_", " ").capitalize())  # type: ignore[attr-defined]

    @classmethod
    def options(cls) -> list[tuple[str, str]]:
        """(label, value) pairs, the shape Textual's Select takes."""
        return [(m.label, m.value) for m in cls]


class ContactKind(Choice):
    person = "person"
    organization = "organization"
    LABELS = nonmember({"person": "Person", "organization": "Organization"})


class Level(Choice):
    """Seed 002's three levels of relationship building."""

    impacted = "impacted"
    leader = "leader"
    organization = "organization"
    LABELS = nonmember({
        "impacted": "Directly impacted",
        "leader": "Leader / connector",
        "organization": "Organization / institution",
    })


class Stance(Choice):
    """Ordered from opposition to ally, the way a power map reads left to right."""

    opposition = "opposition"
    neutral = "neutral"
    unknown = "unknown"
    potential_ally = "potential_ally"
    ally = "ally"
    LABELS = nonmember({"potential_ally": "Potential ally"})


class Rung(Choice):
    """A ladder of engagement, lowest first."""

    identified = "identified"
    met = "met"
    supporter = "supporter"
    volunteer = "volunteer"
    leader = "leader"
    core = "core"
    LABELS = nonmember({"identified": "Identified (not met)", "core": "Core team"})


class ContactMethod(Choice):
    none = ""
    phone = "phone"
    text = "text"
    email = "email"
    in_person = "in_person"
    messaging = "messaging"
    LABELS = nonmember({"": "—", "text": "Text message", "in_person": "In person", "messaging": "Messaging app"})


class MeetingType(Choice):
    recruitment = "recruitment"
    maintenance = "maintenance"
    escalation = "escalation"
    other = "other"
    LABELS = nonmember({})


class MeetingStatus(Choice):
    planned = "planned"
    in_progress = "in_progress"
    held = "held"
    cancelled = "cancelled"
    LABELS = nonmember({"in_progress": "In progress"})


class InterestKind(Choice):
    self_interest = "self_interest"
    value = "value"
    story = "story"
    concern = "concern"
    resource = "resource"
    LABELS = nonmember({"self_interest": "Self-interest", "resource": "Resource / skill"})


class Direction(Choice):
    """An exchange is an ask (of them) or an offer (to them): seed 003's mutual benefit."""

    ask = "ask"
    offer = "offer"
    LABELS = nonmember({})


class ExchangeKind(Choice):
    time = "time"
    money = "money"
    action = "action"
    endorsement = "endorsement"
    introduction = "introduction"
    information = "information"
    support = "support"
    other = "other"
    LABELS = nonmember({"action": "An action", "endorsement": "An endorsement", "introduction": "An introduction"})


class MadeBy(Choice):
    """Who made an ask or an offer: "I asked / they asked", "I offered / they offered"."""

    me = "me"
    them = "them"
    LABELS = nonmember({"me": "Me", "them": "Them"})


class ExchangeStatus(Choice):
    """An answer to an ask or an offer, in the order a conversation goes. The stored values of the first
    version (agreed, declined, thinking) keep their meaning under the words organizers use."""

    planned = "planned"
    made = "made"
    agreed = "agreed"
    partly = "partly"
    counter = "counter"
    thinking = "thinking"
    declined = "declined"
    deferred = "deferred"
    LABELS = nonmember({"planned": "Planned", "made": "Made, no answer yet", "agreed": "Yes", "partly": "Partly yes",
                        "counter": "Counter-offer", "thinking": "Pending", "declined": "No",
                        "deferred": "Deferred (raise later)"})


class Owner(Choice):
    mine = "mine"
    theirs = "theirs"
    LABELS = nonmember({"mine": "Mine", "theirs": "Theirs"})


class CommitmentStatus(Choice):
    open = "open"
    done = "done"
    partly = "partly"
    missed = "missed"
    dropped = "dropped"
    LABELS = nonmember({"partly": "Partly done"})


class CampaignScope(Choice):
    broad = "broad"
    narrow = "narrow"
    LABELS = nonmember({})


class CampaignStatus(Choice):
    active = "active"
    won = "won"
    closed = "closed"
    LABELS = nonmember({})


OPEN_COMMITMENT = CommitmentStatus.open.value

__all__ = ["Choice","ContactKind","Level","Stance","Rung","ContactMethod","MeetingType","MeetingStatus","InterestKind","Direction","MadeBy","ExchangeKind","ExchangeStatus","Owner","CommitmentStatus","CampaignScope","CampaignStatus","OPEN_COMMITMENT"]

"""Read models of meetings: the plan, the notes' captures, the follow-up, what is known before a meeting
and a contact's history.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from relmeet.domain.people import ContactCard
from relmeet.domain.vocabulary import MeetingStatus, MeetingType

# How the organizer's own screens mark what they marked private (kept out of summaries and exports).
PRIVATE_MARK = "🔒 private"


@dataclass
class ExchangeLine:
    direction: str
    kind: str
    text: str
    status: str
    on: datetime | None
    private: bool = False
    made_by: str = "me"
    answer: str = ""
    condition: str = ""
    decide_by: date | None = None
    id: int = 0
    raised_from_id: int | None = None
    answered_on: date | None = None


@dataclass
class MeetingEntry:
    id: int
    at: datetime | None
    status: str
    type: str
    campaign: str
    purpose: str
    notes: str
    summary: str
    next_step: str
    notes_private: bool = False
    host: str = ""  # a house meeting (several people): the one it is with, '' for a one-on-one
    people: int = 1  # how many were in it
    summary_sent_on: date | None = None  # the thank-you (its summary) marked sent that day


@dataclass
class History:
    known: Known
    exchanges: list[ExchangeLine] = field(default_factory=list)
    meetings: list[MeetingEntry] = field(default_factory=list)
    more_meetings: int = 0
    referred: list[str] = field(default_factory=list)
    people: list[tuple[int, str, str]] = field(default_factory=list)   # an organization's (id, name, role)
    check_in_on: date | None = None
    # commitments with an outcome or progress to show, and others' that involve them (CommitmentLine)
    ledger: list = field(default_factory=list)

    @property
    def asked_of_them(self) -> int:
        return sum(1 for x in self.exchanges if x.direction == "ask" and x.status != "planned")

    @property
    def offered_to_them(self) -> int:
        return sum(1 for x in self.exchanges if x.direction == "offer" and x.status != "planned")


@dataclass
class KnownInterest:
    kind: str
    text: str
    responsible: str
    learned_on: datetime | None   # the meeting it was learned at, if any
    private: bool = False


@dataclass
class KnownCommitment:
    id: int
    owner: str
    text: str
    due_on: date | None
    private: bool = False
    snoozed_until: date | None = None  # put off to that day: not overdue before it (store/snooze.py)
    snooze_reason: str = ""


@dataclass
class KnownStance:
    campaign: str
    stance: str
    influence: int


@dataclass
class PlannedAsk:
    kind: str
    text: str
    status: str
    id: int = 0
    private: bool = False
    raised_from_id: int | None = None


@dataclass
class DeferredAsk:
    id: int
    kind: str
    text: str
    made_by: str = "me"
    answer: str = ""
    asked_on: date | None = None
    private: bool = False


@dataclass
class Known:
    contact: ContactCard
    interests: list[KnownInterest] = field(default_factory=list)
    open_commitments: list[KnownCommitment] = field(default_factory=list)
    last_summary: str = ""
    last_next_step: str = ""
    last_met: datetime | None = None
    referred_by: list[str] = field(default_factory=list)
    stances: list[KnownStance] = field(default_factory=list)
    # the next planned meeting, for the brief
    next_meeting_id: int | None = None
    next_at: datetime | None = None
    next_purpose: str = ""
    next_framing: str = ""
    next_offer_plan: str = ""
    planned_asks: list[PlannedAsk] = field(default_factory=list)
    # asks answered "deferred (raise later)" and not raised again yet: the prep offers them, the brief lists them
    deferred_asks: list[DeferredAsk] = field(default_factory=list)
    # the next meeting's plan as the brief shows it (schema 7's prep fields among them)
    next_location: str = ""
    next_duration_min: int | None = None
    next_time_asked_min: int | None = None
    next_campaign: str = ""
    next_guessed_interest: str = ""
    next_credential: str = ""
    next_my_story: str = ""
    next_risks: str = ""
    next_questions: list[str] = field(default_factory=list)
    next_series_visit: int | None = None
    last_series_visit: int | None = None   # the stage of the last held meeting, when it was one of a series
    # their asks of me still waiting for my answer (made, pending, counter-offered)
    their_asks: list[ExchangeLine] = field(default_factory=list)


@dataclass
class Captured:
    """One captured item as the notes screen lists it."""

    table: str          # interest / exchange / commitment / referral / win
    id: int
    kind: str           # interest kind, ask/offer, mine/theirs, "referral", "win"
    text: str
    detail: str = ""    # status, due date, responsible party, the referred contact...
    private: bool = False
    made_by: str = ""   # an exchange's: me / them


@dataclass
class AskRow:
    id: int
    direction: str
    kind: str
    text: str
    status: str
    private: bool = False
    made_by: str = "me"
    answer: str = ""


@dataclass
class CommitmentRow:
    id: int
    owner: str
    text: str
    due_on: date | None
    private: bool = False


@dataclass
class FollowUpForm:
    follow: FollowUp
    outcomes: dict[int, str] = field(default_factory=dict)                     # exchange id -> status
    commitments: dict[int, tuple[str, date | None]] = field(default_factory=dict)  # id -> (owner, due)
    next_meeting_at: datetime | None = None
    win: str = ""


@dataclass
class MeetingPlan:
    """The prep form: what the organizer decides the night before."""

    contact_id: int
    scheduled_at: datetime | None = None
    location: str = ""
    duration_min: int | None = 45
    campaign_id: int | None = None
    type: str = MeetingType.recruitment.value
    purpose: str = ""
    known: str = ""
    guessed_interest: str = ""
    want_to_learn: str = ""
    offer_plan: str = ""
    framing: str = ""
    # schema 7: what the guides ask to prepare beside the purpose
    credential: str = ""        # who referred me, who I'm with, why I'm calling
    my_story: str = ""          # my story to share
    risks: str = ""             # risks / what they may need (cover, credit, no partisan exposure)
    questions: str = ""         # one question a line
    time_asked_min: int | None = None   # the time asked of them, in minutes
    series_visit: int | None = None     # visit N of a series (1 = the first); None when not a series


def series_words(visit: int | None) -> str:
    """The stage of a series of visits as the organizer says it: 'first visit of a series', 'visit 2'."""
    if not visit:
        return ""
    return "first visit of a series" if visit == 1 else f"visit {visit} of a series"


# What the guides say about a first visit of a series (gatekeepers, clergy, institutions): listen first.
FIRST_VISIT_ADVICE = ("Don't pitch yet — listen; this is the first of a series. Credential yourself through "
                      "someone they trust (clergy: through a colleague, and ask for an hour); learn what they "
                      "care about, who they speak for and who else to see; save the ask for a later visit.")


def question_list(questions: str) -> list[str]:
    """The prep's questions, one a line, without empty lines or a number or bullet typed before one."""
    import re

    lines = (re.sub(r"^\s*(?:\d+[.)]|[-*•])\s*", "", line).strip() for line in questions.splitlines())
    return [line for line in lines if line]


@dataclass
class MeetingCard(MeetingPlan):
    id: int = 0
    contact: str = ""
    campaign: str = ""
    status: str = MeetingStatus.planned.value
    started_at: datetime | None = None
    ended_at: datetime | None = None
    notes: str = ""
    notes_private: bool = False
    notes_rev: int = 0
    summary: str = ""
    next_step: str = ""
    check_in_on: date | None = None
    leadership_rating: int | None = None
    relationship_rating: int | None = None


@dataclass
class FollowUp:
    """What the follow-up form sets on the meeting. Not the notes' private flag: that is the notes
    screen's, and a follow-up saved after it must leave it as it is."""

    summary: str = ""
    next_step: str = ""
    check_in_on: date | None = None
    leadership_rating: int | None = None
    relationship_rating: int | None = None


@dataclass
class SummaryParts:
    """What a meeting's drafted summary is made from: every item, private ones flagged."""

    meeting: MeetingCard
    interests: list[Captured] = field(default_factory=list)
    exchanges: list[AskRow] = field(default_factory=list)
    commitments: list[CommitmentRow] = field(default_factory=list)
    # the person's name parts (schema 6), for the salutation: "Thank you, Denise," not "Thank you, Pastor,"
    honorific: str = ""
    given_name: str = ""
    goes_by: str = ""
    # a house meeting (several people): everyone as (contact id, name, honorific, given name, goes by), the
    # host first, and whose each item is ((table, id) -> contact id); empty for a one-on-one
    people: list[tuple[int, str, str, str, str]] = field(default_factory=list)
    owners: dict[tuple[str, int], int] = field(default_factory=dict)


def exchange_words(direction: str, made_by: str) -> str:
    """Who asked or offered, as the organizer says it: "I asked", "They asked", "I offered", "They offered"."""
    who = "They" if made_by == "them" else "I"
    return f"{who} {'asked' if direction == 'ask' else 'offered'}"


# An answer that commits someone: their ask I agree to is mine to do, my ask they agree to is theirs.
COMMITTING = ("agreed", "partly")


def owner_of(direction: str, made_by: str) -> str:
    """Whose commitment a yes makes: who was asked (an ask) or who offered (an offer)."""
    asked_me = (direction == "ask") == (made_by == "them")
    return "mine" if asked_me else "theirs"


def time_passed(scheduled_at: datetime | None, *, on: date | None = None, now: datetime | None = None) -> bool:
    """A planned meeting whose time has passed: its day is before today, or it is today and the hour is
    gone. Such a meeting asks "did it happen?" instead of sitting under Upcoming."""
    from relmeet.domain.clock import local, today, utcnow

    if scheduled_at is None:
        return False
    day = local(scheduled_at).date()
    on = on or today()
    return day < on or (day == on and scheduled_at < (now or utcnow()))


THANK_YOU_DAYS = 2  # every one-on-one guide: the thank-you goes out within 48 hours
THANK_YOU_SETTING = "thank_you_reminders"  # "off" turns the suggestion off


@dataclass
class ThankYouDue:
    """A thank-you (the summary) to send after a held meeting, due two days after it: listed with what is
    due until the follow-up marks the summary sent, or the organizer turns the suggestion off."""

    meeting_id: int
    contact_id: int
    contact: str
    due_on: date
    owner: str = "mine"
    text: str = "Send the thank-you (the summary)"
    status: str = "open"

    @property
    def id(self) -> int:
        return -self.meeting_id

"""Read models of the ledger worked after a meeting: commitments both ways with their outcome, progress notes
and the second contact they involve; check-ins that came due; and how a day it was done is typed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from relmeet.domain import today as _today
from relmeet.domain.dates import parse_due
from relmeet.domain.errors import ValidationError
from relmeet.domain.meetings import ThankYouDue, exchange_words
from relmeet.domain.people import DueItem, Pick

# The marks that close a commitment, in the order a dialog offers them
CLOSING = ("done", "partly", "missed", "dropped")
OWNERS = ("all", "mine", "theirs")


@dataclass
class CommitmentNote:
    """A dated note on how a commitment is going ("2 of 4 volunteers confirmed")."""

    id: int
    noted_on: date
    text: str


@dataclass
class CommitmentLine:
    """One commitment as the commitments view, the history and `relmeet due` show it."""

    id: int
    contact_id: int
    contact: str
    owner: str                      # mine / theirs
    text: str
    due_on: date | None
    status: str                     # open / done / partly / missed / dropped
    done_on: date | None = None     # the day it was done (or missed, or dropped)
    outcome_note: str = ""          # "2 of 4", for partly
    involves_id: int | None = None  # a second contact it involves
    involves: str = ""
    campaign: str = ""
    meeting_id: int | None = None
    private: bool = False
    can_undo: bool = False          # a mark to take back
    notes: list[CommitmentNote] = field(default_factory=list)
    snoozed_until: date | None = None  # put off to that day (with a reason): not overdue before it
    snooze_reason: str = ""

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def snoozed(self, on: date | None = None) -> bool:
        return self.is_open and self.snoozed_until is not None and self.snoozed_until > (on or _today())

    def overdue(self, on: date | None = None) -> bool:
        if not self.is_open or self.due_on is None:
            return False
        # snoozed: due again on the day it was snoozed to, overdue only after it (as the store counts it)
        return max(self.due_on, self.snoozed_until or self.due_on) < (on or _today())


@dataclass
class CheckInDue(DueItem):
    """A check-in date set at a follow-up ("check back after her board meets"), not yet done: a follow-up I owe,
    listed beside commitments (home's "Due", `relmeet due`, the commitments view). `meeting_id` is the meeting
    that set it; `id` is minus that, so it never takes a commitment's id in a list of both."""

    next_step: str = ""


@dataclass
class DecideByDue(DueItem):
    """A pending ask or offer (waiting on a condition) whose decide-by date is its follow-up: mine to chase
    until it is answered (its status leaves pending), overdue once the day has passed. `id` is the exchange's;
    the lists that show it beside commitments and check-ins key it by its kind."""

    ask: str = ""                   # the ask (or offer) itself
    condition: str = ""             # "if two tenants are willing to speak in public"
    direction: str = "ask"          # ask / offer
    made_by: str = "me"             # me / them
    private: bool = False
    campaign_id: int | None = None

    @property
    def who_asked(self) -> str:
        """"They asked" / "I offered"…"""
        return exchange_words(self.direction, self.made_by)

    @property
    def headline(self) -> str:
        """"decide by Thu 26 Nov — Dr. Singh: 'if two tenants are willing to speak in public'"."""
        words = f"decide by {self.due_on:%a %-d %b} — {self.contact}"
        return words + (f": '{self.condition}'" if self.condition else "")


def decide_by_text(ask: str, condition: str, direction: str, made_by: str) -> str:
    """What a decide-by follow-up says in a list: who asked what, and on what condition it waits."""
    words = f"{exchange_words(direction, made_by)} \"{ask}\""
    return words + (f" — {condition}" if condition else "")


@dataclass
class CommitmentFilter:
    """What the commitments view (and `relmeet due`) narrows the ledger to."""

    owner: str = "all"                  # mine / theirs / all
    contacts: tuple[int, ...] | None = None  # theirs, or involving them (None: anyone; (): no one matched)
    campaign_id: int | None = None
    organization_id: int | None = None  # the organization's people (and the organization itself)
    within_days: int | None = None      # due by today + N days (overdue included); None: any date
    include_closed: bool = False


@dataclass
class Ledger:
    """The commitments view's rows: check-ins that came due, thank-yous to send, and commitments, overdue
    first."""

    check_ins: list[CheckInDue] = field(default_factory=list)
    commitments: list[CommitmentLine] = field(default_factory=list)
    more: int = 0                       # rows past the page, for "…and N more"
    thank_yous: list[ThankYouDue] = field(default_factory=list)   # mine: a held meeting's summary not sent
    decisions: list[DecideByDue] = field(default_factory=list)    # mine: a pending ask's decide-by date

    def in_order(self) -> list[CheckInDue | ThankYouDue | DecideByDue | CommitmentLine]:
        """Check-ins, thank-yous and decide-by dates among the commitments: what is still to do by its date (the
        most overdue first, undated last), then what is closed, latest first, as the store gave it."""
        open_ = [c for c in self.commitments if c.is_open] + [c for c in self.check_ins if c.status == "open"] \
            + list(self.thank_yous) + list(self.decisions)
        open_.sort(key=lambda item: (item.due_on is None, item.due_on or date.max))
        closed = [c for c in self.check_ins if c.status != "open"] + [c for c in self.commitments if not c.is_open]
        return open_ + closed


@dataclass
class LedgerFilters:
    """The choices the view's filters offer: campaigns and organizations."""

    campaigns: list[Pick] = field(default_factory=list)
    organizations: list[Pick] = field(default_factory=list)


# Words that make a phrase point forward on purpose: "in 3 weeks" is never a day something was done.
_FORWARD = {"in", "next", "tomorrow", "tmrw", "tmr", "eow", "eom", "end", "weekend", "week", "month"}


def parse_done_on(text: str, *, field: str = "on", today: date | None = None,
                  day_first: bool | None = None) -> date | None:
    """The day something was done, from a phrase; empty means none. A day named without a year or month
    is the nearest one on or *before* today ("thu" said on a Monday is last Thursday, "the 14th" on the
    10th is last month's): things are done in the past. A day after today is refused, saying why."""
    on = today or _today()
    day = parse_due(text, on, field=field, day_first=day_first)
    if day is None or day <= on:
        return day
    words = set(text.lower().replace(",", " ").split())
    if not words & _FORWARD:
        # the parser reads forward from a day; read from a week, a month, a year back for the last one
        for back in (7, 31, 366):
            earlier = parse_due(text, on - timedelta(days=back), field=field, day_first=day_first)
            if earlier is not None and earlier <= on:
                return earlier
    raise ValidationError({field: f'"{text.strip()}" is {day:%a %-d %b %Y}, after today: '
                                  'when was it done? Try "today", "yesterday", "thu" or "the 14th".'})

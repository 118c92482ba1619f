"""SQLModel tables: the book's rows as the store writes them.

The schema itself is created by the SQL migration steps in relmeet/schema/; these classes mirror
it (a test checks that every column matches). Only the store uses them: everything above it gets
plain read models (relmeet/domain/people.py, meetings.py, campaigns.py, files.py).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from relmeet.domain import from_iso, to_iso, utcnow


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC instants stored as ISO 8601 text with their offset."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return to_iso(value)

    def process_result_value(self, value, dialect):
        return from_iso(value)


class IsoDate(TypeDecorator):
    """Calendar dates as YYYY-MM-DD text."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return value.isoformat() if value else None

    def process_result_value(self, value, dialect):
        return date.fromisoformat(value) if value else None


def _created() -> datetime:
    return utcnow()


class Timestamps(SQLModel):
    created_at: datetime = Field(default_factory=_created, sa_type=UTCDateTime, nullable=False)


class Stamped(Timestamps):
    updated_at: datetime = Field(default_factory=_created, sa_type=UTCDateTime, nullable=False)


class Campaign(Stamped, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    goal: str = ""
    scope: str = "broad"
    status: str = "active"


class Contact(Stamped, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kind: str = "person"
    name: str
    organization_id: int | None = Field(default=None, foreign_key="contact.id")
    role: str = ""
    level: str = "impacted"
    is_leader: bool = False
    is_gatekeeper: bool = False
    stance: str = "unknown"
    influence: int = 3
    rung: str = "identified"
    their_language: str = ""
    phone: str = ""
    email: str = ""
    neighbourhood: str = ""
    contact_method: str = ""
    language: str = ""
    notes: str = ""
    notes_private: bool = False
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    honorific: str = ""
    given_name: str = ""
    family_name: str = ""
    goes_by: str = ""
    # schema 7 (relmeet/schema/v7_cards.py says what each holds)
    uid: str = ""
    source_name: str = ""
    birthday: str = ""
    anniversary: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    department: str = ""
    url: str = ""
    pronouns: str = ""
    reach_note: str = ""
    leadership_note: str = ""
    gatekeeper_note: str = ""
    day_to_day_note: str = ""
    day_to_day_id: int | None = Field(default=None, foreign_key="contact.id")


class ContactTag(SQLModel, table=True):
    __tablename__ = "contact_tag"
    contact_id: int = Field(foreign_key="contact.id", primary_key=True)
    tag: str = Field(primary_key=True)


class CampaignContact(SQLModel, table=True):
    __tablename__ = "campaign_contact"
    campaign_id: int = Field(foreign_key="campaign.id", primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", primary_key=True)
    stance: str = "unknown"
    influence: int = 3


class Meeting(Stamped, table=True):
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id")
    campaign_id: int | None = Field(default=None, foreign_key="campaign.id")
    type: str = "recruitment"
    status: str = "planned"
    scheduled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    location: str = ""
    duration_min: int | None = None
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    purpose: str = ""
    known: str = ""
    guessed_interest: str = ""
    want_to_learn: str = ""
    offer_plan: str = ""
    framing: str = ""
    notes: str = ""
    notes_private: bool = False
    notes_rev: int = 0
    summary: str = ""
    next_step: str = ""
    check_in_on: date | None = Field(default=None, sa_type=IsoDate)
    leadership_rating: int | None = None
    relationship_rating: int | None = None
    check_in_done_on: date | None = Field(default=None, sa_type=IsoDate)
    summary_sent_on: date | None = Field(default=None, sa_type=IsoDate)
    # schema 7: prep (relmeet/schema/v7_cards.py)
    credential: str = ""
    my_story: str = ""
    risks: str = ""
    questions: str = ""
    time_asked_min: int | None = None
    series_visit: int | None = None
    # schema 8: its check-in snoozed to a day, with why (relmeet/schema/v8_movement.py)
    snoozed_until: date | None = Field(default=None, sa_type=IsoDate)
    snooze_reason: str = ""


class Interest(Timestamps, table=True):
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id")
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    kind: str
    text: str
    responsible: str = ""
    private: bool = False


class Exchange(Stamped, table=True):
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id")
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    campaign_id: int | None = Field(default=None, foreign_key="campaign.id")
    direction: str
    made_by: str = "me"
    kind: str = "other"
    text: str
    status: str = "made"
    answer: str = ""
    condition: str = ""
    decide_by: date | None = Field(default=None, sa_type=IsoDate)
    answered_on: date | None = Field(default=None, sa_type=IsoDate)
    raised_from_id: int | None = Field(default=None, foreign_key="exchange.id")
    private: bool = False


class Commitment(Stamped, table=True):
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id")
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    campaign_id: int | None = Field(default=None, foreign_key="campaign.id")
    owner: str
    text: str
    due_on: date | None = Field(default=None, sa_type=IsoDate)
    status: str = "open"
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    private: bool = False
    done_on: date | None = Field(default=None, sa_type=IsoDate)
    outcome_note: str = ""
    involves_contact_id: int | None = Field(default=None, foreign_key="contact.id")
    exchange_id: int | None = Field(default=None, foreign_key="exchange.id")
    # schema 8: snoozed to a day, with why (relmeet/schema/v8_movement.py)
    snoozed_until: date | None = Field(default=None, sa_type=IsoDate)
    snooze_reason: str = ""


class CommitmentNote(SQLModel, table=True):
    __tablename__ = "commitment_note"
    id: int | None = Field(default=None, primary_key=True)
    commitment_id: int = Field(foreign_key="commitment.id")
    noted_on: date = Field(sa_type=IsoDate)
    text: str
    created_at: datetime = Field(default_factory=_created, sa_type=UTCDateTime, nullable=False)


class CommitmentChange(SQLModel, table=True):
    __tablename__ = "commitment_change"
    id: int | None = Field(default=None, primary_key=True)
    commitment_id: int = Field(foreign_key="commitment.id")
    status: str
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    done_on: date | None = Field(default=None, sa_type=IsoDate)
    outcome_note: str = ""
    changed_at: datetime = Field(default_factory=_created, sa_type=UTCDateTime, nullable=False)


class Referral(Timestamps, table=True):
    id: int | None = Field(default=None, primary_key=True)
    from_contact_id: int = Field(foreign_key="contact.id")
    to_contact_id: int = Field(foreign_key="contact.id")
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    note: str = ""


class Win(Timestamps, table=True):
    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int | None = Field(default=None, foreign_key="campaign.id")
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    text: str
    won_on: date = Field(sa_type=IsoDate)


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str


class ContactEmail(SQLModel, table=True):
    """One of a contact's e-mail addresses (schema 7); contact.email copies the preferred one."""

    __tablename__ = "contact_email"
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id")
    address: str
    label: str = ""
    preferred: bool = False
    bad: bool = False
    position: int = 0


class ContactPhone(SQLModel, table=True):
    """One of a contact's phone numbers (schema 7); contact.phone copies the preferred one."""

    __tablename__ = "contact_phone"
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id")
    number: str
    label: str = ""
    preferred: bool = False
    bad: bool = False
    position: int = 0

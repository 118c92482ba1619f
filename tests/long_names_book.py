"""A book whose names are as long as real ones get: a coalition, a campaign, a referral's reason. For the
tests that nothing that matters is cut off at 80 and 120 columns."""
from __future__ import annotations

from datetime import datetime, timedelta

from relmeet.domain import today
from relmeet.domain.campaigns import CampaignIn
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.store import campaigns, captures, contacts, meetings

COALITION = "Eastside Interfaith Coalition for Housing Justice, Tenant Power and Fair Lending in Our Neighborhoods"
CAMPAIGN = "Just-cause eviction ordinance and a right to counsel for every tenant"
REASON = "She runs the Tuesday food pantry line and knows every family on the waiting list"


def fill(book) -> dict[str, int]:
    ids = {"campaign": campaigns.save(book, CampaignIn(name=CAMPAIGN, goal="Pass it before the spring recess"))}
    ids["coalition"] = contacts.create(book, ContactIn(name=COALITION, kind="organization", level="organization"))
    ids["marcus"] = contacts.create(book, ContactIn(name="Marcus Bell", role="Community health worker lead",
                                                    organization_id=ids["coalition"], level="leader"))
    ids["ana"] = contacts.create(book, ContactIn(name="Ana Flores", organization_id=ids["coalition"]))
    at = datetime.combine(today() - timedelta(days=3), datetime.min.time().replace(hour=18)).astimezone()
    meeting = meetings.plan(book, MeetingPlan(contact_id=ids["marcus"], scheduled_at=at, campaign_id=ids["campaign"],
                                              purpose="Hear what the coalition needs"))
    meetings.record_held(book, meeting, at, at + timedelta(minutes=45), "")
    captures.add_referral(book, ids["marcus"], ids["ana"], meeting_id=meeting, note=REASON)
    return ids

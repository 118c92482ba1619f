"""A book with everything a brief shows, made through the store as the screens make it: a pastor met once
(the first visit of a series) and planned for visit 2 tomorrow, with their story, their asks of me, a
deferred ask, commitments both ways and the last summary. Dates follow RELMEET_TODAY when a test pins it."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from relmeet.domain import today
from relmeet.domain.meetings import FollowUp, FollowUpForm, MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.store import captures, contacts, follow_up, meetings

QUESTIONS = ("What keeps you up at night about the families in your congregation?",
             "Who else in the ministerial alliance should I sit down with?",
             "What would your deacon board need to hear before a listening campaign?")


def _at(days: int, hour: int) -> datetime:
    return datetime.combine(today() + timedelta(days=days), time(hour, 0)).astimezone()


def fill(book) -> int:
    """The pastor's id."""
    campaign = _campaign(book)
    church = contacts.create(book, ContactIn(name="Grace AME Church", kind="organization", level="organization"))
    pastor = contacts.create(book, ContactIn(
        name="Rev. Samuel Adeyemi", honorific="Rev.", given_name="Samuel", family_name="Adeyemi",
        role="Senior pastor", organization_id=church, level="leader", stance="potential_ally", influence=4,
        is_gatekeeper=True, their_language="Nobody in this parish sleeps in a car."))
    first = meetings.plan(book, MeetingPlan(
        contact_id=pastor, scheduled_at=_at(-21, 10), location="His study", duration_min=60, campaign_id=campaign,
        purpose="Get to know him; hear what the church sees", series_visit=1, time_asked_min=60))
    meetings.record_held(book, first, _at(-21, 10), _at(-21, 11), "Listened; he talked about the shelter nights.")
    captures.add_interest(book, pastor, "story", "Grew up in a family evicted twice; started the shelter nights",
                          meeting_id=first)
    captures.add_interest(book, pastor, "self_interest", "Keep young families in the parish",
                          meeting_id=first)
    captures.add_exchange(book, pastor, "ask", "support", "Write a letter of support for the shelter's permit",
                          made_by="them", status="thinking", condition="if the board signs off first",
                          decide_by=today() + timedelta(days=5), meeting_id=first)
    captures.add_exchange(book, pastor, "ask", "time", "Announce the listening sessions from the pulpit",
                          status="deferred", answer="after Advent", meeting_id=first)
    captures.add_commitment(book, pastor, "mine", "Send him the rent data for the parish's blocks",
                            today() + timedelta(days=2), meeting_id=first)
    captures.add_commitment(book, pastor, "theirs", "Ask the deacon board about a listening campaign",
                            today() + timedelta(days=9), meeting_id=first)
    follow_up.save(book, first, FollowUpForm(FollowUp(
        summary="Thank you for the hour, Samuel. You told me about the shelter nights and the families who "
                "leave the parish when the rent goes up.", next_step="Meet again after he asks the board")))
    meetings.plan(book, MeetingPlan(
        contact_id=pastor, scheduled_at=_at(1, 16), location="Grace AME fellowship hall", duration_min=45,
        campaign_id=campaign, type="recruitment", purpose="Hear what the board said; ask for a listening session",
        credential="Referred by Pastor Denise Okafor; with the Eastside Tenants Union",
        guessed_interest="Keeping young families in the parish", my_story="My own family's eviction in 2011",
        risks="Needs cover with the board: no partisan exposure; credit to the church",
        questions="\n".join(f"- {q}" for q in QUESTIONS), time_asked_min=30, series_visit=2,
        offer_plan="Rent data for the parish's blocks", framing="Keeping the flock together"))
    return pastor


def _campaign(book) -> int:
    from relmeet.domain.campaigns import CampaignIn
    from relmeet.store import campaigns

    return campaigns.save(book, CampaignIn(name="Just-cause eviction ordinance"))

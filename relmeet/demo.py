"""The sample book behind `relmeet --demo`: a small housing coalition, in the organizers' words.

Dates are relative to today so that "overdue" and "upcoming" always mean something.
"""
from __future__ import annotations

import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path

from relmeet import domain
from relmeet.domain.campaigns import CampaignIn
from relmeet.domain.meetings import FollowUp, FollowUpForm, MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.store import Book, campaigns, commitments, contacts, follow_up, meetings, standing
from relmeet.store import captures as cap
from relmeet.demo_house import house_meeting

GOAL = "Just-cause eviction ordinance"


def make_demo_book() -> tuple[Path, tempfile.TemporaryDirectory]:
    """Build the sample book in a fresh temporary folder; the caller cleans the folder up."""
    folder = tempfile.TemporaryDirectory(prefix="relmeet-demo-")
    path = Path(folder.name) / "demo.sqlite3"
    with Book(path) as book:
        fill(book)
    return path, folder


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(domain.today() + timedelta(days=days), time(hour, minute)).astimezone()


def _campaign(book: Book, name: str, goal: str, scope: str) -> int:
    return campaigns.save(book, CampaignIn(name=name, goal=goal, scope=scope))


def _stance(book: Book, campaign_id: int, contact_id: int, stance: str, influence: int) -> None:
    campaigns.set_position(book, campaign_id, contact_id, stance=stance, influence=influence)


def _held(book: Book, contact_id: int, days_ago: int, plan: dict, notes: str, follow: FollowUp) -> int:
    meeting_id = meetings.plan(book, MeetingPlan(contact_id=contact_id, scheduled_at=_at(-days_ago, 18), **plan))
    meetings.record_held(book, meeting_id, _at(-days_ago, 18), _at(-days_ago, 18, 50), notes)
    follow_up.save(book, meeting_id, FollowUpForm(follow=follow))
    return meeting_id


def fill(book: Book) -> None:
    today = domain.today()
    eviction = _campaign(book, GOAL, "City Council passes a just-cause eviction ordinance before the June budget vote.",
                         "narrow")
    clinic = _campaign(book, "Evening hours at the Eastside clinic",
                       "Eastside Community Health Center opens two evenings a week for working families.", "broad")

    def person(**kw) -> int:
        return contacts.create(book, ContactIn(**kw))

    def org(name: str, **kw) -> int:
        return contacts.create(book, ContactIn(name=name, kind="organization", level="organization", **kw))

    union = org("Eastside Tenants Union", stance="ally", influence=3, neighbourhood="Eastside", tags=["housing", "coalition"],
                their_language="Housing is a human right.")
    church = org("Grace AME Church", stance="ally", influence=3, neighbourhood="Eastside", tags=["faith", "coalition"])
    assoc = org("Eastside Neighborhood Association", stance="neutral", influence=4, neighbourhood="Eastside",
                tags=["homeowners"], their_language="Property values and neighborhood character.")
    health = org("Eastside Community Health Center", stance="potential_ally", influence=3, tags=["health"])
    landlord = org("Maple Court Properties LLC", stance="opposition", influence=3, tags=["landlord"])

    rosa = person(name="Rosa Nguyễn", organization_id=union, role="Building B captain", level="impacted",
                  is_leader=True, stance="unknown", influence=2, rung="volunteer", phone="555-0142",
                  email="rosa.nguyen@example.org", neighbourhood="Maple Court", contact_method="text",
                  language="Vietnamese, English", tags=["tenant", "housing"],
                  their_language="Families shouldn't have to choose between rent and medicine.")
    jose = person(name="José Martínez", level="impacted", stance="potential_ally", influence=1, rung="met",
                  phone="555-0199", neighbourhood="Maple Court", contact_method="phone", language="Spanish, English",
                  tags=["tenant", "nurse"], their_language="Working people keep this city running.")
    okafor = person(name="Pastor Denise Okafor", organization_id=church, role="Senior pastor", level="leader",
                    is_leader=True, stance="ally", influence=4, rung="supporter", email="pastor@graceame.example.org",
                    neighbourhood="Eastside", contact_method="email", tags=["faith", "housing"],
                    their_language="Housing is a moral question: do we keep our neighbors?")
    tran = person(name="Hieu Tran", organization_id=None, role="Owner, Tran's Market", level="leader",
                  stance="unknown", influence=3, rung="identified", neighbourhood="Eastside",
                  contact_method="in_person", language="Vietnamese", tags=["small business", "connector"])
    park = person(name="Linda Park", organization_id=assoc, role="President", level="leader", is_gatekeeper=True,
                  stance="neutral", influence=4, rung="identified", email="lpark@ena.example.org",
                  contact_method="email", tags=["homeowners"],
                  their_language="Keeping Eastside a neighborhood where families put down roots.")
    singh = person(name="Dr. Amara Singh", organization_id=health, role="Family physician", level="leader",
                   stance="potential_ally", influence=3, rung="met", email="asingh@echc.example.org",
                   contact_method="email", tags=["health", "clinician"],
                   their_language="Unstable housing is a health emergency.")
    brooks = person(name="Councilmember Alan Brooks", role="District 4 council member", level="leader",
                    stance="neutral", influence=5, rung="identified", email="district4@city.example.gov",
                    contact_method="email", tags=["decision-maker"])
    teresa = person(name="Teresa Alvarez", organization_id=union, role="Treasurer", level="impacted", is_leader=True,
                    stance="ally", influence=2, rung="leader", phone="555-0142", neighbourhood="Eastside",
                    contact_method="text", language="Spanish", tags=["housing", "Building A"],
                    their_language="Nobody is going to save us but us.")
    hill = person(name="Marcus Hill", organization_id=landlord, role="Property manager", level="impacted",
                  stance="opposition", influence=3, rung="identified", tags=["landlord"])

    for contact_id, stance, influence in ((rosa, "ally", 2), (okafor, "ally", 4), (park, "neutral", 4),
                                          (brooks, "neutral", 5), (hill, "opposition", 3), (union, "ally", 3),
                                          (assoc, "neutral", 4), (landlord, "opposition", 4), (jose, "potential_ally", 1),
                                          (singh, "potential_ally", 3), (church, "ally", 3), (tran, "unknown", 3),
                                          (teresa, "ally", 2)):
        _stance(book, eviction, contact_id, stance, influence)
    # Someone can be an ally on one goal and opposed on another.
    _stance(book, clinic, singh, "ally", 4)
    _stance(book, clinic, health, "neutral", 5)
    _stance(book, clinic, park, "opposition", 3)

    # Rosa: a first one-on-one three weeks ago.
    m1 = _held(book, rosa, 21, dict(campaign_id=eviction, type="recruitment", location="Rosa's kitchen, Building B",
                                    purpose="Get to know Rosa and whether she'd host a house meeting",
                                    known="Came to the October tenants' meeting; her rent went up in March.",
                                    guessed_interest="Staying in Maple Court until her kids finish school",
                                    want_to_learn="Who else in Building B is facing a rent hike"),
               "Rent up 18% in March, second raise in two years. Two kids at Lincoln Elementary, doesn't want to "
               "move them mid-year. Knows most of Building B from the laundry room. Angry at the management "
               "company, not at the owners she's never met. Worried about retaliation if she speaks up.",
               FollowUp(summary="Rosa will host a house meeting in Building B; I owe her the flyer in Vietnamese.",
                        next_step="House meeting in Building B", leadership_rating=4, relationship_rating=4))
    cap.add_interest(book, rosa, "self_interest", "Stay in Maple Court until her kids finish at Lincoln Elementary",
                     meeting_id=m1)
    cap.add_interest(book, rosa, "story", "Came from Đà Nẵng in 2009; has raised two kids in Building B",
                     meeting_id=m1)
    cap.add_interest(book, rosa, "value", "Families shouldn't have to choose between rent and medicine", meeting_id=m1)
    cap.add_interest(book, rosa, "concern", "Retaliation for speaking up", meeting_id=m1,
                     responsible="Maple Court Properties")
    cap.add_interest(book, rosa, "resource", "Speaks Vietnamese; knows most tenants in Building B", meeting_id=m1)
    cap.add_exchange(book, rosa, "ask", "time", "Host a house meeting in Building B", status="agreed",
                     meeting_id=m1, campaign_id=eviction)
    cap.add_exchange(book, rosa, "offer", "information", "Help answering the rent-increase letter", status="agreed",
                     meeting_id=m1, campaign_id=eviction)
    c_flyer = cap.add_commitment(book, rosa, "mine", "Send Rosa the tenant-rights flyer in Vietnamese",
                                 today - timedelta(days=17), meeting_id=m1, campaign_id=eviction)
    commitments.mark(book, c_flyer, "done", on=today - timedelta(days=18))  # done, and the day it was
    cap.add_commitment(book, rosa, "theirs", "Invite five Building B neighbors to the house meeting",
                       today - timedelta(days=3), meeting_id=m1, campaign_id=eviction)
    cap.add_referral(book, rosa, tran, meeting_id=m1, note="Everyone in Building B shops at his market")
    # Deferred in the first meeting, raised again in the next one (its prep ticks it): one history.
    deferred = cap.add_exchange(book, rosa, "ask", "action", "Join the tenant delegation to Councilmember Brooks",
                                status="deferred", answer="after the house meeting; ask me again",
                                meeting_id=m1, campaign_id=eviction, answered_on=today - timedelta(days=21))
    cap.add_win(book, "Twelve tenants came to the first Building B house meeting", won_on=today - timedelta(days=9),
                campaign_id=eviction, contact_id=rosa, meeting_id=m1)
    # where she stands moved twice, each time for a reason: her history draws the path (issue 17)
    standing.change(book, rosa, "stance", "potential_ally", reason="agreed to host a house meeting in Building B",
                    meeting_id=m1, on=today - timedelta(days=21))
    standing.change(book, rosa, "stance", "ally", reason="twelve tenants came to her house meeting",
                    on=today - timedelta(days=9))
    rosa_next = meetings.plan(book, MeetingPlan(contact_id=rosa, scheduled_at=_at(2, 17, 30), location="Maple Court laundry room",
                                    campaign_id=eviction, type="maintenance",
                                    purpose="Debrief the house meeting; ask Rosa to speak at the council hearing",
                                    want_to_learn="Who from the house meeting could take on more",
                                    offer_plan="Practice her testimony with her", framing="Speak for the families"))
    cap.add_exchange(book, rosa, "ask", "action", "Speak for two minutes at the council hearing", status="planned",
                     meeting_id=rosa_next, campaign_id=eviction)
    cap.add_exchange(book, rosa, "ask", "action", "Join the tenant delegation to Councilmember Brooks",
                     status="planned", meeting_id=rosa_next, campaign_id=eviction, raised_from_id=deferred)

    # Pastor Okafor: a leader met ten days ago.
    m2 = _held(book, okafor, 10, dict(campaign_id=eviction, type="recruitment", location="Grace AME Church office",
                                      purpose="Ask the church to endorse the ordinance"),
               "Pastor has buried two elders this year who were evicted in winter. The congregation is split: "
               "some members are landlords. She wants to bring it to the deacon board before any endorsement.",
               FollowUp(summary="Endorsement pending the deacon board; she will raise it this month.",
                        next_step="Check in after the deacon board meets", check_in_on=today + timedelta(days=6),
                        leadership_rating=5, relationship_rating=3))
    cap.add_interest(book, okafor, "value", "Housing is a moral question: do we keep our neighbors?", meeting_id=m2)
    cap.add_interest(book, okafor, "concern", "Congregation split, some members are small landlords", meeting_id=m2)
    cap.add_exchange(book, okafor, "ask", "endorsement", "Grace AME endorses the ordinance", status="thinking",
                     meeting_id=m2, campaign_id=eviction)
    cap.add_exchange(book, okafor, "offer", "support", "A tenant to speak at the Sunday forum", status="made",
                     meeting_id=m2, campaign_id=eviction)
    cap.add_commitment(book, okafor, "mine", "Bring the one-page ordinance summary for the deacons",
                       today + timedelta(days=3), meeting_id=m2, campaign_id=eviction)
    cap.add_commitment(book, okafor, "theirs", "Raise the endorsement with the deacon board",
                       today + timedelta(days=5), meeting_id=m2, campaign_id=eviction)
    cap.add_referral(book, okafor, park, meeting_id=m2, note="Knows everyone on the homeowners' side")
    follow_up.mark_summary_sent(book, m2, on=today - timedelta(days=9))

    # José: met once, six weeks ago; his commitment is overdue.
    m3 = _held(book, jose, 42, dict(type="recruitment", location="Café Luna", purpose="Hear José's story"),
               "Works nights at County General. Got a 60-day notice last spring that was withdrawn after a call "
               "from legal aid. Tired, but says 'somebody has to say it out loud'.",
               FollowUp(summary="José might tell his story at the hearing.", leadership_rating=2, relationship_rating=2))
    cap.add_interest(book, jose, "story", "Got a 60-day notice last spring, withdrawn after legal aid called",
                     meeting_id=m3)
    cap.add_exchange(book, jose, "ask", "action", "Tell his story at the council hearing", status="thinking",
                     meeting_id=m3, campaign_id=eviction)
    cap.add_commitment(book, jose, "theirs", "Write down the dates of his notice for the testimony",
                       today - timedelta(days=20), meeting_id=m3, campaign_id=eviction)

    # Dr. Singh: a clinician met five days ago; a small win.
    m4 = _held(book, singh, 5, dict(campaign_id=eviction, type="escalation", location="ECHC break room",
                                    purpose="Ask Dr. Singh to testify on housing and health"),
               "Sees asthma and stress cases she ties to bad housing every week. Can't speak for the health "
               "center, but can speak as a physician.",
               FollowUp(summary="Agreed to testify as a physician, not for the center.", leadership_rating=3,
                        relationship_rating=4))
    cap.add_interest(book, singh, "concern", "Patients' asthma from mold in rentals", meeting_id=m4,
                     responsible="City code enforcement")
    cap.add_exchange(book, singh, "ask", "action", "Testify at the council hearing", status="agreed", meeting_id=m4,
                     campaign_id=eviction)
    cap.add_commitment(book, singh, "theirs", "Send two paragraphs of testimony for review",
                       today + timedelta(days=9), meeting_id=m4, campaign_id=eviction)
    # Their ask of me, answered "yes, if…": it waits on a condition and a day to decide by.
    cap.add_exchange(book, singh, "ask", "action", "Bring two tenants with asthma to the clinic's board meeting",
                     made_by="them", status="thinking", condition="if two tenants are willing to speak in public",
                     decide_by=today + timedelta(days=4), meeting_id=m4, campaign_id=clinic,
                     answered_on=today - timedelta(days=5))
    cap.add_win(book, "Dr. Singh agreed to testify at the council hearing", won_on=today - timedelta(days=5),
                campaign_id=eviction, contact_id=singh, meeting_id=m4)

    # Linda Park: the gatekeeper, met tomorrow.
    park_next = meetings.plan(book, MeetingPlan(contact_id=park, scheduled_at=_at(1, 10), location="Corner Bakery on 5th",
                                    campaign_id=eviction, type="recruitment",
                                    purpose="Listen to the homeowners' worries about the ordinance",
                                    known="Pastor Okafor says she speaks for the association on anything housing.",
                                    guessed_interest="Stable blocks, fewer empty units",
                                    want_to_learn="What the association has said to Councilmember Brooks",
                                    framing="Families who put down roots",
                                    # a gatekeeper's first visit: the guides' prep, and no pitch yet
                                    credential="Pastor Okafor suggested I call; I'm with the Maple Court tenants' union",
                                    my_story="Why I organize: my family was evicted when I was twelve, and a neighbour "
                                             "took us in for a winter.",
                                    risks="She can't be seen taking sides before the association votes: no photos, "
                                          "no names in a flyer; credit goes to the association.",
                                    questions="How long has she lived on the block?\n"
                                              "What does the association worry about most?\n"
                                              "Who on the block does she listen to?",
                                    time_asked_min=45, series_visit=1))
    # a first visit asks only for names (the guides: who else to see), not for her support
    cap.add_exchange(book, park, "ask", "introduction", "Who else on the block should I sit down with?",
                     status="planned", meeting_id=park_next, campaign_id=eviction)

    # Teresa: a leader the pastor sent our way, not met for seven weeks: one to tend.
    m5 = _held(book, teresa, 50, dict(campaign_id=eviction, type="maintenance", location="Union office",
                                      purpose="Check in on the Building A dues drive"),
               "Dues drive stalled after the super threatened two tenants. She kept the treasury going anyway.",
               FollowUp(summary="Teresa keeps Building A's dues drive alive; wants training on one-on-ones.",
                        leadership_rating=4, relationship_rating=4))
    cap.add_referral(book, okafor, teresa, meeting_id=m2, note="Sings in the choir; runs the union's books")
    cap.add_interest(book, teresa, "self_interest", "Wants to learn to run her own one-on-ones", meeting_id=m5)
    cap.add_exchange(book, teresa, "offer", "time", "A one-on-one training with her", status="made", meeting_id=m5,
                     campaign_id=eviction)
    cap.add_exchange(book, teresa, "ask", "time", "Chair Building A's dues committee", status="deferred",
                     answer="not before the holidays", meeting_id=m5, campaign_id=eviction,
                     answered_on=today - timedelta(days=50))
    _people_details(book, union=union, okafor=okafor, park=park, teresa=teresa)
    house_meeting(book)  # Teresa's house meeting: José and a neighbour new to the book (relmeet/demo_house.py)


def _people_details(book: Book, *, union: int, okafor: int, park: int, teresa: int) -> None:
    """Issue 14's fields on a few demo people: a pastor with an honorific and a birthday without a year, a
    bounced e-mail kept and marked, notes on leadership and on what a gatekeeper guards, a day-to-day contact."""
    from dataclasses import replace

    from relmeet.domain.people import Reach
    from relmeet.store import organizations

    pastor = contacts.get(book, okafor)
    contacts.update(book, okafor, replace(
        pastor, honorific="Pastor", given_name="Denise", family_name="Okafor", goes_by="Pastor Denise",
        birthday="--05-17", pronouns="she/her", reach_note="e-mail first; calls after Wednesday Bible study",
        leadership_note="has a base and a following; potential coalition rep",
        emails=[Reach("pastor@graceame.example.org", "church", preferred=True)]))
    linda = contacts.get(book, park)
    contacts.update(book, park, replace(
        linda, given_name="Linda", family_name="Park",
        gatekeeper_note="the association board's approval before members talk about the ordinance",
        emails=[Reach("linda.park@oldmail.example.net", "home", bad=True),
                Reach("lpark@ena.example.org", "association", preferred=True)]))
    organizations.set_day_to_day(book, union, teresa, "Treasurer, keeps the books; texts first")

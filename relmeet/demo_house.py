"""The demo book's house meeting (issue 17): Teresa hosts, two months ago; José comes, and a neighbour new
to the book, Lucía Benítez; each says something of their own.
`demo.fill` calls `house_meeting(book)` at its end; it is a module of its own to keep demo.py small."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from relmeet import domain
from relmeet.domain.meetings import FollowUp, FollowUpForm, MeetingPlan
from relmeet.domain.people import Pick
from relmeet.store import Book, follow_up, meetings, participants
from relmeet.store import captures as cap
from relmeet.store.contacts import match_contacts


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    day = domain.today() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute)).astimezone()


def _one(book: Book, name: str) -> Pick:
    found = match_contacts(book, name, limit=1)
    if not found:
        raise LookupError(f"the demo book has no {name}")
    return found[0]


def house_meeting(book: Book) -> int:
    """Add the house meeting to a filled demo book; returns its id."""
    teresa, jose = _one(book, "Teresa Alvarez").id, _one(book, "José Martínez").id
    meeting_id = meetings.plan(book, MeetingPlan(contact_id=teresa, scheduled_at=_at(-60, 19), type="recruitment",
                                                 location="Teresa's living room, Building A",
                                                 purpose="House meeting: what the rent increases are doing to us"))
    participants.add(book, meeting_id, jose)
    lucia = participants.add_new(book, meeting_id, "Lucía Benítez")
    meetings.record_held(book, meeting_id, _at(-60, 19), _at(-60, 20, 30),
                         "Six neighbours came; three spoke. Lucía had never been to a tenants' meeting.")
    cap.add_interest(book, teresa, "value", "Nobody is going to save us but us", meeting_id=meeting_id)
    cap.add_interest(book, jose, "concern", "Night shifts: can't make daytime hearings", meeting_id=meeting_id)
    cap.add_interest(book, lucia, "story", "Her rent went up twice in one year", meeting_id=meeting_id)
    cap.add_exchange(book, lucia, "ask", "time", "Come to the next tenants' union meeting", status="agreed",
                     meeting_id=meeting_id, answered_on=domain.today() - timedelta(days=60))
    cap.add_exchange(book, jose, "offer", "support", "Tell the nurses' union about the campaign", status="made",
                     made_by="them", meeting_id=meeting_id)
    follow_up.save(book, meeting_id, FollowUpForm(follow=FollowUp(
        summary="Teresa's house meeting: José and Lucía spoke; Lucía will come to the union meeting.",
        leadership_rating=3, relationship_rating=3)))
    return meeting_id

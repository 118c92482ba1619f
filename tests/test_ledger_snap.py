"""A picture of a contact's history as a workplace, at 120x36: closed and open items side by side — a commitment
done (and when), one partly done (how much), one overdue, one to come; an ask deferred, one raised again with
its one history, their ask pending on a condition; the thank-you marked sent. On its own book, 'today' pinned,
so changes to the demo don't move it."""
from __future__ import annotations

import time
from datetime import date, datetime, timezone

import pytest

from relmeet.app import RelmeetApp
from relmeet.domain.campaigns import CampaignIn
from relmeet.domain.meetings import FollowUp, FollowUpForm, MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.screens.history import HistoryScreen
from relmeet.store import Book, campaigns, captures, commitments, contacts, follow_up, meetings

TODAY = "2026-11-23"


def _held(book: Book, contact_id: int, day: int, campaign_id: int, purpose: str) -> int:
    meeting = meetings.plan(book, MeetingPlan(contact_id=contact_id, campaign_id=campaign_id, purpose=purpose))
    at = datetime(2026, 11, day, 17, tzinfo=timezone.utc)
    meetings.record_held(book, meeting, at, at.replace(hour=18), "")
    return meeting


def fill(book: Book) -> int:
    union = contacts.create(book, ContactIn(name="SEIU Local 500", kind="organization", level="organization"))
    maria = contacts.create(book, ContactIn(name="María José Ortiz", organization_id=union, role="Organizer",
                                            level="leader", stance="ally", influence=3))
    goal = campaigns.save(book, CampaignIn(name="Just-cause ordinance"))
    first = _held(book, maria, 9, goal, "Find what the local and the tenants can do together")
    follow_up.save(book, first, FollowUpForm(follow=FollowUp(summary="Thank you, María José, for the time.")))
    follow_up.mark_summary_sent(book, first, on=date(2026, 11, 10))
    captures.add_interest(book, maria, "self_interest", "Members who rent are being pushed out of the district",
                          meeting_id=first)
    deferred = captures.add_exchange(book, maria, "ask", "time", "Ten listening visits in Building B",
                                     status="deferred", answer="after the stewards' election", meeting_id=first,
                                     campaign_id=goal, answered_on=date(2026, 11, 9))
    captures.add_exchange(book, maria, "ask", "money", "Co-sponsor the spring tenant school", status="deferred",
                          answer="ask me in January", meeting_id=first, campaign_id=goal,
                          answered_on=date(2026, 11, 9))
    captures.add_exchange(book, maria, "ask", "action", "Send tenants to speak at our hearing", made_by="them",
                          status="thinking", condition="if two tenants are willing to speak in public",
                          decide_by=date(2026, 11, 30), meeting_id=first, campaign_id=goal,
                          answered_on=date(2026, 11, 9))
    letter = captures.add_commitment(book, maria, "mine", "Send the ordinance one-pager", date(2026, 11, 12),
                                     meeting_id=first, campaign_id=goal)
    commitments.mark(book, letter, "done", on=date(2026, 11, 11))
    stewards = captures.add_commitment(book, maria, "theirs", "Confirm four stewards for the hearing",
                                       date(2026, 11, 20), meeting_id=first, campaign_id=goal)
    commitments.add_note(book, stewards, "2 of 4 said yes", on=date(2026, 11, 18))
    commitments.mark(book, stewards, "partly", on=date(2026, 11, 20), note="3 of 4 confirmed")
    captures.add_commitment(book, maria, "theirs", "Bring the local's endorsement vote", date(2026, 11, 18),
                            meeting_id=first, campaign_id=goal)
    second = _held(book, maria, 20, goal, "Raise the listening visits again")
    captures.add_exchange(book, maria, "ask", "time", "Ten listening visits in Building B", status="partly",
                          answer="10 visits, no board sign-off yet", meeting_id=second, campaign_id=goal,
                          raised_from_id=deferred, answered_on=date(2026, 11, 20))
    captures.add_commitment(book, maria, "mine", "Draft the joint letter to the council", date(2026, 11, 25),
                            meeting_id=second, campaign_id=goal)
    return maria


@pytest.fixture
def ledger_book(tmp_path, monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", TODAY)
    monkeypatch.setenv("TZ", "UTC")  # times are shown in local time
    time.tzset()
    with Book(tmp_path / "ledger.sqlite3") as book:
        yield book, fill(book)
    monkeypatch.undo()
    time.tzset()


def test_the_history_shows_closed_and_open_items_both_ways(snap_compare, ledger_book):
    book, maria = ledger_book

    async def open_history(pilot):
        pilot.app.sub_title = "ledger.sqlite3"  # the Header shows the book's path: a new tmp folder each run
        await pilot.pause()
        await pilot.app.push_screen(HistoryScreen(maria))
        await pilot.pause()
        # the page read to its end: the outcomes, both ways' asks and the meetings (the thank-you sent) beside
        # 'Work on', which lists every item open or closed
        pilot.app.screen.query_one("#history-body").scroll_end(animate=False)
        await pilot.pause()

    assert snap_compare(RelmeetApp(book), terminal_size=(120, 36), run_before=open_history)

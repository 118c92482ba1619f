"""The commitments view's filters (whose contact, campaign, organization, due window) narrow the check-ins,
the thank-yous and the decide-by dates of pending asks as they narrow the commitments, alone and together.
On a real book, "today" pinned to Monday 23 Nov 2026."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from textual.widgets import DataTable, Select

import peek
from relmeet.app import RelmeetApp
from relmeet.domain.campaigns import CampaignIn
from relmeet.domain.commitments import CommitmentFilter
from relmeet.domain.meetings import FollowUp, FollowUpForm, MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.store import campaigns, captures, commitments, contacts, follow_up, meetings
from steps import run_from_palette

TODAY = date(2026, 11, 23)


def _held(book, who: int, day: date, *, campaign: int | None = None, check_in: date | None = None) -> int:
    meeting = meetings.plan(book, MeetingPlan(contact_id=who, campaign_id=campaign, purpose="One-on-one"))
    start = datetime(day.year, day.month, day.day, 14, tzinfo=timezone.utc)
    meetings.record_held(book, meeting, start, start + timedelta(hours=1), "")
    if check_in:
        follow_up.save(book, meeting, FollowUpForm(follow=FollowUp(next_step="Check in", check_in_on=check_in)))
    return meeting


async def test_each_filter_and_two_together_narrow_check_ins_thank_yous_and_decide_by_dates(book, monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", TODAY.isoformat())
    union = contacts.create(book, ContactIn(name="SEIU Local 500", kind="organization", level="organization"))
    maria = contacts.create(book, ContactIn(name="María José Ortiz", organization_id=union))
    ben = contacts.create(book, ContactIn(name="Ben Okoro", organization_id=union))
    rosa = contacts.create(book, ContactIn(name="Rosa Nguyễn"))
    cy = contacts.create(book, ContactIn(name="Cy Long"))
    goal = campaigns.save(book, CampaignIn(name="Just-cause ordinance"))
    ten_days_ago = TODAY - timedelta(days=10)  # too long ago for a thank-you
    _held(book, union, ten_days_ago, check_in=TODAY - timedelta(days=1))
    m_maria = _held(book, maria, ten_days_ago, campaign=goal, check_in=TODAY + timedelta(days=2))
    _held(book, rosa, ten_days_ago, check_in=TODAY + timedelta(days=8))
    _held(book, ben, TODAY - timedelta(days=1), campaign=goal)  # thank-you due tomorrow
    _held(book, cy, TODAY)  # thank-you due Wednesday
    ask = captures.add_exchange
    ask(book, union, "ask", "action", "Lend the hall for the rally", made_by="them", status="thinking",
        decide_by=TODAY + timedelta(days=1))
    ask(book, maria, "ask", "action", "Sit on the hearing's panel", made_by="them", status="thinking",
        decide_by=TODAY + timedelta(days=3), meeting_id=m_maria)  # the campaign of its meeting
    own = ask(book, rosa, "ask", "action", "Translate the flyer", made_by="them", status="thinking",
              decide_by=TODAY + timedelta(days=10), campaign_id=goal)  # a campaign of its own, no meeting
    assert tuple(peek.row(book, "SELECT campaign_id, meeting_id FROM exchange WHERE id = ?", (own,))) == (goal, None)

    def listed(**wanted) -> tuple[list[str], list[str], list[str]]:
        found = commitments.ledger(book, CommitmentFilter(owner="mine", **wanted))
        return ([d.contact for d in found.decisions], [c.contact for c in found.check_ins],
                [t.contact for t in found.thank_yous])

    everyone = ["SEIU Local 500", "María José Ortiz", "Rosa Nguyễn"]
    assert listed() == (everyone, everyone, ["Ben Okoro", "Cy Long"])
    # the organization itself and its members
    assert listed(organization_id=union) == (everyone[:2], everyone[:2], ["Ben Okoro"])
    assert listed(organization_id=union, within_days=1) == (["SEIU Local 500"], ["SEIU Local 500"], ["Ben Okoro"])
    assert listed(campaign_id=goal) == (["María José Ortiz", "Rosa Nguyễn"], ["María José Ortiz"], ["Ben Okoro"])
    assert listed(campaign_id=goal, within_days=7) == (["María José Ortiz"], ["María José Ortiz"], ["Ben Okoro"])
    assert listed(contacts=(rosa, cy)) == (["Rosa Nguyễn"], ["Rosa Nguyễn"], ["Cy Long"])
    assert listed(contacts=(rosa, cy), within_days=7) == ([], [], ["Cy Long"])
    assert listed(contacts=()) == ([], [], [])

    app = RelmeetApp(book)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "commitments: what I owe")
        view = app.screen
        view.query_one("#organization", Select).value = union
        view.query_one("#window", Select).value = 1
        await pilot.pause(0.4)
        table = view.query_one("#ledger", DataTable)
        rows = [" | ".join(cell.plain.replace("\n", " / ") for cell in table.get_row_at(i))
                for i in range(table.row_count)]
        assert rows == [
            "1 day overdue / check in (mine) | SEIU Local 500 / Check in | To do / ",
            "tomorrow / thank-you (mine) | Ben Okoro / Send the thank-you (the summary) | "
            "To send / Enter: its follow-up",
            "tomorrow / decide (mine) | decide by Tue 24 Nov — SEIU Local 500 / They asked: Lend the hall for the "
            "rally | Pending / Enter: record the answer"]
        assert str(view.query_one("#ledger-title").render()) == \
            "What I owe · 0 open · 1 check-in (1 overdue) · 1 to decide · 1 thank-you"

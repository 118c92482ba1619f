"""A big campaign's page: it counts everyone met under it and every leader, names the most met and the first
leaders, and says how many more — a page with seven hundred leaders' names on one line is no page at all."""
from __future__ import annotations

from datetime import datetime, timedelta

from relmeet.app import RelmeetApp
from relmeet.domain.campaigns import CampaignIn
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.store import campaigns, contacts, meetings
from screen_text import region_text, screen_lines


def _held(book, contact_id: int, campaign_id: int, times: int) -> None:
    for number in range(times):
        meeting = meetings.plan(book, MeetingPlan(contact_id=contact_id, campaign_id=campaign_id))
        start = datetime(2026, 11, 2, 18, 0) + timedelta(days=number)
        meetings.record_held(book, meeting, start, start + timedelta(minutes=45), "")


async def test_a_campaign_with_many_leaders_names_the_first_and_counts_them_all(book):
    renewal = campaigns.save(book, CampaignIn(name="Lease renewal"))
    for number in range(1, 21):  # twenty leaders met under it, one of them twice
        leader = contacts.create(book, ContactIn(name=f"Leader {number:02d}", is_leader=True))
        _held(book, leader, renewal, 2 if number == 7 else 1)
    for number in range(1, 6):  # five neighbours met, none a leader
        _held(book, contacts.create(book, ContactIn(name=f"Neighbour {number}")), renewal, 1)
    mapped = contacts.create(book, ContactIn(name="Aaron Mapped", is_leader=True))  # mapped, never met
    campaigns.set_position(book, renewal, mapped, stance="ally", influence=3)

    page = campaigns.detail(book, renewal)
    assert page.met_count == 25 and page.leader_count == 21
    assert page.met[0][1] == "Leader 07" and page.met[0][2] == 2  # the most met first
    assert page.leaders[:2] == ["Aaron Mapped", "Leader 01"] and len(page.leaders) < 21

    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        detail = app.screen.query_one("#campaign-detail")
        words = region_text(app, detail.region)
    assert "People met under it: 25 · leaders: 21" in text, text
    assert "…and 17 more" in text  # 25 met, 8 named
    # the first twelve leaders by name, then how many more
    assert "Leaders: Aaron Mapped, Leader 01, Leader 02," in words and "Leader 11 and 9 more" in words, words
    assert "Leader 12," not in words.split("Who's missing")[0]

"""The campaign page lists who moved on its map this month (from what to what, when and why) and who went
cold (on its map or met under it, met before, not in the tend-after days; a house meeting one came to as a
guest counts). Real books, the real app through Pilot (F7), "today" pinned to Monday 23 Nov 2026."""
from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
from rich.console import Console
from textual.widgets import DataTable, Static

import peek
from relmeet.app import RelmeetApp
from relmeet.domain.campaigns import CampaignIn
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.screens.campaigns import CampaignsScreen
from relmeet.store import campaigns, contacts, health, meetings, participants, standing

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", TODAY.isoformat())


def _plain(renderable) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def _held(book, contact_id: int, day: date, campaign_id: int | None = None) -> int:
    start = datetime(day.year, day.month, day.day, 14)
    meeting = meetings.plan(book, MeetingPlan(contact_id=contact_id, campaign_id=campaign_id, scheduled_at=start))
    meetings.record_held(book, meeting, start, start + timedelta(hours=1), "")
    return meeting


async def _campaign_page(pilot) -> str:
    await pilot.press("f7")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # who moved and who went cold follow the page in a moment
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CampaignsScreen)
    return _plain(screen.query_one("#campaign-detail", Static).content)


async def test_the_campaign_page_lists_who_moved_this_month_and_who_went_cold(book):
    health.set_tend_after_days(book, 30)
    just_cause = campaigns.save(book, CampaignIn(name="Just-cause ordinance"))
    name = {n: contacts.create(book, ContactIn(name=n)) for n in (
        "Rosa Nguyễn", "José Martínez", "Dr. Amara Singh", "Pastor Denise Okafor", "Kwame Asante", "Ana Ruiz",
        "Hieu Tran", "Teresa Núñez")}
    put = standing.change
    put(book, name["Rosa Nguyễn"], "stance", "potential_ally", campaign_id=just_cause, on=date(2026, 10, 20))
    put(book, name["Rosa Nguyễn"], "stance", "ally", campaign_id=just_cause, on=date(2026, 11, 7),
        reason="agreed to 10 listening visits")
    put(book, name["José Martínez"], "influence", 2, campaign_id=just_cause, on=date(2026, 10, 1))
    put(book, name["José Martínez"], "influence", 4, campaign_id=just_cause, on=date(2026, 11, 20),
        reason="spoke at the hearing")
    put(book, name["Dr. Amara Singh"], "stance", "neutral", campaign_id=just_cause, on=date(2026, 9, 1))
    put(book, name["Dr. Amara Singh"], "stance", "potential_ally", campaign_id=just_cause, on=date(2026, 10, 12))
    # moved and came back within the month: not a move
    put(book, name["Teresa Núñez"], "stance", "neutral", campaign_id=just_cause, on=date(2026, 10, 2))
    put(book, name["Teresa Núñez"], "stance", "opposition", campaign_id=just_cause, on=date(2026, 11, 3))
    put(book, name["Teresa Núñez"], "stance", "neutral", campaign_id=just_cause, on=date(2026, 11, 9))
    # gone cold: met under it, or on its map, and not since 24 Oct
    _held(book, name["Pastor Denise Okafor"], date(2026, 9, 1), just_cause)
    _held(book, name["Kwame Asante"], date(2026, 10, 5))
    campaigns.set_position(book, just_cause, name["Kwame Asante"], stance="unknown", influence=3)
    _held(book, name["Rosa Nguyễn"], date(2026, 11, 7), just_cause)
    _held(book, name["José Martínez"], date(2026, 11, 20), just_cause)
    _held(book, name["Teresa Núñez"], date(2026, 11, 9), just_cause)
    # Ana's own meeting was in September, but she came to Rosa's house meeting on 10 Nov: not cold
    _held(book, name["Ana Ruiz"], date(2026, 9, 20), just_cause)
    house = _held(book, name["Rosa Nguyễn"], date(2026, 11, 10))
    participants.add(book, house, name["Ana Ruiz"])
    # Hieu is on its map but never met: not "gone cold" (who's missing says so)
    campaigns.set_position(book, just_cause, name["Hieu Tran"], stance="unknown", influence=1)
    # Dr. Singh moved last month and was met within 30 days
    _held(book, name["Dr. Amara Singh"], date(2026, 11, 2), just_cause)

    app = RelmeetApp(book)
    async with app.run_test(size=(140, 60)) as pilot:
        shown = await _campaign_page(pilot)
    lines = [line.strip() for line in shown.splitlines()]
    moved = lines[lines.index("Moved this month (2)") + 1:][:2]
    assert moved == ["José Martínez: influence 2 → 4 (20 Nov: spoke at the hearing)",
                     "Rosa Nguyễn: Potential ally → Ally (7 Nov: agreed to 10 listening visits)"]
    cold = lines[lines.index("Gone cold (2): met before, not in 30 days") + 1:][:3]
    assert cold == ["Pastor Denise Okafor — last met 1 Sep 2026 (2 months ago)",
                    "Kwame Asante — last met 5 Oct 2026 (7 weeks ago)", ""]
    # Teresa came back, Dr. Singh moved last month; Ana came to a house meeting, Hieu was never met
    movement = "\n".join(lines[lines.index("Moved this month (2)"):lines.index("Who's missing")])
    for absent in ("Teresa Núñez", "Dr. Amara Singh", "Ana Ruiz", "Hieu Tran"):
        assert absent not in movement
    # what the page says is what the book holds: Rosa's story in the campaign, with its reason
    assert [tuple(r) for r in peek.rows(
        book, "SELECT old_value, new_value, changed_on, reason FROM standing_change WHERE contact_id = ? "
              "AND campaign_id = ? AND field = 'stance' ORDER BY id", (name["Rosa Nguyễn"], just_cause))] == [
        (None, "potential_ally", "2026-10-20", ""), ("potential_ally", "ally", "2026-11-07",
                                                     "agreed to 10 listening visits")]
    assert peek.value(book, "SELECT count(*) FROM meeting_participant WHERE contact_id = ? AND role = 'participant'",
                      (name["Ana Ruiz"],)) == 1


async def test_a_dozen_of_each_then_how_many_more(book):
    health.set_tend_after_days(book, 30)
    rent = campaigns.save(book, CampaignIn(name="Rent stabilization"))
    for n in range(15):
        who = contacts.create(book, ContactIn(name=f"Tenant {n:02d}"))
        standing.change(book, who, "stance", "neutral", campaign_id=rent, on=date(2026, 9, 1))
        standing.change(book, who, "stance", "ally", campaign_id=rent, on=date(2026, 11, 1 + n))
        _held(book, who, date(2026, 8, 1 + n), rent)
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 80)) as pilot:
        shown = await _campaign_page(pilot)
    assert "Moved this month (15)" in shown and "Gone cold (15): met before, not in 30 days" in shown
    assert shown.count("…and 3 more") == 2
    # the latest moves first; the stalest first
    assert "Tenant 14: Neutral → Ally (15 Nov)" in shown and "Tenant 02: Neutral → Ally" not in shown
    assert "Tenant 00 — last met 1 Aug 2026" in shown and "Tenant 14 — last met" not in shown
    assert peek.value(book, "SELECT count(*) FROM standing_change WHERE campaign_id = ? AND changed_on >= "
                            "'2026-11-01'", (rent,)) == 15

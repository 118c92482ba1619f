"""A campaign's page counts the people met under it and its leaders, not only those placed on its map."""
from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import DataTable, Static

from relmeet.app import RelmeetApp
from relmeet.domain.campaigns import CampaignIn
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.screens.campaigns import CampaignsScreen
from relmeet.store import campaigns, contacts, meetings
import peek


def _plain(renderable) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def _held(book, contact_id: int, campaign_id: int) -> None:
    meeting = meetings.plan(book, MeetingPlan(contact_id=contact_id, campaign_id=campaign_id, purpose="One-on-one"))
    meetings.start(book, meeting)
    meetings.end(book, meeting)


async def test_a_leader_met_three_times_under_a_campaign_is_counted(book):
    rent = campaigns.save(book, CampaignIn(name="Rent stabilization", goal="A rent cap this year"))
    ana = contacts.create(book, ContactIn(name="Ana Ruiz", is_leader=True))
    hieu = contacts.create(book, ContactIn(name="Hieu Tran"))
    for _ in range(3):
        _held(book, ana, rent)
    _held(book, hieu, rent)
    assert peek.value(book, "SELECT count(*) FROM campaign_contact") == 0  # nobody placed on its map
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CampaignsScreen)
        table = screen.query_one("#campaign-list", DataTable)
        assert table.get_row_at(0)[1] == "2"  # people
        shown = _plain(screen.query_one("#campaign-detail", Static).content)
        assert "2 contacts · 4 meetings held" in shown
        assert "People met under it: 2 · leaders: 1" in shown
        assert "Ana Ruiz — met 3 times · leader" in shown
        assert "Hieu Tran — met 1 time" in shown
        assert "No leader identified yet" not in shown
        assert "0 contacts" not in shown

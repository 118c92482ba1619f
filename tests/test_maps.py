"""The organizer's map views through the real app, on the demo book."""
from __future__ import annotations

import io

from rich.console import Console

from relmeet.app import RelmeetApp
from relmeet.store import health, maps
from relmeet.widgets.power_grid import PowerGrid
import peek


def _shown(static) -> str:
    console = Console(width=300, file=io.StringIO(), record=True)
    console.print(static.content)
    return console.export_text()


def _id(book, name: str) -> int:
    return peek.value(book, "SELECT id FROM contact WHERE name = ?", (name,))


async def test_power_map_places_contacts_and_moves_one(demo_book):
    eviction = peek.value(demo_book, "SELECT id FROM campaign WHERE name LIKE 'Just-cause%'")
    clinic = peek.value(demo_book, "SELECT id FROM campaign WHERE name LIKE 'Evening%'")
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        grid = app.screen.query_one(PowerGrid)
        assert app.screen.campaign_id == eviction
        # Pastor Okafor: ally with influence 4 on the eviction campaign
        assert "Pastor Denise Okafor" in [m.name for m in grid.grid[(4, "ally")]]
        assert "Councilmember Alan Brooks" in [m.name for m in grid.grid[(5, "neutral")]]
        # walk the cursor to José's cell (influence 1, potential ally): from the first filled cell
        grid.row, grid.col, grid.index = 4, 3, 0
        grid.action_move(0, 0)
        await pilot.pause()
        assert "José Martínez" in str(app.screen.query_one("#map-selected").render())
        await pilot.press("shift+right")  # potential ally -> ally
        await pilot.press("shift+up")     # influence 1 -> 2
        await pilot.pause()
        jose = _id(demo_book, "José Martínez")
        row = peek.row(demo_book, "SELECT stance, influence FROM campaign_contact WHERE campaign_id = ? AND contact_id = ?",
                            (eviction, jose))
        assert tuple(row) == ("ally", 2)
        # only this campaign changed: his overall stance stays as it was
        assert peek.value(demo_book, "SELECT stance FROM contact WHERE id = ?", (jose,)) == "potential_ally"
        assert "José Martínez" in [m.name for m in grid.grid[(2, "ally")]]
        assert grid.selected.name == "José Martínez"  # the cursor followed him
        # another campaign, another map: Linda Park is opposed to the clinic hours
        app.screen.query_one("#campaign").value = clinic
        await pilot.pause()
        assert [m.name for m in grid.grid[(3, "opposition")]] == ["Linda Park"]


async def test_levels_show_counts_markers_and_org_people(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        tree = app.screen.query_one("#levels")
        labels = [str(node.label) for node in tree.root.children]
        assert labels[0].startswith("Directly impacted (5)")  # Lucía Benítez, new at Teresa's house meeting
        assert labels[1].startswith("Leader / connector (5)")
        org_branch = tree.root.children[2]
        union = next(n for n in org_branch.children if "Eastside Tenants Union" in str(n.label))
        assert {str(n.label) for n in union.children} == {"Rosa Nguyễn", "Teresa Alvarez"}
        leaders = tree.root.children[1]
        assert any("Linda Park ⚑" in str(n.label) for n in leaders.children)
        # a person listed under their organization opens like any other
        tree.move_cursor(next(n for n in union.children if str(n.label) == "Teresa Alvarez"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.selected_contact_id == _id(demo_book, "Teresa Alvarez")


async def test_referrals_rank_the_connector_whose_referrals_led_to_meetings(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        table = app.screen.query_one("#connectors")
        first = table.get_row_at(0)
        # Teresa, whom the pastor referred: her one-on-one and the house meeting she hosted
        assert str(first[1]) == "Pastor Denise Okafor" and first[3] == "2"
        tree = app.screen.query_one("#referral-tree")
        roots = [str(n.label) for n in tree.root.children]
        assert "Pastor Denise Okafor" in roots
        pastor = next(n for n in tree.root.children if str(n.label) == "Pastor Denise Okafor")
        assert any(str(n.label).startswith("Teresa Alvarez  2 meetings") for n in pastor.children)


async def test_campaign_detail_names_whos_missing_and_new_campaign_validates(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        table = app.screen.query_one("#campaign-list")
        clinic = peek.value(demo_book, "SELECT id FROM campaign WHERE name LIKE 'Evening%'")
        table.move_cursor(row=table.get_row_index(str(clinic)))
        await pilot.pause()
        detail = _shown(app.screen.query_one("#campaign-detail"))
        assert "Nobody at the level “Directly impacted”" in detail
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+s")  # no name
        await pilot.pause()
        assert "needs a name" in str(app.screen.query_one("#field-name .field-error").render())
        await pilot.press(*"Rent relief fund")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert peek.value(demo_book, "SELECT status FROM campaign WHERE name = 'Rent relief fund'") == "active"
        assert "Rent relief fund" in [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_home_tend_these_and_threshold(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        tend = app.screen.query_one("#tend-list")
        lines = [tend.get_option_at_index(i).prompt.plain for i in range(tend.option_count)]
        assert any("Teresa Alvarez" in line and "50 days" in line for line in lines)
        # raise the threshold past her 50 days: she drops off
        await pilot.press("ctrl+p")
        await pilot.press(*"tend after")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause()
        days = app.screen.query_one("#days")
        days.value = "60"
        await pilot.press("enter")
        await pilot.pause()
        assert peek.value(demo_book, "SELECT value FROM setting WHERE key = 'tend_after_days'") == "60"
        tend = app.screen.query_one("#tend-list")
        assert not any("Teresa" in tend.get_option_at_index(i).prompt.plain for i in range(tend.option_count))


async def test_wins_listed_per_campaign(demo_book):
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        text = _shown(app.screen.query_one("#wins-text"))
        assert "Just-cause eviction ordinance (2)" in text
        assert "Dr. Singh agreed to testify at the council hearing" in text


def test_health_of_one_contact(demo_book):
    rosa = health.contact_health(demo_book, _id(demo_book, "Rosa Nguyễn"))
    assert rosa.days_since_met == 21 and rosa.overdue_theirs == 1 and rosa.overdue_mine == 0
    assert maps.connectors(demo_book)[0].name == "Pastor Denise Okafor"


async def test_levels_list_a_page_at_a_time(demo_book, monkeypatch):
    monkeypatch.setattr(maps, "PAGE", 2)
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        leaders = app.screen.query_one("#levels").root.children[1]
        shown = [str(n.label) for n in leaders.children]
        # leaders and gatekeepers come first on the page, and the count covers everyone
        assert str(leaders.label).startswith("Leader / connector (5)")
        assert shown[0].startswith("● Pastor Denise Okafor ★") and shown[1].startswith("● Linda Park ⚑")
        assert shown[2].startswith("… 3 more — Enter shows the next 2")
        app.screen.query_one("#levels").select_node(leaders.children[2])
        await pilot.pause()
        shown = [str(n.label) for n in leaders.children]
        assert len(shown) == 5 and shown[4].startswith("… 1 more — Enter shows the next 1")
        app.screen.query_one("#levels").select_node(leaders.children[4])
        await pilot.pause()
        assert len(leaders.children) == 5 and not any("more" in str(n.label) for n in leaders.children)


async def test_a_large_referral_network_grows_as_branches_open(demo_book, monkeypatch):
    monkeypatch.setattr(maps, "PAGE", 1)  # the demo's 3 referrals count as "large"
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        tree = app.screen.query_one("#referral-tree")
        roots = [str(n.label) for n in tree.root.children]
        assert roots == ["Pastor Denise Okafor", "… 1 more who referred others — Enter shows the next 1"]
        pastor = tree.root.children[0]
        assert not pastor.children and not pastor.is_expanded
        tree.move_cursor(pastor)
        await pilot.press("space")
        await pilot.pause()
        assert {str(n.label).split("  ")[0] for n in pastor.children} == {"Linda Park", "Teresa Alvarez"}
        tree.move_cursor(tree.root.children[1])
        await pilot.press("enter")
        await pilot.pause()
        assert [str(n.label) for n in tree.root.children] == ["Pastor Denise Okafor", "Rosa Nguyễn"]
        tree.move_cursor(tree.root.children[1])
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HistoryScreen" and app.screen.selected_contact_id == _id(
            demo_book, "Rosa Nguyễn")


async def test_the_power_map_as_it_stood_on_an_earlier_day_marks_who_moved_since(demo_book, monkeypatch):
    from datetime import date, timedelta

    from textual.widgets import Input

    moved_on, earlier = date.today() + timedelta(days=10), date.today() + timedelta(days=5)
    monkeypatch.setenv("RELMEET_TODAY", moved_on.isoformat())
    eviction = peek.value(demo_book, "SELECT id FROM campaign WHERE name LIKE 'Just-cause%'")
    jose = _id(demo_book, "José Martínez")
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        grid = app.screen.query_one(PowerGrid)
        grid.row, grid.col, grid.index = 4, 3, 0
        grid.action_move(0, 0)
        await pilot.press("shift+right")  # potential ally -> ally, today
        await pilot.pause()
        assert [tuple(r) for r in peek.rows(
            demo_book, "SELECT old_value, new_value, changed_on FROM standing_change WHERE contact_id = ? "
                       "AND campaign_id = ? AND old_value IS NOT NULL", (jose, eviction))] == [
            ("potential_ally", "ally", moved_on.isoformat())]
        assert not app.screen.query_one("#map-as-of").display
        # the map as it stood five days ago: José where he was, marked as moved since
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#as_of", Input)
        await pilot.press(*earlier.isoformat(), "enter")
        await pilot.pause()
        assert app.screen.as_of == earlier
        assert "José Martínez" in [m.name for m in grid.grid[(1, "potential_ally")]]
        assert "José Martínez" not in [m.name for m in grid.grid[(1, "ally")]]
        assert grid.moved == {jose}
        line = _shown(app.screen.query_one("#map-as-of"))
        assert f"As of {earlier:%a %-d %b}" in line and "1 moved since ↕ José Martínez" in line
        # a past map can't be changed
        grid.row, grid.col, grid.index = 4, 3, 0
        grid.action_move(0, 0)
        await pilot.press("shift+left")
        await pilot.pause()
        assert peek.value(demo_book, "SELECT stance FROM campaign_contact WHERE contact_id = ? AND campaign_id = ?",
                          (jose, eviction)) == "ally"
        # an empty day comes back to today's map
        await pilot.press("ctrl+d")
        app.screen.query_one("#as_of", Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.as_of is None and grid.moved == frozenset()
        assert "José Martínez" in [m.name for m in grid.grid[(1, "ally")]]
        assert not app.screen.query_one("#map-as-of").display

"""Merging two contacts: everything moves onto the one kept, and undo puts the book back exactly."""
from __future__ import annotations

import pytest
from steps import notices, run_from_palette

from relmeet.domain.errors import RelmeetError
from relmeet.exporting.json_book import dump
from relmeet.store import merge
import peek

# The demo contacts these tests use, by name; their ids are looked up for each test (below), so
# that the sample book can grow without breaking them.
NAMES = {"ROSA": "Rosa Nguyễn", "JOSE": "José Martínez", "HIEU": "Hieu Tran", "LINDA": "Linda Park",
         "AMARA": "Dr. Amara Singh", "BROOKS": "Councilmember Alan Brooks", "MARCUS": "Marcus Hill",
         "TENANTS_UNION": "Eastside Tenants Union", "NEIGHBORHOOD_ASSN": "Eastside Neighborhood Association"}
ROSA = JOSE = HIEU = LINDA = AMARA = BROOKS = MARCUS = TENANTS_UNION = NEIGHBORHOOD_ASSN = 0


@pytest.fixture(autouse=True)
def _demo_ids(request):
    if "demo_book" in request.fixturenames:
        book = request.getfixturevalue("demo_book")
        for constant, name in NAMES.items():
            globals()[constant] = peek.value(book, "SELECT id FROM contact WHERE name = ?", (name,))


def _tables(book):
    return dump(book, include_private=True)["tables"]


def _count(book, sql, *params):
    return peek.value(book, sql, params)


def _everything_of(book, contact_id):
    return {
        table: _count(book, f"SELECT count(*) FROM {table} WHERE contact_id = ?", contact_id)
        for table in ("meeting", "interest", "exchange", "commitment", "win", "campaign_contact", "contact_tag")
    }


def test_merge_moves_everything_and_undo_restores_exactly(demo_book):
    before = _tables(demo_book)
    rosa, jose = _everything_of(demo_book, ROSA), _everything_of(demo_book, JOSE)
    merge_id = merge.merge(demo_book, ROSA, JOSE, {"phone": "drop", "notes": "drop", "name": "keep"})

    assert _count(demo_book, "SELECT count(*) FROM contact WHERE id = ?", JOSE) == 0
    after = _everything_of(demo_book, ROSA)
    for table in ("meeting", "interest", "exchange", "commitment", "win"):
        assert after[table] == rosa[table] + jose[table], table
    # both were in campaign 1: Rosa's stance there stays, no duplicate row
    assert after["campaign_contact"] == 1
    assert {r[0] for r in peek.rows(demo_book, "SELECT tag FROM contact_tag WHERE contact_id = ?", (ROSA,))} == {
        t["tag"] for t in before["contact_tag"] if t["contact_id"] in (ROSA, JOSE)}
    kept = peek.row(demo_book, "SELECT name, phone, notes FROM contact WHERE id = ?", (ROSA,))
    jose_row = next(c for c in before["contact"] if c["id"] == JOSE)
    assert kept["name"] == "Rosa Nguyễn" and kept["phone"] == jose_row["phone"] and kept["notes"] == jose_row["notes"]
    assert [(r.id, r.kept_name, r.dropped_name) for r in merge.recent_merges(demo_book)] == [
        (merge_id, "Rosa Nguyễn", "José Martínez")]

    merge.undo(demo_book, merge_id)
    assert _tables(demo_book) == before
    assert merge.recent_merges(demo_book) == []
    with pytest.raises(RelmeetError, match="already undone"):
        merge.undo(demo_book, merge_id)


def test_referrals_between_the_two_go_and_come_back(demo_book):
    before = _tables(demo_book)
    merge_id = merge.merge(demo_book, ROSA, HIEU)  # Rosa referred Hieu
    assert _count(demo_book, "SELECT count(*) FROM referral WHERE from_contact_id = to_contact_id") == 0
    between = [r for r in before["referral"] if {r["from_contact_id"], r["to_contact_id"]} == {ROSA, HIEU}]
    assert between
    assert _count(demo_book, "SELECT count(*) FROM referral") == len(before["referral"]) - len(between)
    merge.undo(demo_book, merge_id)
    assert _tables(demo_book) == before


def test_referrals_at_either_end_move(demo_book):
    before = _tables(demo_book)
    merge_id = merge.merge(demo_book, BROOKS, LINDA)  # Denise referred Linda
    to_linda = [r["id"] for r in before["referral"] if r["to_contact_id"] == LINDA]
    to_hieu = [r["id"] for r in before["referral"] if r["to_contact_id"] == HIEU]
    assert to_linda and to_hieu
    assert {r[0] for r in peek.rows(demo_book, f"SELECT to_contact_id FROM referral WHERE id IN ({','.join(map(str, to_linda))})")} == {BROOKS}
    merge_id2 = merge.merge(demo_book, MARCUS, HIEU)  # Rosa referred Hieu
    assert {r[0] for r in peek.rows(demo_book, f"SELECT to_contact_id FROM referral WHERE id IN ({','.join(map(str, to_hieu))})")} == {MARCUS}
    merge.undo(demo_book, merge_id2)
    merge.undo(demo_book, merge_id)
    assert _tables(demo_book) == before


def test_campaign_stances_without_a_duplicate_move(demo_book):
    before = _tables(demo_book)
    merge_id = merge.merge(demo_book, HIEU, AMARA)  # Amara is in campaigns 1 and 2, Hieu only in 1
    rows = peek.rows(demo_book, "SELECT campaign_id, stance FROM campaign_contact WHERE contact_id = ? ORDER BY 1", (HIEU,))
    amara_2 = next(r for r in before["campaign_contact"] if r["contact_id"] == AMARA and r["campaign_id"] == 2)
    assert [tuple(r) for r in rows][1] == (2, amara_2["stance"])
    assert len(rows) == 2
    merge.undo(demo_book, merge_id)
    assert _tables(demo_book) == before


def test_organizations_merge_with_their_members(demo_book):
    before = _tables(demo_book)
    merge_id = merge.merge(demo_book, NEIGHBORHOOD_ASSN, TENANTS_UNION)
    members = {c["id"] for c in before["contact"] if c["organization_id"] in (NEIGHBORHOOD_ASSN, TENANTS_UNION)}
    assert {ROSA, LINDA} <= members
    assert {r[0] for r in peek.rows(demo_book, "SELECT id FROM contact WHERE organization_id = ?", (NEIGHBORHOOD_ASSN,))} == members
    merge.undo(demo_book, merge_id)
    assert _tables(demo_book) == before


def test_a_member_merged_with_its_organization_is_not_its_own_member(demo_book):
    before = _tables(demo_book)
    merge_id = merge.merge(demo_book, ROSA, TENANTS_UNION)
    assert peek.value(demo_book, "SELECT organization_id FROM contact WHERE id = ?", (ROSA,)) is None
    merge.undo(demo_book, merge_id)
    assert _tables(demo_book) == before


def test_undo_when_the_dropped_id_was_taken_since(demo_book):
    last = peek.row(demo_book, "SELECT id, name FROM contact ORDER BY id DESC LIMIT 1")
    keep = BROOKS if last["id"] != BROOKS else ROSA
    meetings = _count(demo_book, "SELECT count(*) FROM meeting WHERE contact_id = ?", last["id"])
    tags = {r[0] for r in peek.rows(demo_book, "SELECT tag FROM contact_tag WHERE contact_id = ?", (last["id"],))}
    merge_id = merge.merge(demo_book, keep, last["id"])
    with peek.write(demo_book) as conn:  # the freed highest id is handed out again
        new_id = conn.execute("INSERT INTO contact (name, created_at, updated_at) VALUES ('New Nadia', 'x', 'x')").lastrowid
    assert new_id == last["id"]
    back = merge.undo(demo_book, merge_id)
    assert back != last["id"]
    assert peek.value(demo_book, "SELECT name FROM contact WHERE id = ?", (back,)) == last["name"]
    assert peek.value(demo_book, "SELECT name FROM contact WHERE id = ?", (new_id,)) == "New Nadia"
    assert _count(demo_book, "SELECT count(*) FROM meeting WHERE contact_id = ?", back) == meetings
    assert {r[0] for r in peek.rows(demo_book, "SELECT tag FROM contact_tag WHERE contact_id = ?", (back,))} == tags


def test_chained_merges_undo_in_turn(demo_book):
    before = _tables(demo_book)
    first = merge.merge(demo_book, HIEU, JOSE)   # José into Hieu
    second = merge.merge(demo_book, ROSA, HIEU)  # then Hieu (holding José's rows) into Rosa
    assert [m.id for m in merge.recent_merges(demo_book)] == [second, first]
    with pytest.raises(RelmeetError, match="undo that first"):
        merge.undo(demo_book, first)
    merge.undo(demo_book, second)
    merge.undo(demo_book, first)
    assert _tables(demo_book) == before


def test_undo_keeps_edits_made_since(demo_book):
    merge_id = merge.merge(demo_book, ROSA, JOSE, {"phone": "drop", "email": "drop"})
    with peek.write(demo_book) as conn:
        conn.execute("UPDATE contact SET phone = '555-7777' WHERE id = ?", (ROSA,))
    merge.undo(demo_book, merge_id)
    rosa = peek.row(demo_book, "SELECT phone, email FROM contact WHERE id = ?", (ROSA,))
    assert rosa["phone"] == "555-7777"  # typed after the merge: kept
    assert rosa["email"] == "rosa.nguyen@example.org"  # set by the merge: put back


def test_merge_refuses_nonsense(demo_book):
    with pytest.raises(RelmeetError, match="itself"):
        merge.merge(demo_book, ROSA, ROSA)
    with pytest.raises(RelmeetError, match="no contact #999"):
        merge.merge(demo_book, ROSA, 999)
    with pytest.raises(RelmeetError, match="unknown merge choices"):
        merge.merge(demo_book, ROSA, JOSE, {"id": "drop"})
    with pytest.raises(RelmeetError, match="no merge #42"):
        merge.undo(demo_book, 42)
    assert _count(demo_book, "SELECT count(*) FROM contact") == len(_tables(demo_book)["contact"])
    assert len(_tables(demo_book)["contact"]) > 10


def test_default_choices_fill_gaps_from_the_other():
    keep = {name: "" for name in merge.FIELD_NAMES} | {"name": "Rosa", "phone": ""}
    drop = {name: "" for name in merge.FIELD_NAMES} | {"name": "Rosa N.", "phone": "555-0101"}
    choices = merge.default_choices(keep, drop)
    assert choices["name"] == "keep" and choices["phone"] == "drop" and choices["email"] == "keep"


def test_a_book_from_before_the_merge_log_upgrades_with_its_rows(tmp_path):
    import sqlite3

    from relmeet import db
    from relmeet.schema import LATEST
    from relmeet.store import Book

    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    db.migrate(conn, 0, 1)
    conn.execute("INSERT INTO contact (id, name, created_at, updated_at) VALUES (1, 'Old Olga', 'x', 'x'), "
                 "(2, 'Olga O.', 'x', 'x')")
    conn.close()
    with Book(path) as book:
        assert peek.value(book, "PRAGMA user_version") == LATEST >= 3
        assert [r[0] for r in peek.rows(book, "SELECT name FROM contact ORDER BY id")] == ["Old Olga", "Olga O."]
        merge_id = merge.merge(book, 1, 2)
        assert merge.recent_merges(book)[0].id == merge_id


# -- the merge screen, through the real app -----------------------------------------------------


def _highlight(app, name):
    from relmeet.widgets.contact_table import ContactTable

    table = app.screen.query_one(ContactTable)
    names = [table.get_row_at(i)[1].plain.strip(" ★⚑") for i in range(table.row_count)]
    table.move_cursor(row=names.index(name))


async def test_merge_screen_picks_compares_merges_and_undoes(demo_book):
    from textual.widgets import DataTable

    from relmeet.app import RelmeetApp
    from relmeet.screens.merge import MergeScreen

    before = _tables(demo_book)
    jose_phone = next(c for c in before["contact"] if c["id"] == JOSE)["phone"]
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        _highlight(app, "Rosa Nguyễn")
        await run_from_palette(pilot, "merge")  # the palette's first hit: "contact: merge"
        assert isinstance(app.screen, MergeScreen)
        assert "Merge into Rosa Nguyễn" in str(app.screen.query_one("#merge-prompt").render())
        await pilot.press(*"josé")
        await pilot.pause()
        await pilot.press("enter")  # the first match
        await pilot.pause()
        table = app.screen.query_one("#merge-fields", DataTable)
        rows = {table.get_row_at(i)[0].plain: table.get_row_at(i) for i in range(table.row_count)}
        assert rows["Name"][1].plain == "● Rosa Nguyễn" and rows["Name"][2].plain == "○ José Martínez"
        assert "1 meeting" in str(app.screen.query_one("#merge-moves").render())
        tags = rows["Tags (all kept)"]
        assert tags[1].plain.startswith("● ") and tags[2].plain.startswith("● ")
        table.move_cursor(row=list(rows).index("Tags (all kept)"))
        await pilot.press("enter")  # not a choice: nothing changes
        await pilot.pause()
        assert table.get_row_at(list(rows).index("Tags (all kept)"))[2].plain == tags[2].plain
        # take José's phone: Enter on the Phone row
        table.move_cursor(row=list(rows).index("Phone"))
        await pilot.press("enter")
        await pilot.pause()
        assert table.get_row_at(list(rows).index("Phone"))[2].plain == f"● {jose_phone}"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+y")  # yes on the question
        await pilot.pause(0.3)
        assert not isinstance(app.screen, MergeScreen)
        assert any("José Martínez merged into Rosa Nguyễn" in n for n in (await notices(pilot)))
        assert peek.value(demo_book, "SELECT count(*) FROM contact WHERE id = ?", (JOSE,)) == 0
        assert peek.value(demo_book, "SELECT phone FROM contact WHERE id = ?", (ROSA,)) == jose_phone
        assert peek.value(demo_book, "SELECT count(*) FROM meeting WHERE contact_id = ?", (ROSA,)) == sum(
            1 for m in before["meeting"] if m["contact_id"] in (ROSA, JOSE))

        await app.run_action("undo_merge")  # what the palette's "contact: undo merge" runs
        await pilot.pause()
        assert any("José Martínez is separate from Rosa Nguyễn again" in n for n in (await notices(pilot)))
        await app.workers.wait_for_complete()
    from relmeet.store.backup import list_backups

    assert len(list_backups(demo_book)) == 1  # the app's start-up made today's backup
    assert _tables(demo_book) == before


async def test_merge_screen_without_a_contact_in_view_asks_for_both(demo_book):
    from relmeet.app import RelmeetApp
    from relmeet.screens.merge import MergeScreen

    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.push_screen(MergeScreen())
        await pilot.pause()
        assert "Which contact do you want to keep" in str(app.screen.query_one("#merge-prompt").render())
        await pilot.press(*"linda")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.keep_id == LINDA and app.screen.selected_contact_id == LINDA
        await pilot.press(*"brooks")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+r")  # keep Brooks instead
        await pilot.pause()
        assert (app.screen.keep_id, app.screen.drop_id) == (BROOKS, LINDA)
        await pilot.press("escape")  # leave without merging
        await pilot.pause()
        assert not isinstance(app.screen, MergeScreen)
    assert peek.value(demo_book, "SELECT count(*) FROM contact") == len(_tables(demo_book)["contact"]) > 10

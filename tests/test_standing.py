"""Movement in the store: every change of where someone stands is kept with its date, reason and meeting,
whichever write made it; the map can be read as it stood on a date; a meeting holds several people."""
from __future__ import annotations

from datetime import date

import pytest

from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.people import ContactIn
from relmeet.store import campaigns, contacts, merge, participants, standing
import peek


def _steps(book, contact_id: int) -> list[tuple]:
    return [tuple(r) for r in peek.rows(
        book, "SELECT campaign_id, field, old_value, new_value, changed_on, meeting_id, changed_by, reason "
              "FROM standing_change WHERE contact_id = ? ORDER BY id", (contact_id,))]


def _meeting(book, contact_id: int, when: str = "2026-11-23T18:00:00+00:00") -> int:
    with peek.write(book) as conn:
        return conn.execute("INSERT INTO meeting (contact_id, status, scheduled_at, created_at, updated_at) "
                            "VALUES (?, 'held', ?, ?, ?)", (contact_id, when, when, when)).lastrowid


def test_a_form_change_is_kept_with_its_reason_and_a_save_that_changes_nothing_is_not(book, monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", "2026-11-23")
    contacts.set_setting(book, "organizer_name", "Maya")
    rosa = contacts.create(book, ContactIn(name="Rosa Nguyễn"))
    first = _meeting(book, rosa)
    card = contacts.get(book, rosa)
    contacts.update(book, rosa, ContactIn(**{**_form(card), "stance": "potential_ally"}), reason="first visit",
                    meeting_id=first)
    contacts.update(book, rosa, ContactIn(**{**_form(card), "stance": "potential_ally"}), reason="nothing moved")
    monkeypatch.setenv("RELMEET_TODAY", "2026-12-07")
    campaigns.set_position(book, None, rosa, stance="ally", influence=4, reason="agreed to 10 listening visits")
    steps = _steps(book, rosa)
    assert [s[1:4] for s in steps[:3]] == [("stance", None, "unknown"), ("influence", None, "3"),
                                           ("rung", None, "identified")]
    assert steps[3:] == [
        (None, "stance", "unknown", "potential_ally", "2026-11-23", first, "Maya", "first visit"),
        (None, "stance", "potential_ally", "ally", "2026-12-07", None, "Maya", "agreed to 10 listening visits"),
        (None, "influence", "3", "4", "2026-12-07", None, "Maya", "agreed to 10 listening visits")]
    found = standing.story(book, rosa)
    path = found.paths[("", "stance")]
    assert [(s.old_value, s.new_value, s.reason) for s in path] == [
        (None, "unknown", ""), ("unknown", "potential_ally", "first visit"),
        ("potential_ally", "ally", "agreed to 10 listening visits")]
    assert path[1].meeting_on == date(2026, 11, 23)


def _form(card) -> dict:
    from dataclasses import fields
    return {f.name: getattr(card, f.name) for f in fields(ContactIn) if hasattr(card, f.name)}


def test_campaign_changes_flags_and_merges_keep_the_story(book, monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", "2026-11-23")
    with peek.write(book) as conn:
        drive = conn.execute("INSERT INTO campaign (name, created_at, updated_at) VALUES ('Clinic hours', 'x', 'x')"
                             ).lastrowid
    rosa = contacts.create(book, ContactIn(name="Rosa"))
    rosa2 = contacts.create(book, ContactIn(name="Rosa N."))
    campaigns.set_position(book, drive, rosa, stance="potential_ally", influence=2)
    assert standing.change(book, rosa, "leader", True, reason="ran the house meeting")
    assert not standing.change(book, rosa, "leader", True)  # no change, no entry
    assert standing.change(book, rosa2, "stance", "ally", campaign_id=drive, reason="signed the letter")
    with pytest.raises(ValidationError):
        standing.change(book, rosa, "stance", "friendly")
    with pytest.raises(RelmeetError):
        standing.change(book, rosa, "rung", "leader", campaign_id=drive)
    steps = _steps(book, rosa)
    assert (drive, "stance", None, "potential_ally") in [s[:4] for s in steps]
    assert (None, "leader", "0", "1", "2026-11-23", None, "", "ran the house meeting") in steps
    moved = merge.merge(book, rosa, rosa2)
    # the dropped contact's story comes along, and goes back with an undo
    assert (drive, "stance", None, "ally", "2026-11-23", None, "", "signed the letter") in _steps(book, rosa)
    assert peek.value(book, "SELECT count(*) FROM standing_change WHERE contact_id = ?", (rosa2,)) == 0
    restored = merge.undo(book, moved)
    assert (drive, "stance", None, "ally") in [s[:4] for s in _steps(book, restored)]
    assert (drive, "stance", None, "ally") not in [s[:4] for s in _steps(book, rosa)]


def test_the_map_as_it_stood_on_a_date_and_who_moved_since(book, monkeypatch):
    with peek.write(book) as conn:
        conn.execute("INSERT INTO contact (id, name, stance, influence, created_at, updated_at) VALUES "
                     "(1, 'Ana', 'neutral', 2, '2026-10-01T10:00:00+00:00', '2026-10-01T10:00:00+00:00'), "
                     "(2, 'Ben', 'ally', 5, '2026-10-01T10:00:00+00:00', '2026-10-01T10:00:00+00:00'), "
                     "(3, 'Cruz', 'opposition', 3, '2026-11-20T10:00:00+00:00', '2026-11-20T10:00:00+00:00')")
    monkeypatch.setenv("RELMEET_TODAY", "2026-11-05")
    campaigns.set_position(book, None, 1, stance="potential_ally", influence=2)
    monkeypatch.setenv("RELMEET_TODAY", "2026-11-23")
    campaigns.set_position(book, None, 1, stance="ally", influence=3)
    grid, moved, added = standing.map_as_of(book, None, date(2026, 11, 2))
    assert added == 1  # Cruz
    assert [m.name for m in grid[(2, "neutral")]] == ["Ana"]
    assert [m.name for m in grid[(5, "ally")]] == ["Ben"]
    assert "Cruz" not in [m.name for cell in grid.values() for m in cell]  # added after that day
    assert [(m.name, m.stance_then, m.influence_then, m.stance_now, m.influence_now) for m in moved] == [
        ("Ana", "neutral", 2, "ally", 3)]
    grid, moved, _ = standing.map_as_of(book, None, date(2026, 11, 10))
    assert [m.name for m in grid[(2, "potential_ally")]] == ["Ana"]
    grid, moved, added = standing.map_as_of(book, None, date(2026, 11, 23))
    assert added == 0
    assert moved == [] and [m.name for m in grid[(3, "opposition")]] == ["Cruz"]


def test_a_house_meeting_holds_several_people_and_each_finds_it(book):
    rosa = contacts.create(book, ContactIn(name="Rosa"))
    hieu = contacts.create(book, ContactIn(name="Hieu"))
    lan = contacts.create(book, ContactIn(name="Lan"))
    house = _meeting(book, rosa)
    assert participants.add(book, house, hieu)
    assert participants.add(book, house, lan)
    assert not participants.add(book, house, hieu)
    assert [(p.name, p.role, p.position) for p in participants.participants(book, house)] == [
        ("Rosa", "with", 0), ("Hieu", "participant", 1), ("Lan", "participant", 2)]
    assert [(m.meeting_id, m.with_name, m.role, m.people) for m in participants.meetings_of(book, lan)] == [
        (house, "Rosa", "participant", 3)]
    with pytest.raises(RelmeetError):
        participants.remove(book, house, rosa)
    assert participants.remove(book, house, hieu)
    assert peek.value(book, "SELECT group_concat(contact_id) FROM meeting_participant WHERE meeting_id = ? "
                            "ORDER BY position", (house,)) == f"{rosa},{lan}"


async def _edit(pilot, app, contact_id: int):
    from relmeet.screens.contact_form import ContactFormScreen

    app.push_screen(ContactFormScreen(contact_id))
    await pilot.pause()
    return app.screen


async def test_a_stance_changed_twice_with_reasons_shows_its_path_in_the_history(book, monkeypatch):
    from textual.widgets import Input, Select, Static

    from relmeet.app import RelmeetApp
    from relmeet.screens.history import HistoryScreen

    monkeypatch.setenv("RELMEET_TODAY", "2026-11-23")
    rosa = contacts.create(book, ContactIn(name="Rosa Nguyễn"))
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _edit(pilot, app, rosa)
        why = form.query_one("#field-standing_reason")
        assert not why.display  # nothing moved yet: no question
        form.query_one("#their_language", Input).value = "we are not going anywhere"
        await pilot.pause()
        assert not why.display
        form.query_one("#stance", Select).value = "potential_ally"
        await pilot.pause()
        assert why.display
        form.query_one("#standing_reason", Input).value = "first visit [came early]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        monkeypatch.setenv("RELMEET_TODAY", "2026-12-07")
        form = await _edit(pilot, app, rosa)
        form.query_one("#stance", Select).value = "ally"
        form.query_one("#is_leader").value = True
        form.query_one("#standing_reason", Input).value = "agreed to 10 listening visits"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [tuple(r) for r in peek.rows(book, "SELECT field, old_value, new_value, changed_on, reason "
                                                  "FROM standing_change WHERE old_value IS NOT NULL ORDER BY id")] == [
            ("stance", "unknown", "potential_ally", "2026-11-23", "first visit [came early]"),
            ("stance", "potential_ally", "ally", "2026-12-07", "agreed to 10 listening visits"),
            ("leader", "0", "1", "2026-12-07", "agreed to 10 listening visits")]
        app.push_screen(HistoryScreen(rosa))
        await pilot.pause()
        shown = _plain(app.screen.query_one("#history-text", Static))
        assert ("Stance: Unknown → Potential ally (23 Nov: first visit [came early]) → "
                "Ally (7 Dec: agreed to 10 listening visits)") in shown
        assert "Leader: no → yes (7 Dec: agreed to 10 listening visits)" in shown
        assert "Rung:" not in shown  # a path that never moved says nothing


def _plain(static) -> str:
    import io

    from rich.console import Console

    console = Console(width=300, file=io.StringIO(), record=True)
    console.print(static.content)
    return " ".join(console.export_text().split())


def test_the_json_export_keeps_participants_and_the_story_and_loads_them_back(book, tmp_path, monkeypatch):
    import json

    from relmeet.exporting import json_book
    from relmeet.store import Book

    monkeypatch.setenv("RELMEET_TODAY", "2026-11-23")
    rosa = contacts.create(book, ContactIn(name="Rosa"))
    lan = contacts.create(book, ContactIn(name="Lan"))
    house = _meeting(book, rosa)
    participants.add(book, house, lan)
    campaigns.set_position(book, None, lan, stance="ally", influence=4, reason="came to Rosa's house meeting",
                           meeting_id=house)
    story = [tuple(r) for r in peek.rows(book, "SELECT * FROM standing_change ORDER BY id")]
    path = tmp_path / "book.json"
    path.write_text(json.dumps(json_book.dump(book, include_private=True), ensure_ascii=False), encoding="utf-8")
    with Book(tmp_path / "again.sqlite3") as again:
        json_book.load_into(again, path)
        assert [tuple(r) for r in peek.rows(again, "SELECT * FROM standing_change ORDER BY id")] == story
        assert [(p.name, p.role) for p in participants.participants(again, house)] == [
            ("Rosa", "with"), ("Lan", "participant")]
        assert "came to Rosa's house meeting" in {s.reason for s in standing.story(again, lan).paths[("", "stance")]}


def test_relmeet_show_prints_the_path_with_the_reasons(book, monkeypatch):
    import os
    import subprocess
    import sys

    monkeypatch.setenv("RELMEET_TODAY", "2026-11-23")
    rosa = contacts.create(book, ContactIn(name="Rosa Nguyễn"))
    campaigns.set_position(book, None, rosa, stance="potential_ally", influence=3, reason="first visit")
    monkeypatch.setenv("RELMEET_TODAY", "2026-12-07")
    campaigns.set_position(book, None, rosa, stance="ally", influence=4, reason="agreed to 10 listening visits")
    out = subprocess.run([sys.executable, "-m", "relmeet", "--db", str(book.path), "show", "rosa"],
                         capture_output=True, text=True, timeout=60, env={**os.environ, "RELMEET_TODAY": "2026-12-08"})
    assert out.returncode == 0, out.stderr
    shown = " ".join(out.stdout.split())
    assert ("Stance: Unknown → Potential ally (23 Nov: first visit) → Ally (7 Dec: agreed to 10 listening visits)"
            in shown)
    assert "Influence: 3 → 4 (7 Dec: agreed to 10 listening visits)" in shown
    assert peek.value(book, "SELECT count(*) FROM standing_change WHERE contact_id = ? AND reason <> ''",
                      (rosa,)) == 3


def test_a_first_held_meeting_moves_the_rung_and_the_story_names_the_meeting(book, monkeypatch):
    from relmeet.pages.standing import story_lines
    from relmeet.store import meetings

    monkeypatch.setenv("RELMEET_TODAY", "2026-11-23")
    hieu = contacts.create(book, ContactIn(name="Hieu Tran"))
    with peek.write(book) as conn:
        first = conn.execute("INSERT INTO meeting (contact_id, status, scheduled_at, created_at, updated_at) "
                             "VALUES (?, 'in_progress', '2026-11-23T18:00:00+00:00', 'x', 'x')", (hieu,)).lastrowid
    meetings.end(book, first)
    assert (None, "rung", "identified", "met", "2026-11-23", first, "", "") in _steps(book, hieu)
    lines = [_text(line) for line in story_lines(standing.story(book, hieu))]
    assert "Rung: Identified (not met) → Met (23 Nov, at the meeting)" in lines


def test_a_merge_that_takes_a_stance_says_so_and_its_undo_gives_the_story_back_whole(book, monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", "2026-11-23")
    rosa = contacts.create(book, ContactIn(name="Rosa"))
    other = contacts.create(book, ContactIn(name="Rosa N."))
    standing.change(book, other, "stance", "ally", reason="signed the letter")
    before = _steps(book, other)
    merged = merge.merge(book, rosa, other, {"stance": "drop"})
    assert (None, "stance", "unknown", "ally", "2026-11-23", None, "", "taken from Rosa N. in a merge") in _steps(
        book, rosa)
    restored = merge.undo(book, merged)
    assert _steps(book, restored) == before  # no second set of first entries
    assert _steps(book, rosa)[-1] == (None, "stance", "ally", "unknown", "2026-11-23", None, "",
                                      "merge with Rosa N. undone")


def test_a_change_dated_before_the_person_was_added_still_follows_their_first_entry(book, monkeypatch):
    from relmeet.pages.standing import story_lines

    monkeypatch.setenv("RELMEET_TODAY", "2026-11-23")
    rosa = contacts.create(book, ContactIn(name="Rosa", stance="unknown"))  # added today, met three weeks ago
    standing.change(book, rosa, "stance", "potential_ally", reason="first visit", on=date(2026, 11, 2))
    standing.change(book, rosa, "stance", "ally", reason="twelve came to her house meeting", on=date(2026, 11, 14))
    lines = [_text(line) for line in story_lines(standing.story(book, rosa))]
    assert ("Stance: Unknown → Potential ally (2 Nov: first visit) → Ally (14 Nov: twelve came to her house "
            "meeting)") in lines


def test_a_campaign_page_can_list_who_moved_this_month_and_who_went_cold(book, monkeypatch):
    with peek.write(book) as conn:
        drive = conn.execute("INSERT INTO campaign (name, created_at, updated_at) VALUES ('Clinic hours', 'x', 'x')"
                             ).lastrowid
        conn.execute("INSERT INTO contact (id, name, created_at, updated_at) VALUES "
                     "(1, 'Ana', '2026-09-01T10:00:00+00:00', 'x'), (2, 'Ben', '2026-09-01T10:00:00+00:00', 'x'), "
                     "(3, 'Cruz', '2026-09-01T10:00:00+00:00', 'x')")
    monkeypatch.setenv("RELMEET_TODAY", "2026-09-02")
    for who, stance in ((1, "neutral"), (2, "ally"), (3, "unknown")):
        campaigns.set_position(book, drive, who, stance=stance, influence=3)
    monkeypatch.setenv("RELMEET_TODAY", "2026-11-20")
    campaigns.set_position(book, drive, 1, stance="potential_ally", influence=3, reason="came to the hearing")
    campaigns.set_position(book, drive, 2, stance="neutral", influence=3, reason="went quiet after the vote")
    monkeypatch.setenv("RELMEET_TODAY", "2026-11-23")
    moved, colder = standing.movement(book, drive)
    assert sorted(m.name for m in moved) == ["Ana", "Ben"]
    assert [(m.name, m.stance_then, m.stance_now) for m in colder] == [("Ben", "ally", "neutral")]
    assert standing.movement(book, drive, days=2) == ([], [])


def test_the_demo_book_has_someone_whose_stance_moved_twice(demo_book):
    from relmeet.pages.standing import story_lines

    rosa = peek.value(demo_book, "SELECT id FROM contact WHERE name = 'Rosa Nguyễn'")
    assert peek.value(demo_book, "SELECT stance FROM contact WHERE id = ?", (rosa,)) == "ally"
    steps = [tuple(r) for r in peek.rows(demo_book, "SELECT old_value, new_value, reason, meeting_id IS NOT NULL "
                                                    "FROM standing_change WHERE contact_id = ? AND field = 'stance' "
                                                    "AND campaign_id IS NULL ORDER BY id", (rosa,))]
    assert steps == [(None, "unknown", "", 0),
                     ("unknown", "potential_ally", "agreed to host a house meeting in Building B", 1),
                     ("potential_ally", "ally", "twelve tenants came to her house meeting", 0)]
    lines = " ".join(_text(line) for line in story_lines(standing.story(demo_book, rosa)))
    assert "Stance: Unknown → Potential ally (" in lines and "→ Ally (" in lines


def _text(line) -> str:
    """A line of the Movement section as plain text (a path is indented as a block)."""
    return getattr(line, "text", line).plain

"""Commitments worked after the meeting: marked done, partly (how much), missed or dropped on the day it
happened, noted as they go, reopened and undone; a second contact they involve; check-ins that turn overdue;
the commitments view and its filters; `relmeet due --mine/--theirs/--days`. On real books, with "today"
pinned to Monday 23 Nov 2026."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from rich.console import Console
from textual.widgets import Button, DataTable, Input, Select

import peek
from relmeet.app import RelmeetApp
from relmeet.domain.campaigns import CampaignIn
from relmeet.domain.commitments import CheckInDue, CommitmentFilter, parse_done_on
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.meetings import FollowUp, FollowUpForm, MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.pages.history import render
from relmeet.store import campaigns, captures, commitments, contacts, due, follow_up, meetings
from relmeet.store.history import history
from steps import notices, run_from_palette

TODAY = date(2026, 11, 23)  # a Monday
YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("RELMEET_TODAY", TODAY.isoformat())


def _held(book, contact_id: int, day: date, *, campaign_id: int | None = None, check_in: date | None = None,
          next_step: str = "") -> int:
    """A meeting held on `day`, with the follow-up's check-in date and next step, through the store."""
    meeting = meetings.plan(book, MeetingPlan(contact_id=contact_id, campaign_id=campaign_id,
                                              scheduled_at=datetime(day.year, day.month, day.day, 18)))
    start = datetime(day.year, day.month, day.day, 18)
    meetings.record_held(book, meeting, start, start + timedelta(hours=1), "")
    follow_up.save(book, meeting, FollowUpForm(follow=FollowUp(next_step=next_step, check_in_on=check_in)))
    return meeting


@pytest.fixture
def coalition(book):
    """A fortnight of coalition work: a tenant leader, a union organizer, a clinic director, a pastor."""
    ids = {}
    ids["union"] = contacts.create(book, ContactIn(name="SEIU Local 500", kind="organization", level="organization"))
    ids["tenants"] = contacts.create(book, ContactIn(name="Maple Court Tenants", kind="organization",
                                                     level="organization"))
    ids["rosa"] = contacts.create(book, ContactIn(name="Rosa Nguyễn", organization_id=ids["tenants"]))
    ids["maria"] = contacts.create(book, ContactIn(name="María José Ortiz", organization_id=ids["union"]))
    ids["amara"] = contacts.create(book, ContactIn(name="Dr. Amara Singh"))
    ids["okafor"] = contacts.create(book, ContactIn(name="Pastor Denise Okafor"))
    ids["campaign"] = campaigns.save(book, CampaignIn(name="Just-cause ordinance"))
    m_rosa = _held(book, ids["rosa"], TODAY - timedelta(days=10), campaign_id=ids["campaign"])
    m_okafor = _held(book, ids["okafor"], TODAY - timedelta(days=12), check_in=TODAY - timedelta(days=5),
                     next_step="Check back after the deacon board meets")
    add = captures.add_commitment
    ids["flyer"] = add(book, ids["rosa"], "mine", "Send Rosa the flyer in Vietnamese", TODAY - timedelta(days=3),
                       meeting_id=m_rosa)
    ids["neighbors"] = add(book, ids["rosa"], "theirs", "Bring four Building B neighbors", TODAY + timedelta(days=4),
                           meeting_id=m_rosa)
    ids["hearing"] = add(book, ids["maria"], "mine", "Ask Rosa to speak at the union's hearing",
                         TODAY + timedelta(days=11))
    ids["logo"] = add(book, ids["amara"], "mine", "Check with the clinic before using its logo", None)
    ids["deacons"] = add(book, ids["okafor"], "theirs", "Raise the endorsement with the deacon board",
                         TODAY + timedelta(days=1), meeting_id=m_okafor)
    ids["m_okafor"] = m_okafor
    return ids


def _page(book, contact_id: int) -> str:
    console = Console(width=200, record=True, file=open(os.devnull, "w"))
    console.print(render(history(book, contact_id)))
    return console.export_text()


# -- the store ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("status, note", [("done", ""), ("partly", "2 of 4 neighbors"), ("missed", "forgot"),
                                          ("dropped", "no longer needed")])
def test_each_mark_keeps_its_day_and_note_and_the_state_before(book, coalition, status, note):
    commitments.mark(book, coalition["neighbors"], status, on=YESTERDAY, note=note)
    row = peek.row(book, "SELECT status, done_on, outcome_note, closed_at FROM commitment WHERE id = ?",
                   (coalition["neighbors"],))
    assert (row["status"], row["done_on"], row["outcome_note"]) == (status, YESTERDAY.isoformat(), note)
    assert row["closed_at"]
    kept = peek.rows(book, "SELECT status, done_on, outcome_note FROM commitment_change WHERE commitment_id = ?",
                     (coalition["neighbors"],))
    assert [tuple(r) for r in kept] == [("open", None, "")]
    line = commitments.get(book, coalition["neighbors"])
    assert line.status == status and line.done_on == YESTERDAY and line.can_undo


def test_a_mark_is_refused_whole_when_partly_says_not_how_much_or_the_day_is_to_come(book, coalition):
    with pytest.raises(ValidationError) as refused:
        commitments.mark(book, coalition["flyer"], "partly", note="  ")
    assert "how much" in refused.value.errors["note"]
    with pytest.raises(ValidationError) as refused:
        commitments.mark(book, coalition["flyer"], "done", on=TODAY + timedelta(days=1))
    assert "after today" in refused.value.errors["on"]
    with pytest.raises(RelmeetError):
        commitments.mark(book, coalition["flyer"], "open")
    with pytest.raises(RelmeetError, match="no longer in the book"):
        commitments.mark(book, 9999, "done")
    assert peek.value(book, "SELECT status FROM commitment WHERE id = ?", (coalition["flyer"],)) == "open"
    assert peek.value(book, "SELECT count(*) FROM commitment_change") == 0


def test_undo_puts_back_each_state_in_turn_then_says_there_is_nothing(book, coalition):
    flyer = coalition["flyer"]
    commitments.mark(book, flyer, "done", on=YESTERDAY)
    commitments.reopen(book, flyer)
    commitments.mark(book, flyer, "partly", note="sent the English one")
    commitments.mark(book, coalition["deacons"], "missed")
    # with no commitment named, undo takes back the latest mark in the book
    assert commitments.last_marked(book).id == coalition["deacons"]
    assert commitments.undo(book).status == "open"
    assert peek.value(book, "SELECT status FROM commitment WHERE id = ?", (coalition["deacons"],)) == "open"
    back = commitments.undo(book, flyer)
    assert (back.status, back.done_on, back.outcome_note) == ("open", None, "")
    back = commitments.undo(book, flyer)
    assert (back.status, back.done_on) == ("done", YESTERDAY)
    assert peek.row(book, "SELECT status, done_on FROM commitment WHERE id = ?", (flyer,))["done_on"] == \
        YESTERDAY.isoformat()
    assert commitments.undo(book, flyer).status == "open"
    assert peek.row(book, "SELECT closed_at, done_on FROM commitment WHERE id = ?", (flyer,))["closed_at"] is None
    with pytest.raises(RelmeetError, match="no mark to undo"):
        commitments.undo(book, flyer)
    with pytest.raises(RelmeetError, match="No mark to undo"):
        commitments.undo(book)
    assert peek.value(book, "SELECT count(*) FROM commitment_change") == 0


def test_reopen_clears_the_day_and_keeps_how_far_it_got(book, coalition):
    commitments.mark(book, coalition["neighbors"], "partly", on=YESTERDAY, note="2 of 4")
    commitments.reopen(book, coalition["neighbors"])
    row = peek.row(book, "SELECT status, done_on, closed_at, outcome_note FROM commitment WHERE id = ?",
                   (coalition["neighbors"],))
    assert tuple(row) == ("open", None, None, "2 of 4")
    assert peek.value(book, "SELECT count(*) FROM commitment_change") == 2


def test_progress_notes_are_dated_and_listed_by_day(book, coalition):
    neighbors = coalition["neighbors"]
    commitments.add_note(book, neighbors, "2 of 4 neighbors confirmed")
    commitments.add_note(book, neighbors, "asked at the laundry room", on=YESTERDAY - timedelta(days=1))
    with pytest.raises(ValidationError):
        commitments.add_note(book, neighbors, "   ")
    with pytest.raises(ValidationError):
        commitments.add_note(book, neighbors, "later", on=TODAY + timedelta(days=2))
    assert [(n.noted_on, n.text) for n in commitments.notes(book, neighbors)] == [
        (YESTERDAY - timedelta(days=1), "asked at the laundry room"), (TODAY, "2 of 4 neighbors confirmed")]
    assert peek.value(book, "SELECT count(*) FROM commitment_note WHERE commitment_id = ?", (neighbors,)) == 2
    assert commitments.get(book, neighbors).notes[-1].text == "2 of 4 neighbors confirmed"


def test_filters_and_the_order_overdue_first(book, coalition):
    def texts(**wanted) -> list[str]:
        return [line.text for line in commitments.ledger(book, CommitmentFilter(**wanted)).commitments]

    assert texts() == ["Send Rosa the flyer in Vietnamese", "Raise the endorsement with the deacon board",
                       "Bring four Building B neighbors", "Ask Rosa to speak at the union's hearing",
                       "Check with the clinic before using its logo"]
    assert texts(owner="mine") == ["Send Rosa the flyer in Vietnamese", "Ask Rosa to speak at the union's hearing",
                                   "Check with the clinic before using its logo"]
    assert texts(owner="theirs") == ["Raise the endorsement with the deacon board", "Bring four Building B neighbors"]
    assert texts(contacts=(coalition["rosa"],)) == ["Send Rosa the flyer in Vietnamese",
                                                    "Bring four Building B neighbors"]
    assert texts(contacts=()) == []
    # the campaign of the meeting it was made in
    assert texts(campaign_id=coalition["campaign"]) == ["Send Rosa the flyer in Vietnamese",
                                                        "Bring four Building B neighbors"]
    assert texts(organization_id=coalition["union"]) == ["Ask Rosa to speak at the union's hearing"]
    assert texts(within_days=1) == ["Send Rosa the flyer in Vietnamese", "Raise the endorsement with the deacon board"]
    assert texts(within_days=0) == ["Send Rosa the flyer in Vietnamese"]
    commitments.mark(book, coalition["flyer"], "done")
    assert "Send Rosa the flyer in Vietnamese" not in texts()
    assert texts(owner="mine", include_closed=True)[-1] == "Send Rosa the flyer in Vietnamese"  # closed after open
    with pytest.raises(RelmeetError):
        commitments.ledger(book, CommitmentFilter(owner="everyone"))


def test_a_second_contact_sees_the_commitment_in_their_history(book, coalition):
    hearing = coalition["hearing"]
    with pytest.raises(ValidationError):
        commitments.set_involved(book, hearing, coalition["maria"])  # already hers
    commitments.set_involved(book, hearing, coalition["rosa"])
    assert peek.value(book, "SELECT involves_contact_id FROM commitment WHERE id = ?", (hearing,)) == coalition["rosa"]
    rosa = _page(book, coalition["rosa"])
    assert "I promised María José Ortiz: Ask Rosa to speak at the union's hearing — Open · due Fri 4 Dec" in rosa
    maria = _page(book, coalition["maria"])
    assert "I promised: Ask Rosa to speak at the union's hearing (involves Rosa Nguyễn) — Open" in maria
    # and the commitments view filtered on Rosa lists it too
    ledger = commitments.ledger(book, CommitmentFilter(contacts=(coalition["rosa"],)))
    assert "Ask Rosa to speak at the union's hearing" in [line.text for line in ledger.commitments]
    commitments.set_involved(book, hearing, None)
    assert "union's hearing" not in _page(book, coalition["rosa"])


def test_closed_commitments_stay_in_the_history_with_outcome_day_and_notes(book, coalition):
    commitments.mark(book, coalition["flyer"], "done", on=date(2026, 11, 19))
    commitments.add_note(book, coalition["neighbors"], "2 of 4 neighbors confirmed", on=YESTERDAY)
    commitments.mark(book, coalition["neighbors"], "partly", on=YESTERDAY, note="2 of 4")
    page = _page(book, coalition["rosa"])
    assert "Commitments: outcomes and progress" in page
    assert "I promised: Send Rosa the flyer in Vietnamese — Done Thu 19 Nov" in page
    assert "They promised: Bring four Building B neighbors — Partly done Sun 22 Nov: 2 of 4" in page
    assert "Sun 22 Nov  2 of 4 neighbors confirmed" in page
    assert "None open." in page  # the open list above no longer holds them
    # a contact with nothing closed, noted or shared has no such section
    assert "outcomes and progress" not in _page(book, coalition["amara"])


def test_a_passed_check_in_is_overdue_until_done(book, coalition):
    found = commitments.ledger(book).check_ins
    assert [(c.contact, c.due_on, c.text) for c in found] == [
        ("Pastor Denise Okafor", TODAY - timedelta(days=5), "Check back after the deacon board meets")]
    assert commitments.ledger(book, CommitmentFilter(owner="theirs")).check_ins == []
    listed = due.due_soon(book)
    assert isinstance(listed[0], CheckInDue) and listed[0].meeting_id == coalition["m_okafor"]
    assert all(item.id != listed[0].id for item in listed[1:])  # never a commitment's id
    assert "Check-in overdue: it was set for Wed 18 Nov" in _page(book, coalition["okafor"])
    commitments.check_in_done(book, coalition["m_okafor"], on=YESTERDAY)
    assert peek.value(book, "SELECT check_in_done_on FROM meeting WHERE id = ?", (coalition["m_okafor"],)) == \
        YESTERDAY.isoformat()
    assert commitments.ledger(book).check_ins == []
    assert not any(isinstance(item, CheckInDue) for item in due.due_soon(book))
    assert "Check-in" not in _page(book, coalition["okafor"])
    assert [c.status for c in commitments.ledger(book, CommitmentFilter(include_closed=True)).check_ins] == ["done"]
    commitments.check_in_reopen(book, coalition["m_okafor"])
    assert len(commitments.ledger(book).check_ins) == 1
    # meeting them again after it counts as checking in
    _held(book, coalition["okafor"], YESTERDAY)
    assert commitments.ledger(book).check_ins == []


def test_the_day_it_was_done_reads_backwards():
    assert parse_done_on("thu", today=TODAY) == date(2026, 11, 19)
    assert parse_done_on("the 14th", today=TODAY) == date(2026, 11, 14)
    assert parse_done_on("dec 3", today=TODAY) == date(2025, 12, 3)
    assert parse_done_on("yesterday", today=TODAY) == YESTERDAY
    assert parse_done_on("today", today=TODAY) == TODAY
    assert parse_done_on("", today=TODAY) is None
    for ahead in ("tomorrow", "in 3 weeks", "2026-12-01"):
        with pytest.raises(ValidationError) as refused:
            parse_done_on(ahead, today=TODAY)
        assert "after today" in refused.value.errors["on"]


# -- the commitments view ----------------------------------------------------------------------------------------

def _shown(app) -> list[str]:
    table = app.screen.query_one("#ledger", DataTable)
    return [table.get_row_at(i)[1].plain.replace("\n", " | ") for i in range(table.row_count)]


def _highlight(app, text: str) -> None:
    table = app.screen.query_one("#ledger", DataTable)
    table.move_cursor(row=next(i for i, row in enumerate(_shown(app)) if text in row))


async def _mark_from_the_view(pilot, text: str) -> None:
    """From the home screen: the commitments view, the commitment with this text, Enter: its mark dialog."""
    await pilot.pause()
    await run_from_palette(pilot, "commitments: all")
    _highlight(pilot.app, text)
    await pilot.press("enter")
    await pilot.pause()


async def test_the_view_filters_whose_contact_campaign_organization_and_due_window(book, coalition):
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "commitments: what I owe")
        assert type(app.screen).__name__ == "CommitmentsScreen"
        title = str(app.screen.query_one("#ledger-title").render())
        assert "What I owe · 3 open · 1 overdue · 1 check-in (1 overdue)" in title
        assert _shown(app) == ["Pastor Denise Okafor | Check back after the deacon board meets",
                               "Rosa Nguyễn · Just-cause ordinance | Send Rosa the flyer in Vietnamese",
                               "María José Ortiz | Ask Rosa to speak at the union's hearing",
                               "Dr. Amara Singh | Check with the clinic before using its logo"]
        screen = app.screen
        screen.query_one("#owner", Select).value = "theirs"
        await pilot.pause()
        assert _shown(app) == ["Pastor Denise Okafor | Raise the endorsement with the deacon board",
                               "Rosa Nguyễn · Just-cause ordinance | Bring four Building B neighbors"]
        screen.query_one("#owner", Select).value = "all"
        screen.query_one("#who").focus()
        await pilot.press(*"rosa")
        await pilot.pause(0.4)
        assert [row.split(" | ")[1] for row in _shown(app)] == [
            "Send Rosa the flyer in Vietnamese", "Bring four Building B neighbors"]
        screen.query_one("#who", Input).value = ""
        screen.query_one("#organization", Select).value = coalition["union"]
        await pilot.pause(0.4)
        assert _shown(app) == ["María José Ortiz | Ask Rosa to speak at the union's hearing"]
        screen.query_one("#organization", Select).clear()
        screen.query_one("#campaign", Select).value = coalition["campaign"]
        await pilot.pause()
        assert len(_shown(app)) == 2 and all("Just-cause ordinance" in row for row in _shown(app))
        screen.query_one("#campaign", Select).clear()
        screen.query_one("#window", Select).value = 1
        await pilot.pause()
        assert [row.split(" | ")[1] for row in _shown(app)] == [
            "Check back after the deacon board meets", "Send Rosa the flyer in Vietnamese",
            "Raise the endorsement with the deacon board"]


async def test_marking_partly_with_how_much_and_a_day_then_undo(book, coalition):
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await _mark_from_the_view(pilot, "Bring four Building B neighbors")
        dialog = app.screen
        assert type(dialog).__name__ == "CommitmentStatusScreen"
        assert app.focused.id == "on"  # typing goes to the day
        assert dialog.query("Footer")
        shown = {b.key: b.description for _, b, _e, _t in dialog.active_bindings.values() if b.show}
        assert shown.get("escape") == "Cancel"
        await pilot.press("enter", "enter")  # slips of Enter move on, to Cancel first
        await pilot.pause()
        assert app.focused.id == "cancel"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommitmentsScreen"
        assert peek.value(book, "SELECT status FROM commitment WHERE id = ?", (coalition["neighbors"],)) == "open"

        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#on", Input).value = "sun"
        await pilot.click("#partly")  # without how much: refused, said beside the field
        await pilot.pause(0.3)  # a button pressed takes no second press for 0.2 s
        assert app.screen is dialog
        assert "how much" in str(dialog.query_one("#field-note .field-error").render())
        preview = str(dialog.query_one(".date-preview").render())
        assert "Sun 22 Nov" in preview
        dialog.query_one("#note", Input).value = "2 of 4 neighbors"
        await pilot.click("#partly")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommitmentsScreen"
        row = peek.row(book, "SELECT status, done_on, outcome_note FROM commitment WHERE id = ?",
                       (coalition["neighbors"],))
        assert tuple(row) == ("partly", "2026-11-22", "2 of 4 neighbors")
        assert any("Partly done Sun 22 Nov: 2 of 4 neighbors" in toast and "Ctrl+Z" in toast
                   for toast in await notices(pilot))
        assert not any("Building B" in row for row in _shown(app))  # closed: out of the open list
        await pilot.click("#closed")
        await pilot.pause()
        table = app.screen.query_one("#ledger", DataTable)
        outcomes = [table.get_row_at(i)[2].plain.split("\n")[0] for i in range(table.row_count)]
        assert "Partly done Sun 22 Nov: 2 of 4 neighbors" in outcomes

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert peek.value(book, "SELECT status FROM commitment WHERE id = ?", (coalition["neighbors"],)) == "open"
        assert peek.value(book, "SELECT count(*) FROM commitment_change") == 0
        assert any("Undone: Bring four Building B neighbors is open again." in toast for toast in await notices(pilot))


async def test_progress_note_second_contact_reopen_and_open_contact_from_the_view(book, coalition):
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "commitments: all")
        _highlight(app, "Ask Rosa to speak")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "ProgressNoteScreen"
        await pilot.press(*"Rosa said maybe", "tab")
        app.screen.query_one("#on", Input).value = "yesterday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert tuple(peek.row(book, "SELECT noted_on, text FROM commitment_note")) == ("2026-11-22", "Rosa said maybe")
        assert "Sun 22 Nov  Rosa said maybe" in str(app.screen.query_one("#ledger-detail-text").render())
        await pilot.press("ctrl+k")
        await pilot.pause()
        await pilot.press(*"rosa", "enter")
        await pilot.pause()
        assert peek.value(book, "SELECT involves_contact_id FROM commitment WHERE id = ?",
                          (coalition["hearing"],)) == coalition["rosa"]
        assert any("involves Rosa Nguyễn" in row for row in _shown(app))
        await pilot.press("ctrl+r")  # open already: nothing to do
        await pilot.pause()
        assert any("open already" in toast for toast in await notices(pilot))
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert type(app.screen).__name__ == "HistoryScreen"
        assert app.screen.selected_contact_id == coalition["maria"]


async def test_the_day_typed_as_the_dialog_opens_is_the_day_marked(book, coalition):
    """Focus starts in "When it happened": a day typed at once lands there, and Tab goes on through the
    note and Cancel to Done. (Focus used to start on Cancel, where Tab reached Done and the day typed went
    nowhere: Enter then marked it done today.)"""
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await _mark_from_the_view(pilot, "Bring four Building B neighbors")
        await pilot.press("s", "u", "n", "tab", "tab", "tab")
        await pilot.pause()
        assert app.focused.id == "done"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommitmentsScreen"
    row = peek.row(book, "SELECT status, done_on FROM commitment WHERE id = ?", (coalition["neighbors"],))
    assert tuple(row) == ("done", (TODAY - timedelta(days=1)).isoformat())  # Sunday, the day before the pinned Monday


async def test_a_check_in_from_the_view_then_undo(book, coalition):
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "commitments: what I owe")
        _highlight(app, "Check back after the deacon board meets")
        assert "5 days overdue" in app.screen.query_one("#ledger", DataTable).get_row_at(0)[0].plain
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "CheckInScreen" and app.focused.id == "on"
        await pilot.press("tab", "tab", "enter")  # past Cancel to "Checked in" (the day is today unless typed)
        await pilot.pause()
        assert peek.value(book, "SELECT check_in_done_on FROM meeting WHERE id = ?", (coalition["m_okafor"],)) == \
            TODAY.isoformat()
        assert not any("deacon board meets" in row for row in _shown(app))
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert peek.value(book, "SELECT check_in_done_on FROM meeting WHERE id = ?", (coalition["m_okafor"],)) is None
        assert any("deacon board meets" in row for row in _shown(app))


async def test_marking_from_home_keeps_the_log_and_undo_works_from_the_palette(book, coalition):
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause(0.5)
        listed = app.screen.query_one("#due")
        listed.focus()
        listed.highlighted = next(i for i, item in enumerate(app.screen.due_items) if item.id == coalition["flyer"])
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommitmentStatusScreen" and app.focused.id == "on"
        await pilot.click("#done")
        await pilot.pause()
        row = peek.row(book, "SELECT status, done_on FROM commitment WHERE id = ?", (coalition["flyer"],))
        assert tuple(row) == ("done", TODAY.isoformat())
        assert peek.value(book, "SELECT count(*) FROM commitment_change") == 1
        await run_from_palette(pilot, "commitments: undo last mark")
        assert peek.value(book, "SELECT status FROM commitment WHERE id = ?", (coalition["flyer"],)) == "open"
        assert any("Undone: Send Rosa the flyer in Vietnamese (Rosa Nguyễn) is open again." in toast
                   for toast in await notices(pilot))
        await pilot.pause(0.5)
        assert any(item.id == coalition["flyer"] for item in app.screen.due_items)


async def test_from_a_contacts_history_the_view_opens_on_their_ledger(book, coalition):
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        app.open_contact(coalition["rosa"])
        await pilot.pause()
        await run_from_palette(pilot, "commitments: all")
        assert app.screen.query_one("#who", Input).value == "Rosa Nguyễn"
        assert [row.split(" | ")[1] for row in _shown(app)] == [
            "Send Rosa the flyer in Vietnamese", "Bring four Building B neighbors"]


# -- relmeet due ---------------------------------------------------------------------------------------------

def _due(book, *args: str) -> subprocess.CompletedProcess:
    env = os.environ.copy() | {"RELMEET_TODAY": TODAY.isoformat()}
    return subprocess.run([sys.executable, "-m", "relmeet", "due", "--db", str(book.path), *args],
                          capture_output=True, text=True, timeout=60, env=env)


def test_relmeet_due_mine_theirs_and_days(book, coalition):
    mine = _due(book, "--mine")
    assert mine.returncode == 0, mine.stderr
    assert "What I owe: due in the next 7 days and overdue" in mine.stdout
    assert "5 days overdue  check in (Pastor Denise Okafor): Check back after the deacon board meets" in mine.stdout
    assert "3 days overdue  I owe (Rosa Nguyễn): Send Rosa the flyer in Vietnamese" in mine.stdout
    assert "they owe" not in mine.stdout and "union's hearing" not in mine.stdout  # due in 11 days

    theirs = _due(book, "--theirs")
    assert "they owe (Pastor Denise Okafor): Raise the endorsement" in theirs.stdout
    assert "I owe" not in theirs.stdout and "check in" not in theirs.stdout

    later = _due(book, "--mine", "--days", "14")
    assert "in the next 14 days" in later.stdout and "Ask Rosa to speak at the union's hearing" in later.stdout

    commitments.check_in_done(book, coalition["m_okafor"])
    assert "check in" not in _due(book).stdout

    refused = _due(book, "--days", "soon")
    assert refused.returncode == 2 and "not a number of days" in refused.stderr
    both = _due(book, "--mine", "--theirs")
    assert both.returncode == 2 and "not allowed with" in both.stderr


@pytest.fixture
def quick_busy(monkeypatch):
    """Another program's write lock is waited for a fifth of a second, not five."""
    monkeypatch.setenv("RELMEET_BUSY_TIMEOUT_MS", "200")


async def test_a_book_busy_when_marking_keeps_the_dialog_and_what_was_typed(quick_busy, book, coalition):
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "commitments: all")
        _highlight(app, "Bring four Building B neighbors")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#note", Input).value = "2 of 4 neighbors"
        with peek.write(book):  # another program holds the book's write lock
            await pilot.click("#partly")
            await pilot.pause()
        assert app.screen is dialog and dialog.query_one("#note", Input).value == "2 of 4 neighbors"
        assert any("The book is busy" in toast for toast in await notices(pilot))
        assert peek.value(book, "SELECT status FROM commitment WHERE id = ?", (coalition["neighbors"],)) == "open"
        assert peek.value(book, "SELECT count(*) FROM commitment_change") == 0
        await pilot.pause(0.3)
        await pilot.click("#partly")  # the lock gone, the same press goes through
        await pilot.pause()
        assert peek.value(book, "SELECT status FROM commitment WHERE id = ?", (coalition["neighbors"],)) == "partly"


async def test_names_with_brackets_are_shown_as_typed(book, coalition):
    campaigns.save(book, CampaignIn(name="Rent [/] strike"))
    contacts.create(book, ContactIn(name="[bold]Union[/bold] Hall", kind="organization", level="organization"))
    mine = captures.add_commitment(book, coalition["rosa"], "mine", "Print the [red]flyers[/red]", TODAY)
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "commitments: all")
        screen = app.screen
        assert type(screen).__name__ == "CommitmentsScreen"
        assert any("Print the [red]flyers[/red]" in row for row in _shown(app))
        select = screen.query_one("#campaign", Select)
        select.focus()
        await pilot.press("enter")  # the list of campaigns opens, names drawn as text
        await pilot.pause()
        await pilot.press("escape")
        screen.query_one("#ledger", DataTable).focus()
        _highlight(app, "flyers")
        await pilot.press("enter")
        await pilot.pause()
        assert "Print the [red]flyers[/red]" in str(app.screen.query_one("#outcome-what").render())
        await pilot.press("escape")
        await pilot.pause()
        assert peek.value(book, "SELECT status FROM commitment WHERE id = ?", (mine,)) == "open"

"""Screens that don't trip a newcomer: a dialog's Footer and F1 list its own keys, focus starts on the safe
choice and follows the work, the home filter ignores accents and case, and `relmeet show | cat` prints
every line whole."""
from __future__ import annotations

import io
import os
import subprocess
import sys

from rich.console import Console
from textual.widgets import Button, DataTable, Input, OptionList

from relmeet.app import RelmeetApp
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.screens.confirm import ConfirmScreen
from relmeet.screens.contact_form import ContactFormScreen
from relmeet.screens.help import HelpScreen
from relmeet.store import Book, contacts, meetings
import peek


def _plain(renderable) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def _footer_keys(screen) -> dict[str, str]:
    return {key.key: key.description for key in screen.query("FooterKey")}


async def test_a_dialog_shows_its_own_keys_in_its_footer_and_f1(book):
    contacts.create(book, ContactIn(name="Rosa Nguyễn"))
    app = RelmeetApp(book)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"Ana")
        await pilot.press("escape")  # changed: it asks before discarding
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        keys = _footer_keys(dialog)
        assert keys.get("escape") == "No" and keys.get("ctrl+y") == "Yes" and keys.get("f1") == "Help"
        assert "ctrl+n" not in keys and "ctrl+s" not in keys  # not the keys of the screens behind it
        # focus starts on the safe choice, and it is the one that looks chosen
        assert app.focused is dialog.query_one("#no", Button)
        assert dialog.query_one("#no", Button).variant == "primary"
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen) and help_screen.under is dialog
        shown = _plain(help_screen.query_one("#help-text").content)
        assert "Keys on a question" in shown and "Go ahead" in shown
        assert "Add a person" not in shown and "Check the form and save" not in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press("enter")  # Enter on the focused "Keep editing"
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        assert app.screen.query_one("#name", Input).value == "Ana"
    assert peek.value(book, "SELECT count(*) FROM contact") == 1


async def test_focus_follows_the_work_on_the_home_screen(book):
    rosa = contacts.create(book, ContactIn(name="Rosa Nguyễn"))
    contacts.create(book, ContactIn(name="Hieu Tran"))
    meeting = meetings.plan(book, MeetingPlan(contact_id=rosa, purpose="House meeting"))
    meetings.start(book, meeting)
    meetings.end(book, meeting)
    from relmeet.store import captures
    from relmeet.domain import today
    captures.add_commitment(book, rosa, "theirs", "Invite five neighbors", today(), meeting_id=meeting)
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        home = app.screen
        table = home.query_one("#contacts", DataTable)
        # Ctrl+E from the filter box edits the highlighted contact
        await pilot.press("ctrl+l")
        assert app.focused is home.query_one("#filter", Input)
        await pilot.press(*"rosa")
        await pilot.pause(0.3)
        await pilot.press("ctrl+e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormScreen) and form.contact_id == rosa
        form.query_one("#role", Input).value = "Building B captain"
        await pilot.press("ctrl+s")
        await pilot.pause()
        # saved: back on the list, not on the filter or a dropdown
        assert app.screen is home and app.focused is table
        assert peek.value(book, "SELECT role FROM contact WHERE id = ?", (rosa,)) == "Building B captain"
        # the due list takes Enter without a Down first
        due = home.query_one("#due", OptionList)
        due.focus()
        await pilot.pause()
        assert due.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not home  # the outcome dialog for Rosa's commitment
        await pilot.press("escape")
        await pilot.pause()
    assert peek.value(book, "SELECT status FROM commitment") == "open"


async def test_the_home_filter_ignores_accents_and_case(book):
    maria = contacts.create(book, ContactIn(name="María José Peña", role="Enfermera"))
    contacts.create(book, ContactIn(name="Mark Penn"))
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#contacts", DataTable)
        for typed in ("maria", "pena", "MARIA pena", "jose", "enfermera"):
            filter_box = app.screen.query_one("#filter", Input)
            filter_box.value = typed
            await pilot.pause(0.3)
            assert list(table.rows) == [type(next(iter(table.rows)))(str(maria))], typed
    assert [r.name for r in contacts.list_rows(book, text="PEÑA")] == ["María José Peña"]


def test_show_piped_prints_every_line_whole(tmp_path):
    path = tmp_path / "book.sqlite3"
    long_note = ("She said the landlord's letter came the same week as the clinic bill, and that the whole floor "
                 "is talking about withholding rent together if the repairs don't start by March.")
    with Book(path) as book:
        rosa = contacts.create(book, ContactIn(name="Rosa Nguyễn"))
        meeting = meetings.plan(book, MeetingPlan(contact_id=rosa, purpose="Get to know Rosa"))
        meetings.start(book, meeting)
        meetings.end(book, meeting)
        with peek.write(book) as conn:
            conn.execute("UPDATE meeting SET notes = ? WHERE id = ?", (long_note, meeting))
    out = subprocess.run([sys.executable, "-m", "relmeet", "--db", str(path), "show", "rosa"], capture_output=True,
                         text=True, timeout=60, env=os.environ.copy())
    assert out.returncode == 0, out.stderr
    assert f"    {long_note}\n" in out.stdout  # one line, indented, not cut at 80 columns
    assert not any(line != line.rstrip() for line in out.stdout.splitlines())  # no padding after the text


def test_show_tells_two_people_of_the_same_name_apart_and_takes_the_number(tmp_path):
    path = tmp_path / "book.sqlite3"
    with Book(path) as book:
        union = contacts.create(book, ContactIn(name="Eastside Tenants Union", kind="organization",
                                                level="organization"))
        first = contacts.create(book, ContactIn(name="Rosa Nguyễn", organization_id=union))
        second = contacts.create(book, ContactIn(name="Rosa Nguyễn", email="rosa.n@example.org", role="Nurse"))

    def show(*words: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "relmeet", "--db", str(path), "show", *words],
                              capture_output=True, text=True, timeout=60, env=os.environ.copy())

    both = show("rosa", "nguyen")
    assert both.returncode == 1
    assert f"Rosa Nguyễn — Eastside Tenants Union · never met · #{first}" in both.stdout
    assert f"Rosa Nguyễn — Nurse · rosa.n@example.org · never met · #{second}" in both.stdout
    chosen = show(f"#{second}")
    assert chosen.returncode == 0 and chosen.stdout.startswith("Rosa Nguyễn\nNurse")


def test_the_brief_heading_says_today_tomorrow_or_the_day(book):
    from datetime import datetime, time, timedelta

    from relmeet.domain import today
    from relmeet.pages.brief import render
    from relmeet.store.prep import what_we_know

    rosa = contacts.create(book, ContactIn(name="Rosa Nguyễn"))
    headings = []
    for days in (0, 1, 9):
        with peek.write(book) as conn:
            conn.execute("DELETE FROM meeting")
        at = datetime.combine(today() + timedelta(days=days), time(23, 0)).astimezone()
        meetings.plan(book, MeetingPlan(contact_id=rosa, scheduled_at=at, purpose="Debrief"))
        shown = _plain(render(what_we_know(book, rosa)))
        headings.append(next(line.strip() for line in shown.splitlines()
                             if line.strip().startswith(("Today", "Tomorrow", "Next meeting"))))
    day = today() + timedelta(days=9)
    assert headings == ["Today", "Tomorrow", f"Next meeting · {day:%a %-d %b}"]


async def test_the_merge_picker_tells_two_of_the_same_name_apart(book):
    from relmeet.screens.merge import MergeScreen

    union = contacts.create(book, ContactIn(name="Eastside Tenants Union", kind="organization", level="organization"))
    keep = contacts.create(book, ContactIn(name="Rosa Nguyễn", organization_id=union))
    other = contacts.create(book, ContactIn(name="Rosa Nguyễn", email="rosa.n@example.org"))
    third = contacts.create(book, ContactIn(name="Rosa Nguyễn", role="Nurse"))
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(MergeScreen(keep))
        await pilot.pause()
        app.screen.query_one("#merge-name", Input).value = "rosa"
        await pilot.pause(0.3)
        shown = [str(o.prompt) for o in app.screen.query_one("#merge-candidates", OptionList).options]
        assert f"Rosa Nguyễn  rosa.n@example.org · never met · #{other}" in shown
        assert f"Rosa Nguyễn  Nurse · never met · #{third}" in shown
    assert peek.value(book, "SELECT count(*) FROM contact") == 4


# Nothing cut off that matters: long organization and campaign names, a referral's reason -------------------

import long_names_book  # noqa: E402
from screen_text import region_text  # noqa: E402
from textual.geometry import Region  # noqa: E402


def _first_column(table: DataTable) -> Region:
    """Where a table's first column is drawn, its rows below the header."""
    width = table.ordered_columns[0].get_render_width(table)
    return Region(table.region.x, table.region.y + 1, width, table.region.height - 1)


async def test_long_names_and_reasons_are_shown_whole_at_80_columns(book):
    ids = long_names_book.fill(book)
    app = RelmeetApp(book)
    async with app.run_test(size=(80, 24)) as pilot:
        # the campaigns list: a long name wraps in its row, the counts keep their columns
        app.action_campaigns()
        await pilot.pause()
        table = app.screen.query_one("#campaign-list", DataTable)
        assert long_names_book.CAMPAIGN in region_text(app, _first_column(table))
        assert table.get_row_at(0)[1] == "1"
        await pilot.press("escape")
        await pilot.pause()
        # the organization's page: its name in the title, the campaign of its meetings
        app.open_contact(ids["coalition"])
        await pilot.pause()
        page = region_text(app, app.screen.region)
        assert long_names_book.COALITION in page and long_names_book.CAMPAIGN in page
        await pilot.press("escape")
        await pilot.pause()
        # the referrals: the highlighted referral whole under the tree, the connectors' counts in view
        app.action_referrals()
        await pilot.pause()
        connectors = app.screen.query_one("#connectors", DataTable)
        assert "# Connector Referred Meetings 1 Marcus Bell 1 0" in region_text(app, connectors.region)
        await pilot.press("down")
        await pilot.pause()
        detail = app.screen.query_one("#referral-detail")
        assert f"Marcus Bell referred Ana Flores: “{long_names_book.REASON}”" in region_text(app, detail.region)
    assert peek.value(book, "SELECT note FROM referral") == long_names_book.REASON


async def test_long_names_at_120_columns(book):
    long_names_book.fill(book)
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 36)) as pilot:
        app.action_campaigns()
        await pilot.pause()
        assert long_names_book.CAMPAIGN in region_text(app, _first_column(app.screen.query_one("#campaign-list")))
        await pilot.press("escape")
        app.action_referrals()
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        assert long_names_book.REASON in region_text(app, app.screen.query_one("#referral-detail").region)
    assert peek.value(book, "SELECT name FROM campaign") == long_names_book.CAMPAIGN

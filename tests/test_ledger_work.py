"""Issue 13, the last of it: interests and referrals edited from the contact's history, the follow-up's date
fields, the thank-you listed wherever follow-ups are, and one key for "private"."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from rich.console import Console
from textual.binding import Binding
from textual.widgets import Input, OptionList, Select, Static

from relmeet.app import RelmeetApp
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.screens.capture import CaptureScreen
from relmeet.screens.history import HistoryScreen
from relmeet.store import captures, contacts, meetings
import peek


def _plain(renderable) -> str:
    """What the organizer reads, as plain text."""
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(renderable)
    return console.file.getvalue()


def _held(book, contact_id: int, days_ago: int = 3) -> int:
    meeting = meetings.plan(book, MeetingPlan(contact_id=contact_id, purpose="First one-on-one"))
    at = datetime.now(timezone.utc) - timedelta(days=days_ago)
    meetings.record_held(book, meeting, at, at + timedelta(hours=1), "")
    return meeting


def _work_lines(screen) -> list[str]:
    box = screen.query_one("#work", OptionList)
    return [box.get_option_at_index(i).prompt.plain for i in range(box.option_count)]


async def _work_on(pilot, words: str) -> None:
    screen = pilot.app.screen
    box = screen.query_one("#work", OptionList)
    box.focus()
    box.highlighted = next(i for i, line in enumerate(_work_lines(screen)) if words in line)
    await pilot.press("enter")
    await pilot.pause()


# 1. Interests (and referrals) are worked from the history ------------------------------------

async def test_an_interest_and_a_referral_are_edited_from_the_history_and_the_page_follows(book):
    ana = contacts.create(book, ContactIn(name="Ana Ruiz"))
    tran = contacts.create(book, ContactIn(name="Hieu Tran"))
    first = _held(book, ana)
    worry = captures.add_interest(book, ana, "concern", "Mold in the back bedroom", meeting_id=first,
                                  responsible="the landlord")
    captures.add_interest(book, ana, "self_interest", "Keep her kids at Lincoln", meeting_id=first)
    referral = captures.add_referral(book, ana, tran, meeting_id=first, note="he knows the block")
    app = RelmeetApp(book)
    async with app.run_test(size=(170, 50)) as pilot:
        page = HistoryScreen(ana)
        await app.push_screen(page)
        await pilot.pause()
        lines = _work_lines(page)
        assert "Concern: Mold in the back bedroom  (blames the landlord)" in lines
        assert "Self-interest: Keep her kids at Lincoln" in lines
        assert "Referral: talk to Hieu Tran  (he knows the block)" in lines

        await _work_on(pilot, "Concern: Mold")
        dialog = app.screen
        assert isinstance(dialog, CaptureScreen) and dialog.editing.table == "interest"
        assert dialog.query_one("#text", Input).value == "Mold in the back bedroom"
        assert dialog.query_one("#kind", Select).value == "concern"
        dialog.query_one("#kind", Select).value = "story"
        dialog.query_one("#text", Input).value = "Her neighbour's ceiling fell in last winter"
        await pilot.press("ctrl+t")  # private, as everywhere
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is page
        text = _plain(page.query_one("#history-text", Static).content)
        assert "Story: Her neighbour's ceiling fell in last winter" in text and "Mold" not in text
        assert any(line.startswith("Story: Her neighbour's ceiling fell in last winter") and "🔒" in line
                   for line in _work_lines(page))

        await _work_on(pilot, "Referral: talk to Hieu Tran")
        dialog = app.screen
        assert isinstance(dialog, CaptureScreen) and dialog.editing.table == "referral"
        dialog.query_one("#note", Input).value = "everyone shops at his market"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is page
        assert "Referral: talk to Hieu Tran  (everyone shops at his market)" in _work_lines(page)
    assert tuple(peek.row(book, "SELECT kind, text, private, responsible FROM interest WHERE id = ?", (worry,))) == (
        "story", "Her neighbour's ceiling fell in last winter", 1, "the landlord")
    assert peek.value(book, "SELECT note FROM referral WHERE id = ?", (referral,)) == "everyone shops at his market"
    assert peek.value(book, "SELECT count(*) FROM interest") == 2


# 5. One key for "private" ------------------------------------------------------------------

async def test_ctrl_t_marks_private_in_the_notes_as_in_every_capture_dialog(book):
    from relmeet.screens.help import HelpScreen
    from relmeet.screens.notes import NotesScreen

    ana = contacts.create(book, ContactIn(name="Ana Ruiz"))
    meeting = meetings.plan(book, MeetingPlan(contact_id=ana, purpose="Hear her story"))
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        app.start_meeting(meeting)
        await pilot.pause()
        notes = app.screen
        assert isinstance(notes, NotesScreen)
        keys = {b.key: b.description for _, b, _, _ in notes.active_bindings.values() if b.show}
        assert keys.get("ctrl+t") == "Private" and "f7" not in keys
        await pilot.press(*"Her son's asthma")
        await pilot.press("ctrl+t")  # while typing
        await pilot.pause()
        assert "🔒 private notes" in str(notes.query_one("#notes-title").render())
        assert "kept out of summaries and exports (Ctrl+T)" in str(notes.query_one("#save-state").render())
        await pilot.press("f1")
        await pilot.pause()
        helped = app.screen
        assert isinstance(helped, HelpScreen)
        text = _plain(helped.query_one("#help-text", Static).content)
        row = next(line for line in text.splitlines() if "Private" in line and "Mark these notes private" in line)
        assert row.split()[0] == app.get_key_display(Binding("ctrl+t", ""))
        assert "Ctrl+T marks these notes private" in text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CaptureScreen)
        dialog_keys = {b.key: b.description for _, b, _, _ in dialog.active_bindings.values() if b.show}
        assert dialog_keys.get("ctrl+t") == "Private"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+t")  # and back: shared again
        await pilot.pause()
        assert "private" not in str(notes.query_one("#notes-title").render())
        await pilot.press("ctrl+t")
        await pilot.pause()
    assert peek.value(book, "SELECT notes_private FROM meeting WHERE id = ?", (meeting,)) == 1


# 3. The thank-you is listed wherever follow-ups are -------------------------------------------

TODAY = "2026-11-23"  # a Monday


def _held_on(book, name: str, day: int) -> int:
    """A meeting held on `day` Nov 2026, in the afternoon (the same day in UTC and here)."""
    who = contacts.create(book, ContactIn(name=name))
    meeting = meetings.plan(book, MeetingPlan(contact_id=who, purpose="First one-on-one"))
    at = datetime(2026, 11, day, 14, tzinfo=timezone.utc)
    meetings.record_held(book, meeting, at, at + timedelta(hours=1), "")
    return meeting


def _due(book, *args: str) -> str:
    import os
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "relmeet", "due", "--db", str(book.path), *args],
                         capture_output=True, text=True, timeout=60, env=os.environ | {"RELMEET_TODAY": TODAY})
    assert out.returncode == 0, out.stderr
    return out.stdout


def _ledger_rows(app) -> list[str]:
    from textual.widgets import DataTable

    table = app.screen.query_one("#ledger", DataTable)
    return [" | ".join(cell.plain.replace("\n", " / ") for cell in table.get_row_at(i))
            for i in range(table.row_count)]


async def test_the_thank_you_is_listed_by_relmeet_due_and_what_i_owe_until_sent_or_turned_off(book, monkeypatch):
    from steps import run_from_palette

    from relmeet.screens.follow_up import FollowUpScreen
    from relmeet.store import follow_up

    monkeypatch.setenv("RELMEET_TODAY", TODAY)
    ana = _held_on(book, "Ana Thanked", 22)       # due Tue 24 Nov
    bo = _held_on(book, "Bo Late", 16)            # due Wed 18 Nov: 5 days overdue
    _held_on(book, "Cy Long Ago", 12)             # a week and more: no longer suggested
    sent = _held_on(book, "Dee Sent", 22)
    follow_up.mark_summary_sent(book, sent)

    mine = _due(book, "--mine")
    assert "5 days overdue  thank-you (Bo Late): Send the thank-you (the summary)" in mine
    assert "tomorrow  thank-you (Ana Thanked): Send the thank-you (the summary)" in mine
    assert "Cy Long Ago" not in mine and "Dee Sent" not in mine
    assert mine.index("Bo Late") < mine.index("Ana Thanked")
    assert "Ana Thanked" in _due(book) and "Ana Thanked" not in _due(book, "--mine", "--days", "0")
    assert "thank-you" not in _due(book, "--theirs")

    app = RelmeetApp(book)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.pause()
        await run_from_palette(pilot, "commitments: what I owe")
        view = app.screen
        assert type(view).__name__ == "CommitmentsScreen"
        assert "What I owe · 0 open · 2 thank-yous (1 overdue)" in str(view.query_one("#ledger-title").render())
        rows = _ledger_rows(app)
        assert rows == [
            "5 days overdue / thank-you (mine) | Bo Late / Send the thank-you (the summary) | To send / Enter: its follow-up",
            "tomorrow / thank-you (mine) | Ana Thanked / Send the thank-you (the summary) | To send / Enter: its follow-up"]
        assert "Enter opens its follow-up" in _plain(view.query_one("#ledger-detail-text", Static).content)
        await pilot.press("down", "enter")
        await pilot.pause()
        follow = app.screen
        assert isinstance(follow, FollowUpScreen) and follow.meeting_id == ana
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is view
        assert [row.split(" | ")[1] for row in _ledger_rows(app)] == ["Bo Late / Send the thank-you (the summary)"]
        await run_from_palette(pilot, "settings: thank-you reminders")
        await pilot.pause()
        await run_from_palette(pilot, "commitments: what I owe")
        await pilot.pause()
        assert _ledger_rows(app) == []
    assert peek.value(book, "SELECT summary_sent_on FROM meeting WHERE id = ?", (ana,)) == TODAY
    assert peek.value(book, "SELECT summary_sent_on FROM meeting WHERE id = ?", (bo,)) is None
    assert "thank-you" not in _due(book, "--mine")


# 2. The follow-up's dates say what they understood; a new check-in date is a check-in to make ---------

async def test_the_follow_up_dates_preview_and_a_new_check_in_date_opens_the_check_in_again(book, monkeypatch):
    from relmeet.domain.meetings import FollowUp, FollowUpForm
    from relmeet.screens.follow_up import FollowUpScreen
    from relmeet.store import commitments, follow_up
    from relmeet.widgets.date_input import DateInput

    monkeypatch.setenv("RELMEET_TODAY", TODAY)
    meeting = _held_on(book, "Pastor Denise Okafor", 16)
    who = peek.value(book, "SELECT contact_id FROM meeting WHERE id = ?", (meeting,))
    promise = captures.add_commitment(book, who, "mine", "Bring the one-page summary", None, meeting_id=meeting)
    follow_up.save(book, meeting, FollowUpForm(follow=FollowUp(next_step="Check back after the deacon board",
                                                               check_in_on=datetime(2026, 11, 20).date())))
    commitments.check_in_done(book, meeting)
    assert peek.value(book, "SELECT check_in_done_on FROM meeting WHERE id = ?", (meeting,)) == TODAY

    app = RelmeetApp(book)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        screen = FollowUpScreen(meeting)
        await app.push_screen(screen)
        await pilot.pause()

        def preview(input_id: str) -> str:
            return screen.query_one(f"#{input_id}-date", DateInput).preview.render().plain

        # the check-in date set before is shown, so saving again keeps it and its done mark
        assert screen.query_one("#check_in", Input).value == "2026-11-20"
        assert preview("check_in").startswith("→ Fri 20 Nov")
        screen.query_one(f"#due-{promise}", Input).value = "the 14th"
        screen.query_one("#next_meeting", Input).value = "mon dec 7 3pm"
        await pilot.pause()
        assert preview(f"due-{promise}").startswith("→ Mon 14 Dec")
        assert preview("next_meeting").startswith("→ Mon 7 Dec 15:00")
        screen.query_one("#check_in", Input).value = "when the board meets"
        await pilot.pause()
        refusal = screen.query_one("#check_in-date", DateInput).refusal
        assert refusal and "when the board meets" in refusal and preview("check_in") == refusal
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen  # refused: nothing saved, everything typed kept
        assert screen.query_one("#next_meeting", Input).value == "mon dec 7 3pm"
        screen.query_one("#check_in", Input).value = "the 28th"
        await pilot.pause()
        assert preview("check_in").startswith("→ Sat 28 Nov")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not screen
    row = peek.row(book, "SELECT check_in_on, check_in_done_on FROM meeting WHERE id = ?", (meeting,))
    assert tuple(row) == ("2026-11-28", None)
    assert peek.value(book, "SELECT due_on FROM commitment WHERE id = ?", (promise,)) == "2026-12-14"
    assert peek.value(book, "SELECT count(*) FROM meeting WHERE status = 'planned' "
                            "AND scheduled_at LIKE '2026-12-07%'") == 1
    # the check-in is to make again: listed as mine
    assert "Sat 28 Nov  check in (Pastor Denise Okafor): Check back after the deacon board" in \
        _due(book, "--mine", "--days", "7")


def test_saving_the_follow_up_with_the_same_check_in_date_keeps_it_done(book, monkeypatch):
    from relmeet.domain.meetings import FollowUp, FollowUpForm
    from relmeet.store import commitments, follow_up

    monkeypatch.setenv("RELMEET_TODAY", TODAY)
    meeting = _held_on(book, "Ana Ruiz", 16)
    day = datetime(2026, 11, 20).date()
    follow_up.save(book, meeting, FollowUpForm(follow=FollowUp(check_in_on=day)))
    commitments.check_in_done(book, meeting)
    follow_up.save(book, meeting, FollowUpForm(follow=FollowUp(summary="Thanks!", check_in_on=day)))
    assert tuple(peek.row(book, "SELECT check_in_on, check_in_done_on FROM meeting")) == ("2026-11-20", TODAY)
    follow_up.save(book, meeting, FollowUpForm(follow=FollowUp(summary="Thanks!", check_in_on=None)))
    assert tuple(peek.row(book, "SELECT check_in_on, check_in_done_on FROM meeting")) == (None, None)


async def test_every_capture_is_edited_from_the_follow_up_and_the_page_and_draft_follow(book):
    from relmeet.screens.follow_up import FollowUpScreen
    from relmeet.widgets.text_area import TextArea

    ana = contacts.create(book, ContactIn(name="Ana Ruiz"))
    tran = contacts.create(book, ContactIn(name="Hieu Tran"))
    meeting = _held(book, ana, days_ago=0)
    interest = captures.add_interest(book, ana, "concern", "Mold", meeting_id=meeting)
    ask = captures.add_exchange(book, ana, "ask", "time", "Ten listening visits", status="made", meeting_id=meeting)
    promise = captures.add_commitment(book, ana, "theirs", "Bring neighbors", None, meeting_id=meeting)
    captures.add_referral(book, ana, tran, meeting_id=meeting, note="the market")
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        screen = FollowUpScreen(meeting)
        await app.push_screen(screen)
        await pilot.pause()
        box = screen.query_one("#follow-captured", OptionList)
        lines = [box.get_option_at_index(i).prompt.plain for i in range(box.option_count)]
        assert sorted(lines) == ["Concern: Mold", "I asked: Ten listening visits  (time · Made, no answer yet)",
                                 "Talk to: Hieu Tran  (the market)", "They will: Bring neighbors  (no due date)"]

        def shown() -> list[str]:
            return [box.get_option_at_index(i).prompt.plain for i in range(box.option_count)]

        async def edit(words: str) -> CaptureScreen:
            box.focus()
            box.highlighted = next(i for i, line in enumerate(shown()) if words in line)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, CaptureScreen)
            return app.screen

        dialog = await edit("Concern: Mold")
        dialog.query_one("#text", Input).value = "Mold in the back bedroom"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "Concern: Mold in the back bedroom" in shown()

        dialog = await edit("I asked: Ten listening visits")
        dialog.query_one("#status", Select).value = "partly"
        dialog.query_one("#answer", Input).value = "10 visits, no board sign-off yet"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one(f"#outcome-{ask}", Select).value == "partly"
        said = screen.query_one(f"#said-{ask}", Static).render().plain
        assert said == "I asked: Ten listening visits — 10 visits, no board sign-off yet"
        summary = screen.query_one("#summary", TextArea).text
        assert "Ten listening visits" in summary and "partly" in summary.lower()

        dialog = await edit("They will: Bring neighbors")
        dialog.query_one("#due", Input).value = "2026-12-14"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.query_one(f"#due-{promise}", Input).value == "2026-12-14"

        dialog = await edit("Talk to: Hieu Tran")
        dialog.query_one("#note", Input).value = "everyone shops at his market"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the follow-up itself
        await pilot.pause()
        assert app.screen is not screen
    assert peek.value(book, "SELECT text FROM interest WHERE id = ?", (interest,)) == "Mold in the back bedroom"
    assert tuple(peek.row(book, "SELECT status, answer FROM exchange WHERE id = ?", (ask,))) == (
        "partly", "10 visits, no board sign-off yet")
    assert peek.value(book, "SELECT due_on FROM commitment WHERE id = ?", (promise,)) == "2026-12-14"
    assert peek.value(book, "SELECT note FROM referral") == "everyone shops at his market"


async def test_home_lists_a_meetings_thank_you_and_its_check_in_side_by_side(book, monkeypatch):
    """A meeting held yesterday with a check-in set for Wednesday: both are mine to do this week, and the Due
    pane lists both (they carry the same meeting's id; the pane tells them apart by kind)."""
    from datetime import date

    from relmeet.domain.meetings import FollowUp, FollowUpForm
    from relmeet.store import follow_up

    monkeypatch.setenv("RELMEET_TODAY", TODAY)
    meeting = _held_on(book, "Ana Ruiz", 22)
    follow_up.save(book, meeting, FollowUpForm(follow=FollowUp(next_step="Ask about the tenant meeting",
                                                               check_in_on=date(2026, 11, 25))))
    app = RelmeetApp(book)
    async with app.run_test(size=(150, 40)) as pilot:
        await pilot.pause(0.5)
        box = app.screen.query_one("#due", OptionList)
        lines = [box.get_option_at_index(i).prompt.plain for i in range(box.option_count)]
        assert lines == ["tomorrow  I owe Ana Ruiz\n  Send the thank-you (the summary)",
                         "Wed 25 Nov  I owe Ana Ruiz\n  Ask about the tenant meeting"]
    assert peek.value(book, "SELECT check_in_on FROM meeting WHERE id = ?", (meeting,)) == "2026-11-25"


async def test_a_yes_given_in_a_dialog_from_the_follow_up_is_a_commitment_row_at_once(book):
    """Their yes to my ask, recorded from 'Everything captured', makes their commitment: it is a row of the
    commitments section at once (whose, by when), what the organizer typed on the page stays, the draft
    names it, and saving the page keeps the owner and date shown."""
    from relmeet.screens.follow_up import FollowUpScreen
    from relmeet.widgets.text_area import TextArea

    ana = contacts.create(book, ContactIn(name="Ana Ruiz"))
    meeting = _held(book, ana, days_ago=0)
    ask = captures.add_exchange(book, ana, "ask", "time", "Ten listening visits", status="made", meeting_id=meeting)
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        screen = FollowUpScreen(meeting)
        await app.push_screen(screen)
        await pilot.pause()
        assert "No commitments were captured." in [str(s.render()) for s in screen.query(Static)]
        screen.query_one("#next_step", Input).value = "Call her Thursday about the visits"
        box = screen.query_one("#follow-captured", OptionList)
        box.focus()
        box.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CaptureScreen)
        dialog.query_one("#status", Select).value = "agreed"
        dialog.query_one("#commitment_due", Input).value = "2026-12-14"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        made = peek.value(book, "SELECT id FROM commitment WHERE exchange_id = ?", (ask,))
        assert screen.query_one(f"#promise-{made}", Static).render().plain == "Ten listening visits"
        assert screen.query_one(f"#owner-{made}", Select).value == "theirs"
        assert screen.query_one(f"#due-{made}", Input).value == "2026-12-14"
        assert "No commitments were captured." not in [str(s.render()) for s in screen.query(Static)]
        assert screen.query_one("#next_step", Input).value == "Call her Thursday about the visits"
        assert "Ten listening visits" in screen.query_one("#summary", TextArea).text
        screen.query_one(f"#owner-{made}", Select).value = "mine"  # worked on the page like any other row
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not screen
    assert tuple(peek.row(book, "SELECT owner, due_on FROM commitment WHERE id = ?", (made,))) == (
        "mine", "2026-12-14")
    assert peek.value(book, "SELECT next_step FROM meeting WHERE id = ?", (meeting,)) == (
        "Call her Thursday about the visits")


async def test_the_history_says_when_the_thank_you_was_sent_for_that_meeting(book, monkeypatch):
    import os
    import subprocess
    import sys

    from relmeet.screens.follow_up import FollowUpScreen

    monkeypatch.setenv("RELMEET_TODAY", TODAY)
    first = _held_on(book, "Ana Ruiz", 9)
    ana = peek.value(book, "SELECT contact_id FROM meeting WHERE id = ?", (first,))
    second = meetings.plan(book, MeetingPlan(contact_id=ana, purpose="Second"))
    at = datetime(2026, 11, 22, 14, tzinfo=timezone.utc)
    meetings.record_held(book, second, at, at + timedelta(hours=1), "")
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        await app.push_screen(FollowUpScreen(second))
        await pilot.pause()
        await pilot.press("f8")  # sent
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        page = HistoryScreen(ana)
        await app.push_screen(page)
        await pilot.pause()
        text = _plain(page.query_one("#history-text", Static).content)
    assert text.count("✓ Thank-you sent") == 1
    meetings_part = text[text.index("Meetings (2)"):]
    assert meetings_part.index("Sun 22 Nov 2026") < meetings_part.index("✓ Thank-you sent Mon 23 Nov") \
        < meetings_part.index("Mon 9 Nov 2026")
    assert peek.value(book, "SELECT summary_sent_on FROM meeting WHERE id = ?", (second,)) == TODAY
    shown = subprocess.run([sys.executable, "-m", "relmeet", "show", "Ana Ruiz", "--db", str(book.path)],
                           capture_output=True, text=True, timeout=60, env=os.environ | {"RELMEET_TODAY": TODAY})
    assert shown.returncode == 0, shown.stderr
    assert "✓ Thank-you sent Mon 23 Nov" in shown.stdout

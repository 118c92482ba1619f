"""Two copies of relmeet on one book: two real apps (each with its own connections to the same file) editing
the same contact, campaign, plan and notes. Nothing either typed is lost, a field both changed is shown
side by side to choose, and notes saved in turn by both don't grow beyond what was typed."""
from __future__ import annotations

from textual.widgets import Input, RadioButton, TextArea

from relmeet.app import RelmeetApp
from relmeet.domain.campaigns import CampaignIn
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.screens.campaigns import CampaignFormScreen
from relmeet.screens.contact_form import ContactFormScreen
from relmeet.screens.notes import NotesScreen
from relmeet.screens.prep import PrepScreen
from relmeet.store import Book, campaigns, contacts, meetings
import peek
from steps import notices

CONFLICT_MARK = "two copies of relmeet changed this part"


def _seed(path) -> tuple[int, int]:
    with Book(path) as book:
        ann = contacts.create(book, ContactIn(name="Ann Lee", phone="555 0000", neighbourhood="Maple Court"))
        meeting = meetings.plan(book, MeetingPlan(contact_id=ann, purpose="House meeting", location="Her kitchen"))
        meetings.start(book, meeting)
    return ann, meeting


async def _open(pilot, screen):
    pilot.app.push_screen(screen)
    await pilot.pause()
    return pilot.app.screen


async def test_contact_changes_from_two_copies_are_both_kept(book_path):
    ann, _ = _seed(book_path)
    with Book(book_path) as book_a, Book(book_path) as book_b:
        app_a, app_b = RelmeetApp(book_a), RelmeetApp(book_b)
        async with app_a.run_test(size=(120, 40), notifications=True) as a, app_b.run_test(size=(120, 40), notifications=True) as b:
            form_a = await _open(a, ContactFormScreen(ann))
            form_b = await _open(b, ContactFormScreen(ann))
            form_a.query_one("#phone").value = "555 1234"
            await a.press("ctrl+s")
            await a.pause()
            assert not isinstance(app_a.screen, ContactFormScreen)
            # copy B's form was opened before A saved; it changes the e-mail only
            form_b.query_one("#email").value = "ann@example.org"
            await b.press("ctrl+s")
            await b.pause()
            assert not isinstance(app_b.screen, ContactFormScreen)  # no question: nothing clashed
            told = await notices(b)
            assert any("Another copy's change to phone is kept too" in m for m in told), told
    row = peek.row(book_path, "SELECT phone, email, neighbourhood FROM contact WHERE id = ?", (ann,))
    assert tuple(row) == ("555 1234", "ann@example.org", "Maple Court")


async def test_a_field_both_copies_changed_is_shown_side_by_side_to_choose(book_path):
    ann, _ = _seed(book_path)
    with Book(book_path) as book_a, Book(book_path) as book_b:
        app_a, app_b = RelmeetApp(book_a), RelmeetApp(book_b)
        async with app_a.run_test(size=(120, 40), notifications=True) as a, app_b.run_test(size=(120, 40), notifications=True) as b:
            form_a = await _open(a, ContactFormScreen(ann))
            form_b = await _open(b, ContactFormScreen(ann))
            form_a.query_one("#phone").value = "555 1111"
            form_a.query_one("#neighbourhood", Input).value = "Maple Court, bldg B"
            await a.press("ctrl+s")
            await a.pause()
            form_b.query_one("#phone").value = "555 2222"
            form_b.query_one("#email").value = "ann@example.org"
            await b.press("ctrl+s")
            await b.pause()
            dialog = app_b.screen
            assert dialog is not form_b
            labels = [str(button.label) for button in dialog.query(RadioButton)]
            assert labels == ["Keep mine: 555 2222", "Take theirs: 555 1111"]  # the one field both changed
            # nothing is written until the organizer chooses
            assert peek.value(book_path, "SELECT email FROM contact WHERE id = ?", (ann,)) == ""
            dialog.query_one("#theirs-phone", RadioButton).value = True
            await b.press("ctrl+s")
            await b.pause()
            assert not isinstance(app_b.screen, ContactFormScreen)
    row = peek.row(book_path, "SELECT phone, email, neighbourhood FROM contact WHERE id = ?", (ann,))
    assert tuple(row) == ("555 1111", "ann@example.org", "Maple Court, bldg B")


async def test_keeping_mine_in_the_choice_saves_mine_and_keeps_their_other_changes(book_path):
    ann, _ = _seed(book_path)
    with Book(book_path) as book_a, Book(book_path) as book_b:
        app_a, app_b = RelmeetApp(book_a), RelmeetApp(book_b)
        async with app_a.run_test(size=(120, 40), notifications=True) as a, app_b.run_test(size=(120, 40), notifications=True) as b:
            form_a = await _open(a, ContactFormScreen(ann))
            form_b = await _open(b, ContactFormScreen(ann))
            form_a.query_one("#phone").value = "555 1111"
            form_a.query_one("#neighbourhood", Input).value = "Oak Street"
            await a.press("ctrl+s")
            await a.pause()
            form_b.query_one("#phone").value = "555 2222"
            await b.press("ctrl+s")
            await b.pause()
            await b.press("ctrl+s")  # "Keep mine" is chosen to begin with
            await b.pause()
            assert not isinstance(app_b.screen, ContactFormScreen)
    row = peek.row(book_path, "SELECT phone, neighbourhood FROM contact WHERE id = ?", (ann,))
    assert tuple(row) == ("555 2222", "Oak Street")


async def test_campaign_form_keeps_the_other_copys_change(book_path):
    with Book(book_path) as book:
        campaign = campaigns.save(book, CampaignIn(name="Just cause", goal="Pass the ordinance"))
    with Book(book_path) as book_a, Book(book_path) as book_b:
        app_a, app_b = RelmeetApp(book_a), RelmeetApp(book_b)
        async with app_a.run_test(size=(120, 40), notifications=True) as a, app_b.run_test(size=(120, 40), notifications=True) as b:
            form_a = await _open(a, CampaignFormScreen(campaign))
            form_b = await _open(b, CampaignFormScreen(campaign))
            form_a.query_one("#goal", TextArea).load_text("Pass the ordinance by June")
            await a.press("ctrl+s")
            await a.pause()
            form_b.query_one("#name", Input).value = "Just-cause eviction"
            await b.press("ctrl+s")
            await b.pause()
            assert not isinstance(app_b.screen, CampaignFormScreen)
            # both change the name: B is asked, and takes A's
            form_a = await _open(a, CampaignFormScreen(campaign))
            form_b = await _open(b, CampaignFormScreen(campaign))
            form_a.query_one("#name", Input).value = "Just cause now"
            await a.press("ctrl+s")
            await a.pause()
            form_b.query_one("#name", Input).value = "Just cause 2026"
            await b.press("ctrl+s")
            await b.pause()
            labels = [str(button.label) for button in app_b.screen.query(RadioButton)]
            assert labels == ["Keep mine: Just cause 2026", "Take theirs: Just cause now"]
            app_b.screen.query_one("#theirs-name", RadioButton).value = True
            await b.press("ctrl+s")
            await b.pause()
    assert tuple(peek.row(book_path, "SELECT name, goal FROM campaign")) == ("Just cause now", "Pass the ordinance by June")


async def test_meeting_plan_keeps_the_other_copys_change(book_path):
    with Book(book_path) as book:
        ann = contacts.create(book, ContactIn(name="Ann Lee"))
        meeting = meetings.plan(book, MeetingPlan(contact_id=ann, purpose="House meeting", location="Her kitchen"))
    with Book(book_path) as book_a, Book(book_path) as book_b:
        app_a, app_b = RelmeetApp(book_a), RelmeetApp(book_b)
        async with app_a.run_test(size=(120, 40), notifications=True) as a, app_b.run_test(size=(120, 40), notifications=True) as b:
            prep_a = await _open(a, PrepScreen(ann, meeting))
            prep_b = await _open(b, PrepScreen(ann, meeting))
            prep_a.query_one("#location", Input).value = "The laundromat"
            await a.press("ctrl+s")
            await a.pause()
            prep_b.query_one("#purpose", Input).value = "Ask her to host"
            await b.press("ctrl+s")
            await b.pause()
            assert not isinstance(app_b.screen, PrepScreen)
    row = peek.row(book_path, "SELECT location, purpose FROM meeting WHERE id = ?", (meeting,))
    assert tuple(row) == ("The laundromat", "Ask her to host")


async def _type_and_save(pilot, notes: NotesScreen, text: str) -> None:
    """Type at the end of the notes, as the organizer does, then save (as the quiet-typing timer does)."""
    area = notes.query_one("#notes", TextArea)
    area.focus()
    area.move_cursor(area.document.end)
    await pilot.press(*("enter" if c == "\n" else c for c in text))
    notes.save_now()
    await pilot.pause()


async def test_notes_saved_in_turn_by_two_copies_keep_every_line_once(book_path):
    _, meeting = _seed(book_path)
    rounds = 10
    typed: list[str] = []
    with Book(book_path) as book_a, Book(book_path) as book_b:
        app_a, app_b = RelmeetApp(book_a), RelmeetApp(book_b)
        async with app_a.run_test(size=(120, 40), notifications=True) as a, \
                app_b.run_test(size=(120, 40), notifications=True) as b:
            notes_a = await _open(a, NotesScreen(meeting, running_clock=False))
            notes_b = await _open(b, NotesScreen(meeting, running_clock=False))
            for n in range(rounds):
                for pilot, notes, who in ((a, notes_a, "A"), (b, notes_b, "B")):
                    line = f"{who}{n} rent up"
                    typed.append(line)
                    await _type_and_save(pilot, notes, ("\n" if notes.query_one("#notes", TextArea).text else "") + line)
            saved = peek.value(book_path, "SELECT notes FROM meeting WHERE id = ?", (meeting,))
            assert sorted(saved.split("\n")) == sorted(typed)  # every line of both, each once
            assert len(saved) == sum(map(len, typed)) + len(typed) - 1  # bounded: no copy of a copy
            assert CONFLICT_MARK not in saved
            assert notes_b.query_one("#notes", TextArea).text == saved  # the last to save shows the book's text
            assert "merged with another copy's save" in str(notes_b.query_one("#save-state").render())


async def test_a_line_both_copies_changed_is_marked_once_however_often_they_save(book_path):
    _, meeting = _seed(book_path)
    with Book(book_path) as book:
        meetings.save_notes(book, meeting, "Rent up 18%\nKids at Lincoln", meetings.get(book, meeting).notes_rev)
    with Book(book_path) as book_a, Book(book_path) as book_b:
        app_a, app_b = RelmeetApp(book_a), RelmeetApp(book_b)
        async with app_a.run_test(size=(120, 40), notifications=True) as a, app_b.run_test(size=(120, 40), notifications=True) as b:
            notes_a = await _open(a, NotesScreen(meeting, running_clock=False))
            notes_b = await _open(b, NotesScreen(meeting, running_clock=False))
            notes_a.query_one("#notes", TextArea).load_text("Rent up 18% since March\nKids at Lincoln")
            notes_a.save_now()
            notes_b.query_one("#notes", TextArea).load_text("Rent up 18%, landlord threatened her\nKids at Lincoln")
            notes_b.save_now()
            await b.pause()
            told = await notices(b)
            assert any("1 part both changed differently is marked" in m for m in told), told
            for n in range(6):
                await _type_and_save(a, notes_a, f"\nA{n}")
                await _type_and_save(b, notes_b, f"\nB{n}")
    saved = peek.value(book_path, "SELECT notes FROM meeting WHERE id = ?", (meeting,))
    assert saved.count(CONFLICT_MARK) == 1
    assert saved.count("Rent up 18% since March") == 1 and saved.count("landlord threatened her") == 1
    assert saved.count("Kids at Lincoln") == 1
    assert all(saved.count(f"{who}{n}") == 1 for who in "AB" for n in range(6))
    assert len(saved) < 400


async def test_notes_marked_private_with_f7_stay_private_when_the_follow_up_is_saved(book_path):
    _, meeting = _seed(book_path)
    with Book(book_path) as book:
        app = RelmeetApp(book)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            app.start_meeting(meeting)
            await pilot.pause()
            notes = app.screen
            await pilot.press(*"Her son's asthma")
            await pilot.press("ctrl+t")  # while typing in the notes
            await pilot.pause()
            assert "🔒 private notes" in str(notes.query_one("#notes-title").render())
            assert "kept out of summaries and exports" in str(notes.query_one("#save-state").render())
            assert "These notes are private: kept out of summaries and exports." in await notices(pilot)
            await pilot.press("f10")  # end the meeting: the follow-up form, filled from the meeting
            await pilot.pause()
            assert not isinstance(app.screen, NotesScreen)
            await pilot.press("ctrl+s")
            await pilot.pause()
    row = peek.row(book_path, "SELECT notes, notes_private, status FROM meeting WHERE id = ?", (meeting,))
    assert tuple(row) == ("Her son's asthma", 1, "held")

"""The whole one-on-one through the real app on a fresh book: contact, prep, notes with every kind of
capture, end, follow-up — then what is in the file."""
from __future__ import annotations

from textual.widgets import Input, Select, TextArea

from relmeet.app import RelmeetApp
from relmeet.screens.capture import CaptureScreen
from relmeet.screens.follow_up import FollowUpScreen
from relmeet.screens.notes import NotesScreen
from relmeet.store import Book, meetings
import peek


async def _capture(pilot, key: str, **fields) -> CaptureScreen:
    await pilot.press(key)
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, CaptureScreen)
    for selector, value in fields.items():
        dialog.query_one(f"#{selector}").value = value
    await pilot.press("ctrl+s")
    await pilot.pause()
    return dialog


async def test_the_whole_flow_lands_in_the_book(book):
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"Rosa Nguyễn")
        await pilot.press("ctrl+s")
        await pilot.pause()
        rosa = peek.value(book, "SELECT id FROM contact WHERE name = 'Rosa Nguyễn'")
        # prep
        await pilot.press("f2")
        await pilot.pause()
        app.screen.query_one("#when", Input).value = "tomorrow 18:00"
        app.screen.query_one("#purpose", Input).value = "Ask Rosa to host a house meeting"
        app.screen.query_one("#ask-text-0", Input).value = "Host a house meeting in Building B"
        await pilot.press("f10")  # save the plan and start now
        await pilot.pause()
        notes = app.screen
        assert isinstance(notes, NotesScreen)
        meeting_id = notes.meeting_id
        await pilot.press(*"Rent up 18% in March. ")
        # every kind of capture, without leaving the notes
        await _capture(pilot, "f2", kind="self_interest", text="Keep her kids at Lincoln Elementary")
        assert app.focused is notes.query_one("#notes")
        await _capture(pilot, "f2", kind="concern", text="Retaliation for speaking up",
                       responsible="Maple Court Properties")
        await _capture(pilot, "f3", kind="action", text="Testify at the hearing", status="thinking")
        await _capture(pilot, "f4", kind="time", text="Practice her testimony with her")
        # a bad date keeps the dialog and everything in it
        dialog = await _capture(pilot, "f5", owner="mine", text="Bring the flyer in Vietnamese", due="next blursday")
        assert app.screen is dialog
        assert "blursday" in str(dialog.query_one("#field-due .field-error").render())
        assert dialog.query_one("#text", Input).value == "Bring the flyer in Vietnamese"
        dialog.query_one("#due", Input).value = "2026-12-03"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await _capture(pilot, "f6", who="Mr. Tran", note="Owns the corner market")
        await pilot.press(*"She'll think about testifying.")
        await pilot.pause(1.2)  # the autosave
        assert "She'll think about testifying." in peek.value(book, "SELECT notes FROM meeting WHERE id = ?", (meeting_id,))
        captured = [notes.query_one("#captured").get_option_at_index(i).prompt.plain
                    for i in range(notes.query_one("#captured").option_count)]
        assert any("Talk to: Mr. Tran" in line for line in captured)
        assert any("I will: Bring the flyer in Vietnamese" in line for line in captured)
        # end -> follow-up
        await pilot.press("f10")
        await pilot.pause()
        follow = app.screen
        assert isinstance(follow, FollowUpScreen)
        testify = peek.value(book, "SELECT id FROM exchange WHERE text = 'Testify at the hearing'")
        host = peek.value(book, "SELECT id FROM exchange WHERE text = 'Host a house meeting in Building B'")
        flyer = peek.value(book, "SELECT id FROM commitment WHERE text = 'Bring the flyer in Vietnamese'")
        follow.query_one(f"#outcome-{testify}", Select).value = "thinking"
        follow.query_one(f"#outcome-{host}", Select).value = "agreed"
        follow.query_one(f"#due-{flyer}", Input).value = "2026-12-04"
        follow.query_one("#next_meeting", Input).value = "2026-12-10 17:30"
        follow.query_one("#next_step", Input).value = "Debrief the house meeting"
        follow.query_one("#leadership_rating", Select).value = 4
        follow.query_one("#relationship_rating", Select).value = 3
        follow.query_one("#win", Input).value = "Rosa agreed to host"
        summary = follow.query_one("#summary", TextArea).text
        assert "Keep her kids at Lincoln Elementary" in summary and "Bring the flyer in Vietnamese" in summary
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"

    # what is in the file, read back from a fresh connection
    with Book(book.path) as again:
        m = peek.row(again, "SELECT * FROM meeting WHERE id = ?", (meeting_id,))
        assert m["status"] == "held" and m["contact_id"] == rosa
        assert "Rent up 18% in March." in m["notes"] and "She'll think about testifying." in m["notes"]
        assert (m["leadership_rating"], m["relationship_rating"]) == (4, 3)
        assert "Keep her kids" in m["summary"]
        interests = peek.rows(again, "SELECT kind, text, responsible, contact_id FROM interest WHERE meeting_id = ?",
                               (meeting_id,))
        assert {(r[0], r[1], r[2], r[3]) for r in interests} == {
            ("self_interest", "Keep her kids at Lincoln Elementary", "", rosa),
            ("concern", "Retaliation for speaking up", "Maple Court Properties", rosa)}
        exchanges = {r[0]: (r[1], r[2], r[3]) for r in peek.rows(again, 
            "SELECT text, direction, status, contact_id FROM exchange WHERE meeting_id = ?", (meeting_id,))}
        assert exchanges == {"Host a house meeting in Building B": ("ask", "agreed", rosa),
                             "Testify at the hearing": ("ask", "thinking", rosa),
                             "Practice her testimony with her": ("offer", "agreed", rosa)}
        c = peek.row(again, "SELECT owner, due_on, status, contact_id, meeting_id FROM commitment")
        assert tuple(c) == ("mine", "2026-12-04", "open", rosa, meeting_id)
        tran = peek.value(again, "SELECT id FROM contact WHERE name = 'Mr. Tran'")
        assert peek.row(again, "SELECT from_contact_id, meeting_id, note FROM referral WHERE to_contact_id = ?", (tran,))[:] \
            == (rosa, meeting_id, "Owns the corner market")
        nxt = peek.row(again, "SELECT status, purpose FROM meeting WHERE contact_id = ? AND id <> ?", (rosa, meeting_id))
        assert tuple(nxt) == ("planned", "Debrief the house meeting")
        assert peek.value(again, "SELECT text FROM win WHERE meeting_id = ?", (meeting_id,)) == "Rosa agreed to host"


async def test_another_copy_saving_first_is_not_overwritten(demo_book):
    meeting_id = peek.value(demo_book, "SELECT id FROM meeting WHERE status = 'planned' ORDER BY id LIMIT 1")
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 40)) as pilot:
        app.start_meeting(meeting_id)
        await pilot.pause()
        notes = app.screen
        await pilot.press(*"mine")
        # the other copy: its own connection to the same file saves first
        with Book(demo_book.path) as other:
            card = meetings.get(other, meeting_id)
            meetings.save_notes(other, meeting_id, "theirs", card.notes_rev)
        notes.save_now()
        saved = peek.value(demo_book, "SELECT notes FROM meeting WHERE id = ?", (meeting_id,))
        assert saved.startswith("theirs") and saved.endswith("mine")
        assert notes.query_one("#notes", TextArea).text == saved


async def test_quit_saves_the_notes_at_once(demo_book):
    meeting_id = peek.value(demo_book, "SELECT id FROM meeting WHERE status = 'planned' ORDER BY id LIMIT 1")
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(120, 40)) as pilot:
        app.start_meeting(meeting_id)
        await pilot.pause()
        await pilot.press(*"last words")
        await pilot.press("ctrl+q")  # before the autosave timer
    assert peek.value(demo_book, "SELECT notes FROM meeting WHERE id = ?", (meeting_id,)).endswith("last words")

"""Mid-meeting, "they asked me to…" is one key more: F3 opens the ask with "I asked" and the cursor in
"What"; F3 again makes it "they asked", the cursor staying there (F4 F4 for "they offered"). Walking
the notes in tmux, saying "they asked" took Shift+Tab twice to the Who select, and my Tab-and-type
landed in the wrong field."""
from __future__ import annotations

import peek
from faults import demo_book
from screen_text import screen_lines
from steps import open_history_of

from relmeet.app import RelmeetApp
from relmeet.store import Book


async def _type(pilot, text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)


async def test_f3_twice_records_what_they_asked_and_f4_twice_what_they_offered(tmp_path):
    with Book(demo_book(tmp_path / "book.sqlite3")) as book:
        app = RelmeetApp(book)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_history_of(pilot, "hieu")
            await pilot.press("f2")  # plan a meeting with him
            await pilot.pause(0.5)
            await pilot.press("f10")  # the meeting starts: the notes
            await pilot.pause(0.5)
            assert type(app.screen).__name__ == "NotesScreen"

            await pilot.press("f3")
            await pilot.pause(0.3)
            assert "Who asked" in screen_lines(app)[-1] and "Who offered" not in screen_lines(app)[-1]
            await pilot.press("f3")
            await pilot.pause()
            assert app.focused.id == "text"
            await _type(pilot, "a letter about the store rent")
            await pilot.press("ctrl+s")
            await pilot.pause(0.3)
            assert type(app.screen).__name__ == "NotesScreen"

            await pilot.press("f4", "f4")
            await pilot.pause(0.3)
            await _type(pilot, "the back room for meetings")
            await pilot.press("ctrl+s")
            await pilot.pause(0.3)
            assert type(app.screen).__name__ == "NotesScreen"
        found = peek.rows(book, "SELECT direction, made_by, text FROM exchange e JOIN contact c ON c.id = e.contact_id "
                                "WHERE c.name = 'Hieu Tran' ORDER BY e.id")
        assert [tuple(r) for r in found][-2:] == [("ask", "them", "a letter about the store rent"),
                                                 ("offer", "them", "the back room for meetings")]

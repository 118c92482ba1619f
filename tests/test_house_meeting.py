"""A house meeting through the real screens: Rosa hosts, Ana (in the book) and Marisol (new) come. Who's
coming in prep, "whose?" at each capture, the follow-up per person, and every history — then the file."""
from __future__ import annotations

import io
import os
import subprocess
import sys

from rich.console import Console
from textual.widgets import Input, OptionList, Select, Static

from relmeet.app import RelmeetApp
from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.screens.capture import CaptureScreen
from relmeet.screens.follow_up import FollowUpScreen
from relmeet.screens.history import HistoryScreen
from relmeet.screens.house_follow_up import HouseFollowUpScreen
from relmeet.screens.notes import NotesScreen
from relmeet.screens.participants import ParticipantsScreen
from relmeet.screens.prep import PrepScreen
from relmeet.screens.whose import WhoseScreen
from relmeet.store import captures, contacts
from relmeet.widgets.text_area import TextArea
import peek


def _plain(renderable) -> str:
    console = Console(width=300, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def _options(box: OptionList) -> list[str]:
    return [box.get_option_at_index(i).prompt.plain for i in range(box.option_count)]


async def _screen(pilot, kind: type):
    """The screen on top once it is a `kind` (a dialog opened from another's callback takes a few cycles on a
    loaded machine); the test fails if it never comes."""
    for _ in range(50):
        if isinstance(pilot.app.screen, kind):
            return pilot.app.screen
        await pilot.pause(0.05)
    raise AssertionError(f"{kind.__name__} never opened; the screen is {pilot.app.screen!r}")


async def _whose_then_capture(pilot, key: str, whose: str | None, **fields) -> None:
    """Press a capture key, choose whose it is (None: take the one offered first), fill the dialog, save."""
    await pilot.press(key)
    picker = await _screen(pilot, WhoseScreen)
    box = picker.query_one("#whose-list", OptionList)
    if whose is not None:
        box.highlighted = next(i for i, line in enumerate(_options(box)) if line.startswith(whose))
    await pilot.press("enter")
    dialog = await _screen(pilot, CaptureScreen)
    for selector, value in fields.items():
        dialog.query_one(f"#{selector}").value = value
    await pilot.press("ctrl+s")
    for _ in range(50):  # saved: back on the notes
        if pilot.app.screen is not dialog:
            break
        await pilot.pause(0.05)
    assert pilot.app.screen is not dialog, "the capture was not saved"


def _people(book):
    rosa = contacts.create(book, ContactIn(name="Rosa Díaz", rung="leader"))
    ana = contacts.create(book, ContactIn(name="Ana Ruiz"))
    captures.add_interest(book, ana, "concern", "The 12 bus was cut")
    return rosa, ana


async def test_a_house_meeting_with_three_people_one_new(book):
    rosa, ana = _people(book)
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 44)) as pilot:
        await app.push_screen(PrepScreen(rosa))
        await pilot.pause()
        prep = app.screen
        prep.query_one("#when", Input).value = "tomorrow 18:00"
        prep.query_one("#purpose", Input).value = "House meeting on the rents"
        # who's coming: the plan is saved first, then Ana from the book and Marisol, new
        await pilot.press("ctrl+g")
        await pilot.pause()
        coming = app.screen
        assert isinstance(coming, ParticipantsScreen)
        meeting = prep.meeting_id
        await pilot.press(*"ana")
        await pilot.pause()
        offered = _options(coming.query_one("#coming-matches", OptionList))
        assert offered[0].startswith("Ana Ruiz") and "never met" in offered[0] and f"#{ana}" in offered[0]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Marisol Vega", "enter")
        await pilot.pause()
        listed = _options(coming.query_one("#coming-list", OptionList))
        assert [line.split("  ")[0] for line in listed] == ["Rosa Díaz", "Ana Ruiz", "Marisol Vega"]
        # the highlighted person's history beside the list: Marisol is new; Ana's concern shows for her
        coming.query_one("#coming-list", OptionList).highlighted = 1
        await pilot.pause()
        assert "The 12 bus was cut" in _plain(coming.query_one("#coming-brief", Static).content)
        await pilot.press("escape")
        await pilot.pause()
        line = _plain(prep.query_one("#coming-line", Static).content)
        assert "Rosa Díaz (host), Ana Ruiz, Marisol Vega — 3 people" in line
        marisol = peek.value(book, "SELECT id FROM contact WHERE name = 'Marisol Vega'")
        assert "Met at Rosa Díaz's house meeting" in peek.value(book, "SELECT notes FROM contact WHERE id = ?",
                                                                 (marisol,))

        # notes: each capture asks whose, the last chosen offered first
        await pilot.press("f10")
        await pilot.pause()
        notes = app.screen
        assert isinstance(notes, NotesScreen)
        await _whose_then_capture(pilot, "f2", "Ana Ruiz", kind="concern", text="Rent up 18% since March",
                                  responsible="Maple Court")
        await pilot.press("f3")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, WhoseScreen)
        box = picker.query_one("#whose-list", OptionList)
        assert _options(box)[box.highlighted] == "Ana Ruiz"  # the last chosen
        await pilot.press("escape")
        await pilot.pause()
        await _whose_then_capture(pilot, "f3", None, kind="action", text="Speak at the hearing", status="agreed",
                                  private=False)
        await _whose_then_capture(pilot, "f2", "Ana Ruiz", kind="story", text="My landlord threatened me",
                                  private=True)
        await _whose_then_capture(pilot, "f5", "Marisol Vega", owner="theirs", text="Bring two neighbours")
        await _whose_then_capture(pilot, "f4", "Rosa Díaz", kind="time", text="A ride to the hearing")
        captured = _options(notes.query_one("#captured", OptionList))
        assert any(line.startswith("Ana Ruiz · Concern: Rent up 18% since March") for line in captured)
        assert any(line.startswith("Marisol Vega · They will: Bring two neighbours") for line in captured)
        assert any(line.startswith("Rosa Díaz · I offered: A ride to the hearing") for line in captured)

        # follow-up: each person's part, and a thank-you for one of them
        await pilot.press("f10")
        await pilot.pause()
        follow = app.screen
        assert isinstance(follow, FollowUpScreen)
        # the meeting's own summary is drafted for the group, not as a one-on-one with the host
        main = follow.query_one("#summary", TextArea).text
        assert main.startswith("# Rosa Díaz's house meeting") and "One-on-one" not in main
        assert "Thank you, Rosa, Ana and Marisol" in main and "landlord" not in main
        parts = _plain(follow.query_one("#house-people-lines", Static).content)
        assert "Rosa Díaz's house meeting — with 2 others" in parts
        ana_part = parts[parts.index("Ana Ruiz"):parts.index("Marisol Vega")]
        assert "I asked: Speak at the hearing" in ana_part and "Rent up 18%" in ana_part
        assert "They will: Bring two neighbours" in parts[parts.index("Marisol Vega"):]
        await pilot.press("ctrl+g")
        await pilot.pause()
        house = app.screen
        assert isinstance(house, HouseFollowUpScreen)
        assert "No one new to the book" not in _plain(house.query_one("#house-new-line", Static).content)
        house.query_one("#house-for", Select).value = ana
        await pilot.pause()
        drafted = house.query_one("#house-draft", TextArea).text
        assert drafted.startswith("# Rosa Díaz's house meeting")
        assert "Thank you, Ana," in drafted and "Speak at the hearing" in drafted and "Rent up 18%" in drafted
        assert "landlord" not in drafted and "Bring two neighbours" not in drafted  # private; Marisol's
        house.query_one("#house-for", Select).value = 0
        await pilot.pause()
        group = house.query_one("#house-draft", TextArea).text
        assert "Thank you, Rosa, Ana and Marisol" in group and "## Marisol" in group and "landlord" not in group
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is follow
        assert follow.query_one("#summary", TextArea).text == group

        # each participant's history shows the meeting, and their last met counts it
        pages = {}
        for person in (rosa, ana, marisol):
            await app.push_screen(HistoryScreen(person))
            await pilot.pause()
            pages[person] = _plain(app.screen.query_one("#history-text", Static).content)
            app.pop_screen()
            await pilot.pause()
    for person in (rosa, ana, marisol):
        assert "Rosa Díaz's house meeting — with 2 others" in pages[person]
        assert "Last met: today" in pages[person]  # the health line counts the house meeting for each
    assert "Concern: Rent up 18% since March" in pages[ana] or "Rent up 18% since March" in pages[ana]
    assert "Bring two neighbours" in pages[marisol] and "Bring two neighbours" not in pages[ana]
    # the shell's brief and show count the house meeting for a participant too
    for command in ("brief", "show"):
        out = subprocess.run([sys.executable, "-m", "relmeet", "--db", str(book.path), command, "Marisol Vega"],
                             capture_output=True, text=True, timeout=60, env=os.environ.copy())
        assert out.returncode == 0, out.stderr
        assert "Last met: today" in out.stdout and "not met yet" not in out.stdout
    # the newcomer came through the host: the referral network and her history say so
    assert "Referred by: Rosa Díaz" in pages[marisol] and "Referred us to: Marisol Vega" in pages[rosa]
    assert peek.value(book, "SELECT note FROM referral WHERE from_contact_id = ? AND to_contact_id = ?",
                      (rosa, marisol)) == "came to Rosa Díaz's house meeting"
    # in the file: whose each capture is, and the three participants
    assert peek.value(book, "SELECT contact_id FROM interest WHERE text = 'Rent up 18% since March'") == ana
    assert peek.value(book, "SELECT contact_id FROM exchange WHERE text = 'Speak at the hearing'") == ana
    assert peek.value(book, "SELECT contact_id FROM commitment WHERE text = 'Bring two neighbours'") == marisol
    assert peek.value(book, "SELECT contact_id FROM exchange WHERE text = 'A ride to the hearing'") == rosa
    assert [r[0] for r in peek.rows(book, "SELECT contact_id FROM meeting_participant WHERE meeting_id = ? "
                                          "ORDER BY position", (meeting,))] == [rosa, ana, marisol]


async def test_a_newcomer_who_is_already_in_the_book_becomes_that_person(book):
    """Ben Tran typed as new, though a Ben Tran (of Tran's Market) is in the book: the follow-up offers him,
    told apart, and using him puts what the newcomer said in his history; the new card is gone."""
    from relmeet.store import meetings, participants

    rosa, _ana = _people(book)
    ben = contacts.create(book, ContactIn(name="Ben Tran", role="Owner, Tran's Market"))
    meeting = meetings.plan(book, MeetingPlan(contact_id=rosa, purpose="House meeting"))
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 44)) as pilot:
        await app.push_screen(PrepScreen(rosa, meeting))
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        coming = app.screen
        await pilot.press(*"Ben Tran")
        await pilot.pause()
        offered = _options(coming.query_one("#coming-matches", OptionList))
        assert offered[0].startswith("Ben Tran") and "Owner, Tran's Market" in offered[0]
        assert offered[-1] == "+ new, not in the book: Ben Tran"
        coming.query_one("#coming-matches", OptionList).focus()
        coming.query_one("#coming-matches", OptionList).highlighted = len(offered) - 1
        await pilot.press("enter")  # the organizer thinks it is another Ben
        await pilot.pause()
        new_ben = peek.value(book, "SELECT max(id) FROM contact WHERE name = 'Ben Tran'")
        assert new_ben != ben
        captures.add_commitment(book, new_ben, "theirs", "Ask the market's customers to sign", None,
                                meeting_id=meeting)
        await pilot.press("escape")
        await pilot.pause()
        await app.push_screen(FollowUpScreen(meeting))
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        house = app.screen
        assert isinstance(house, HouseFollowUpScreen)
        said = _plain(house.query_one("#house-new-line", Static).content)
        assert "New in the book from this meeting: Ben Tran — looks like someone already in it" in said
        offers = _options(house.query_one("#house-newcomers", OptionList))
        assert offers == [f"Use Ben Tran (Owner, Tran's Market · never met · #{ben}) for the new Ben Tran"]
        house.query_one("#house-newcomers", OptionList).focus()
        house.query_one("#house-newcomers", OptionList).highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert "No one new to the book came." in _plain(house.query_one("#house-new-line", Static).content)
        await app.push_screen(HistoryScreen(ben))
        await pilot.pause()
        page = _plain(app.screen.query_one("#history-text", Static).content)
    assert "Rosa Díaz's house meeting — with 1 other" in page and "Ask the market's customers to sign" in page
    assert peek.value(book, "SELECT count(*) FROM contact WHERE name = 'Ben Tran' AND archived_at IS NULL") == 1
    assert peek.value(book, "SELECT contact_id FROM commitment WHERE text LIKE 'Ask the market%'") == ben
    assert [p.contact_id for p in participants.participants(book, meeting)] == [rosa, ben]


def test_the_demo_house_meeting_has_three_people_one_new_with_their_own_words(demo_book):
    from relmeet.demo_house import house_meeting
    from relmeet.pages.history import render
    from relmeet.store import history, participants

    before = peek.value(demo_book, "SELECT count(*) FROM contact")
    meeting = house_meeting(demo_book)
    people = participants.participants(demo_book, meeting)
    assert [p.name for p in people] == ["Teresa Alvarez", "José Martínez", "Lucía Benítez"]
    assert peek.value(demo_book, "SELECT count(*) FROM contact") == before + 1  # Lucía, new to the book
    owners = {r[0] for r in peek.rows(demo_book, "SELECT contact_id FROM interest WHERE meeting_id = ?", (meeting,))}
    assert owners == {p.contact_id for p in people}
    lucia = _plain(render(history.history(demo_book, people[2].contact_id)))
    assert "Teresa Alvarez's house meeting — with 2 others" in lucia and "Her rent went up twice" in lucia


async def test_names_that_look_like_markup_are_shown_as_typed(book):
    """A neighbour typed as '[b]Lee[/b] [@click=app.quit]x' is a name, on every house-meeting screen."""
    from relmeet.store import meetings

    rosa, _ana = _people(book)
    meeting = meetings.plan(book, MeetingPlan(contact_id=rosa, purpose="House meeting"))
    odd = "[b]Lee[/b] [@click=app.quit]x"
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 44)) as pilot:
        await app.push_screen(PrepScreen(rosa, meeting))
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        coming = app.screen
        coming.query_one("#who", Input).value = odd
        await pilot.pause()
        assert _options(coming.query_one("#coming-matches", OptionList)) == [f"+ new, not in the book: {odd}"]
        await pilot.press("enter")
        await pilot.pause()
        assert _options(coming.query_one("#coming-list", OptionList))[1] == odd
        await pilot.press("escape")
        await pilot.pause()
        meetings.start(book, meeting)
        await app.push_screen(NotesScreen(meeting, running_clock=False))
        await pilot.pause()
        await _whose_then_capture(pilot, "f2", odd, kind="concern", text="Mold in the bathroom")
        captured = _options(app.screen.query_one("#captured", OptionList))
        assert captured[0].startswith(f"{odd} · Concern: Mold in the bathroom")
        await app.push_screen(FollowUpScreen(meeting))
        await pilot.pause()
        assert odd in _plain(app.screen.query_one("#house-people-lines", Static).content)
        assert app.is_running
    assert peek.value(book, "SELECT count(*) FROM contact WHERE name = ?", (odd,)) == 1

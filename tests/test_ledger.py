"""The ledger of a relationship, worked after the meeting: asks and offers both ways, answers in their
words, every capture editable in every state, deferred asks raised again with one history."""
from __future__ import annotations

from textual.widgets import Input, OptionList, Select

from relmeet.app import RelmeetApp
from relmeet.screens.capture import CaptureScreen
from relmeet.screens.notes import NotesScreen
import peek


async def _open_rosa_notes(pilot):
    """The issue's steps: filter Rosa, F2 (her planned meeting's prep), F10 (start it)."""
    await pilot.pause()
    pilot.app.screen.query_one("#filter", Input).value = "Rosa"
    await pilot.pause(0.4)
    await pilot.press("f2")
    await pilot.pause()
    await pilot.press("f10")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NotesScreen)
    return pilot.app.screen


async def test_enter_on_a_planned_ask_opens_its_dialog(demo_book):
    """The crash: Enter on a planned ask in the Captured list ended the app (Illegal select value 'planned')."""
    app = RelmeetApp(demo_book)
    async with app.run_test(size=(140, 45)) as pilot:
        notes = await _open_rosa_notes(pilot)
        box = notes.query_one("#captured", OptionList)
        box.focus()
        lines = [box.get_option_at_index(i).prompt.plain for i in range(box.option_count)]
        row = next(i for i, line in enumerate(lines) if "Speak for two minutes" in line)
        box.highlighted = row
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CaptureScreen)
        assert dialog.query_one("#status", Select).value == "planned"
        dialog.query_one("#status", Select).value = "agreed"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is notes
        ask = "SELECT status FROM exchange WHERE text = 'Speak for two minutes at the council hearing'"
        assert peek.value(demo_book, ask) == "agreed"
        line = notes.query_one("#captured", OptionList).get_option_at_index(row).prompt.plain
        assert "Yes" in line


# Every capture kind in every state opens from the notes, edits, saves -------------------------

from datetime import date, timedelta  # noqa: E402

from relmeet.domain import CommitmentStatus, ExchangeStatus, InterestKind  # noqa: E402
from relmeet.domain.meetings import MeetingPlan  # noqa: E402
from relmeet.domain.people import ContactIn  # noqa: E402
from relmeet.store import captures, contacts, meetings  # noqa: E402


def _meeting_in_progress(book) -> tuple[int, int]:
    ana = contacts.create(book, ContactIn(name="Rev. Ana Ruiz"))
    meeting = meetings.plan(book, MeetingPlan(contact_id=ana, purpose="Endorsement"))
    meetings.start(book, meeting)
    return ana, meeting


def _lines(notes) -> list[str]:
    box = notes.query_one("#captured", OptionList)
    return [box.get_option_at_index(i).prompt.plain for i in range(box.option_count)]


async def _open_item(pilot, notes, words: str) -> CaptureScreen:
    box = notes.query_one("#captured", OptionList)
    box.focus()
    box.highlighted = next(i for i, line in enumerate(_lines(notes)) if words in line)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CaptureScreen), f"Enter on {words!r} opened no dialog"
    return pilot.app.screen


async def test_every_ask_and_offer_in_every_state_edits_from_the_notes(book):
    ana, meeting = _meeting_in_progress(book)
    made = {}
    for direction in ("ask", "offer"):
        for made_by in ("me", "them"):
            for status in ExchangeStatus:
                text = f"{direction} {made_by} {status.value}"
                made[text] = captures.add_exchange(book, ana, direction, "time", text, status=status.value,
                                                   made_by=made_by, meeting_id=meeting)
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 50)) as pilot:
        notes = NotesScreen(meeting, running_clock=False)
        await app.push_screen(notes)
        await pilot.pause()
        assert any(line.startswith("They asked: ask them deferred") for line in _lines(notes))
        assert any(line.startswith("I offered: offer me planned") for line in _lines(notes))
        for text, exchange_id in made.items():
            dialog = await _open_item(pilot, notes, text)
            direction, made_by, status = text.split()
            assert dialog.query_one("#status", Select).value == status
            assert dialog.query_one("#made_by", Select).value == made_by
            dialog.query_one("#answer", Input).value = f"said about {text}"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is notes, f"{text}: the dialog stayed"
            assert peek.value(book, "SELECT answer FROM exchange WHERE id = ?", (exchange_id,)) == f"said about {text}"
            assert any(f"said about {text}" in line for line in _lines(notes))


async def test_every_interest_commitment_and_referral_in_every_state_edits(book):
    ana, meeting = _meeting_in_progress(book)
    interests = {k.value: captures.add_interest(book, ana, k.value, f"interest {k.value}", meeting_id=meeting)
                 for k in InterestKind}
    promises = {}
    for status in CommitmentStatus:
        promises[status.value] = captures.add_commitment(book, ana, "theirs", f"promise {status.value}",
                                                         date(2026, 12, 4), meeting_id=meeting)
        if status.value != "open":
            captures.update(book, "commitment", promises[status.value], status=status.value)
    tran = contacts.create(book, ContactIn(name="Mr. Tran"))
    captures.add_referral(book, ana, tran, meeting_id=meeting, note="corner market")
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 50)) as pilot:
        notes = NotesScreen(meeting, running_clock=False)
        await app.push_screen(notes)
        await pilot.pause()
        for kind, item in interests.items():
            dialog = await _open_item(pilot, notes, f"interest {kind}")
            assert dialog.query_one("#kind", Select).value == kind
            dialog.query_one("#text", Input).value = f"interest {kind}, in her words"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert peek.value(book, "SELECT text FROM interest WHERE id = ?", (item,)) == f"interest {kind}, in her words"
        for status, item in promises.items():
            dialog = await _open_item(pilot, notes, f"promise {status}")
            assert dialog.query_one("#due", Input).value == "2026-12-04"
            dialog.query_one("#due", Input).value = "2026-12-11"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is notes
            assert tuple(peek.row(book, "SELECT due_on, status FROM commitment WHERE id = ?", (item,))) == ("2026-12-11", status)
        dialog = await _open_item(pilot, notes, "Talk to: Mr. Tran")
        dialog.query_one("#note", Input).value = "owns the corner market"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert peek.value(book, "SELECT note FROM referral") == "owns the corner market"
        assert any("owns the corner market" in line for line in _lines(notes))


async def test_their_ask_i_agree_to_becomes_my_commitment_and_mine_theirs(book):
    """Both ways: their ask I say yes to is mine to do (with a date), my ask they say partly yes to is
    theirs (without one); taken back before anyone worked it, the commitment goes with it."""
    ana, meeting = _meeting_in_progress(book)
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 50)) as pilot:
        notes = NotesScreen(meeting, running_clock=False)
        await app.push_screen(notes)
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#made_by", Select).value = "them"
        dialog.query_one("#text", Input).value = "Send tenants to speak at the union's hearing"
        dialog.query_one("#status", Select).value = "agreed"
        dialog.query_one("#commitment_due", Input).value = "2026-12-09"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#text", Input).value = "Listening visits in Building B"
        dialog.query_one("#status", Select).value = "partly"
        dialog.query_one("#answer", Input).value = "10 listening visits, no board sign-off yet"
        await pilot.press("ctrl+s")
        await pilot.pause()
        lines = _lines(notes)
        assert any(line.startswith("They asked: Send tenants to speak") and "Yes" in line for line in lines)
        assert any(line.startswith("I asked: Listening visits") and "Partly yes — 10 listening visits" in line
                   for line in lines)
        rows = peek.rows(book, "SELECT c.owner, c.text, c.due_on, x.made_by FROM commitment c "
                               "JOIN exchange x ON x.id = c.exchange_id ORDER BY c.id")
        assert [tuple(r) for r in rows] == [
            ("mine", "Send tenants to speak at the union's hearing", "2026-12-09", "them"),
            ("theirs", "Listening visits in Building B — 10 listening visits, no board sign-off yet", None, "me")]
        # a slip: the union's ask was only pending; the commitment it made goes, in the same save
        dialog = await _open_item(pilot, notes, "They asked: Send tenants to speak")
        dialog.query_one("#status", Select).value = "thinking"
        dialog.query_one("#condition", Input).value = "if the local's board agrees"
        dialog.query_one("#decide_by", Input).value = "2026-12-07"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert peek.value(book, "SELECT count(*) FROM commitment WHERE owner = 'mine'") == 0
        assert tuple(peek.row(book, "SELECT condition, decide_by FROM exchange WHERE made_by = 'them'")) == (
            "if the local's board agrees", "2026-12-07")
        assert any("Pending: if the local's board agrees, by 2026-12-07" in line for line in _lines(notes))


# A deferred ask: offered in the next prep, listed in the brief, raised later with one history ----

import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from datetime import datetime, timezone  # noqa: E402

from textual.widgets import Checkbox, Static  # noqa: E402

from relmeet.screens.history import HistoryScreen  # noqa: E402
from relmeet.screens.prep import PrepScreen  # noqa: E402


def _shell(book, *args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "relmeet", "--db", str(book.path), *args], capture_output=True,
                         text=True, timeout=60, env=os.environ.copy())
    assert out.returncode == 0, out.stderr
    return out.stdout


def _at(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 17, 0, tzinfo=timezone.utc)


async def test_a_deferred_ask_is_raised_again_and_keeps_one_history(book, monkeypatch):
    ana = contacts.create(book, ContactIn(name="Teresa Gómez"))
    first = meetings.plan(book, MeetingPlan(contact_id=ana, purpose="Union local"))
    meetings.record_held(book, first, _at(23), _at(23).replace(hour=18), "Wants to see the first house meeting.")
    deferred = captures.add_exchange(book, ana, "ask", "time", "Ten listening visits in Building B",
                                     status="deferred", answer="after the holidays", meeting_id=first)
    brief = _shell(book, "brief", "teresa")
    assert "Deferred asks — raise them again" in brief
    assert "I asked (time): Ten listening visits in Building B" in brief and "after the holidays" in brief
    app = RelmeetApp(book)
    async with app.run_test(size=(150, 50)) as pilot:
        prep = PrepScreen(ana)
        await app.push_screen(prep)
        await pilot.pause()
        tick = prep.query_one(f"#raise-{deferred}", Checkbox)
        assert "Ten listening visits in Building B" in tick.label.plain and "deferred" in tick.label.plain
        assert tick.value is False
        prep.query_one("#when", Input).value = "2026-12-07 18:00"
        tick.value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        second = peek.value(book, "SELECT id FROM meeting WHERE id <> ?", (first,))
        raised = peek.row(book, "SELECT id, status, text, raised_from_id FROM exchange WHERE meeting_id = ?", (second,))
        assert tuple(raised)[1:] == ("planned", "Ten listening visits in Building B", deferred)
        # saved again from the prep: still one raised ask, the same row
        prep = PrepScreen(ana, second)
        await app.push_screen(prep)
        await pilot.pause()
        assert prep.query_one(f"#raise-{deferred}", Checkbox).value is True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [tuple(r) for r in peek.rows(book, "SELECT id FROM exchange WHERE raised_from_id = ?", (deferred,))] == [
            (raised[0],)]
    brief = _shell(book, "brief", "teresa")
    assert "Deferred asks" not in brief  # raised again: the brief's "Today" has it
    assert "Ten listening visits in Building B (raised again: it was deferred)" in brief
    # the second meeting, on 7 Dec: a partly yes, recorded in the notes
    monkeypatch.setenv("RELMEET_TODAY", "2026-12-07")
    meetings.start(book, second)
    app = RelmeetApp(book)
    async with app.run_test(size=(150, 50)) as pilot:
        notes = NotesScreen(second, running_clock=False)
        await app.push_screen(notes)
        await pilot.pause()
        dialog = await _open_item(pilot, notes, "Ten listening visits")
        assert dialog.query_one("#status", Select).value == "planned"
        dialog.query_one("#status", Select).value = "partly"
        dialog.query_one("#answer", Input).value = "10 listening visits, no board sign-off yet"
        await pilot.press("ctrl+s")
        await pilot.pause()
    meetings.record_held(book, second, _at(7, 12), _at(7, 12).replace(hour=18), "Said yes to ten.")
    app = RelmeetApp(book)
    async with app.run_test(size=(170, 60)) as pilot:
        await app.push_screen(HistoryScreen(ana))
        await pilot.pause()
        text = _plain(app.screen.query_one("#history-text", Static).content)
    assert [line.split("[")[0].strip() for line in text.splitlines() if "Ten listening visits" in line
            and "asked" in line.split(":")[0]] == ["I asked (time): Ten listening visits in Building B"]
    assert ("asked 23 Nov: deferred — after the holidays; raised 7 Dec: partly yes — 10 listening visits, "
            "no board sign-off yet") in text
    assert "I asked 2 / they asked 0 · I offered 0 / they offered 0" in text
    assert peek.value(book, "SELECT owner FROM commitment WHERE exchange_id = ?", (raised[0],)) == "theirs"
    assert "Deferred asks" not in _shell(book, "brief", "teresa")


def _plain(renderable) -> str:
    """What the organizer reads, as plain text."""
    import io

    from rich.console import Console

    console = Console(width=400, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


async def test_the_campaign_page_history_and_home_count_the_exchange_both_ways(book):
    from relmeet.domain.campaigns import CampaignIn
    from relmeet.screens.campaigns import CampaignsScreen
    from relmeet.store import campaigns, health

    rent = campaigns.save(book, CampaignIn(name="Rent stabilization"))
    clinic = contacts.create(book, ContactIn(name="Dr. Amal Haddad"))
    for direction, made_by, status, text in (
            ("ask", "me", "agreed", "Testify at the hearing"), ("ask", "me", "deferred", "Host a forum"),
            ("ask", "me", "planned", "Sign the letter"),
            ("ask", "them", "agreed", "Don't put our logo on anything without checking"),
            ("offer", "me", "made", "A tenant to speak at the staff meeting")):
        captures.add_exchange(book, clinic, direction, "action", text, status=status, made_by=made_by,
                              campaign_id=rent)
    counts = health.overview(book)
    assert (counts["asks"], counts["asked_by_them"], counts["offers"], counts["offered_by_them"]) == (2, 1, 1, 0)
    app = RelmeetApp(book)
    async with app.run_test(size=(160, 50)) as pilot:
        await app.push_screen(CampaignsScreen())
        await pilot.pause(0.3)
        page = _plain(app.screen.query_one("#campaign-detail", Static).content)
        assert "I asked: 3 — 1 yes, 1 deferred (raise later), 1 planned" in page
        assert "They asked: 1 — 1 yes" in page
        assert "I offered: 1 — 1 made, no answer yet" in page
        assert "They asked: Don't put our logo on anything without checking — Dr. Amal Haddad" in page
        await app.push_screen(HistoryScreen(clinic))
        await pilot.pause()
        text = _plain(app.screen.query_one("#history-text", Static).content)
    assert "I asked 2 / they asked 1 · I offered 1 / they offered 0" in text
    assert text.count("I asked 2 / they asked 1") == 2  # the health line and the heading
    assert "They asked (an action): Don't put our logo on anything without checking [yes]" in text


# The summary follows the screen ------------------------------------------------------------

async def test_the_summary_follows_the_outcomes_on_the_screen_and_asks_before_replacing_edits(book):
    from relmeet.screens.confirm import ConfirmScreen
    from relmeet.screens.follow_up import FollowUpScreen
    from relmeet.widgets.text_area import TextArea

    okafor = contacts.create(book, ContactIn(name="Pastor Denise Okafor"))
    meeting = meetings.plan(book, MeetingPlan(contact_id=okafor, purpose="Endorsement"))
    meetings.start(book, meeting)
    host = captures.add_exchange(book, okafor, "ask", "endorsement", "Grace AME endorses the ordinance",
                                 status="planned", meeting_id=meeting)
    forum = captures.add_exchange(book, okafor, "ask", "time", "Host a Sunday forum", status="made",
                                  meeting_id=meeting)
    meetings.end(book, meeting)
    app = RelmeetApp(book)
    async with app.run_test(size=(140, 50)) as pilot:
        follow = FollowUpScreen(meeting)
        await app.push_screen(follow)
        await pilot.pause(0.3)
        summary = follow.query_one("#summary", TextArea)
        assert "Thank you, Denise, for making the time to talk." in summary.text
        assert "You said yes to" not in summary.text
        follow.query_one(f"#outcome-{host}", Select).value = "agreed"
        await pilot.pause()
        assert "- You said yes to: Grace AME endorses the ordinance" in summary.text
        assert peek.value(book, "SELECT status FROM exchange WHERE id = ?", (host,)) == "planned"  # not saved yet
        # the organizer's own words: a change of outcome asks before replacing them
        summary.load_text(summary.text + "\nSee you Sunday!\n")
        follow.query_one(f"#outcome-{forum}", Select).value = "deferred"
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep mine
        await pilot.pause()
        assert app.screen is follow and summary.text.endswith("See you Sunday!\n")
        assert "Host a Sunday forum (made, no answer yet" in summary.text
        await pilot.press("f7")
        await pilot.pause()
        assert "Host a Sunday forum (deferred (raise later), time)" in summary.text
        assert "See you Sunday!" not in summary.text
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = peek.value(book, "SELECT summary FROM meeting WHERE id = ?", (meeting,))
    assert "Thank you, Denise," in saved and "You said yes to: Grace AME endorses the ordinance" in saved
    app = RelmeetApp(book)
    async with app.run_test(size=(160, 50)) as pilot:
        await app.push_screen(HistoryScreen(okafor))
        await pilot.pause()
        text = _plain(app.screen.query_one("#history-text", Static).content)
    assert text.count("Thank you, Denise, for making the time to talk.") == 1  # once, in its meeting
    assert "Summary: One-on-one with Pastor Denise Okafor" in text and "#" not in text


def test_the_salutation_is_a_given_name_never_a_title():
    from relmeet.pages.summary import salutation

    assert salutation("Rev. Ana Ruiz") == "Ana"
    assert salutation("Pastor Denise Okafor") == "Denise"
    assert salutation("María José Alvarez") == "María José"
    assert salutation("José Martínez López") == "José"
    assert salutation("Dr. Singh") == "Dr. Singh"
    assert salutation("Rev. Ana Ruiz", given_name="Ana María") == "Ana María"
    assert salutation("Rev. Ana Ruiz", given_name="Ana", goes_by="Annie") == "Annie"
    assert salutation("Hon. Pat Lee", honorific="Hon.") == "Pat"


# A planned meeting whose time passed asks "did it happen?" ------------------------------------

async def _answer_did_it_happen(pilot, key: str):
    from relmeet.screens.did_it_happen import DidItHappenScreen

    app = pilot.app
    await pilot.pause(0.5)  # the side panes fill in a worker
    upcoming = app.screen.query_one("#upcoming", OptionList)
    line = upcoming.get_option_at_index(0).prompt.plain
    upcoming.focus()
    upcoming.highlighted = 0
    await pilot.press("enter")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, DidItHappenScreen)
    assert dialog.focused.id == "later"  # a slip of Enter decides nothing
    await pilot.press(key)
    await pilot.pause(0.3)
    return line


async def test_a_planned_meeting_whose_time_passed_asks_did_it_happen(book):
    from datetime import timedelta

    from relmeet.domain import utcnow
    from relmeet.screens.follow_up import FollowUpScreen

    people = {name: contacts.create(book, ContactIn(name=name)) for name in ("Ana Held", "Bo Cancelled", "Cy Later")}
    planned = {name: meetings.plan(book, MeetingPlan(contact_id=cid, purpose=f"with {name}",
                                                     scheduled_at=utcnow() - timedelta(days=3 - i)))
               for i, (name, cid) in enumerate(people.items())}
    app = RelmeetApp(book)
    async with app.run_test(size=(160, 50)) as pilot:
        line = await _answer_did_it_happen(pilot, "h")
        assert "did it happen?" in line and "Ana Held" in line
        assert isinstance(app.screen, FollowUpScreen)
        assert peek.value(book, "SELECT status FROM meeting WHERE id = ?", (planned["Ana Held"],)) == "held"
        await pilot.press("escape")
        line = await _answer_did_it_happen(pilot, "c")
        assert "Bo Cancelled" in line
        assert peek.value(book, "SELECT status FROM meeting WHERE id = ?", (planned["Bo Cancelled"],)) == "cancelled"
        line = await _answer_did_it_happen(pilot, "r")
        assert "Cy Later" in line
        from relmeet.screens.prep import PrepScreen

        assert isinstance(app.screen, PrepScreen)
        app.screen.query_one("#when", Input).value = (utcnow() + timedelta(days=7)).astimezone().strftime(
            "%Y-%m-%d 18:00")
        await pilot.press("ctrl+s")
        await pilot.pause(0.5)
        assert peek.value(book, "SELECT status FROM meeting WHERE id = ?", (planned["Cy Later"],)) == "planned"
        upcoming = app.screen.query_one("#upcoming", OptionList)
        lines = [upcoming.get_option_at_index(i).prompt.plain for i in range(upcoming.option_count)]
        assert any("Cy Later" in line and "did it happen?" not in line for line in lines)
        assert not any("Ana Held" in line or "Bo Cancelled" in line for line in lines)


# The thank-you within 48 hours ---------------------------------------------------------------

def _due_lines(app) -> list[str]:
    due = app.screen.query_one("#due", OptionList)
    return [due.get_option_at_index(i).prompt.plain for i in range(due.option_count)]


async def test_the_thank_you_is_due_within_48_hours_until_sent_or_turned_off(book):
    from steps import run_from_palette

    from relmeet.domain import today
    from relmeet.screens.follow_up import FollowUpScreen

    held = {}
    for name in ("Ana Thanked", "Bo Later"):
        cid = contacts.create(book, ContactIn(name=name))
        held[name] = meetings.plan(book, MeetingPlan(contact_id=cid, purpose="First one-on-one"))
        meetings.start(book, held[name])
        meetings.end(book, held[name])
    due_on = today() + timedelta(days=2)
    app = RelmeetApp(book)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause(0.5)
        lines = _due_lines(app)
        for name in held:
            assert any(name in line and "Send the thank-you" in line for line in lines), lines
        due = app.screen.query_one("#due", OptionList)
        due.focus()
        due.highlighted = next(i for i, line in enumerate(lines) if "Ana Thanked" in line)
        await pilot.press("enter")
        await pilot.pause()
        follow = app.screen
        assert isinstance(follow, FollowUpScreen) and follow.meeting_id == held["Ana Thanked"]
        assert "Thank-you not sent yet" in _plain(follow.query_one("#summary-sent", Static).content)
        await pilot.press("f8")
        await pilot.pause()
        assert "✓ Thank-you sent" in _plain(follow.query_one("#summary-sent", Static).content)
        assert peek.value(book, "SELECT summary_sent_on FROM meeting WHERE id = ?", (held["Ana Thanked"],)) == \
            today().isoformat()
        await pilot.press("escape")
        await pilot.pause(0.5)
        lines = _due_lines(app)
        assert not any("Ana Thanked" in line for line in lines)
        assert any("Bo Later" in line for line in lines)
        await run_from_palette(pilot, "settings: thank-you reminders")
        await pilot.pause(0.5)
        assert not any("Send the thank-you" in line for line in _due_lines(app))
    assert peek.value(book, "SELECT value FROM setting WHERE key = 'thank_you_reminders'") == "off"
    assert due_on > today()


# The history is a workplace ------------------------------------------------------------------

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


async def test_from_the_history_every_listed_item_can_be_worked(book):
    from relmeet.screens.commitment_status import CommitmentStatusScreen
    from relmeet.screens.prep import PrepScreen

    ana = contacts.create(book, ContactIn(name="Ana Ruiz"))
    first = meetings.plan(book, MeetingPlan(contact_id=ana, purpose="First"))
    meetings.record_held(book, first, _at(16), _at(16).replace(hour=18), "")
    ask = captures.add_exchange(book, ana, "ask", "time", "Knock on doors Saturday", status="made", meeting_id=first)
    deferred = captures.add_exchange(book, ana, "ask", "money", "Dues for the union", status="deferred",
                                     meeting_id=first)
    promise = captures.add_commitment(book, ana, "theirs", "Bring four neighbors", date(2026, 11, 30),
                                      meeting_id=first)
    app = RelmeetApp(book)
    async with app.run_test(size=(170, 50)) as pilot:
        history_screen = HistoryScreen(ana)
        await app.push_screen(history_screen)
        await pilot.pause()
        lines = _work_lines(history_screen)
        assert "Raise again: Dues for the union" in lines
        assert any(line.startswith("They will: Bring four neighbors") for line in lines)
        assert any(line.startswith("I asked: Knock on doors Saturday") for line in lines)
        # an ask's answer, recorded from the history
        await _work_on(pilot, "I asked: Knock on doors")
        dialog = app.screen
        assert isinstance(dialog, CaptureScreen)
        dialog.query_one("#status", Select).value = "partly"
        dialog.query_one("#answer", Input).value = "two hours, not the whole day"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is history_screen
        assert tuple(peek.row(book, "SELECT status, answer FROM exchange WHERE id = ?", (ask,))) == (
            "partly", "two hours, not the whole day")
        assert any("partly yes — two hours" in line for line in _work_lines(history_screen))
        # a commitment marked done, then the mark taken back
        await _work_on(pilot, "They will: Bring four neighbors")
        assert isinstance(app.screen, CommitmentStatusScreen)
        assert app.focused.id == "on"
        await pilot.click("#done")
        await pilot.pause()
        assert app.screen is history_screen
        assert peek.value(book, "SELECT status FROM commitment WHERE id = ?", (promise,)) == "done"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert peek.value(book, "SELECT status FROM commitment WHERE id = ?", (promise,)) == "open"
        # a deferred ask raised again: the prep opens with it ticked
        await _work_on(pilot, "Raise again: Dues for the union")
        prep = app.screen
        assert isinstance(prep, PrepScreen)
        assert prep.query_one(f"#raise-{deferred}", Checkbox).value is True
        prep.query_one("#when", Input).value = "2026-12-07 18:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert peek.value(book, "SELECT count(*) FROM exchange WHERE raised_from_id = ? AND status = 'planned'",
                          (deferred,)) == 1
        assert app.screen is history_screen
        assert not any("Raise again" in line for line in _work_lines(history_screen))

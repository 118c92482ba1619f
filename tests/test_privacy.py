"""Private means private: what the organizer marks private stays out of every summary and every file
relmeet writes for sharing, unless they ask for it (--include-private); their own screens and
`relmeet show` still show it, marked private. Every file written is 0600 in a 0700 folder.

The book holds one private item of every kind, each a made-up word found nowhere else, so a leak
anywhere is one `in`.
"""
from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console
from steps import run_from_palette
from textual.widgets import Checkbox, Input, OptionList, Select, TextArea

import peek
from relmeet.app import RelmeetApp
from relmeet.domain.meetings import FollowUp, FollowUpForm, MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.pages.summary import draft
from relmeet.screens.capture import CaptureScreen
from relmeet.screens.follow_up import FollowUpScreen
from relmeet.screens.history import HistoryScreen
from relmeet.store import Book, backup, captures, contacts, follow_up, meetings

# One made-up word per private item: no other text in the book contains any of them.
PRIVATE = {
    "contact notes": "Quillonpewter",
    "meeting notes": "Brambleoxide",
    "interest": "Fennicorvale",
    "ask": "Tamberlute",
    "offer": "Ochrequiver",
    "commitment": "Drosselwick",
}
# Their public neighbours, to show each export did write the captured items it was meant to.
PUBLIC = {"interest": "Lanternbay", "ask": "Harrowmint", "offer": "Cobaltfern", "commitment": "Windlestraw"}
NAME = "Ana Privada"


def leaked(text: str) -> list[str]:
    return [word for word in PRIVATE.values() if word.casefold() in text.casefold()]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _private_book(book: Book) -> tuple[int, int]:
    """A contact with private notes and a held meeting with private notes and private captures of every
    kind, beside public ones; the follow-up saved with a summary the organizer drafted WITH the private
    items (the worst case: a summary is text they may have edited). Returns (contact id, meeting id)."""
    ana = contacts.create(book, ContactIn(name=NAME, notes=f"Fears the landlord; {PRIVATE['contact notes']}.",
                                          notes_private=True, email="ana@example.org"))
    other = contacts.create(book, ContactIn(name="Ben Publico", notes="Runs the food pantry."))
    meeting = meetings.plan(book, MeetingPlan(contact_id=ana, scheduled_at=datetime.now().astimezone()
                                              - timedelta(days=1), purpose="Hear her story"))
    card = meetings.start(book, meeting)
    meetings.save_notes(book, meeting, f"Her son's asthma; {PRIVATE['meeting notes']}.", card.notes_rev)
    meetings.set_notes_private(book, meeting, True)  # what F7 in the notes does
    for private, words in ((True, PRIVATE), (False, PUBLIC)):
        captures.add_interest(book, ana, "concern", f"Worried about {words['interest']}", meeting_id=meeting,
                              private=private)
        captures.add_exchange(book, ana, "ask", "action", f"Join the {words['ask']} delegation", status="agreed",
                              meeting_id=meeting, private=private)
        captures.add_exchange(book, ana, "offer", "support", f"A ride to {words['offer']}", meeting_id=meeting,
                              private=private)
        captures.add_commitment(book, ana, "mine", f"Call {words['commitment']}", None, meeting_id=meeting,
                                private=private)
    captures.add_referral(book, ana, other, meeting_id=meeting, note="Knows the pantry crowd")
    meetings.end(book, meeting)
    parts = follow_up.summary_parts(book, meeting)
    follow_up.save(book, meeting, FollowUpForm(follow=FollowUp(summary=draft(parts, include_private=True),
                                                               next_step="Check in next week")))
    return ana, meeting


def _flags(book: Book, meeting_id: int) -> dict[str, int]:
    found = {"meeting notes": peek.value(book, "SELECT notes_private FROM meeting WHERE id = ?", (meeting_id,))}
    for table in ("interest", "exchange", "commitment"):
        found[table] = peek.value(book, f"SELECT sum(private) FROM {table} WHERE meeting_id = ?", (meeting_id,))
    return found


def _shown(renderable) -> str:
    console = Console(width=300, file=io.StringIO(), record=True)
    console.print(renderable)
    return console.export_text()


def _lines_with(text: str, word: str) -> list[str]:
    return [line for line in text.splitlines() if word.casefold() in line.casefold()]


# -- the capture dialogs ----------------------------------------------------------------------------

async def _open_capture(pilot, key: str) -> CaptureScreen:
    await pilot.press(key)
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, CaptureScreen)
    return dialog


async def test_each_capture_dialog_marks_its_item_private_and_editing_keeps_the_mark(book):
    ana = contacts.create(book, ContactIn(name=NAME))
    meeting = meetings.plan(book, MeetingPlan(contact_id=ana, purpose="Hear her story"))
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()  # started, so that no meeting is left to offer to resume
        app.start_meeting(meeting)
        await pilot.pause()
        notes = app.screen
        for key, kind, fields in (("f2", "interest", {"kind": "concern"}), ("f3", "ask", {"kind": "action"}),
                                  ("f4", "offer", {"kind": "support"}), ("f5", "commitment", {"owner": "mine"})):
            dialog = await _open_capture(pilot, key)
            box = dialog.query_one("#private", Checkbox)
            assert box.value is False
            # the key is on the dialog's own Footer, and works while typing in a field
            shown = {b.key: b.description for b in (binding for _, binding, enabled, _tip in
                                                   dialog.active_bindings.values()) if b.show}
            assert shown.get("ctrl+t") == "Private"
            assert dialog.query("Footer")
            assert isinstance(app.focused, Input)
            for selector, value in fields.items():
                dialog.query_one(f"#{selector}", Select).value = value
            dialog.query_one("#text", Input).value = f"Secret {kind} {PRIVATE[kind]}"
            await pilot.press("ctrl+t")
            assert box.value is True
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is notes
        assert peek.value(book, "SELECT private FROM interest WHERE text LIKE '%' || ?", (PRIVATE["interest"],)) == 1
        assert [tuple(r) for r in peek.rows(book, "SELECT direction, private FROM exchange ORDER BY id")] == [
            ("ask", 1), ("offer", 1)]
        assert peek.value(book, "SELECT private FROM commitment") == 1

        # editing: each dialog opens with the box as stored, and a change of text keeps the mark
        listed = notes.query_one("#captured", OptionList)
        for index in range(4):
            listed.focus()
            listed.highlighted = index
            await pilot.press("enter")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, CaptureScreen) and dialog.editing is not None
            assert dialog.query_one("#private", Checkbox).value is True
            dialog.query_one("#text", Input).value += " (edited)"
            await pilot.press("ctrl+s")
            await pilot.pause()
        for table in ("interest", "exchange", "commitment"):
            assert {tuple(r) for r in peek.rows(book, f"SELECT private, text LIKE '%(edited)' FROM {table}")} == {(1, 1)}

        # and the mark can be taken off again
        listed.focus()
        listed.highlighted = next(i for i, item in enumerate(notes.items) if item.table == "interest")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CaptureScreen), app.screen
        await pilot.press("ctrl+t")
        assert dialog.query_one("#private", Checkbox).value is False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert peek.value(book, "SELECT private FROM interest") == 0
        assert {r.kind: r.private for r in captures.for_meeting(book, meeting)} == {
            "concern": False, "ask": True, "offer": True, "mine": True}


# -- the follow-up and its summary ------------------------------------------------------------------

def test_the_draft_leaves_private_items_out_unless_asked(book):
    _ana, meeting = _private_book(book)
    parts = follow_up.summary_parts(book, meeting)
    public = draft(parts)
    assert leaked(public) == []
    assert all(word in public for word in PUBLIC.values())
    everything = draft(parts, include_private=True)
    assert set(leaked(everything)) == {PRIVATE[k] for k in ("interest", "ask", "offer", "commitment")}


async def test_follow_up_keeps_the_flags_drafts_without_private_and_writes_the_summary_0600(book, tmp_path):
    ana = contacts.create(book, ContactIn(name=NAME))
    meeting = meetings.plan(book, MeetingPlan(contact_id=ana, purpose="Hear her story"))
    card = meetings.start(book, meeting)
    meetings.save_notes(book, meeting, f"Notes {PRIVATE['meeting notes']}", card.notes_rev)
    meetings.set_notes_private(book, meeting, True)
    for private, words in ((True, PRIVATE), (False, PUBLIC)):
        captures.add_interest(book, ana, "concern", words["interest"], meeting_id=meeting, private=private)
        captures.add_exchange(book, ana, "ask", "action", words["ask"], meeting_id=meeting, private=private)
        captures.add_commitment(book, ana, "theirs", words["commitment"], None, meeting_id=meeting, private=private)
    meetings.end(book, meeting)
    target = tmp_path / "shared" / "summary.md"
    target.parent.mkdir()
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 50)) as pilot:
        app.push_screen(FollowUpScreen(meeting))
        await pilot.pause()
        screen = app.screen
        summary = screen.query_one("#summary", TextArea).text
        assert leaked(summary) == [] and PUBLIC["interest"] in summary and PUBLIC["commitment"] in summary
        # the organizer's own page shows the private rows, marked
        rows = [_shown(s.content) for s in screen.query(".follow-text")]
        assert any(PRIVATE["ask"] in r and "🔒 private" in r for r in rows)
        assert any(PUBLIC["ask"] in r and "private" not in r for r in rows)
        hint = _shown(screen.query_one("#field-summary .field-label").content)
        assert "3 private items left out of the draft" in hint
        screen.query_one("#summary_path", Input).value = str(tmp_path / "no such folder" / "summary.md")
        await pilot.press("f6")
        await pilot.pause()
        error = _shown(screen.query_one("#field-summary_path .field-error").content)
        assert error.startswith("Couldn't write") and "No such file or directory" in error
        screen.query_one("#summary_path", Input).value = str(target)
        await pilot.press("f6")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == summary
        assert mode(target) == 0o600 and not list(target.parent.glob(".*.part"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not screen
    assert _flags(book, meeting) == {"meeting notes": 1, "interest": 1, "exchange": 1, "commitment": 1}
    assert peek.value(book, "SELECT status FROM meeting WHERE id = ?", (meeting,)) == "held"
    assert leaked(peek.value(book, "SELECT summary FROM meeting WHERE id = ?", (meeting,))) == []


def test_saving_a_capture_or_a_follow_up_without_the_flag_keeps_it(book):
    _ana, meeting = _private_book(book)
    for table in ("interest", "exchange", "commitment"):
        item = peek.value(book, f"SELECT id FROM {table} WHERE private = 1")
        captures.update(book, table, item, text="reworded")
    follow_up.save(book, meeting, FollowUpForm(follow=FollowUp(summary="edited", next_step="")))
    assert _flags(book, meeting) == {"meeting notes": 1, "interest": 1, "exchange": 2, "commitment": 1}


# -- every export ------------------------------------------------------------------------------------

def _relmeet(book: Book, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "RELMEET_DB"}
    return subprocess.run([sys.executable, "-m", "relmeet", "--db", str(book.path), *args], capture_output=True,
                          text=True, timeout=60, env=env, stdin=subprocess.DEVNULL)


EXPORTS = {  # name: (arguments, what it holds without private items, the private items a full one holds)
    "book.json": (["export"], PUBLIC["interest"], set(PRIVATE)),
    "contacts.csv": (["export", "-f", "csv"], "ana@example.org", {"contact notes"}),
    # the meeting's summary, drafted with its private items, carries them
    "meetings.csv": (["export", "-f", "csv", "--of", "meetings"], "Check in next week",
                     set(PRIVATE) - {"contact notes"}),
    "cards.vcf": (["export", "-f", "vcard"], "ana@example.org", {"contact notes"}),
    "history.md": (["export", "-f", "markdown", "--contact", NAME], PUBLIC["interest"], set(PRIVATE)),
    "meeting.md": (["export", "-f", "markdown", "--meeting", "{meeting}"], PUBLIC["interest"],
                   set(PRIVATE) - {"contact notes"}),
}


@pytest.mark.parametrize("name", list(EXPORTS))
def test_relmeet_export_leaves_every_private_item_out_unless_asked(book, tmp_path, name):
    _ana, meeting = _private_book(book)
    args, public, holds = EXPORTS[name]
    args = [a.format(meeting=meeting) for a in args]
    out = tmp_path / "out"
    out.mkdir(mode=0o700)
    done = _relmeet(book, *args, "-o", str(out / name))
    assert done.returncode == 0, done.stderr
    written = (out / name).read_text(encoding="utf-8-sig")
    assert leaked(written) == [], f"{name} carries private text"
    assert mode(out / name) == 0o600 and sorted(p.name for p in out.iterdir()) == [name]
    assert public in written
    # to stdout, the same
    shown = _relmeet(book, *args)
    assert shown.returncode == 0 and leaked(shown.stdout) == [] and leaked(shown.stderr) == []
    # asked for, every private item of that kind is there
    full = _relmeet(book, *args, "--include-private")
    assert full.returncode == 0, full.stderr
    assert set(leaked(full.stdout)) == {PRIVATE[k] for k in holds}


def test_a_meetings_summary_stays_in_exports_when_the_meeting_has_nothing_private(book):
    from relmeet.exporting import csv_out, json_book, markdown_out

    ana, meeting = _private_book(book)
    plain = meetings.plan(book, MeetingPlan(contact_id=ana, purpose="A second chat"))
    meetings.start(book, plain)
    meetings.end(book, plain)
    follow_up.save(book, plain, FollowUpForm(follow=FollowUp(summary="Thanks for the Gladewater tour")))
    by_id = {row["id"]: row for row in json_book.dump(book)["tables"]["meeting"]}
    assert by_id[plain]["summary"] == "Thanks for the Gladewater tour"
    assert by_id[meeting]["summary"] == "" and by_id[meeting]["notes"] == ""
    assert "Gladewater" in csv_out.meetings_csv(book)
    assert "Gladewater" in markdown_out.meeting_summary(book, plain)
    assert "Check in next week" in markdown_out.meeting_summary(book, meeting)  # the rest of it stays


def test_the_json_without_private_items_names_none_of_them_and_loads_back(book, tmp_path):
    from relmeet.exporting import json_book

    _ana, meeting = _private_book(book)
    secret_ask = peek.value(book, "SELECT id FROM exchange WHERE private AND direction = 'ask'")
    public_ask = peek.value(book, "SELECT id FROM exchange WHERE NOT private AND direction = 'ask'")
    public_promise = peek.value(book, "SELECT id FROM commitment WHERE NOT private")
    secret_promise = peek.value(book, "SELECT id FROM commitment WHERE private")
    # what the follow-up's ledger leaves: a public ask raised again from a private one, a public promise
    # made for a private ask, and progress noted on the private promise
    with peek.write(book) as conn:
        conn.execute("UPDATE exchange SET raised_from_id = ? WHERE id = ?", (secret_ask, public_ask))
        conn.execute("UPDATE commitment SET exchange_id = ? WHERE id = ?", (secret_ask, public_promise))
        conn.execute("INSERT INTO commitment_note (commitment_id, noted_on, text, created_at) VALUES "
                     "(?, '2026-11-20', ?, 'x')", (secret_promise, f"Progress on {PRIVATE['commitment']}"))
    data = json_book.dump(book)
    assert leaked(json.dumps(data, ensure_ascii=False)) == []
    rows = {table: {row["id"]: row for row in data["tables"][table]} for table in ("exchange", "commitment")}
    assert secret_ask not in rows["exchange"] and rows["exchange"][public_ask]["raised_from_id"] is None
    assert rows["commitment"][public_promise]["exchange_id"] is None
    with Book(tmp_path / "shared.sqlite3") as shared:
        counts = json_book.load_into(shared, data)
        assert counts["exchange"] == 2 and counts["commitment"] == 1 and counts["commitment_note"] == 0
    full = json_book.dump(book, include_private=True)
    assert {row["id"]: row for row in full["tables"]["exchange"]}[public_ask]["raised_from_id"] == secret_ask


async def test_the_apps_exports_leave_private_out_and_are_0600_in_a_0700_folder(book):
    ana, _meeting = _private_book(book)
    exports = book.path.parent / "exports"
    exports.mkdir(mode=0o755)  # made by someone else, or an older relmeet, too open
    os.chmod(exports, 0o755)
    app = RelmeetApp(book)
    told = telling(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_from_palette(pilot, "book: export")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.push_screen(HistoryScreen(ana))
        await pilot.pause()
        await run_from_palette(pilot, "contact: export history")
        await app.workers.wait_for_complete()
        await pilot.pause()
    written = sorted(exports.iterdir(), key=lambda p: p.suffix)
    assert [p.suffix for p in written] == [".json", ".md"], told
    assert mode(exports) == 0o700
    for path in written:
        assert mode(path) == 0o600
        assert leaked(path.read_text(encoding="utf-8")) == [], path.name
    assert PUBLIC["interest"] in written[1].read_text(encoding="utf-8")
    assert any("private" in message for message in told)


def telling(app: RelmeetApp) -> list[str]:
    """What the app tells the organizer from now on, each message as it was shown."""
    told: list[str] = []
    shown = app.notify

    def notify(message, **kwargs) -> None:
        told.append(message)
        shown(message, **kwargs)

    app.notify = notify
    return told


# -- the organizer's own view ---------------------------------------------------------------------------

def _assert_marked(text: str, kinds) -> None:
    for kind in kinds:
        lines = _lines_with(text, PRIVATE[kind])
        assert lines, f"{kind} is not shown"
        assert any("🔒 private" in line for line in lines), f"{kind} is shown unmarked: {lines}"
    for word in (PUBLIC["interest"], PUBLIC["ask"]):
        assert all("private" not in line for line in _lines_with(text, word))


SHOWN_IN_HISTORY = ["contact notes", "meeting notes", "interest", "ask", "offer", "commitment"]


async def test_the_history_screen_shows_private_items_marked(book):
    ana, _meeting = _private_book(book)
    app = RelmeetApp(book)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(HistoryScreen(ana))
        await pilot.pause()
        text = _shown(app.screen.query_one("#history-text").content)
    _assert_marked(text, SHOWN_IN_HISTORY)


def test_relmeet_show_prints_private_items_marked(book):
    _private_book(book)
    done = _relmeet(book, "show", "Ana")
    assert done.returncode == 0, done.stderr
    _assert_marked(done.stdout, SHOWN_IN_HISTORY)


# -- file modes --------------------------------------------------------------------------------------------

def test_backups_are_0600_in_a_0700_folder_even_when_the_folder_was_too_open(book):
    _private_book(book)
    folder = backup.backups_dir(book)
    folder.mkdir()
    os.chmod(folder, 0o755)
    made = backup.backup_now(book)
    safety = backup.restore(book, made.name)
    assert mode(folder) == 0o700
    assert {mode(p) for p in folder.iterdir()} == {0o600}
    assert {p.name for p in folder.iterdir()} == {made.name, safety.name}
    # a backup is the organizer's own copy: everything is in it
    with Book(made.path, create=False) as copy:
        assert peek.value(copy, "SELECT count(*) FROM interest WHERE private = 1") == 1


def test_exports_from_the_shell_refuse_nothing_and_leave_no_temp_files(book, tmp_path):
    _private_book(book)
    out = tmp_path / "drop"
    out.mkdir(mode=0o700)
    for fmt in ("json", "csv", "vcard"):
        assert _relmeet(book, "export", "-f", fmt, "-o", str(out / f"x.{fmt}")).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["x.csv", "x.json", "x.vcard"]
    assert {mode(p) for p in out.iterdir()} == {0o600}
    assert json.loads((out / "x.json").read_text(encoding="utf-8"))["include_private"] is False

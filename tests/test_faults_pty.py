"""Write faults in a real terminal, with real processes: relmeet killed (SIGKILL) after a save the book refused,
and a read-only book. What was typed is found in the recovery file, and the next start puts it back."""
from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.store import Book, contacts, meetings
import peek

LOCKER = ("import sqlite3, sys, time\n"
          "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
          "c.execute('BEGIN IMMEDIATE')\n"
          "print('locked', flush=True)\n"
          "time.sleep(60)\n")
# As root, file modes don't stop a write: the app runs without the capability that overrides them.
AS_OWNER_ONLY = (["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"] if os.geteuid() == 0 else [])


class Terminal:
    """relmeet in a pseudo-terminal, its output drained all the time (a full pty would block the app)."""

    def __init__(self, book_path: Path, env: dict[str, str], prefix: list[str] | None = None):
        self.main, child = pty.openpty()
        env = os.environ | env | {"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
        self.proc = subprocess.Popen([*(prefix or []), sys.executable, "-m", "relmeet", "--db", str(book_path)],
                                     stdin=child, stdout=child, stderr=child, env=env, close_fds=True,
                                     start_new_session=True)
        os.close(child)
        self.seen = b""
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self) -> None:
        while True:
            try:
                if select.select([self.main], [], [], 0.2)[0]:
                    chunk = os.read(self.main, 65536)
                    if not chunk:
                        return
                    self.seen += chunk
            except (OSError, ValueError):
                return

    def screen_text(self) -> str:
        plain = re.sub(rb"\x1b\[[0-9;?>$]*[a-zA-Z]|[\x00-\x1f]|\s", b"", self.seen)
        return plain.decode(errors="replace").replace("▊", "").replace("▎", "")

    def wait_for(self, text: str, timeout: float = 20) -> bool:
        wanted = re.sub(r"\s", "", text)
        deadline = time.monotonic() + timeout
        while wanted not in self.screen_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        return wanted in self.screen_text()

    def type(self, text: str) -> None:
        os.write(self.main, text.encode())

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.close()

    def close(self) -> None:
        self.reader.join(timeout=2)
        os.close(self.main)


def _env(tmp_path) -> dict[str, str]:
    return {"RELMEET_BUSY_TIMEOUT_MS": "300", "XDG_STATE_HOME": str(tmp_path / "state"),
            "HOME": str(tmp_path / "home")}


def _kept(tmp_path) -> list[Path]:
    return sorted((tmp_path / "state" / "relmeet" / "recovered").glob("*.json"))


def _meeting_under_way(path: Path) -> int:
    with Book(path) as book:
        rosa = contacts.create(book, ContactIn(name="Rosa Nguyễn"))
        meeting_id = meetings.plan(book, MeetingPlan(contact_id=rosa, purpose="House meeting"))
        meetings.start(book, meeting_id)
    return meeting_id


def _wait_file(condition, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)
    return condition()


def _put_back_and_resume(tmp_path, path: Path, expected: str) -> None:
    """The next start offers the kept text first, puts it back into the notes, then resumes the meeting."""
    again = Terminal(path, _env(tmp_path))
    try:
        assert again.wait_for("Text that was not saved"), again.seen[-2000:]
        assert again.wait_for("Notes with Rosa Nguyễn")
        again.type("\r")  # "Put it back into the notes" has the focus
        assert again.wait_for("The kept text is back in the notes with Rosa Nguyễn")
        assert again.wait_for("A meeting was left open")
        again.type("\r")
        assert again.wait_for(expected)
        again.type("\x11")  # ctrl+q: nothing unsaved, so it just leaves
        assert again.proc.wait(timeout=15) == 0
        again.close()
    finally:
        if again.proc.poll() is None:
            again.kill()
    assert _kept(tmp_path) == []


def test_text_typed_after_a_refused_save_is_in_the_recovery_file_when_relmeet_is_killed(tmp_path):
    path = tmp_path / "book.sqlite3"
    _meeting_under_way(path)
    first = Terminal(path, _env(tmp_path))
    locker = None
    try:
        assert first.wait_for("A meeting was left open"), first.seen[-1500:]
        first.type("\r")
        assert first.wait_for("Captured")
        time.sleep(1.0)
        # another process takes the book's write lock while the organizer types
        locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(path)], stdout=subprocess.PIPE, text=True)
        assert locker.stdout.readline().strip() == "locked"
        first.type("Son has asthma; afraid of the landlord.")
        assert first.wait_for("Not saved — the book is busy"), first.seen[-3000:]
        assert first.wait_for("your text is kept (a copy is in")
        assert _wait_file(lambda: _kept(tmp_path) and "landlord" in _kept(tmp_path)[0].read_text())
    finally:
        first.kill()  # SIGKILL: no quit, no unmount, no last save
        if locker is not None:
            locker.send_signal(signal.SIGKILL)
            locker.wait(timeout=10)
    [kept] = _kept(tmp_path)
    assert json.loads(kept.read_text())["fields"] == {"notes": "Son has asthma; afraid of the landlord."}
    assert kept.stat().st_mode & 0o777 == 0o600 and kept.parent.stat().st_mode & 0o777 == 0o700
    assert peek.value(path, "SELECT notes FROM meeting") == ""  # the book never had it
    _put_back_and_resume(tmp_path, path, "afraid of the landlord.")
    assert peek.value(path, "SELECT notes FROM meeting") == "Son has asthma; afraid of the landlord."


def test_a_read_only_book_keeps_the_text_and_quitting_offers_to_keep_it_in_a_file(tmp_path):
    # which ran: as root, the app runs through setpriv without CAP_DAC_OVERRIDE, so the file mode holds
    path = tmp_path / "book.sqlite3"
    meeting_id = _meeting_under_way(path)
    with Book(path) as book:
        ann = contacts.create(book, ContactIn(name="Ann Lee", phone="555 0000"))

    # made read-only under a running app (the file and its folder): the open book keeps taking writes
    running = Terminal(path, _env(tmp_path), AS_OWNER_ONLY)
    try:
        assert running.wait_for("A meeting was left open"), running.seen[-1500:]
        running.type("\x1b")  # later
        time.sleep(0.5)
        os.chmod(path, 0o444)
        os.chmod(tmp_path, 0o555)
        running.type("\x05")  # ctrl+e: edit the highlighted contact
        assert running.wait_for("Edit Ann Lee"), running.seen[-2000:]
        time.sleep(0.5)
        running.type("Ann Lee Jr")  # the name has the focus, all of it selected: typing replaces it
        running.type("\x13")  # ctrl+s
        assert running.wait_for("Saved Ann Lee Jr.")
        assert "Notsaved" not in running.screen_text()
        running.type("\x11")
        assert running.proc.wait(timeout=15) == 0
        running.close()
    finally:
        if running.proc.poll() is None:
            running.kill()
        os.chmod(tmp_path, 0o755)
    assert peek.value(path, "SELECT name FROM contact WHERE id = ?", (ann,)) == "Ann Lee Jr"

    # started on a read-only book: every save is refused
    os.chmod(path, 0o444)
    second = Terminal(path, _env(tmp_path), AS_OWNER_ONLY)
    try:
        assert second.wait_for("A meeting was left open"), second.seen[-2000:]
        second.type("\r")
        assert second.wait_for("Captured")
        time.sleep(1.0)
        second.type("Her son's inhaler costs $60 a month.")
        assert second.wait_for("Not saved — the book is read-only: relmeet can't write to it."), second.seen[-3000:]
        second.type("\x11")  # ctrl+q with text the book doesn't have
        assert second.wait_for("Not everything you typed is in the book")
        assert second.wait_for("Notes with Rosa Nguyễn")
        assert second.wait_for("“Save to a file” keeps it in")
        second.type("\r")  # "Save to a file and quit" has the focus
        assert second.proc.wait(timeout=15) == 0
        second.close()
    finally:
        if second.proc.poll() is None:
            second.kill()
        os.chmod(path, 0o644)
    [kept] = _kept(tmp_path)
    assert json.loads(kept.read_text())["fields"]["notes"] == "Her son's inhaler costs $60 a month."
    assert peek.value(path, "SELECT notes FROM meeting WHERE id = ?", (meeting_id,)) == ""
    _put_back_and_resume(tmp_path, path, "costs $60 a month.")
    assert peek.value(path, "SELECT notes FROM meeting WHERE id = ?", (meeting_id,)) == \
        "Her son's inhaler costs $60 a month."

"""A real relmeet in a pseudo-terminal, killed mid-meeting with SIGKILL: the notes survive and the next
start offers to resume them."""
from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import threading
import time

from relmeet.domain.meetings import MeetingPlan
from relmeet.domain.people import ContactIn
from relmeet.store import Book, contacts, meetings
import peek


class Terminal:
    def __init__(self, book_path):
        self.main, child = pty.openpty()
        env = os.environ | {"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
        self.proc = subprocess.Popen([sys.executable, "-m", "relmeet", "--db", str(book_path)], stdin=child,
                                     stdout=child, stderr=child, env=env, close_fds=True, start_new_session=True)
        os.close(child)
        self.seen = b""
        # drain the terminal all the time: a full pty buffer would block the app's writes (its clock
        # ticks every second) and look like a hang
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
        """What was drawn, without escape codes or spacing (a dialog may wrap a sentence anywhere)."""
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


def _notes(path) -> str:
    with Book(path) as book:
        return peek.value(book, "SELECT notes FROM meeting")


def test_notes_survive_sigkill_and_resume_is_offered(tmp_path):
    path = tmp_path / "book.sqlite3"
    with Book(path) as book:
        rosa = contacts.create(book, ContactIn(name="Rosa Nguyễn"))
        meeting_id = meetings.plan(book, MeetingPlan(contact_id=rosa, purpose="House meeting"))
        meetings.start(book, meeting_id)  # a meeting under way, as F10 in prep leaves it

    first = Terminal(path)
    try:
        assert first.wait_for("A meeting was left open"), first.seen[-1500:]
        first.type("\r")  # "Resume the notes" has the focus
        assert first.wait_for("Captured")
        time.sleep(1.0)  # let the notes area take the focus
        first.type("Rent up 18% in March; two kids at Lincoln.")
        deadline = time.monotonic() + 10
        while "Lincoln." not in _notes(path) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        first.kill()
    assert _notes(path) == "Rent up 18% in March; two kids at Lincoln."

    second = Terminal(path)
    try:
        assert second.wait_for("A meeting was left open"), second.seen[-1500:]
        assert second.wait_for("9 words of notes were saved")
        second.type("\r")
        assert second.wait_for("two kids at Lincoln.")
        time.sleep(1.0)
        second.type(" She will host.")
        deadline = time.monotonic() + 10
        while "host." not in _notes(path) and time.monotonic() < deadline:
            time.sleep(0.2)
        second.type("\x11")  # ctrl+q
        assert second.proc.wait(timeout=15) == 0
        second.close()
    finally:
        if second.proc.poll() is None:
            second.kill()
    assert _notes(path) == "Rent up 18% in March; two kids at Lincoln. She will host."

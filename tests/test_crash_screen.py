"""No crash screen shows the organizer's data. Textual ends an app on an unhandled error by printing
Rich's traceback with each frame's local variables (the note being saved, a query's parameters); relmeet
runs its app so that none of that reaches the terminal: one line names an owner-only report that keeps
only where the error happened.

The app here is a real Textual app in a pseudo-terminal whose key handler fails while it holds a note,
run by the same `run_guarded` that runs relmeet's app.
"""
from __future__ import annotations

import os
import pty
import re
import select
import stat
import subprocess
import sys
import time

NOTE = "her son's asthma, and she is afraid of the landlord"
APP = f"""
import sys
from textual.app import App
from textual.widgets import Static
from relmeet.cli import run_guarded


class Notes(App):
    def compose(self):
        yield Static("ready to type")

    def on_key(self, event):
        note = {NOTE!r}
        parameters = {{"notes": note, "meeting_id": 7}}
        raise ValueError("could not save " + note)


sys.exit(run_guarded(Notes()))
"""


def _run_in_a_terminal(script, env: dict) -> tuple[int, str]:
    """Start the app in a pty, press a key once it is drawn, and return its exit code and all it printed."""
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, str(script)], stdin=child, stdout=child, stderr=child, env=env,
                            close_fds=True, start_new_session=True)
    os.close(child)
    seen, pressed = b"", False
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if select.select([main], [], [], 0.1)[0]:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the app has gone and the terminal closed
                break
            if not chunk:
                break
            seen += chunk
        if not pressed and b"ready to type" in seen:
            os.write(main, b"x")
            pressed = True
        if proc.poll() is not None and not select.select([main], [], [], 0.2)[0]:
            break
    code = proc.wait(timeout=10)
    os.close(main)
    text = re.sub(r"\x1b\[[0-9;?<>=]*[a-zA-Z~]|\x1b[()][A-Z0-9]|\x1b[=>]", "", seen.decode(errors="replace"))
    return code, text


def test_a_crash_shows_one_line_and_leaves_a_report_without_the_note(tmp_path, isolated_home):
    script = tmp_path / "notes_app.py"
    script.write_text(APP)
    env = os.environ | {"TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30",
                        "XDG_STATE_HOME": str(isolated_home / ".local" / "state")}
    code, printed = _run_in_a_terminal(script, env)
    assert code == 1
    assert "ready to type" in printed
    for secret in ("asthma", "landlord", "meeting_id", "Traceback", "locals"):
        assert secret not in printed, secret
    said = re.search(r"relmeet: stopped on an unexpected error \(ValueError\); a report \(without your notes\) is "
                     r"in ~/\.local/state/relmeet/(crash-[\d-]+\.txt)\r?\n", printed)
    assert said, printed[-600:]
    folder = isolated_home / ".local" / "state" / "relmeet"
    assert sorted(p.name for p in folder.iterdir()) == [said[1]]  # the report, and nothing else
    report = folder / said[1]
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    raised_at = next(n for n, line in enumerate(APP.splitlines(), start=1) if "raise ValueError" in line)
    assert report.read_text().splitlines()[1:] == ["error: ValueError", "where (most recent call last):",
                                                    f"  notes_app.py:{raised_at} in on_key"]

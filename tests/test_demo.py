"""`relmeet --demo` opens a throwaway sample book and never touches the user's own."""
from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
import peek


def _read_until(fd: int, wanted: bytes, timeout: float = 20.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def test_demo_app_runs_in_a_terminal_and_leaves_the_real_book_alone(isolated_home, tmp_path):
    real_folder = isolated_home / ".local" / "share" / "relmeet"
    main, child = pty.openpty()
    env = os.environ | {"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
    proc = subprocess.Popen([sys.executable, "-m", "relmeet", "--demo"], stdin=child, stdout=child,
                            stderr=child, env=env, close_fds=True, start_new_session=True)
    os.close(child)
    try:
        shown = _read_until(main, "Nguyễn".encode())
        assert "Nguyễn".encode() in shown, shown[-2000:]
        os.write(main, b"\x11")  # ctrl+q
        # keep reading while it closes: an app whose terminal is full blocks on its last frame
        deadline = time.monotonic() + 15
        while proc.poll() is None and time.monotonic() < deadline:
            _read_until(main, b"\x00never", timeout=0.1)
        assert proc.wait(timeout=1) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(main)
    assert not real_folder.exists() or not any(real_folder.iterdir())


def test_demo_where_is_a_temporary_copy(isolated_home):
    out = subprocess.run([sys.executable, "-m", "relmeet", "--demo", "where"], capture_output=True, text=True,
                         env=os.environ.copy(), timeout=30)
    assert out.returncode == 0
    path = out.stdout.strip()
    assert "relmeet" in path and not path.startswith(str(isolated_home / ".local"))
    assert not os.path.exists(path)  # thrown away when the command ends


def test_demo_book_has_what_the_sample_promises(demo_book):
    levels = {r[0]: r[1] for r in peek.rows(demo_book, "SELECT level, count(*) FROM contact GROUP BY level")}
    assert set(levels) == {"impacted", "leader", "organization"}
    assert peek.value(demo_book, "SELECT count(*) FROM contact WHERE is_gatekeeper = 1") >= 1
    assert peek.value(demo_book, "SELECT count(*) FROM meeting WHERE status = 'held' AND notes <> ''") >= 3
    statuses = {r[0] for r in peek.rows(demo_book, "SELECT status FROM commitment")}
    assert {"open", "done"} <= statuses
    assert peek.value(demo_book, "SELECT count(*) FROM commitment WHERE status = 'open' AND due_on < date('now')") >= 1
    assert peek.value(demo_book, "SELECT count(*) FROM exchange WHERE direction = 'ask'") >= 1
    assert peek.value(demo_book, "SELECT count(*) FROM exchange WHERE direction = 'offer'") >= 1
    assert peek.value(demo_book, "SELECT count(*) FROM interest") >= 3


def test_demo_book_shows_the_ledger_both_ways(demo_book):
    """A newcomer sees their ask of the organizer waiting on a condition, a deferred ask still to raise, one
    raised again in the next meeting's prep, and a thank-you marked sent."""
    theirs = peek.rows(demo_book, "SELECT status, condition, decide_by FROM exchange "
                                  "WHERE direction = 'ask' AND made_by = 'them'")
    assert [(s, bool(c), bool(d)) for s, c, d in theirs] == [("thinking", True, True)]
    deferred = peek.rows(demo_book, "SELECT x.id, x.answered_on, (SELECT count(*) FROM exchange later "
                                    "WHERE later.raised_from_id = x.id) FROM exchange x WHERE x.status = 'deferred'")
    assert len(deferred) == 2 and sorted(r[2] for r in deferred) == [0, 1]
    assert all(day < peek.value(demo_book, "SELECT date('now', '-7 days')") for _, day, _ in deferred)
    assert peek.value(demo_book, "SELECT count(*) FROM meeting WHERE summary_sent_on IS NOT NULL") == 1
    # a commitment done says on which day
    assert peek.value(demo_book, "SELECT count(*) FROM commitment WHERE status = 'done' AND done_on IS NOT NULL") == 1


def test_demo_history_and_brief_tell_the_exchange_both_ways(isolated_home):
    def run(*args):
        out = subprocess.run([sys.executable, "-m", "relmeet", "--demo", *args], capture_output=True, text=True,
                             env=os.environ.copy(), timeout=60)
        assert out.returncode == 0, out.stderr
        return " ".join(out.stdout.split())

    singh = run("show", "Singh")
    assert "They asked (an action): Bring two tenants with asthma" in singh
    assert "pending: if two tenants are willing to speak in public, decide by" in singh
    assert "I asked 1 / they asked 1" in singh
    teresa = run("brief", "Teresa")
    assert "Deferred asks" in teresa and "Chair Building A's dues committee" in teresa
    assert "Join the tenant delegation" in run("brief", "Rosa")


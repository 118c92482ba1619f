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
        assert proc.wait(timeout=15) == 0
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


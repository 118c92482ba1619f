"""Starts the real app in a pseudo-terminal on a book: time to the first interactive home screen, then a
search and a contact's history, then quit; reports the process's peak memory.

`start_in_pty` and `quit_and_reap` are shared with bench_startup.py, which times the bare Textual app in
bare_app.py the same way: from the command until the home screen's title line ("… sorted by name", which
is drawn once its contact list is filled) has reached the terminal."""
from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

HOME = "sortedbyname"  # the home screen's title line, spaces removed


def _read_until(fd: int, wanted: str, seen: list[bytes], timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                seen.append(os.read(fd, 65536))
            except OSError:
                return False
            plain = re.sub(rb"\x1b\[[0-9;?>$]*[a-zA-Z]|\s", b"", b"".join(seen[-40:])).decode(errors="replace")
            if wanted in plain:
                return True
    return False


def start_in_pty(argv: list[str], env: dict) -> tuple[subprocess.Popen, int, float]:
    """Starts `argv` on a 120x36 pseudo-terminal; returns the process, the terminal's fd and the start time."""
    main, child = pty.openpty()
    env = env | {"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=child, stdout=child, stderr=child, env=env, close_fds=True,
                            start_new_session=True)
    os.close(child)
    return proc, main, start


def quit_and_reap(proc: subprocess.Popen, main: int, seen: list[bytes], timeout: float = 15):
    """Ctrl+Q, then waits for the process while draining its terminal; returns its rusage (None if it lingers)."""
    os.write(main, b"\x11")  # ctrl+q
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _read_until(main, "\x00never", seen, timeout=0.1)  # keep draining the terminal
        pid, _status, found = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = 0
            return found
    return None


def kill_if_running(proc: subprocess.Popen, main: int):
    """Kills the process if it is still there and closes the terminal; returns the rusage of a kill."""
    usage = None
    if proc.returncode is None:
        proc.kill()
        usage = os.wait4(proc.pid, 0)[2]
        proc.returncode = -9
    os.close(main)
    return usage


def time_to_home(argv: list[str], env: dict, timeout: float = 60) -> float:
    """Seconds from starting `argv` until the home screen's title line is on the terminal; then quits."""
    proc, main, start = start_in_pty(argv, env)
    seen: list[bytes] = []
    try:
        if not _read_until(main, HOME, seen, timeout=timeout):
            tail = b"".join(seen[-5:]).decode(errors="replace")[-400:]
            raise RuntimeError(f"{argv[1:]} did not show its home screen; last output: {tail!r}")
        seconds = time.perf_counter() - start
        quit_and_reap(proc, main, seen)
    finally:
        kill_if_running(proc, main)
    return seconds


def run_app(book: Path, env: dict) -> tuple[float, float]:
    proc, main, start = start_in_pty([sys.executable, "-m", "relmeet", "--db", str(book)], env)
    seen: list[bytes] = []
    usage = None
    try:
        # the home screen's title line is drawn once its contact list is filled
        if not _read_until(main, HOME, seen):
            raise RuntimeError("the app did not show its home screen")
        interactive = time.perf_counter() - start
        os.write(main, b"\x06")  # ctrl+f: search
        time.sleep(0.3)
        os.write(main, b"rent increase")
        _read_until(main, "matches", seen, timeout=10)
        os.write(main, b"\r")  # open the first result's history
        _read_until(main, "Meetings(", seen, timeout=10)
        usage = quit_and_reap(proc, main, seen)
    finally:
        usage = kill_if_running(proc, main) or usage
    return interactive, usage.ru_maxrss / 1024

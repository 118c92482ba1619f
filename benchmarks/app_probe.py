"""Starts the real app in a pseudo-terminal on a book: time to the first interactive home screen, then a
search and a contact's history, then quit; reports the process's peak memory."""
from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path


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


def run_app(book: Path, env: dict) -> tuple[float, float]:
    main, child = pty.openpty()
    env = env | {"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "relmeet", "--db", str(book)], stdin=child, stdout=child,
                            stderr=child, env=env, close_fds=True, start_new_session=True)
    os.close(child)
    seen: list[bytes] = []
    try:
        # the home screen's title line is drawn once its contact list is filled
        if not _read_until(main, "sortedbyname", seen):
            raise RuntimeError("the app did not show its home screen")
        interactive = time.perf_counter() - start
        os.write(main, b"\x06")  # ctrl+f: search
        time.sleep(0.3)
        os.write(main, b"rent increase")
        _read_until(main, "matches", seen, timeout=10)
        os.write(main, b"\r")  # open the first result's history
        _read_until(main, "Meetings(", seen, timeout=10)
        os.write(main, b"\x11")  # ctrl+q
        usage = None
        deadline = time.monotonic() + 15
        while usage is None and time.monotonic() < deadline:
            _read_until(main, "\x00never", seen, timeout=0.1)  # keep draining the terminal
            pid, _status, found = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                usage = found
                proc.returncode = 0
    finally:
        if proc.returncode is None:
            proc.kill()
            usage = os.wait4(proc.pid, 0)[2]
            proc.returncode = -9
        os.close(main)
    return interactive, usage.ru_maxrss / 1024

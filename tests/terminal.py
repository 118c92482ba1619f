"""relmeet run as a real process in a pseudo-terminal: what it writes there, and keys typed into it."""
from __future__ import annotations

import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from fcntl import ioctl

CODES = re.compile(rb"\x1b\[[0-9;?>$]*[a-zA-Z]|\x1b[()][A-Z0-9]|\x1b[=>]")


class Terminal:
    """`python -m relmeet *args` on a pseudo-terminal columns x lines; use as a context manager (the process
    is killed on leaving if it is still running)."""

    def __init__(self, *args: str, columns: int = 120, lines: int = 36, env: dict | None = None):
        self.fd, child = pty.openpty()
        ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        env = dict(os.environ if env is None else env)
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        env.setdefault("TERM", "xterm-256color")
        self.proc = subprocess.Popen([sys.executable, "-m", "relmeet", *args], stdin=child, stdout=child,
                                     stderr=child, env=env, close_fds=True, start_new_session=True)
        os.close(child)
        self.seen = b""

    def __enter__(self) -> "Terminal":
        return self

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=15)
        os.close(self.fd)

    def _read(self, timeout: float) -> bool:
        """Read what is there within timeout; False once the process closed the terminal."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return self.proc.poll() is None
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # the child closed the terminal: all is read
            return False
        self.seen += chunk
        return bool(chunk)

    def plain(self) -> str:
        """What was written, terminal codes removed."""
        return CODES.sub(b"", self.seen).decode("utf-8", "replace")

    def wait_for(self, text: str, seconds: float = 30) -> bool:
        """Whether text (spaces and line ends ignored) reached the terminal within seconds."""
        wanted = "".join(text.split())
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if wanted in "".join(self.plain().split()):
                return True
            if not self._read(0.1):
                return wanted in "".join(self.plain().split())
        return False

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def finish(self, seconds: float = 30, answer: tuple[bytes, bytes] | None = None) -> int:
        """Read until the process ends (typing answer[1] once answer[0] is shown); its exit code."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if answer is not None and answer[0] in self.seen:
                self.type(answer[1])
                answer = None
            if not self._read(0.2):
                break
        return self.proc.wait(timeout=15)

"""A locked book's key remembered for some minutes in the kernel's keyring of this login session (Linux).

`relmeet remember` puts it there, so the shell lookups that follow in the same session don't stretch the
passphrase again (a quarter of a second each) or ask it at every command; the kernel drops it when the
minutes are up, at `relmeet forget`, or when the session ends. Only processes of this login session
that hold its session keyring can read it (the key's permissions are the possessor's only), as with
ssh-agent; nothing is written to disk. The `keyring` package was not used: its Linux backends need a
desktop's Secret Service, which terminals and servers often lack, and they keep a secret with no time
limit. Off unless asked for.

The keyring is reached with the add_key and keyctl system calls (man 2 keyctl); elsewhere (macOS,
Windows, a kernel or container that refuses them) remembering says it is not available.
"""
from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import platform

from relmeet.domain.errors import RelmeetError

# system call numbers by machine: add_key, keyctl
_CALLS = {"x86_64": (248, 250), "aarch64": (217, 219), "arm64": (217, 219)}
_SESSION_KEYRING = -3  # KEY_SPEC_SESSION_KEYRING
_GET_KEYRING_ID, _SETPERM, _UNLINK, _SEARCH, _READ, _SET_TIMEOUT = 0, 5, 9, 10, 11, 15
_POSSESSOR_ALL = 0x3F000000  # view, read, write, search, link, setattr: for the possessor only
MAX_MINUTES = 24 * 60
# what the kernel says of a key that is not there for us: never kept, its time up, revoked, or not ours
_GONE = (errno.ENOKEY, errno.EKEYEXPIRED, errno.EKEYREVOKED, errno.EACCES)


class NotAvailable(RelmeetError):
    """This system has no keyring relmeet can use."""


def name_for(real_path: str) -> str:
    """The key's description in the keyring: a digest, so /proc/keys names no book."""
    return "relmeet:" + hashlib.sha256(real_path.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _calls() -> tuple[int, int]:
    found = _CALLS.get(platform.machine()) if os.name == "posix" and platform.system() == "Linux" else None
    if found is None:
        raise NotAvailable("remembering the passphrase needs Linux's kernel keyring, which this system lacks")
    return found


def _syscall(number: int, *args) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    result = libc.syscall(ctypes.c_long(number), *args)
    if result == -1:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))
    return result


def _keyctl(operation: int, *args) -> int:
    return _syscall(_calls()[1], ctypes.c_long(operation), *args)


def remember(name: str, secret: bytes, seconds: int) -> None:
    """Keep secret under name in this session's keyring for seconds; NotAvailable if it can't."""
    add_key, _ = _calls()
    try:
        # The session's keyring, without making one: a process outside any login session (no pam_keyinit:
        # a container, some tmux servers) would otherwise get a keyring of its own that ends with it; it
        # gets the keyring its user's processes share instead, where the next command finds the key.
        keyring = _keyctl(_GET_KEYRING_ID, ctypes.c_long(_SESSION_KEYRING), ctypes.c_long(0))
        serial = _syscall(add_key, b"user", name.encode(), ctypes.c_char_p(secret), ctypes.c_size_t(len(secret)),
                          ctypes.c_long(keyring))
        _keyctl(_SETPERM, ctypes.c_long(serial), ctypes.c_long(_POSSESSOR_ALL))
        _keyctl(_SET_TIMEOUT, ctypes.c_long(serial), ctypes.c_long(seconds))
    except OSError as exc:
        raise NotAvailable(f"the kernel keyring refused to keep the key ({exc.strerror}); relmeet will ask the "
                           "passphrase at each command instead") from None


def _find(name: str) -> int | None:
    try:
        return _keyctl(_SEARCH, ctypes.c_long(_SESSION_KEYRING), b"user", name.encode(), ctypes.c_long(0))
    except OSError as exc:
        if exc.errno in _GONE:
            return None
        raise


def recall(name: str) -> bytes | None:
    """The secret kept under name, or None (never kept, its time is up, or no keyring here)."""
    try:
        serial = _find(name)
        if serial is None:
            return None
        buffer = ctypes.create_string_buffer(512)
        size = _keyctl(_READ, ctypes.c_long(serial), buffer, ctypes.c_size_t(len(buffer)))
    except NotAvailable:
        return None
    except OSError as exc:
        if exc.errno in _GONE:
            return None  # gone between the search and the read
        raise
    return buffer.raw[:size] if size <= len(buffer) else None


def forget(name: str) -> bool:
    """Drop the secret kept under name; whether there was one."""
    try:
        serial = _find(name)
        if serial is None:
            return False
        _keyctl(_UNLINK, ctypes.c_long(serial), ctypes.c_long(_SESSION_KEYRING))
    except NotAvailable:
        return False
    except OSError as exc:
        if exc.errno in _GONE:
            return False
        raise
    return True

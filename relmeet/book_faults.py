"""Why a book can't be used for now, told in one line: the disk, its folder or another program holds it
up, not what the file holds. Shared by opening the book (db.py) and checking a locked book's passphrase
(keys.py).
"""
from __future__ import annotations

import os
from pathlib import Path


def cannot_read(path: Path, error: Exception) -> str:
    """An operational failure to read the book: the disk, the folder or a lock, not what the file holds.

    On a full disk SQLite can't make the book's -shm file and says "disk I/O error".
    """
    text = str(error).lower()
    if "i/o" in text or "full" in text:
        try:
            free = os.statvfs(path.parent).f_bavail
        except OSError:
            free = None
        if free == 0 or "full" in text:
            return (f"the disk holding the book {path} is full: relmeet can't open the book until some space "
                    "is freed; it was left untouched")
        return f"the disk failed to read the book {path} (an I/O error); it was left untouched"
    if "readonly" in text or "read-only" in text:
        return f"the book {path} is read-only: relmeet needs to write to it"
    if "unable to open" in text and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        # SQLite must write the book's -shm file beside it, even to read it
        return (f"the book {path} is on a read-only disk or in a folder relmeet can't write to: relmeet can't "
                "open it there; it was left untouched")
    if "locked" in text or "busy" in text:
        return f"the book {path} is busy: another program holds it; try again"
    return f"cannot use the book {path}: {error}"

"""Text the book would not take, kept in an owner-only file until the organizer has it back.

When a save fails (the book locked by another program, a full disk, a read-only file), the screen keeps
the text in memory and retries; it also writes it here, so that a killed process or a flat battery
loses nothing. The next start offers each file back. One file per thing being edited (the notes of a
meeting, a contact form...), rewritten on every failed attempt and removed once the book has the text.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from relmeet.domain.errors import RelmeetError
from relmeet.paths import state_dir, write_private

FOLDER_NAME = "recovered"
# Locked books (resolved path -> how to lock and open a kept text): their kept texts are small files
# locked with the book's key (relmeet/keys.py seals them), never plain JSON. The store registers a book
# when it opens it.
_sealers: dict[str, tuple[Callable[[Path, str], None], Callable[[Path], str]]] = {}
SEALED = ".locked"


def lock_with(book_path: Path, seal: Callable[[Path, str], None] | None = None,
              unseal: Callable[[Path], str] | None = None) -> None:
    """Keep the texts of the book at book_path with seal (write) and unseal (read); None: plain JSON.

    unseal raises ValueError for a file it can't read."""
    name = str(Path(book_path).expanduser().resolve())
    if seal is None or unseal is None:
        _sealers.pop(name, None)
    else:
        _sealers[name] = (seal, unseal)


@dataclass
class Recovered:
    """One kept text: what it was (kind, the meeting or contact it belongs to) and every field typed."""

    path: Path
    kind: str                    # "notes", "contact", "prep", "campaign"
    target: int | None           # the meeting, contact or campaign id; None for one not yet in the book
    title: str                   # "Notes with Rosa Nguyễn", as the offer names it
    fields: dict[str, str] = field(default_factory=dict)  # label -> text, in the form's order
    base: str = ""               # for notes: the text as the book last had it, to merge against
    kept_at: str = ""

    @property
    def text(self) -> str:
        """Everything kept, to read or copy: a lone text as it is, several fields each under its label."""
        if list(self.fields) == ["notes"]:
            return self.fields["notes"]
        return "\n\n".join(f"{label}:\n{value}" for label, value in self.fields.items() if value.strip())


def folder() -> Path:
    return state_dir() / FOLDER_NAME


def _book_key(book_path: Path) -> str:
    return hashlib.sha256(str(Path(book_path).expanduser().resolve()).encode()).hexdigest()[:12]


def keep(book_path: Path, key: str, *, kind: str, target: int | None, title: str, fields: dict[str, str],
         base: str = "") -> Path:
    """Write (or rewrite) the kept text for `key` (one per thing being edited); 0600 in a 0700 folder.

    Raises RelmeetError when the file can't be written (that disk may be full too).
    """
    where = folder()
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(where, 0o700)  # a folder made earlier by hand keeps nobody else out either
    except OSError as exc:
        raise RelmeetError(f"cannot make the folder {where}: {exc.strerror or exc}") from None
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in key)
    path = where / f"{kind}-{safe}-{_book_key(book_path)}.json"
    record = {"book": str(Path(book_path).expanduser().resolve()), "kind": kind, "target": target, "title": title,
              "fields": fields, "base": base, "kept_at": datetime.now().astimezone().isoformat(timespec="seconds")}
    sealer = _sealers.get(record["book"])
    if sealer is not None:  # a locked book's text is kept locked with it
        path = path.with_name(path.name + SEALED)
        sealer[0](path, json.dumps(record, ensure_ascii=False))
        return path
    write_private(path, json.dumps(record, ensure_ascii=False, indent=1))
    return path


def pending(book_path: Path) -> list[Recovered]:
    """The kept texts of this book, oldest first; files that can't be read are left alone."""
    where = folder()
    if not where.is_dir():
        return []
    book = str(Path(book_path).expanduser().resolve())
    found = []
    sealer = _sealers.get(book)
    paths = sorted(where.glob(f"*-{_book_key(book_path)}.json"))
    if sealer is not None:
        paths += sorted(where.glob(f"*-{_book_key(book_path)}.json{SEALED}"))
    for path in paths:
        try:
            if path.name.endswith(SEALED):
                record = json.loads(sealer[1](path))
            else:
                record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # a half-written or foreign file: not ours to offer or to delete
            continue
        if not isinstance(record, dict) or record.get("book") != book or not isinstance(record.get("fields"), dict):
            continue
        found.append(Recovered(path=path, kind=str(record.get("kind", "")), target=record.get("target"),
                               title=str(record.get("title", "")),
                               fields={str(k): str(v) for k, v in record["fields"].items()},
                               base=str(record.get("base", "")), kept_at=str(record.get("kept_at", ""))))
    found.sort(key=lambda item: item.kept_at)
    return found


def discard(path: Path) -> None:
    """The book has the text now (or the organizer let it go): the kept copy goes."""
    try:
        Path(path).unlink(missing_ok=True)
    except OSError as exc:
        raise RelmeetError(f"cannot remove {path}: {exc.strerror or exc}") from None

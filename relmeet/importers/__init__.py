"""Reading contacts from the files organizers have: vCard 2.1/3.0/4.0 and the CSV exports of Google,
Outlook, Thunderbird, Action Network, NationBuilder, EveryAction/VAN and ActionKit rosters.

Readers never raise for bad content: what can't be read becomes a Problem with file, place and reason.
Only a file that can't be opened or decoded at all raises RelmeetError.
"""
from __future__ import annotations

from pathlib import Path

from relmeet.domain.errors import RelmeetError
from relmeet.domain.files import Batch


def read_bytes(raw: bytes, name: str) -> Batch:
    from relmeet.importers import csv_layouts, vcard

    head = raw[:4096].lstrip(b"\xef\xbb\xbf \r\n\t").upper()
    if head.startswith(b"BEGIN:VCARD") or name.lower().endswith((".vcf", ".vcard")):
        return vcard.read(raw, name)
    return csv_layouts.read(raw, name)


def read_files(paths: list[Path]) -> Batch:
    """Read every file; one that can't be read at all is a problem in the report, unless no file
    could be read, which is an error."""
    batch = Batch()
    unreadable: list[str] = []
    for path in paths:
        try:
            raw = Path(path).read_bytes()
        except IsADirectoryError:
            raise RelmeetError(f"{path} is a folder; name the files to import") from None
        except OSError as exc:
            raise RelmeetError(f"cannot read {path}: {exc.strerror or exc}") from None
        found = read_bytes(raw, str(path))
        if found.unreadable_file:
            unreadable.append(f"{path}: {found.problems[0].reason}")
        batch.extend(found)
    if unreadable and len(unreadable) == len(paths):
        raise RelmeetError(unreadable[0] if len(paths) == 1 else f"none of the {len(paths)} files could be read "
                                                                  f"({unreadable[0]}, …)")
    return batch

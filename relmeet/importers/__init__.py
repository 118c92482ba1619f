"""Reading contacts from the files organizers have: vCard 2.1/3.0/4.0 and the CSV exports of Google,
Outlook, Thunderbird, Action Network, NationBuilder, EveryAction/VAN and ActionKit rosters.

Readers never raise for bad content: what can't be read becomes a Problem with file, place and reason.
Only a file that can't be opened or decoded at all raises RelmeetError.
Whatever a reader found loses its control characters here (an ESC/OSC sequence in a card's FN or NOTE
would retitle the terminal of whoever prints it), before the preview shows it or the book keeps it.
"""
from __future__ import annotations

from pathlib import Path

from relmeet.domain.errors import RelmeetError
from relmeet.domain.files import Batch, Incoming, Problem
from relmeet.domain.progress import READING, Progress, of_what, quiet
from relmeet.domain.text import clean_text


_BOMS = [(b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le")]


def _from_wide(raw: bytes) -> bytes:
    """UTF-16/32 with a byte order mark (Excel's "Unicode text", some phones' vCards), or UTF-16 without one,
    as UTF-8 bytes."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(codec, errors="replace").encode("utf-8")
    # without a mark (Roundcube's utf-16_sample.vcf): a file that starts with an ASCII character in two bytes
    if len(raw) >= 4 and raw[0] == 0 and raw[1] and raw[2] == 0 and raw[3]:
        return raw.decode("utf-16-be", errors="replace").encode("utf-8")
    if len(raw) >= 4 and raw[0] and raw[1] == 0 and raw[2] and raw[3] == 0:
        return raw.decode("utf-16-le", errors="replace").encode("utf-8")
    return raw


def read_bytes(raw: bytes, name: str, progress: Progress = quiet) -> Batch:
    """progress is told how far the reading is: a vCard file by its lines, a CSV file when it is read."""
    from relmeet.importers import csv_layouts, vcard

    raw = _from_wide(raw)
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \r\n\t").upper()
    progress(READING, 0.0)
    if head.startswith(b"BEGIN:VCARD") or name.lower().endswith((".vcf", ".vcard")):
        batch = _cleaned(vcard.read(raw, name, progress), name)
    else:
        batch = _cleaned(csv_layouts.read(raw, name), name)
    progress(READING, 1.0)
    return batch


def _cleaned(batch: Batch, name: str) -> Batch:
    contacts = []
    file_names: dict[str, str] = {}
    for contact in batch.contacts:
        # the book keeps the file's name, never the folder it was in (relmeet's own CSV carries the first one's)
        contact.source_name = file_names.get(contact.source_name) or file_names.setdefault(
            contact.source_name, Path(contact.source_name or name).name)
        held = vars(contact)  # the dataclass's fields, preferred_phone and preferred_email among them
        for key, value in held.items():  # values replaced in place: the keys stay as they are
            if not value:
                continue
            if type(value) is str:
                held[key] = clean_text(value).strip()
            elif isinstance(value, list):
                held[key] = [kept for kept in (clean_text(v).strip() for v in value) if kept]
            elif isinstance(value, dict):
                held[key] = {clean_text(k).strip(): clean_text(v).strip() for k, v in value.items()}
        contact.name = " ".join(contact.name.split())
        if contact.name:
            contacts.append(contact)
        else:
            batch.problems.append(Problem(contact.source, "no name left once its control characters were removed"))
    batch.contacts = contacts
    batch.problems = [Problem(clean_text(p.source), clean_text(p.reason)) for p in batch.problems]
    batch.layouts = [clean_text(layout) for layout in batch.layouts]
    return batch


def read_files(paths: list[Path], progress: Progress = quiet) -> Batch:
    """Read every file; one that can't be read at all is a problem in the report, unless no file
    could be read, which is an error. progress is told "x.vcf: reading" and how far."""
    batch = Batch()
    unreadable: list[str] = []
    for path in paths:
        try:
            raw = Path(path).read_bytes()
        except IsADirectoryError:
            raise RelmeetError(clean_text(f"{path} is a folder; name the files to import")) from None
        except OSError as exc:
            raise RelmeetError(clean_text(f"cannot read {path}: {exc.strerror or exc}")) from None
        found = read_bytes(raw, str(path), of_what(clean_text(Path(path).name), progress))
        if found.unreadable_file:
            unreadable.append(clean_text(f"{path}: {found.problems[0].reason}"))
        batch.extend(found)
    if unreadable and len(unreadable) == len(paths):
        raise RelmeetError(unreadable[0] if len(paths) == 1 else f"none of the {len(paths)} files could be read "
                                                                  f"({unreadable[0]}, …)")
    return batch

"""Large vCards: a phone's card with a big PHOTO, and a long quoted-printable note, import whole.

Unfolding once built each logical line by adding to a string held in a list, so a 10 MB PHOTO took
49 s and a 20 MB one minutes. The 60 s limit of the process below is the suite's usual guard, not a
timing assertion: what is asserted is what the book holds afterwards.
"""
from __future__ import annotations

import base64
import os
import subprocess
import sys

import peek

PHOTO_BYTES = 15_000_000  # 20 MB once in base64


def _folded(value: str, width: int = 74) -> str:
    return "\r\n ".join(value[i:i + width] for i in range(0, len(value), width))


def _qp_chunks(encoded: str, width: int) -> list[str]:
    """Cut quoted-printable text into lines of about width characters, never inside an =XX."""
    chunks, start = [], 0
    while start < len(encoded):
        end = min(start + width, len(encoded))
        while 0 < end - encoded.rfind("=", start, end) < 3 and end < len(encoded):
            end -= 1
        chunks.append(encoded[start:end])
        start = end
    return chunks


def _big_card() -> tuple[bytes, str]:
    photo = base64.b64encode(os.urandom(PHOTO_BYTES)).decode("ascii")
    note = "\n".join(f"Line {n}: she talked about the rent, the landlord and the school bus — ✓" for n in range(3000))
    # 2.1 quoted-printable: every byte but plain letters as =XX, a soft line break ('=' at the end of
    # the physical line) every 72 characters
    encoded = "".join(chr(b) if chr(b).isalnum() and b < 128 else f"={b:02X}" for b in note.encode("utf-8"))
    encoded = "=\r\n".join(_qp_chunks(encoded, 72))
    card = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Okafor;Grace;;;\r\nFN:Grace Okafor\r\n"
            f"PHOTO;ENCODING=BASE64;TYPE=JPEG:{_folded(photo)}\r\n\r\n"
            "EMAIL;INTERNET:grace@example.org\r\n"
            f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{encoded}\r\n"
            "TEL;CELL:+1 555 0100\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:After Grace\r\nEND:VCARD\r\n")
    return card.encode("ascii"), note


def test_a_card_with_a_20_mb_photo_imports_whole(tmp_path, book):
    card, note = _big_card()
    path = tmp_path / "phone.vcf"
    path.write_bytes(card)
    out = subprocess.run([sys.executable, "-m", "relmeet", "--db", str(book.path), "import", str(path)],
                         capture_output=True, text=True, timeout=60, env=os.environ.copy())
    assert out.returncode == 0, out.stderr
    assert "Imported: 2 added" in out.stdout
    assert out.stderr == ""
    grace = peek.row(book, "SELECT notes, email, phone FROM contact WHERE name = 'Grace Okafor'")
    assert grace is not None
    # the whole note, its soft line breaks joined and its UTF-8 decoded (compared apart: a failing
    # comparison of two 230,000-character strings would have pytest diff them for minutes)
    kept = note  # the card's note alone: where it came from is the contact's source_name, never a path in the notes
    whole = grace["notes"] == kept
    assert (len(grace["notes"]), whole) == (len(kept), True)
    assert (grace["email"], grace["phone"]) == ("grace@example.org", "+1 555 0100")
    assert peek.value(book, "SELECT count(*) FROM contact WHERE name = 'After Grace'") == 1
    assert peek.value(book, "SELECT source_name FROM contact WHERE name = 'Grace Okafor'") == path.name

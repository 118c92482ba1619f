"""Text as an organizer types it: names folded so that any keyboard finds them."""
from __future__ import annotations

import re
import unicodedata

# Letters the search index's unicode61 tokenizer keeps as they are, and how someone without them would
# type them. Schema 5 spelled its indexes' plain column with the same table (a test checks they agree).
UNMARKED = {"Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "Ł": "L", "ł": "l", "Ħ": "H", "ħ": "h", "Æ": "AE", "æ": "ae",
            "Œ": "OE", "œ": "oe", "ß": "ss", "ı": "i"}
PLAIN = str.maketrans(UNMARKED)

# Around the matched words in a search snippet: characters no user text can hold (control characters are
# removed from what is typed and imported).
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"


def fold(text: str) -> str:
    """'Nguyễn' -> 'nguyen', 'José' -> 'jose', 'Đặng' -> 'dang': what a user can type on any keyboard."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).translate(PLAIN).split())


# Terminal sequences as a whole (so no "[31m" or "]0;title" is left behind): CSI, OSC ended by BEL or ST on
# one line, DCS/SOS/PM/APC ended by ST, two-character escapes, and their 8-bit forms. An ESC and a space
# are not taken as a sequence (ECMA-35 allows one, no terminal output uses it): a stray ESC typed or pasted
# before a word would take the space and the word's first letter with it.
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)"
    r"|\x1b[PX^_][^\x1b\n]*\x1b\\"
    r"|\x1b[!-/]*[0-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x9c\n]*(?:\x07|\x9c)")
# C0 controls but tab and newline, DEL, and C1 controls
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Text as the book keeps it: control characters other than newline and tab removed.

    A terminal takes them as commands (ESC/OSC sequences retitle or recolour it, BEL rings), a field
    shows them as nothing, and no organizer means to type them. Line ends become plain newlines."""
    if not _CONTROL.search(text):
        return text
    text = _SEQUENCE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", text)

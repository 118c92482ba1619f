"""Text as an organizer types it: names folded so that any keyboard finds them."""
from __future__ import annotations

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

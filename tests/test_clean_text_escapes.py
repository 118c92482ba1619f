"""clean_text drops whole terminal sequences, and only them: a stray ESC before a space is one
character to drop, not the start of a sequence that would eat the space and the next letter (a
generated case found it: notes ending in ESC lost the "q" of " quokka", and search no longer found them)."""
from __future__ import annotations

import pytest

from relmeet.domain.text import clean_text


@pytest.mark.parametrize("typed, kept", [
    ("rent strike\x1b quokka", "rent strike quokka"),
    ("ÎB\x94\x0cÙò¨\x1b quokka\n", "ÎBÙò¨ quokka\n"),
    ("\x1b  two spaces kept", "  two spaces kept"),
])
def test_a_stray_escape_before_a_space_takes_nothing_else(typed, kept):
    assert clean_text(typed) == kept


@pytest.mark.parametrize("typed, kept", [
    ("\x1b[31mred\x1b[0m", "red"),            # colours
    ("plain\x1b(B after", "plain after"),      # tput sgr0's character set designation
    ("\x1b]0;PWNED\x07title", "title"),        # a retitle
    ("\x1bcreset", "reset"),                   # ESC c resets the terminal: the c is the sequence's
    ("\x1b#8grid", "grid"),                    # DECALN fills the screen with E
    ("\x1b[ qcursor", "cursor"),               # CSI SP q sets the cursor's shape
])
def test_whole_sequences_are_still_dropped(typed, kept):
    assert clean_text(typed) == kept

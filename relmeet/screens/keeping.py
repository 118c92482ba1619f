"""What a screen does when the book won't take what was typed: keep it, say so, try again, keep a copy.

A write can fail at any time: another program holding the book past the busy timeout, a full disk, a
book made read-only, a failing disk. The screen keeps the text in its fields, shows a banner that stays
until a save succeeds, tries again every RETRY_EVERY seconds, and writes everything typed to an owner-only
recovery file (relmeet/recovery.py) that the next start offers back if the book never takes it.
"""
from __future__ import annotations

import os
import re
import uuid
from pathlib import Path
from typing import Callable

from textual.css.query import NoMatches
from textual.timer import Timer

from relmeet import recovery
from relmeet.domain.errors import RelmeetError
from relmeet.reports import describe, shown_path
from relmeet.widgets.save_banner import SaveBanner

RETRY_EVERY = 10.0  # seconds between attempts to write what the book would not take


def _plain(reason: str) -> str:
    """The reason as part of a sentence: relmeet tries again itself, so the organizer isn't told to."""
    text = re.sub(r"[,:]?\s*(then )?try again\.?$", "", reason.strip(), flags=re.IGNORECASE).rstrip()
    if not text.endswith("."):
        text += "."
    return text[:1].lower() + text[1:]


class KeepsTyping:
    """Mixed into the screens where the organizer types (notes, the contact, prep and campaign forms).

    The screen yields a SaveBanner(id="save-banner"), calls `write_failed(error, again=...)` when a save
    fails for want of the book and `write_succeeded()` when one works, and tells what it holds:
    `kept_fields()` (label -> text), `has_unsaved()`, `recovery_title()`, `recovery_target()`.
    """

    recovery_kind = ""
    failing = False
    leaving = False  # the quit dialog settled it (kept in a file, or let go): nothing more on the way out
    _retry_timer: Timer | None = None
    _again: Callable[[], object] | None = None
    _kept_path: Path | None = None
    _recovery_key: str | None = None

    # -- what the screen tells -------------------------------------------------------------
    def kept_fields(self) -> dict[str, str]:
        return {}

    def has_unsaved(self) -> bool:
        return False

    def recovery_title(self) -> str:
        return ""

    def recovery_target(self) -> int | None:
        return None

    def recovery_base(self) -> str:
        return ""

    def flush(self) -> None:
        """Before quitting: write to the book whatever can be written without asking (the notes do)."""

    @property
    def recovery_key(self) -> str:
        if self._recovery_key is None:
            # the process too: two copies of relmeet failing on the same meeting each keep their own text
            target = self.recovery_target()
            self._recovery_key = f"{target if target is not None else 'new'}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        return self._recovery_key

    # -- failing and succeeding ------------------------------------------------------------
    def write_failed(self, error: BaseException, *, again: Callable[[], object]) -> None:
        """The book would not take the save: keep the text, say so on the screen, try again on a timer."""
        reason = describe(error)
        if reason is None:
            if not self.failing:  # an unexpected error: one report (without the text), not one per retry
                self.app.report_error(error)
            reason = f"relmeet could not write to the book (an unexpected {type(error).__name__})."
        self.failing = True
        self._again = again
        kept = self.keep_copy()
        where = (f"a copy is in {shown_path(kept)}" if isinstance(kept, Path)
                 else f"it stays on this screen, but no copy could be written: {kept}")
        message = (f"Not saved — {_plain(reason)} Retrying every {RETRY_EVERY:g} s; your text is kept ({where}).")
        try:
            self.query_one("#save-banner", SaveBanner).show_problem(message)
        except NoMatches:  # the screen is being taken apart (quitting): the copy above is what counts
            return
        if self._retry_timer is None:
            self._retry_timer = self.set_interval(RETRY_EVERY, self._try_again)

    def write_succeeded(self) -> None:
        """The book has everything typed: the banner, the retries and the kept copy go."""
        self.failing = False
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
        try:
            self.query_one("#save-banner", SaveBanner).clear()
        except NoMatches:  # taken apart on the way out
            pass
        if self._kept_path is not None:
            try:
                recovery.discard(self._kept_path)
            except RelmeetError as exc:
                self.notify(f"Saved, but the kept copy could not be removed: {exc}", severity="warning",
                            markup=False)
            self._kept_path = None

    def _try_again(self) -> None:
        if self._again is None or self.app.screen is not self:  # a dialog is open on top: next time
            return
        self._again()

    def keep_copy(self) -> Path | str:
        """Write everything typed to the recovery file; its path, or why it could not be written."""
        try:
            self._kept_path = recovery.keep(
                self.book.path, self.recovery_key, kind=self.recovery_kind, target=self.recovery_target(),
                title=self.recovery_title(), fields=self.kept_fields(), base=self.recovery_base())
        except RelmeetError as exc:
            return str(exc)
        return self._kept_path

    def forget_copy(self) -> None:
        """The organizer chose to leave without the text: no copy is offered at the next start."""
        if self._kept_path is not None:
            try:
                recovery.discard(self._kept_path)
            except RelmeetError as exc:
                self.notify(str(exc), severity="warning", markup=False)
            self._kept_path = None

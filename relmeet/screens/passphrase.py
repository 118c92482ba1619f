"""The first screen of a locked book: its passphrase, before anything of the book is shown."""
from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from relmeet.domain.errors import RelmeetError
from relmeet.screens.base import RelmeetScreen
from relmeet.store import Book


class PassphraseScreen(RelmeetScreen[Book]):
    """Dismisses with the opened Book. A wrong passphrase says so here and asks again; the file is
    untouched (only its first page is read to check it)."""

    HELP_TITLE = "the passphrase of a locked book"
    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit", id="passphrase-quit", priority=True)]
    DEFAULT_CSS = """
    PassphraseScreen { align: center middle; }
    PassphraseScreen #passphrase-box { width: 64; height: auto; border: round $primary; padding: 1 2; }
    PassphraseScreen #passphrase-said { color: $error; height: auto; }
    """

    def __init__(self, path: Path):
        super().__init__()
        self.path = Path(path)
        self.tries = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="passphrase-box"):
            yield Static(Text(f"The book {self.path.name} is locked. Its passphrase:"), id="passphrase-title")
            yield Input(password=True, id="passphrase-input", placeholder="passphrase, then Enter")
            yield Static(Text(""), id="passphrase-said")

    def on_mount(self) -> None:
        self.query_one("#passphrase-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        passphrase = event.value
        if not passphrase:
            return
        field = self.query_one("#passphrase-input", Input)
        field.disabled = True
        self._say("Opening…")

        def fetch() -> Book | str:
            try:
                return Book.open_locked(self.path, passphrase)
            except RelmeetError as error:  # a wrong passphrase (or an unreadable file): said here, ask again
                return str(error)

        self.load_then_show(fetch, self._opened, group="passphrase")

    def _opened(self, result: Book | str) -> None:
        if isinstance(result, Book):
            self.dismiss(result)
            return
        self.tries += 1
        field = self.query_one("#passphrase-input", Input)
        field.value = ""
        field.disabled = False
        field.focus()
        self._say(result[:1].upper() + result[1:] + ".")

    def _say(self, message: str) -> None:
        self.query_one("#passphrase-said", Static).update(Text(message))

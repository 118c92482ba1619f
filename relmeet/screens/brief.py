"""The brief on screen: one page to read on the way in; when it is longer than the terminal, a last line
says how much more there is and which key shows it."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from relmeet.pages.brief import render
from relmeet.screens.base import RelmeetScreen
from relmeet.store.prep import what_we_know
from relmeet.widgets.chrome import Footer, Header


class BriefScreen(RelmeetScreen[None]):
    HELP_TITLE = "the brief"
    HELP = ("The next meeting's plan first (when, where, how long, campaign, purpose, credential, asks, "
            "questions), then their story and interests, their asks of me, deferred asks, open commitments "
            "both ways and the last summary. PgDn / PgUp or the arrows move through a longer brief; the last "
            "line says when there is more.")
    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="close-brief", tooltip="Back to where you were")]

    def __init__(self, contact_id: int):
        super().__init__()
        self.selected_contact_id = contact_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="brief-body"):
            yield Static(render(what_we_know(self.book, self.selected_contact_id)), id="brief-text")
        yield Static("", id="brief-more")
        yield Footer()

    def on_mount(self) -> None:
        body = self.query_one("#brief-body", VerticalScroll)
        body.focus()  # PgDn, PgUp and the arrows page through it at once
        self.watch(body, "scroll_y", self._more, init=False)
        self.watch(body, "virtual_size", self._more, init=False)
        self.watch(body, "size", self._more)

    def _more(self, _value=None) -> None:
        body = self.query_one("#brief-body", VerticalScroll)
        more = self.query_one("#brief-more", Static)
        total = body.virtual_size.height
        shown = body.scrollable_content_region.height
        if total <= shown or not shown:
            more.display = False
            return
        first = round(body.scroll_y) + 1
        last = min(total, first + shown - 1)
        if last < total:
            words = f"▼ more below — PgDn or ↓ (lines {first}–{last} of {total})"
        else:
            words = f"▲ end of the brief — PgUp or ↑ for the top (lines {first}–{last} of {total})"
        more.update(Text(words))
        more.display = True

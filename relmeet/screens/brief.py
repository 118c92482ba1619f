"""The brief on screen: one page to read on the way in."""
from __future__ import annotations

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
    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="close-brief", tooltip="Back to where you were")]

    def __init__(self, contact_id: int):
        super().__init__()
        self.selected_contact_id = contact_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="brief-body"):
            yield Static(render(what_we_know(self.book, self.selected_contact_id)), id="brief-text")
        yield Footer()

"""The home screen: the organizer's contacts, what's upcoming and what's due (placeholder)."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class HomeScreen(Screen):
    HELP_TITLE = "the home screen"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("contacts go here", id="placeholder")
        yield Footer()

"""A contact's whole history: the page to read on the way in, and the hub for everything about them."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from relmeet.pages.history import balance, health_line, render
from relmeet.screens.base import RelmeetScreen
from relmeet.store import health as relationship
from relmeet.store.history import history
from relmeet.widgets.chrome import Footer, Header


class HistoryScreen(RelmeetScreen[None]):
    HELP_TITLE = "a contact's history"
    HELP = "F2 plans a meeting with them, F3 shows the brief, Ctrl+E edits their details."
    BINDINGS = [
        Binding("ctrl+e", "edit_contact", "Edit", id="history-edit", tooltip="Edit this contact's details"),
        Binding("escape", "dismiss(None)", "Back", id="close-history", tooltip="Back to where you were"),
    ]

    def __init__(self, contact_id: int):
        super().__init__()
        self.selected_contact_id = contact_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="history-body"):
            yield Static("", id="history-text")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#history-body").focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        found = history(self.book, self.selected_contact_id)
        if found is None:
            self.notify("That contact is no longer in the book.", severity="error")
            self.dismiss(None)
            return
        health = health_line(relationship.contact_health(self.book, self.selected_contact_id),
                             relationship.tend_after_days(self.book), balance(found.exchanges))
        self.query_one("#history-text", Static).update(render(found, health=health))

    def action_edit_contact(self) -> None:
        from relmeet.screens.contact_form import ContactFormScreen

        self.app.push_screen(ContactFormScreen(self.selected_contact_id))

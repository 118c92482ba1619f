"""Search as you type: every keystroke narrows the list, each result says why it matched."""
from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from relmeet.domain.people import Hit
from relmeet.pages.formatting import snippet_text
from relmeet.screens.base import RelmeetModal
from relmeet.store.search import search

DEBOUNCE = 0.12  # seconds: fast typing queries once, a pause shows results at once


class SearchScreen(RelmeetModal[int | None]):
    """Dismisses with the chosen contact's id."""

    HELP_TITLE = "search"
    HELP = ("Type any part of a name, organization, tag, interest, note, ask, offer or commitment.\n"
            "Accents and case don't matter. Down moves to the results; Enter opens one.")
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="close-search", tooltip="Back to where you were"),
        Binding("down", "to_results", "Results", id="to-results", show=False, tooltip="Move into the results"),
    ]

    def __init__(self, text: str = ""):
        super().__init__()
        self.text = text
        self.hits: list[Hit] = []
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box", classes="dialog"):
            yield Input(self.text, placeholder="Search everything: names, tags, interests, notes…", id="query")
            yield Static("", id="search-status")
            yield OptionList(id="results")

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        if self.text:
            self.run_search(self.text)

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        if self._pending is not None:
            self._pending.stop()
        self._pending = self.set_timer(DEBOUNCE, lambda: self.run_search(event.value))

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, text: str) -> None:
        hits = search(self.book, text)
        self.app.call_from_thread(self._show, text, hits)

    def _show(self, text: str, hits: list[Hit]) -> None:
        if text != self.query_one("#query", Input).value:
            return  # a newer query is on its way
        self.hits = hits
        box = self.query_one("#results", OptionList)
        box.clear_options()
        for hit in hits:
            line = Text(("■ " if hit.kind == "organization" else "") + hit.name, style="bold")
            line.append(f"  {hit.where}{' · archived' if hit.archived else ''}", style="dim")
            line.append("\n  ")
            line.append_text(snippet_text(hit.snippet, style="bold yellow"))
            box.add_option(Option(line))
        status = "" if not text.strip() else (f"{len(hits)} match{'es' if len(hits) != 1 else ''}" if hits else
                                               f"Nothing matches “{text.strip()}”.")
        self.query_one("#search-status", Static).update(Text(status, style="dim"))
        if hits:
            box.highlighted = 0

    def action_to_results(self) -> None:
        if self.hits:
            self.query_one("#results", OptionList).focus()

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        if self.hits:
            self.dismiss(self.hits[0].contact_id)

    @on(OptionList.OptionSelected, "#results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[event.option_index].contact_id)

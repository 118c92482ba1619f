"""Wins noted at follow-up, per campaign: small victories are to be celebrated (seeds 000, 004)."""
from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from relmeet.screens.base import RelmeetScreen
from relmeet.store import campaigns
from relmeet.widgets.chrome import Footer, Header


class WinsScreen(RelmeetScreen[None]):
    HELP_TITLE = "wins"
    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="close-wins", tooltip="Back to where you were")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="wins-body"):
            yield Static(self._wins_text(), id="wins-text")
        yield Footer()

    def _wins_text(self) -> Group:
        book = self.book
        parts = [Text("Wins to celebrate", style="bold reverse")]
        groups = [(c.name, campaigns.wins(book, c.id)) for c in campaigns.list_campaigns(book)]
        groups.append(("Not tied to a campaign", campaigns.wins(book, None)))
        total = 0
        for name, wins in groups:
            if not wins:
                continue
            total += len(wins)
            parts.append(Text(f"\n{name} ({len(wins)})", style="bold underline"))
            rows = Table.grid(padding=(0, 1))  # a long win wraps under itself, not under the date
            rows.add_column(no_wrap=True, style="green")
            rows.add_column(ratio=1)
            for won_on, text in wins:
                rows.add_row(Text(f"  ★ {won_on:%a %-d %b %Y}"), Text(text))  # a str cell would be markup
            parts.append(rows)
        if not total:
            parts.append(Text("\nNo wins noted yet. At follow-up, note any win, however small.", style="dim"))
        return Group(*parts)

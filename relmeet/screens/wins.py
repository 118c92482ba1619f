"""Wins noted at follow-up, per campaign: small victories are to be celebrated (seeds 000, 004)."""
from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from relmeet.pages.formatting import Hanging
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
        parts = [Text("Wins to celebrate", style="bold reverse")]
        total = 0
        for name, wins in campaigns.wins_by_campaign(self.book):
            total += len(wins)
            parts.append(Text(f"\n{name or 'Not tied to a campaign'} ({len(wins)})", style="bold underline"))
            # a str would be markup; a long win wraps under itself, not under the date
            parts.extend(Hanging(Text(f"  ★ {won_on:%a %-d %b %Y}", style="green"), Text(text)) for won_on, text in wins)
        if not total:
            parts.append(Text("\nNo wins noted yet. At follow-up, note any win, however small.", style="dim"))
        return Group(*parts)

"""Relationship health on the home screen: who to tend, and the overdue and reciprocity counts."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from relmeet.domain.people import Stale
from relmeet.pages.formatting import stance


class TendThese(Vertical):
    """Allies and leaders not met for longer than the organizer's threshold; Enter opens one."""

    DEFAULT_CSS = """
    TendThese { height: 1fr; }
    TendThese > OptionList { height: 1fr; border: none; }
    TendThese > #health-counts { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, **kw):
        super().__init__(**kw)
        self.contact_ids: list[int] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="tend-title", classes="pane-title")
        yield OptionList(id="tend-list")
        yield Static("", id="health-counts")

    def show(self, days: int, stale: list[Stale], counts: dict[str, int]) -> None:
        self.query_one("#tend-title", Static).update(Text(f"Tend these (not met in {days}+ days)"))
        options = self.query_one("#tend-list", OptionList)
        keep = options.highlighted
        options.clear_options()
        self.contact_ids = [s.id for s in stale]
        for item in stale:
            line = Text(item.name + (" ★" if item.is_leader else ""))
            line.append("  ")
            line.append_text(stance(item.stance))
            line.append("  never met" if item.days_since_met is None else f"  {item.days_since_met} days",
                        style="dim")
            options.add_option(Option(line))
        if not stale:
            options.add_option(Option(Text("Everyone is tended. ", style="dim"), disabled=True))
        else:  # highlighted from the start, so Enter works as soon as Tab reaches the list
            options.highlighted = min(keep or 0, len(stale) - 1)
        # mine counts every overdue line of `relmeet due --mine`: commitments, answers to decide, check-ins, thank-yous
        kinds = [f"{n} {word}" for n, word in ((counts.get("decide_overdue", 0), "to decide"),
                                              (counts.get("check_in_overdue", 0), "to check in"),
                                              (counts.get("thank_you_overdue", 0), "to thank")) if n]
        text = Text(f"Overdue: theirs {counts['overdue_theirs']}, mine {counts['overdue_mine']}"
                    + (f" ({', '.join(kinds)})" if kinds else "")
                    + f" · asks {counts['asks']} / offers {counts['offers']}")
        self.query_one("#health-counts", Static).update(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.contact_ids):
            self.app.open_contact(self.contact_ids[event.option_index])

    @property
    def highlighted_contact_id(self) -> int | None:
        index = self.query_one("#tend-list", OptionList).highlighted
        return self.contact_ids[index] if index is not None and index < len(self.contact_ids) else None

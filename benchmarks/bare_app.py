"""A bare Textual app of the home screen's shape, the yardstick for relmeet's start-up (bench_startup.py).

Header, a filter Input, a title line, a 200-row DataTable of 8 short columns like the home screen's
contact list, Footer; no database, no side panes. Like relmeet's home screen it fills the table when
it is mounted and then writes "Contacts (200) · sorted by name" in the title line, which is what
app_probe detects as "home screen drawn" for both apps.

    uv run python benchmarks/bare_app.py
"""
from __future__ import annotations

import sys

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Input, Static

ROWS = 200
# the contact list's columns: key, header, width
COLUMNS = [("kind", "", 1), ("name", "Name", 28), ("organization", "Organization / role", 24),
           ("level", "Level", 9), ("stance", "Stance", 14), ("influence", "Infl.", 5),
           ("last_met", "Last met", 11), ("commitments", "Open", 11)]
FIRST = ["Rosa", "José", "Amara", "Hieu", "Denise", "Marcus", "Teresa", "Zoë", "Björn", "Aisha"]
LAST = ["Nguyễn", "Martínez", "Okafor", "Tran", "Hill", "Park", "Singh", "Alvarez", "Lê", "Chen"]
ORGS = ["Tenants Union", "AME Church", "Food Bank", "Workers Center", "Legal Aid"]
LEVELS = ["impacted", "leader", "ally"]
STANCES = ["ally", "neutral", "unknown", "opposition"]


class BareApp(App):
    CSS = """
    #filter { width: 1fr; }
    #title { height: 1; padding: 0 1; text-style: bold; }
    #contacts { height: 1fr; }
    """
    TITLE = "bare"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter: name, organization, role, tag…", id="filter")
        yield Static("", id="title")
        yield DataTable(id="contacts")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.cursor_type = "row"
        table.zebra_stripes = True
        for key, header, width in COLUMNS:
            table.add_column(header, key=key, width=width)
        for i in range(ROWS):
            name = Text(f"{FIRST[i % 10]} {LAST[i // 10 % 10]}", style="bold" if i % 7 == 0 else "")
            table.add_row("", name, Text(ORGS[i % 5]), LEVELS[i % 3], Text(STANCES[i % 4]), str(i % 5),
                          f"{i % 90} days ago", Text("–", style="dim"), key=str(i))
        table.focus()
        self.query_one("#title", Static).update(f"Contacts ({ROWS}) · sorted by name")


if __name__ == "__main__":
    app = BareApp()
    app.run()
    sys.exit(app.return_code or 0)

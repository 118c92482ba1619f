"""The three levels of seed 002, with leaders and gatekeepers marked and each organization's people."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tree

from relmeet.domain import Level
from relmeet.formatting import stance
from relmeet.store import maps

WHY = {
    "impacted": "the people the problem lands on",
    "leader": "leaders and connectors who bring others",
    "organization": "organizations and institutions with members and weight",
}


class LevelsScreen(Screen[None]):
    HELP_TITLE = "the three levels"
    HELP = "Arrows move, Enter on a person opens them, Enter on a level folds it. ★ leader  ⚑ gatekeeper"
    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="close-levels", tooltip="Back to where you were")]

    selected_contact_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("The three levels of relationship", classes="screen-title")
        yield Tree("Contacts", id="levels")
        yield Footer()

    def on_mount(self) -> None:
        tree = self.query_one(Tree)
        tree.show_root = False
        for group in maps.levels(self.app.book):
            leaders = sum(1 for m in group.people if m.is_leader)
            gates = sum(1 for m in group.people if m.is_gatekeeper)
            label = Text(f"{Level(group.level).label} ({len(group.people)})", style="bold")
            label.append(f" — {WHY[group.level]}", style="dim")
            if leaders or gates:
                label.append(f" · {leaders} ★ {gates} ⚑", style="yellow")
            branch = tree.root.add(label, expand=True)
            if not group.people:
                branch.add_leaf(Text("Nobody yet — who's missing from the table?", style="italic red"))
            for member in group.people:
                line = Text("■ " if member.kind == "organization" else "● ", style="cyan")
                line.append(member.name, style="bold" if member.is_leader else "")
                if member.is_leader:
                    line.append(" ★", style="yellow")
                if member.is_gatekeeper:
                    line.append(" ⚑", style="magenta")
                if member.organization:
                    line.append(f"  {member.organization}", style="dim")
                line.append("  ")
                line.append_text(stance(member.stance))
                people = group.org_people.get(member.id)
                if member.kind == "organization":
                    node = branch.add(line, data=member.id, expand=True)
                    if not people:
                        node.add_leaf(Text("no contact person yet", style="italic red"))
                    for name in people or []:
                        node.add_leaf(Text(name), data=None)
                else:
                    branch.add_leaf(line, data=member.id)
        tree.focus()

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        self.selected_contact_id = event.node.data

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected) -> None:
        if event.node.data is not None and not event.node.children:
            self.app.open_contact(event.node.data)

"""The three levels of seed 002, with leaders and gatekeepers marked and each organization's people."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from relmeet.domain import Level
from relmeet.domain.campaigns import Member
from relmeet.pages.formatting import stance
from relmeet.screens.base import RelmeetScreen
from relmeet.store import maps
from relmeet.widgets.chrome import Footer, Header

WHY = {
    "impacted": "the people the problem lands on",
    "leader": "leaders and connectors who bring others",
    "organization": "organizations and institutions with members and weight",
}


@dataclass
class More:
    """The "show more" row at the end of a level's page."""
    level: str
    offset: int
    total: int


class LevelsScreen(RelmeetScreen[None]):
    HELP_TITLE = "the three levels"
    HELP = ("Arrows move; Enter opens a person or an organization, or folds a level; Space folds an organization.\n"
            "★ leader  ⚑ gatekeeper")
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
        tree.auto_expand = False  # Enter opens a contact, an organization included; Space folds
        for group in maps.levels(self.book):
            label = Text(f"{Level(group.level).label} ({group.total})", style="bold")
            label.append(f" — {WHY[group.level]}", style="dim")
            if group.leaders or group.gatekeepers:
                label.append(f" · {group.leaders} ★ {group.gatekeepers} ⚑", style="yellow")
            branch = tree.root.add(label, expand=True)
            if not group.total:
                branch.add_leaf(Text("Nobody yet — who's missing from the table?", style="italic red"))
            self._add_page(branch, group.level, group.people, group.org_people, shown=0, total=group.total)
        tree.focus()

    def _add_page(self, branch: TreeNode, level: str, people: list[Member],
                  org_people: dict[int, list[tuple[int, str]]], *, shown: int, total: int) -> None:
        for member in people:
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
            if member.kind == "organization":
                node = branch.add(line, data=member.id, expand=True)
                names = org_people.get(member.id)
                if not names:
                    node.add_leaf(Text("no contact person yet", style="italic red"))
                for person_id, name in names or []:
                    node.add_leaf(Text(name), data=person_id)
            else:
                branch.add_leaf(line, data=member.id)
        shown += len(people)
        if shown < total:
            branch.add_leaf(Text(f"… {total - shown} more — Enter shows the next {min(maps.PAGE, total - shown)}",
                                 style="italic dim"), data=More(level, shown, total))

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        data = event.node.data
        self.selected_contact_id = data if isinstance(data, int) else None

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected) -> None:
        node, data = event.node, event.node.data
        if isinstance(data, More):
            branch = node.parent
            node.remove()
            people, org_people = maps.level_page(self.book, data.level, data.offset)
            self._add_page(branch, data.level, people, org_people, shown=data.offset, total=data.total)
        elif isinstance(data, int):
            self.app.open_contact(data)
        else:  # a level's heading
            node.toggle()

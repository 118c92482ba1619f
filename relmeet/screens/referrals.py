"""Who referred whom, and the connectors whose referrals led to the most meetings (seed 002)."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, Tree

from relmeet.store import maps


class ReferralsScreen(Screen[None]):
    HELP_TITLE = "the referral network"
    HELP = "Tab switches between the tree and the connectors; Enter opens a contact."
    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="close-referrals", tooltip="Back to where you were")]

    selected_contact_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="referrals-body"):
            with Vertical(id="referral-tree-pane"):
                yield Static("Who referred whom", classes="pane-title")
                yield Tree("Referrals", id="referral-tree")
            with Vertical(id="connectors-pane"):
                yield Static("Connectors", classes="pane-title")
                yield DataTable(id="connectors", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        book = self.app.book
        items = maps.referrals(book)
        roots, children, names = maps.referral_forest(items)
        tree = self.query_one(Tree)
        tree.show_root = False
        seen: set[int] = set()

        def grow(node, contact_id: int) -> None:
            seen.add(contact_id)
            for item in children.get(contact_id, []):
                label = Text(item.to_name)
                label.append(f"  {item.held_meetings} meeting{'s' if item.held_meetings != 1 else ''}", style="dim")
                if item.note:
                    label.append(f" — {item.note}", style="italic dim")
                if item.to_id in seen:  # a cycle: show it once, don't recurse
                    node.add_leaf(label, data=item.to_id)
                    continue
                child = node.add(label, data=item.to_id, expand=True) if children.get(item.to_id) else None
                if child is None:
                    node.add_leaf(label, data=item.to_id)
                else:
                    grow(child, item.to_id)

        for root in roots:
            grow(tree.root.add(Text(names[root], style="bold"), data=root, expand=True), root)
        if not items:
            tree.root.add_leaf(Text("No referrals yet. In a meeting, F6 notes who they say to talk to.", style="dim"))
        table = self.query_one("#connectors", DataTable)
        table.add_columns("#", "Connector", "Referred", "Led to meetings")
        for rank, connector in enumerate(maps.connectors(book), start=1):
            table.add_row(str(rank), Text(connector.name), str(connector.referrals), str(connector.led_to_meetings),
                          key=str(connector.id))
        tree.focus()

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        self.selected_contact_id = event.node.data

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected) -> None:
        if event.node.data is not None:
            self.app.open_contact(event.node.data)

    @on(DataTable.RowHighlighted, "#connectors")
    def _connector(self, event: DataTable.RowHighlighted) -> None:
        self.selected_contact_id = int(event.row_key.value)

    @on(DataTable.RowSelected, "#connectors")
    def _open_connector(self, event: DataTable.RowSelected) -> None:
        self.app.open_contact(int(event.row_key.value))

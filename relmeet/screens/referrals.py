"""Who referred whom, and the connectors whose referrals led to the most meetings (seed 002)."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static, Tree
from textual.widgets.tree import TreeNode

from relmeet.screens.base import RelmeetScreen
from relmeet.store import maps
from relmeet.widgets.chrome import Footer, Header


@dataclass
class MoreRoots:
    """The "show more" row after a page of the people at the top of the tree."""
    offset: int


CONNECTOR_WIDTH = 14


class ReferralsScreen(RelmeetScreen[None]):
    HELP_TITLE = "the referral network"
    HELP = ("Tab switches between the tree and the connectors; Enter opens a contact.\n"
            "Space opens or folds the branch of the people someone referred. Under the tree, the highlighted\n"
            "referral in full: who referred whom, why, and the meetings held since.\n"
            "Connectors: Referred counts the people they referred; Meetings, the meetings those led to.")
    BINDINGS = [Binding("escape", "dismiss(None)", "Back", id="close-referrals", tooltip="Back to where you were")]

    selected_contact_id: int | None = None

    def __init__(self) -> None:
        super().__init__()
        # empty until the book is read: a book that can't be read (damaged) still leaves a screen that works
        self.roots: list[int] = []
        self.referred: dict = {}
        self.names: dict = {}
        self.links: dict = {}  # a tree node's id -> the referral it shows
        self.eager = True
        self.grown: set[int] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="referrals-body"):
            with Vertical(id="referral-tree-pane"):
                yield Static("Who referred whom", classes="pane-title")
                yield Tree("Referrals", id="referral-tree")
                yield Static("", id="referral-detail")
            with Vertical(id="connectors-pane"):
                yield Static("Connectors", classes="pane-title")
                yield DataTable(id="connectors", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        book = self.book
        items = maps.referrals(book)
        self.roots, self.referred, self.names = maps.referral_forest(items)
        # a small network is shown whole; a large one grows as the organizer opens its branches
        self.eager = len(items) <= maps.PAGE
        tree = self.query_one(Tree)
        tree.show_root = False
        tree.auto_expand = False  # Enter opens the contact; Space opens the branch
        self._add_roots(0)
        if not items:
            tree.root.add_leaf(Text("No referrals yet. In a meeting, F6 notes who they say to talk to.", style="dim"))
        table = self.query_one("#connectors", DataTable)
        # the name wraps in its column, so the counts keep their room at 80 columns
        table.add_column("#")
        table.add_column("Connector", width=CONNECTOR_WIDTH)
        table.add_columns("Referred", "Meetings")
        for rank, connector in enumerate(maps.connectors(book), start=1):
            table.add_row(str(rank), Text(connector.name), str(connector.referrals), str(connector.led_to_meetings),
                          key=str(connector.id), height=None)
        tree.focus()
        self.call_after_refresh(self._show_cursor)

    def _show_cursor(self) -> None:
        """What the first highlighted line says, before any key: the tree's cursor starts there silently."""
        node = self.query_one(Tree).cursor_node
        if node is not None:
            self._show_link(self.links.get(node.id), node.data)

    def _add_roots(self, offset: int) -> None:
        root = self.query_one(Tree).root
        for contact_id in self.roots[offset:offset + maps.PAGE]:
            node = root.add(Text(self.names[contact_id], style="bold"), data=contact_id)
            if self.eager:
                self._grow(node)
                node.expand()
        rest = len(self.roots) - offset - maps.PAGE
        if rest > 0:
            root.add_leaf(Text(f"… {rest} more who referred others — Enter shows the next {min(rest, maps.PAGE)}",
                               style="italic dim"), data=MoreRoots(offset + maps.PAGE))

    def _grow(self, node: TreeNode) -> None:
        """Add the people this node's contact referred (once)."""
        if node.id in self.grown:
            return
        self.grown.add(node.id)
        above = set()
        parent = node
        while parent is not None:
            above.add(parent.data)
            parent = parent.parent
        for item in self.referred.get(node.data, []):
            label = Text(item.to_name)
            label.append(f"  {item.held_meetings} meeting{'s' if item.held_meetings != 1 else ''}", style="dim")
            if item.note:
                label.append(f" — {item.note}", style="italic dim")  # whole under the tree when highlighted
            # a leaf: they referred nobody, or following them would go round a cycle
            if item.to_id in above or not self.referred.get(item.to_id):
                self.links[node.add_leaf(label, data=item.to_id).id] = item
                continue
            child = node.add(label, data=item.to_id)
            self.links[child.id] = item
            if self.eager:
                self._grow(child)
                child.expand()

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded) -> None:
        if isinstance(event.node.data, int):
            self._grow(event.node)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted) -> None:
        data = event.node.data
        self.selected_contact_id = data if isinstance(data, int) else None
        self._show_link(self.links.get(event.node.id), data)

    def _show_link(self, item, contact_id=None) -> None:
        """The highlighted referral in full, wrapped: a reason is never cut at the pane's edge."""
        detail = self.query_one("#referral-detail", Static)
        referred = self.referred.get(contact_id, []) if isinstance(contact_id, int) else []
        detail.display = item is not None or bool(referred)
        if item is None:
            if referred:
                people = f"{len(referred)} {'person' if len(referred) == 1 else 'people'}"
                detail.update(Text.assemble((f"{self.names[contact_id]} referred {people}", "bold"),
                                            (" · ↓ shows each referral whole here", "dim")))
            return
        text = Text(f"{item.from_name} referred {item.to_name}", style="bold")
        if item.note:
            text.append(": ").append(f"“{item.note}”", style="italic")
        held = f"{item.held_meetings} meeting{'s' if item.held_meetings != 1 else ''}"
        text.append(f" · {held} with {item.to_name} since", style="dim")
        detail.update(text)

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected) -> None:
        data = event.node.data
        if isinstance(data, MoreRoots):
            event.node.remove()
            self._add_roots(data.offset)
        elif isinstance(data, int):
            self.app.open_contact(data)

    @on(DataTable.RowHighlighted, "#connectors")
    def _connector(self, event: DataTable.RowHighlighted) -> None:
        self.selected_contact_id = int(event.row_key.value)

    @on(DataTable.RowSelected, "#connectors")
    def _open_connector(self, event: DataTable.RowSelected) -> None:
        self.app.open_contact(int(event.row_key.value))

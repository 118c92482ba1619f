"""A power map drawn like the paper ones: influence up the side, stance from opposition to ally."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from relmeet.domain import Stance
from relmeet.domain.campaigns import INFLUENCES, STANCES, Member
from relmeet.pages.formatting import STANCE_STYLE

MAX_LINES = 4  # names shown per cell before "+N more"


def glyph(member: Member) -> Text:
    text = Text("■ " if member.kind == "organization" else "● ",
                style="cyan" if member.kind == "organization" else "white")
    return text


class PowerGrid(Widget, can_focus=True):
    DEFAULT_CSS = "PowerGrid { height: auto; width: 100%; }"
    BINDINGS = [
        Binding("up", "move(-1, 0)", "Up", show=False, id="grid-up", tooltip="Cell above (more influence)"),
        Binding("down", "move(1, 0)", "Down", show=False, id="grid-down", tooltip="Cell below (less influence)"),
        Binding("left", "move(0, -1)", "Left", show=False, id="grid-left", tooltip="Cell to the left (towards opposition)"),
        Binding("right", "move(0, 1)", "Right", show=False, id="grid-right", tooltip="Cell to the right (towards ally)"),
        Binding("space", "next_in_cell", "Next in cell", id="grid-next", show=False, tooltip="The next contact in this cell"),
        Binding("shift+left,left_square_bracket", "shift(0, -1)", "Stance −", id="stance-down", show=False,
                tooltip="Move the selected contact one stance towards opposition"),
        Binding("shift+right,right_square_bracket", "shift(0, 1)", "Stance +", id="stance-up", show=False,
                tooltip="Move the selected contact one stance towards ally"),
        Binding("shift+up,plus", "shift(-1, 0)", "Influence +", id="influence-up", show=False,
                tooltip="Raise the selected contact's influence"),
        Binding("shift+down,minus", "shift(1, 0)", "Influence −", id="influence-down", show=False,
                tooltip="Lower the selected contact's influence"),
        Binding("enter", "open", "Open", id="grid-open", tooltip="Open the selected contact"),
    ]

    row = reactive(0)
    col = reactive(0)
    index = reactive(0)

    class Moved(Message):
        def __init__(self, member: Member | None):
            super().__init__()
            self.member = member

    class Shift(Message):
        """The organizer asked to move the selected contact to another cell."""

        def __init__(self, member: Member, influence: int, stance: str):
            super().__init__()
            self.member, self.influence, self.stance = member, influence, stance

    class Open(Message):
        def __init__(self, member: Member):
            super().__init__()
            self.member = member

    def __init__(self, **kw):
        super().__init__(**kw)
        self.grid: dict[tuple[int, str], list[Member]] = {}
        self.moved: set[int] | frozenset[int] = frozenset()

    def show(self, grid: dict[tuple[int, str], list[Member]], *, follow: int | None = None,
             moved: set[int] | frozenset[int] = frozenset()) -> None:
        """New cells; `follow` keeps the cursor on that contact wherever they now are; `moved` marks ↕ the
        people who moved since the day a past map shows."""
        self.grid = grid
        self.moved = moved
        if follow is not None:
            for (influence, stance), people in grid.items():
                for position, member in enumerate(people):
                    if member.id == follow:
                        self.row, self.col = INFLUENCES.index(influence), STANCES.index(stance)
                        self.index = position
        elif not self.cell():
            self._first_nonempty()
        self.index = min(self.index, max(0, len(self.cell()) - 1))
        self.refresh(layout=True)
        self.post_message(self.Moved(self.selected))

    def _first_nonempty(self) -> None:
        for r, influence in enumerate(INFLUENCES):
            for c, stance in enumerate(STANCES):
                if self.grid.get((influence, stance)):
                    self.row, self.col, self.index = r, c, 0
                    return

    def cell(self) -> list[Member]:
        return self.grid.get((INFLUENCES[self.row], STANCES[self.col]), [])

    @property
    def selected(self) -> Member | None:
        people = self.cell()
        return people[self.index] if 0 <= self.index < len(people) else None

    def action_move(self, d_row: int, d_col: int) -> None:
        self.row = max(0, min(4, self.row + d_row))
        self.col = max(0, min(4, self.col + d_col))
        self.index = 0
        self.refresh()
        self.post_message(self.Moved(self.selected))

    def action_next_in_cell(self) -> None:
        if self.cell():
            self.index = (self.index + 1) % len(self.cell())
            self.refresh()
            self.post_message(self.Moved(self.selected))

    def action_shift(self, d_row: int, d_col: int) -> None:
        member = self.selected
        if member is None:
            self.notify("No contact in this cell to move.", severity="warning")
            return
        row = max(0, min(4, INFLUENCES.index(member.influence) + d_row))
        col = max(0, min(4, STANCES.index(member.stance) + d_col))
        if (INFLUENCES[row], STANCES[col]) != (member.influence, member.stance):
            self.post_message(self.Shift(member, INFLUENCES[row], STANCES[col]))

    def action_open(self) -> None:
        if self.selected is not None:
            self.post_message(self.Open(self.selected))

    def render(self) -> Table:
        width = max(10, (self.size.width - 6) // 5 - 1)
        table = Table(show_lines=True, expand=True, padding=(0, 0), header_style="bold")
        table.add_column("Infl.", width=5, justify="center", no_wrap=True)
        for stance in STANCES:
            table.add_column(Text(Stance(stance).label, style=STANCE_STYLE[stance]), ratio=1, no_wrap=True)
        for r, influence in enumerate(INFLUENCES):
            cells = [Text(f"{influence}\n", style="bold")]
            for c, stance in enumerate(STANCES):
                here = r == self.row and c == self.col
                cells.append(self._cell_text(self.grid.get((influence, stance), []), here, width))
            table.add_row(*cells)
        return table

    def _cell_text(self, people: list[Member], here: bool, width: int) -> Text:
        text = Text(style="on #303a4a" if here and self.has_focus else ("on #2a2a2a" if here else ""))
        if not people:
            text.append("·" if not here else "(empty)", style="dim")
        start = max(0, self.index - MAX_LINES + 1) if here else 0
        shown = people[start:start + MAX_LINES]
        for position, member in enumerate(shown, start=start):
            if position > start:
                text.append("\n")
            line = glyph(member)
            name = member.name if len(member.name) <= width - 4 else member.name[:width - 5] + "…"
            line.append(name, style="reverse" if here and position == self.index else "")
            if member.is_leader:
                line.append("★", style="yellow")
            if member.is_gatekeeper:
                line.append("⚑", style="magenta")
            if member.id in self.moved:
                line.append("↕", style="bold cyan")
            text.append_text(line)
        hidden = len(people) - len(shown)
        if hidden > 0:
            text.append(f"\n+{hidden} more (space)", style="dim")
        return text

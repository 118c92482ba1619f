"""The contact list: one page of rows, sortable by column, user text shown as text."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist

from relmeet.domain.people import ContactRow
from relmeet.pages import formatting

# column key -> (header, store sort name, width); fixed widths spare measuring every cell
COLUMNS = [
    ("kind", "", "name", 1),
    ("name", "Name", "name", 28),
    ("organization", "Organization / role", "organization", 24),
    ("level", "Level", "level", 9),
    ("stance", "Stance", "stance", 14),
    ("influence", "Infl.", "stance", 5),
    ("last_met", "Last met", "last_met", 12),  # "2 months ago"
    ("commitments", "Open", "commitments", 10),  # "1 (1 late)"
]
SORT_ORDER = ["name", "organization", "level", "stance", "last_met", "commitments"]


def _name(row: ContactRow) -> Text:
    text = Text(row.name, style="bold" if row.is_leader else "")
    if row.is_leader:
        text.append(" ★", style="yellow")
    if row.is_gatekeeper:
        text.append(" ⚑", style="magenta")
    return text


def whole_line(row: ContactRow) -> Text:
    """The highlighted contact's name, role and organization whole: the list's columns cut long ones."""
    text = _name(row)
    where = ", ".join(part for part in (row.role, row.organization) if part)
    if where:
        text.append(" — " + where, style="dim")
    return text


def _commitments(row: ContactRow) -> Text:
    if not row.open_commitments:
        return Text("–", style="dim")
    text = Text(str(row.open_commitments))
    if row.overdue_commitments:
        text.append(f" ({row.overdue_commitments} late)", style="bold red")
    return text


class ContactTable(DataTable):
    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        for key, header, _sort, width in COLUMNS:
            self.add_column(header, key=key, width=width)

    shown: dict[int, ContactRow] = {}

    def fill(self, rows: list[ContactRow]) -> None:
        keep = self.selected_id
        self.clear()
        self.shown = {row.id: row for row in rows}
        for row in rows:
            org = Text(row.organization) if row.organization else Text(row.role, style="dim")
            kind = Text("▣", style="cyan") if row.kind == "organization" else ""
            self.add_row(kind, _name(row), org, formatting.level(row.level), formatting.stance(row.stance),
                         str(row.influence), formatting.days_ago(row.last_met), _commitments(row), key=str(row.id))
        if keep is not None and str(keep) in self.rows:
            self.move_cursor(row=self.get_row_index(str(keep)))

    @property
    def selected_id(self) -> int | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except CellDoesNotExist:  # the cursor can sit past the end for a moment while rows are replaced
            return None
        return int(key.value) if key.value is not None else None

"""A house meeting's follow-up, person by person (Ctrl+G on the follow-up): the people new to the book checked
for look-alikes, what each one asked, offered and promised, and a thank-you drafted for one of them or for
the whole group, each leaving private items out."""
from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from relmeet.domain import today
from relmeet.domain.errors import RelmeetError
from relmeet.pages import house
from relmeet.paths import write_private
from relmeet.screens.base import RelmeetModal
from relmeet.store import participants
from relmeet.store.contacts import told_apart
from relmeet.widgets.chrome import Footer
from relmeet.widgets.field import Field, choices
from relmeet.widgets.text_area import TextArea

GROUP = 0  # the "draft for" choice that means everyone


def people_lines(book, meeting_id: int) -> Group | None:
    """Per person, what they asked, offered and promised: None for a one-on-one."""
    everyone = participants.person_parts(book, meeting_id)
    if len(everyone) < 2:
        return None
    lines: list = [Text(house.title(everyone[0][0].name, len(everyone)), style="bold underline")]
    for person, parts in everyone:
        lines += house.person_lines(person.name, parts, host=person.role == "with")
    lines.append(Text("Ctrl+G: a thank-you for each person or the group; people new to the book", style="dim"))
    return Group(*lines)


class HouseFollowUpScreen(RelmeetModal[str | None]):
    """Dismisses with a draft to put in the follow-up's summary (Ctrl+S), None otherwise."""

    HELP_TITLE = "a house meeting's follow-up"
    HELP = ("Choose whom the thank-you is for: the group or one person; the draft holds only what is theirs,\n"
            "private items left out. F5 copies it, F6 writes it to the file named below, Ctrl+S makes it the\n"
            "meeting's summary. People new to the book who share a name with someone in it are listed at the top:\n"
            "Enter on \"use …\" folds the new card into that person's (undo from the merge list).")
    DEFAULT_CSS = """
    HouseFollowUpScreen #house { width: 96%; height: 94%; }
    HouseFollowUpScreen #house-newcomers { height: auto; max-height: 8; }
    HouseFollowUpScreen #house-draft { height: 14; }
    """
    BINDINGS = [
        Binding("ctrl+s", "use_summary", "Use as summary", id="house-use",
                tooltip="Put this draft in the meeting's summary on the follow-up"),
        Binding("f5", "copy", "Copy", id="house-copy", tooltip="Copy this draft to the clipboard"),
        Binding("f6", "save_file", "To file", id="house-file", tooltip="Write this draft to the file named below"),
        Binding("escape", "dismiss(None)", "Back", id="house-back", tooltip="Back to the follow-up"),
    ]

    def __init__(self, meeting_id: int):
        super().__init__()
        self.meeting_id = meeting_id
        self.alike: list[tuple[int, int, str]] = []  # (new contact id, existing id, its name)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="house"):
            with VerticalScroll():
                yield Static("", id="house-title", classes="pane-title")
                yield Static("", id="house-new-line")
                yield OptionList(id="house-newcomers")
                yield Static("", id="house-people")
                yield Field("Draft the thank-you for", Select([("the group", GROUP)], value=GROUP, allow_blank=False,
                                                              id="house-for", compact=True), name="house-for")
                yield Static("", id="house-hidden")
                yield TextArea("", id="house-draft", language=None)
                yield Field("Save the draft to", Input("", id="house-path", compact=True), name="house-path",
                            hint="F6 writes it (only you can read it)")
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    def _load(self) -> None:
        self.everyone = participants.person_parts(self.book, self.meeting_id)
        if not self.everyone:
            self.dismiss(None)
            return
        self.host = self.everyone[0][0].name
        self.query_one("#house-title", Static).update(Text(house.title(self.host, len(self.everyone))))
        lines: list = []
        for person, parts in self.everyone:
            lines += house.person_lines(person.name, parts, host=person.role == "with")
        self.query_one("#house-people", Static).update(Group(*lines))
        chooser = self.query_one("#house-for", Select)
        chooser.set_options(choices([("the group", GROUP)] + [(p.name, p.contact_id) for p, _ in self.everyone]))
        chooser.value = GROUP
        self._newcomers()
        self._redraft()

    def _newcomers(self) -> None:
        new = participants.newcomers(self.book, self.meeting_id)
        self.alike = [(p.contact_id, other_id, name) for p, others in new for other_id, name in others]
        apart = told_apart(self.book, [other for _new, other, _name in self.alike])
        box = self.query_one("#house-newcomers", OptionList)
        box.clear_options()
        names = {p.contact_id: p.name for p, _ in new}
        for new_id, other_id, name in self.alike:
            line = Text(f"Use {name} ({apart.get(other_id, f'#{other_id}')}) for the new {names[new_id]}")
            box.add_option(Option(line))
        box.display = bool(self.alike)
        if not new:
            said = Text("No one new to the book came.", style="dim")
        else:
            said = Text("New in the book from this meeting: ", style="bold")
            said.append(", ".join(p.name + (" — looks like someone already in it" if others else "")
                                  for p, others in new))
        self.query_one("#house-new-line", Static).update(said)

    @on(OptionList.OptionSelected, "#house-newcomers")
    def _use_existing(self, event: OptionList.OptionSelected) -> None:
        new_id, other_id, name = self.alike[event.option_index]
        try:
            participants.use_instead(self.book, self.meeting_id, new_id, other_id)
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"{name} it is: what was said at this meeting is in their history now "
                    "(the merge list can undo it).", markup=False)
        self._load()

    @on(Select.Changed, "#house-for")
    def _redraft(self) -> None:
        chosen = self.query_one("#house-for", Select).value
        if chosen == GROUP:
            text = house.group_draft(self.host, [(p.name, parts) for p, parts in self.everyone])
            hidden = house.hidden([(p.name, parts) for p, parts in self.everyone])
            first = "group"
        else:
            person, parts = next((p, parts) for p, parts in self.everyone if p.contact_id == chosen)
            text, hidden, first = house.person_draft(self.host, parts), house.hidden([(person.name, parts)]), \
                person.name.split()[0].lower()
        self.query_one("#house-draft", TextArea).load_text(text)
        self.query_one("#house-hidden", Static).update(Text(
            f"{hidden} private item{'s' if hidden != 1 else ''} left out of the draft" if hidden else "", style="dim"))
        self.query_one("#house-path", Input).value = f"~/relmeet-{first}-{today():%Y-%m-%d}.md"

    def action_use_summary(self) -> None:
        self.dismiss(self.query_one("#house-draft", TextArea).text)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.query_one("#house-draft", TextArea).text)
        self.notify("Draft copied (your terminal must allow clipboard access).", markup=False)

    def action_save_file(self) -> None:
        field = self.query_one("#field-house-path", Field)
        path = Path(self.query_one("#house-path", Input).value.strip()).expanduser()
        if path.is_dir():
            field.show_error(f"Couldn't write {path}: that is a folder; name a file in it")
            return
        try:
            write_private(path, self.query_one("#house-draft", TextArea).text)  # told in trust: owner only
        except RelmeetError as exc:
            field.show_error(str(exc).replace("cannot write", "Couldn't write", 1))
            return
        field.show_error(None)
        self.notify(f"Draft saved to {path}.", markup=False)

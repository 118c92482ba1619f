"""Add or edit a person or an organization. A validation error keeps every typed word."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Footer, Header, Input, Select, Static, TextArea

from relmeet.domain import ContactKind, ContactMethod, Level, Rung, Stance
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.people import ContactIn
from relmeet.screens.base import RelmeetScreen
from relmeet.store import contacts
from relmeet.widgets.field import Field

TEXT_FIELDS = ("name", "role", "their_language", "phone", "email", "neighbourhood", "language", "influence")
CHOICE_FIELDS = {"kind": ContactKind, "level": Level, "stance": Stance, "rung": Rung, "contact_method": ContactMethod}
FLAGS = ("is_leader", "is_gatekeeper", "notes_private")


class ContactFormScreen(RelmeetScreen[int | None]):
    """Dismisses with the contact's id once saved, or None when the organizer backs out."""

    HELP_TITLE = "the contact form"
    HELP = "Tab moves between fields. Errors show under the field; nothing you typed is lost."
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-contact", tooltip="Check the form and save the contact"),
        Binding("escape", "cancel", "Cancel", id="cancel-contact", tooltip="Leave without saving (asks if you changed something)"),
    ]

    def __init__(self, contact_id: int | None = None, *, kind: str = "person"):
        super().__init__()
        self.contact_id = contact_id
        self.selected_contact_id = contact_id
        self.start_kind = kind
        self._loaded: ContactIn | None = None

    def compose(self) -> ComposeResult:
        book = self.book
        card = contacts.get(book, self.contact_id) if self.contact_id else None
        data = card or ContactIn(kind=self.start_kind,
                                 level="organization" if self.start_kind == "organization" else "impacted")
        orgs = [(o.name, o.id) for o in contacts.organizations(book) if o.id != self.contact_id]
        yield Header()
        title = f"Edit {card.name}" if card else "New contact"
        yield Static(title, id="form-title", classes="screen-title", markup=False)
        with VerticalScroll(id="contact-form"):
            with Horizontal(classes="form-row"):
                yield Field("Name", Input(data.name, id="name", placeholder="as they say it"), name="name")
                yield Field("Kind", Select(ContactKind.options(), value=data.kind, allow_blank=False, id="kind"), name="kind")
            with Horizontal(classes="form-row"):
                yield Field("Organization", Select(orgs, value=data.organization_id or Select.NULL, prompt="(none)",
                                                   id="organization_id"), name="organization_id")
                yield Field("Role there", Input(data.role, id="role"), name="role")
            with Horizontal(classes="form-row"):
                yield Field("Level", Select(Level.options(), value=data.level, allow_blank=False, id="level"), name="level")
                yield Field("Stance", Select(Stance.options(), value=data.stance, allow_blank=False, id="stance"), name="stance")
                yield Field("Influence", Input(str(data.influence), id="influence"), name="influence", hint="1–5")
            with Horizontal(classes="form-row flags"):
                yield Checkbox("Leader / connector", data.is_leader, id="is_leader")
                yield Checkbox("Gatekeeper", data.is_gatekeeper, id="is_gatekeeper")
                yield Field("Rung", Select(Rung.options(), value=data.rung, allow_blank=False, id="rung"), name="rung")
            yield Field("Their language", Input(data.their_language, id="their_language",
                                                placeholder="words and phrases they use"), name="their_language")
            with Horizontal(classes="form-row"):
                yield Field("Phone", Input(data.phone, id="phone"), name="phone")
                yield Field("Email", Input(data.email, id="email"), name="email")
            with Horizontal(classes="form-row"):
                yield Field("Neighbourhood", Input(data.neighbourhood, id="neighbourhood"), name="neighbourhood")
                yield Field("Reach them by", Select(ContactMethod.options(), value=data.contact_method,
                                                    allow_blank=False, id="contact_method"), name="contact_method")
                yield Field("Language", Input(data.language, id="language"), name="language")
            yield Field("Tags", Input(", ".join(data.tags), id="tags", placeholder="comma separated"), name="tags")
            yield Field("Notes", TextArea(data.notes, id="notes"), name="notes")
            yield Checkbox("Notes are private (kept out of exports)", data.notes_private, id="notes_private")
        yield Footer()

    def on_mount(self) -> None:
        # borderless fields, so the whole form fits a laptop screen
        for widget in self.query("#contact-form Input, #contact-form Select"):
            widget.compact = True
        self._loaded = self._read()
        self.query_one("#name", Input).focus()

    def _read(self) -> ContactIn:
        values: dict = {name: self.query_one(f"#{name}", Input).value for name in TEXT_FIELDS}
        for name in CHOICE_FIELDS:
            value = self.query_one(f"#{name}", Select).value
            values[name] = "" if value is Select.NULL else value
        org = self.query_one("#organization_id", Select).value
        values["organization_id"] = None if org is Select.NULL else org
        for name in FLAGS:
            values[name] = self.query_one(f"#{name}", Checkbox).value
        values["tags"] = [t for t in self.query_one("#tags", Input).value.split(",")]
        values["notes"] = self.query_one("#notes", TextArea).text
        return ContactIn(**values)

    def show_errors(self, errors: dict[str, str]) -> None:
        for field in self.query(Field):
            field.show_error(errors.get(field.field_name))
        first = next((f for f in self.query(Field) if f.field_name in errors), None)
        if first is not None:
            first.widget.focus()
            first.scroll_visible(animate=False)

    def action_save(self) -> None:
        data = self._read()
        book = self.book
        try:
            if self.contact_id is None:
                self.contact_id = contacts.create(book, data)
            else:
                contacts.update(book, self.contact_id, data)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            self.notify("Check the fields marked in red.", severity="warning")
            return
        except RelmeetError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Saved {data.name.strip()}.")
        self.dismiss(self.contact_id)

    def action_cancel(self) -> None:
        if self._read() == self._loaded:
            self.dismiss(None)
            return
        from relmeet.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Leave without saving your changes?", yes="Discard changes",
                                           no="Keep editing"), answered)

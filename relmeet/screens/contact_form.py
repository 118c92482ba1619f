"""Add or edit a person or an organization. A validation error keeps every typed word; so does a save the
book refuses (screens/keeping.py); another copy's change since the form opened is kept, not overwritten."""
from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Input, Select, Static

from relmeet.domain import ContactKind, ContactMethod, Level, Rung, Stance
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.merging import FieldConflict
from relmeet.domain.people import ContactIn
from relmeet.screens.base import RelmeetScreen
from relmeet.screens.keeping import KeepsTyping
from relmeet.store import contacts
from relmeet.widgets.field import Field, choices
from relmeet.widgets.save_banner import SaveBanner
from relmeet.widgets.chrome import Footer, Header
from relmeet.widgets.text_area import TextArea

TEXT_FIELDS = ("name", "role", "their_language", "phone", "email", "neighbourhood", "language", "influence")
CHOICE_FIELDS = {"kind": ContactKind, "level": Level, "stance": Stance, "rung": Rung, "contact_method": ContactMethod}
FLAGS = ("is_leader", "is_gatekeeper", "notes_private")
LABELS = {"name": "Name", "kind": "Kind", "organization_id": "Organization", "role": "Role there", "level": "Level",
          "is_leader": "Leader", "is_gatekeeper": "Gatekeeper", "stance": "Stance", "influence": "Influence",
          "rung": "Rung", "their_language": "Their language", "phone": "Phone", "email": "Email",
          "neighbourhood": "Neighbourhood", "contact_method": "Reach them by", "language": "Language",
          "notes": "Notes", "notes_private": "Notes private", "tags": "Tags"}


class ContactFormScreen(KeepsTyping, RelmeetScreen[int | None]):
    """Dismisses with the contact's id once saved, or None when the organizer backs out."""

    HELP_TITLE = "the contact form"
    HELP = ("Tab moves between fields. Errors show under the field; nothing you typed is lost.\n"
            "If another copy of relmeet changed this contact meanwhile, its changes are kept beside yours;\n"
            "where you both changed a field, you choose.")
    recovery_kind = "contact"
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
        self._expected: ContactIn | None = None  # the contact as the book had it when the form opened

    def compose(self) -> ComposeResult:
        book = self.book
        card = contacts.get(book, self.contact_id) if self.contact_id else None
        self._expected = card
        self._orgs: dict[int, str] = {}
        data = card or ContactIn(kind=self.start_kind,
                                 level="organization" if self.start_kind == "organization" else "impacted")
        orgs = [(o.name, o.id) for o in contacts.organizations(book) if o.id != self.contact_id]
        self._orgs = {org_id: name for name, org_id in orgs}
        yield Header()
        title = f"Edit {card.name}" if card else "New contact"
        yield Static(title, id="form-title", classes="screen-title", markup=False)
        yield SaveBanner(id="save-banner")
        with VerticalScroll(id="contact-form"):
            with Horizontal(classes="form-row"):
                yield Field("Name", Input(data.name, id="name", placeholder="as they say it"), name="name")
                yield Field("Kind", Select(ContactKind.options(), value=data.kind, allow_blank=False, id="kind"), name="kind")
            with Horizontal(classes="form-row"):
                yield Field("Organization", Select(choices(orgs), value=data.organization_id or Select.NULL, prompt="(none)",
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
        taken: list[str] = []
        try:
            if self.contact_id is None:
                self.contact_id = contacts.create(book, data)
            else:
                taken = contacts.update(book, self.contact_id, data, expected=self._expected)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            self.notify("Check the fields marked in red.", severity="warning")
            return
        except FieldConflict as conflict:
            self.write_succeeded()  # the book is writable; the organizer chooses, then it saves
            self._choose(conflict)
            return
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        except Exception as error:  # any failed write: the form stays as typed, a banner says so, it retries
            self.write_failed(error, again=self.action_save)
            return
        self.write_succeeded()
        kept = f" Another copy's change to {', '.join(LABELS.get(n, n).lower() for n in taken)} is kept too." \
            if taken else ""
        self.notify(f"Saved {data.name.strip()}.{kept}", markup=False)
        self.dismiss(self.contact_id)

    def _choose(self, conflict: FieldConflict) -> None:
        """Both copies changed the same fields: show both values and save what the organizer picks."""
        from relmeet.screens.two_copies import TwoCopiesScreen

        rows = [(name, LABELS.get(name, name), self._shown(name, mine), self._shown(name, getattr(conflict.theirs, name)))
                for name, (mine, _theirs) in conflict.fields.items()]

        def chosen(choices: dict[str, str] | None) -> None:
            if choices is None:
                return
            # compared with the book as it is now in these fields, the choices are this form's own changes
            self._expected = replace(self._expected, **{n: getattr(conflict.theirs, n) for n in choices})
            for name, side in choices.items():
                if side == "theirs":
                    self._fill(name, getattr(conflict.theirs, name))
            self.action_save()

        self.app.push_screen(TwoCopiesScreen(rows), chosen)

    def _shown(self, name: str, value) -> str:
        if name in CHOICE_FIELDS:
            try:
                return CHOICE_FIELDS[name](value).label
            except ValueError:  # a value from a newer relmeet: shown as it is stored
                return str(value)
        if name == "organization_id":
            return self._orgs.get(value, "(none)") if value else "(none)"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if name == "tags":
            return ", ".join(t.strip() for t in value if t.strip())
        return str(value).strip()

    def _fill(self, name: str, value) -> None:
        if name in TEXT_FIELDS:
            self.query_one(f"#{name}", Input).value = str(value)
        elif name in CHOICE_FIELDS:
            self.query_one(f"#{name}", Select).value = value
        elif name == "organization_id":
            self.query_one(f"#{name}", Select).value = Select.NULL if value is None else value
        elif name in FLAGS:
            self.query_one(f"#{name}", Checkbox).value = bool(value)
        elif name == "tags":
            self.query_one("#tags", Input).value = ", ".join(value)
        elif name == "notes":
            self.query_one("#notes", TextArea).load_text(value)

    def has_unsaved(self) -> bool:
        return self._loaded is not None and self._read() != self._loaded

    def kept_fields(self) -> dict[str, str]:
        data = self._read()
        return {LABELS[name]: self._shown(name, getattr(data, name))
                for name in ("name", "role", "their_language", "phone", "email", "neighbourhood", "language", "tags",
                             "notes")}

    def recovery_title(self) -> str:
        name = self._read().name.strip() or "a new contact"
        return f"The contact form for {name}"

    def recovery_target(self) -> int | None:
        return self.contact_id

    def action_cancel(self) -> None:
        if self._read() == self._loaded:
            self.dismiss(None)
            return
        from relmeet.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.forget_copy()  # let go on purpose: no recovery file is offered for it later
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Leave without saving your changes?", yes="Discard changes",
                                           no="Keep editing"), answered)

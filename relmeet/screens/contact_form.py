"""Add or edit a person or an organization. A validation error keeps every typed word; so does a save the
book refuses (screens/keeping.py); another copy's change since the form opened is kept, not overwritten."""
from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Select, Static

from relmeet.domain import ContactKind, ContactMethod, Level, Rung, Stance
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.merging import FieldConflict
from relmeet.domain.people import ContactIn, Reach, built_name, parse_reach, reach_text, settle_reach
from relmeet.screens.base import RelmeetScreen
from relmeet.screens.keeping import KeepsTyping
from relmeet.store import contacts
from relmeet.widgets.field import Field, choices
from relmeet.widgets.save_banner import SaveBanner
from relmeet.widgets.chrome import Footer, Header
from relmeet.widgets.text_area import TextArea

TEXT_FIELDS = ("name", "honorific", "given_name", "family_name", "goes_by", "role", "their_language",
               "neighbourhood", "language", "influence", "birthday", "pronouns", "street", "city", "postal_code",
               "reach_note", "leadership_note", "gatekeeper_note", "referred_by")
MOVEMENT = ("stance", "influence", "rung", "is_leader", "is_gatekeeper")  # what a story keeps
LISTS = ("email", "phone")  # several a contact, one a line (domain/people.py parse_reach)
NAME_PARTS = ("honorific", "given_name", "family_name")
CHOICE_FIELDS = {"kind": ContactKind, "level": Level, "stance": Stance, "rung": Rung, "contact_method": ContactMethod}
FLAGS = ("is_leader", "is_gatekeeper", "notes_private")
LABELS = {"name": "Name", "kind": "Kind", "organization_id": "Organization", "role": "Role there", "level": "Level",
          "is_leader": "Leader", "is_gatekeeper": "Gatekeeper", "stance": "Stance", "influence": "Influence",
          "rung": "Rung", "their_language": "Their language", "phone": "Phone", "email": "Email",
          "neighbourhood": "Neighbourhood", "contact_method": "Reach them by", "language": "Language",
          "notes": "Notes", "notes_private": "Notes private", "tags": "Tags", "honorific": "Honorific",
          "given_name": "Given name(s)", "family_name": "Family name(s)", "goes_by": "Goes by",
          "birthday": "Birthday", "pronouns": "Pronouns", "street": "Street", "city": "City",
          "postal_code": "Postal code", "reach_note": "How and when to reach them",
          "leadership_note": "Leadership, in words", "gatekeeper_note": "Gatekeeper of what",
          "referred_by": "Referred by"}
LIST_HINT = "one a line: address, label · add (bad) to a bounced one, (preferred) to the one to use"


class ReachList(TextArea):
    """E-mails or phones, one a line; `value` reads and sets the text like an Input's."""

    @property
    def value(self) -> str:
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        self.load_text(text)


def shown_reach(entries: list[Reach]) -> Text:
    """The list as it will be kept: the preferred one starred, a bad one struck through."""
    shown = Text()
    for entry in settle_reach(entries):
        if shown:
            shown.append("\n")
        shown.append("★ " if entry.preferred else "")
        shown.append(entry.value, style="strike dim" if entry.bad else "")
        if entry.label:
            shown.append(f" ({entry.label})", style="dim")
    return shown


class ContactFormScreen(KeepsTyping, RelmeetScreen[int | None]):
    """Dismisses with the contact's id once saved, or None when the organizer backs out."""

    HELP_TITLE = "the contact form"
    HELP = ("Tab moves between fields. Errors show under the field; nothing you typed is lost.\n"
            "If another copy of relmeet changed this contact meanwhile, its changes are kept beside yours;\n"
            "where you both changed a field, you choose.")
    recovery_kind = "contact"
    DEFAULT_CSS = """
    ContactFormScreen .reach-col { width: 1fr; height: auto; margin-right: 1; }
    ContactFormScreen .reach-col > Field { margin: 0; }
    ContactFormScreen ReachList { height: 4; }
    ContactFormScreen .reach-shown { height: auto; color: $text-muted; }
    ContactFormScreen .reach-hint { color: $text-muted; margin-bottom: 1; }
    """
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
        card = contacts.get(book, self.contact_id, with_referrer=True) if self.contact_id else None
        self._expected = card
        self._orgs: dict[int, str] = {}
        data = card or ContactIn(kind=self.start_kind,
                                 level="organization" if self.start_kind == "organization" else "impacted")
        orgs = [(o.name, o.id) for o in contacts.organizations(book) if o.id != self.contact_id]
        self._orgs = {org_id: name for name, org_id in orgs}
        self._people = [p.name for p in contacts.people_choices(book, but=self.contact_id)]
        self._built = built_name(data.honorific, data.given_name, data.family_name)
        yield Header()
        title = f"Edit {card.name}" if card else "New contact"
        yield Static(title, id="form-title", classes="screen-title", markup=False)
        yield SaveBanner(id="save-banner")
        with VerticalScroll(id="contact-form"):
            with Horizontal(classes="form-row"):
                yield Field("Name", Input(data.name, id="name", placeholder="as they say it"), name="name",
                            hint="or fill its parts below")
                yield Field("Kind", Select(ContactKind.options(), value=data.kind, allow_blank=False, id="kind"), name="kind")
            with Horizontal(classes="form-row person-only"):
                yield Field("Honorific", Input(data.honorific, id="honorific", placeholder="Rev., Dr., Pastor"),
                            name="honorific")
                yield Field("Given name(s)", Input(data.given_name, id="given_name"), name="given_name")
                yield Field("Family name(s)", Input(data.family_name, id="family_name"), name="family_name")
                yield Field("Goes by", Input(data.goes_by, id="goes_by", placeholder="what you call them"),
                            name="goes_by")
            with Horizontal(classes="form-row"):
                yield Field("Organization", Select(choices(orgs), value=data.organization_id or Select.NULL, prompt="(none)",
                                                   id="organization_id"), name="organization_id")
                yield Field("Role there", Input(data.role, id="role"), name="role")
            with Horizontal(classes="form-row"):
                yield Field("Level", Select(Level.options(), value=data.level, allow_blank=False, id="level"), name="level")
                yield Field("Stance", Select(Stance.options(), value=data.stance, allow_blank=False, id="stance"), name="stance")
                yield Field("Influence", Input(str(data.influence), id="influence"), name="influence", hint="1–5")
            yield Field("Leadership, in words", Input(data.leadership_note, id="leadership_note",
                                                      placeholder="has a base and a following; potential coalition rep"),
                        name="leadership_note")
            with Horizontal(classes="form-row flags"):
                yield Checkbox("Leader / connector", data.is_leader, id="is_leader")
                yield Checkbox("Gatekeeper", data.is_gatekeeper, id="is_gatekeeper")
                yield Field("Rung", Select(Rung.options(), value=data.rung, allow_blank=False, id="rung"), name="rung")
            # asked only when where they stand changed: the reason goes into their story (store/standing.py)
            yield Field("Why did they move? (optional)", Input(id="standing_reason",
                                                              placeholder="agreed to host the renewal table"),
                        name="standing_reason", hint="kept with the date in their history")
            yield Field("Gatekeeper of what", Input(data.gatekeeper_note, id="gatekeeper_note",
                                                    placeholder="the deacon board's approval for a listening campaign"),
                        name="gatekeeper_note")
            yield Field("Their language", Input(data.their_language, id="their_language",
                                                placeholder="words and phrases they use"), name="their_language")
            with Horizontal(classes="form-row"):
                for name, label, entries in (("phone", "Phones", data.phones), ("email", "E-mails", data.emails)):
                    with Vertical(classes="reach-col"):
                        yield Field(label, ReachList(reach_text(entries), id=name), name=name)
                        yield Static(shown_reach(entries), id=f"{name}-shown", classes="reach-shown")
            yield Static(Text(LIST_HINT), classes="reach-hint")
            with Horizontal(classes="form-row"):
                yield Field("How and when to reach them", Input(data.reach_note, id="reach_note",
                                                                placeholder="texts after 6pm; Spanish first"),
                            name="reach_note")
                yield Field("Reach them by", Select(ContactMethod.options(), value=data.contact_method,
                                                    allow_blank=False, id="contact_method"), name="contact_method")
            with Horizontal(classes="form-row"):
                yield Field("Pronouns", Input(data.pronouns, id="pronouns"), name="pronouns")
                yield Field("Birthday", Input(data.birthday, id="birthday"), name="birthday",
                            hint="1984-05-17 or --05-17")
                yield Field("Language", Input(data.language, id="language"), name="language")
            with Horizontal(classes="form-row"):
                yield Field("Street", Input(data.street, id="street"), name="street")
                yield Field("City", Input(data.city, id="city"), name="city")
                yield Field("Postal code", Input(data.postal_code, id="postal_code"), name="postal_code")
                yield Field("Neighbourhood", Input(data.neighbourhood, id="neighbourhood"), name="neighbourhood")
            yield Field("Referred by", Input(data.referred_by, id="referred_by",
                                             placeholder="someone in the book, or a new name to add them",
                                             suggester=SuggestFromList(self._people, case_sensitive=False)),
                        name="referred_by", hint="→ takes the suggestion")
            yield Field("Tags", Input(", ".join(data.tags), id="tags", placeholder="comma separated"), name="tags")
            yield Field("Notes", TextArea(data.notes, id="notes"), name="notes")
            yield Checkbox("Notes are private (kept out of exports)", data.notes_private, id="notes_private")
        yield Footer()

    def on_mount(self) -> None:
        # borderless fields, so the whole form fits a laptop screen
        for widget in self.query("#contact-form Input, #contact-form Select, #contact-form ReachList"):
            widget.compact = True
        self._show_kind()
        self._loaded = self._read()
        self.query_one("#name", Input).focus()
        self._show_why()

    @on(Select.Changed, "#stance, #rung")
    @on(Input.Changed, "#influence")
    @on(Checkbox.Changed, "#is_leader, #is_gatekeeper")
    def _show_why(self) -> None:
        """Ask why only when stance, influence, rung or a flag of a saved contact changed."""
        if self._loaded is None:
            return
        now = self._read()
        moved = self.contact_id is not None and any(
            str(getattr(now, name)) != str(getattr(self._loaded, name)) for name in MOVEMENT)
        self.query_one("#field-standing_reason").display = moved

    def _show_kind(self) -> None:
        person = self.query_one("#kind", Select).value != ContactKind.organization
        for row in self.query(".person-only"):
            row.display = person

    @on(Select.Changed, "#kind")
    def _kind_changed(self) -> None:
        self._show_kind()

    @on(Input.Changed, "#honorific, #given_name, #family_name")
    def _name_from_parts(self) -> None:
        """The display name follows its parts while the organizer hasn't typed one of their own."""
        name = self.query_one("#name", Input)
        built = built_name(*(self.query_one(f"#{part}", Input).value for part in NAME_PARTS))
        if name.value.strip() in ("", self._built):
            name.value = built
        self._built = built

    @on(TextArea.Changed, "#phone, #email")
    def _reach_changed(self, event: TextArea.Changed) -> None:
        widget_id = event.text_area.id
        self.query_one(f"#{widget_id}-shown", Static).update(shown_reach(parse_reach(event.text_area.text)))

    def _read(self) -> ContactIn:
        values: dict = {name: self.query_one(f"#{name}", Input).value for name in TEXT_FIELDS}
        for name in LISTS:
            entries = parse_reach(self.query_one(f"#{name}", ReachList).text)
            values[f"{name}s"] = entries
            values[name] = next((e.value for e in settle_reach(entries) if e.preferred), "")
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
        new_referrer = data.referred_by.strip() and data.referred_by.strip() not in self._people
        try:
            if self.contact_id is None:
                self.contact_id = contacts.create(book, data)
            else:
                taken = contacts.update(book, self.contact_id, data, expected=self._expected,
                                        reason=self.query_one("#standing_reason", Input).value)
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
        added = f" {data.referred_by.strip()} is in the book now too, as who referred them." if new_referrer else ""
        name = data.name.strip() or built_name(data.honorific, data.given_name, data.family_name)
        self.notify(f"Saved {name}.{kept}{added}", markup=False)
        self.dismiss(self.contact_id)

    def _choose(self, conflict: FieldConflict) -> None:
        """Both copies changed the same fields: show both values and save what the organizer picks."""
        from relmeet.screens.two_copies import TwoCopiesScreen

        def theirs(name: str):
            return getattr(conflict.theirs, f"{name}s" if name in LISTS else name)

        rows = [(name, LABELS.get(name, name), self._shown(name, mine), self._shown(name, theirs(name)))
                for name, (mine, _theirs) in conflict.fields.items()]

        def chosen(choices: dict[str, str] | None) -> None:
            if choices is None:
                return
            # compared with the book as it is now in these fields, the choices are this form's own changes
            changed = {n: getattr(conflict.theirs, n) for n in choices}
            changed |= {f"{n}s": theirs(n) for n in choices if n in LISTS}
            self._expected = replace(self._expected, **changed)
            for name, side in choices.items():
                if side == "theirs":
                    self._fill(name, theirs(name))
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
        if name in LISTS:
            return reach_text(list(value)).replace("\n", "; ")
        if isinstance(value, bool):
            return "yes" if value else "no"
        if name == "tags":
            return ", ".join(t.strip() for t in value if t.strip())
        return str(value).strip()

    def _fill(self, name: str, value) -> None:
        if name in TEXT_FIELDS:
            self.query_one(f"#{name}", Input).value = str(value)
        elif name in LISTS:
            self.query_one(f"#{name}", ReachList).load_text(reach_text(list(value)))
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
        kept = {LABELS[name]: self._shown(name, getattr(data, name)) for name in TEXT_FIELDS + ("tags", "notes")
                if name != "influence"}
        kept |= {LABELS[name]: reach_text(getattr(data, f"{name}s")) for name in LISTS}
        return kept

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

"""Quick capture during a meeting: one small dialog per kind, opened by an F-key from the notes.

Enter saves, Escape goes back to the notes; a bad date keeps everything else typed in the dialog.
An ask or an offer says who made it (I asked / they asked) and the answer in their words: yes, partly
(how much), a counter-offer, pending (on what condition, decided by when), no, deferred (raise it later).
A yes makes the commitment it implies, with or without a date.
Ctrl+T marks an interest, ask, offer or commitment private: the organizer's screens still show it,
marked, but summaries and exports leave it out unless asked.
"""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from relmeet.domain import ExchangeKind, ExchangeStatus, InterestKind, Owner
from relmeet.domain.dates import parse_due
from relmeet.domain.meetings import exchange_words
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.people import ContactIn
from relmeet.screens.base import RelmeetModal
from relmeet.store import captures, contacts
from relmeet.store.contacts import match_contacts
from relmeet.widgets.date_input import DateInput
from relmeet.widgets.field import Field
from relmeet.widgets.chrome import Footer

TITLES = {"interest": "Interest, in their own words", "ask": "An ask, mine or theirs",
          "offer": "An offer, mine or theirs", "commitment": "A commitment", "referral": "Someone to talk to next"}
# every answer an ask or an offer can have, planned included: a planned ask opened from the notes is planned
ASK_STATUSES = ExchangeStatus.options()


def _day(value) -> str:
    return value.isoformat() if value else ""


@dataclass
class Editing:
    """The stored item a dialog edits, with its current values."""

    table: str
    id: int
    values: dict


class CaptureScreen(RelmeetModal[bool]):
    """Dismisses True when something was saved."""

    HELP_TITLE = "a capture"
    DEFAULT_CSS = """
    CaptureScreen #capture { max-height: 95%; }
    CaptureScreen .form-row { height: auto; }
    CaptureScreen .form-row > Field { width: 1fr; margin-right: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-capture", tooltip="Save and go back to the notes"),
        Binding("ctrl+t", "toggle_private", "Private", id="private-capture",
                tooltip="Mark this item private (or not): kept out of summaries and exports unless asked"),
        Binding("escape", "dismiss(False)", "Back to notes", id="cancel-capture", tooltip="Keep nothing from this dialog"),
        # the key that opened the dialog, again: "they asked" (F3 F3) or "they offered" (F4 F4) without leaving "What"
        Binding("f3", "flip_who('ask')", "Who asked", id="flip-asked",
                tooltip="I asked ↔ they asked, the cursor staying where it is"),
        Binding("f4", "flip_who('offer')", "Who offered", id="flip-offered",
                tooltip="I offered ↔ they offered, the cursor staying where it is"),
    ]

    def __init__(self, kind: str, contact_id: int, meeting_id: int, campaign_id: int | None = None,
                 editing: Editing | None = None):
        super().__init__()
        self.kind, self.contact_id, self.meeting_id, self.campaign_id = kind, contact_id, meeting_id, campaign_id
        self.editing = editing
        self.matches: list = []

    def compose(self) -> ComposeResult:
        v = self.editing.values if self.editing else {}
        with VerticalScroll(classes="dialog", id="capture"):
            yield Static(("Edit: " if self.editing else "") + TITLES[self.kind], classes="pane-title")
            if self.kind == "interest":
                yield Field("Kind", Select(InterestKind.options(), value=v.get("kind", "self_interest"),
                                           allow_blank=False, id="kind"), name="kind")
                yield Field("In their words", Input(v.get("text", ""), id="text"), name="text")
                yield Field("Who they hold responsible", Input(v.get("responsible", ""), id="responsible"),
                            name="responsible", hint="for a concern")
            elif self.kind in ("ask", "offer"):
                with Horizontal(classes="form-row"):
                    yield Field("Who", Select([(exchange_words(self.kind, m), m) for m in ("me", "them")],
                                              value=v.get("made_by", "me"), allow_blank=False, id="made_by"),
                                name="made_by")
                    yield Field("Kind", Select(ExchangeKind.options(), value=v.get("kind", "action"),
                                               allow_blank=False, id="kind"), name="kind")
                yield Field("What", Input(v.get("text", ""), id="text"), name="text")
                yield Field("The answer", Select(ASK_STATUSES, value=v.get("status", "made"), allow_blank=False,
                                                 id="status"), name="status")
                yield Field("In their words", Input(v.get("answer", ""), id="answer"), name="answer",
                            hint="how much, for partly · the counter-offer")
                with Horizontal(classes="form-row"):
                    yield Field("On what condition", Input(v.get("condition", ""), id="condition",
                                                           placeholder="if the board agrees"),
                                name="condition", hint="pending")
                    yield Field("Decide by", DateInput(_day(v.get("decide_by")), input_id="decide_by",
                                                       placeholder="the 28th", compact=True), name="decide_by")
                yield Field("If yes, done by", DateInput(_day(v.get("commitment_due")), input_id="commitment_due",
                                                         placeholder="fri", compact=True),
                            name="commitment_due", hint="the commitment a yes makes")
            elif self.kind == "commitment":
                yield Field("Who", Select([("I will", "mine"), ("They will", "theirs")], value=v.get("owner", "theirs"),
                                          allow_blank=False, id="owner"), name="owner")
                yield Field("What", Input(v.get("text", ""), id="text"), name="text")
                due = v.get("due_on")
                yield Field("By when", DateInput(due.isoformat() if due else "", input_id="due", placeholder="fri"),
                            name="due")
            else:
                yield Field("Who", Input(v.get("name", ""), id="who", placeholder="Mr. Tran"), name="who",
                            hint="an existing contact, or a new one")
                yield OptionList(id="who-matches")
                yield Field("Why them", Input(v.get("note", ""), id="note"), name="note")
            if self.can_be_private:
                yield Checkbox("Private: kept out of summaries and exports (Ctrl+T)", bool(v.get("private")),
                               id="private")
        yield Footer()

    @property
    def can_be_private(self) -> bool:
        # a referral is a link between two contacts, with no private flag in the book
        return self.kind != "referral"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_private":
            return self.can_be_private
        if action == "flip_who":
            return parameters == (self.kind,)
        return True

    def action_flip_who(self, kind: str) -> None:
        who = self.query_one("#made_by", Select)
        who.value = "them" if who.value == "me" else "me"

    def action_toggle_private(self) -> None:
        self.query_one("#private", Checkbox).toggle()

    def on_mount(self) -> None:
        first = self.query("Input").first()
        first.focus()
        if self.kind == "referral":
            self.query_one("#who-matches", OptionList).display = False

    @on(Input.Changed, "#who")
    def _suggest(self, event: Input.Changed) -> None:
        box = self.query_one("#who-matches", OptionList)
        self.matches = [m for m in match_contacts(self.book, event.value, limit=6) if m.id != self.contact_id]
        box.clear_options()
        if self.matches:
            box.add_options([Option(Text(m.name)) for m in self.matches])
            box.add_option(Option(Text(f"+ a new contact: {event.value.strip()}", style="italic")))
        box.display = bool(self.matches)

    @on(OptionList.OptionSelected, "#who-matches")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.action_save(pick=event.option_index)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def _value(self, selector: str):
        return self.query_one(selector).value

    def action_save(self, pick: int | None = None) -> None:
        book = self.book
        try:
            self._save(book, pick)
        except ValidationError as exc:
            errors = dict(exc.errors)
            if "to" in errors:  # the store names the referral's target "to"; the dialog calls it "who"
                errors["who"] = errors.pop("to")
            for field in self.query(Field):
                field.show_error(errors.get(field.field_name))
            return
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.dismiss(True)

    def _save(self, book, pick: int | None) -> None:
        meeting, contact, edit = self.meeting_id, self.contact_id, self.editing
        if self.kind == "interest":
            values = dict(kind=self._value("#kind"), text=self._value("#text"), responsible=self._value("#responsible"),
                          private=self._value("#private"))
            if edit:
                captures.update(book, "interest", edit.id, **values)
            else:
                captures.add_interest(book, contact, meeting_id=meeting, **values)
        elif self.kind in ("ask", "offer"):
            errors: dict[str, str] = {}
            dates = {}
            for name in ("decide_by", "commitment_due"):
                try:
                    dates[name] = parse_due(self._value(f"#{name}"), field=name)
                except ValidationError as refused:
                    errors.update(refused.errors)
            if errors:
                raise ValidationError(errors)
            values = dict(kind=self._value("#kind"), text=self._value("#text"), status=self._value("#status"),
                          made_by=self._value("#made_by"), answer=self._value("#answer"),
                          condition=self._value("#condition"), decide_by=dates["decide_by"],
                          private=self._value("#private"))
            if edit:
                captures.update(book, "exchange", edit.id, commits=True, commitment_due=dates["commitment_due"],
                                **values)
            else:
                captures.add_exchange(book, contact, self.kind, meeting_id=meeting, campaign_id=self.campaign_id,
                                      commits=True, commitment_due=dates["commitment_due"], **values)
        elif self.kind == "commitment":
            due = parse_due(self._value("#due"))
            owner = self._value("#owner")
            if owner not in {o.value for o in Owner}:
                raise ValidationError({"owner": "Mine or theirs?"})
            private = self._value("#private")
            if edit:
                captures.update(book, "commitment", edit.id, owner=owner, text=self._value("#text"), due_on=due,
                                private=private)
            else:
                captures.add_commitment(book, contact, owner, self._value("#text"), due, meeting_id=meeting,
                                        campaign_id=self.campaign_id, private=private)
        else:
            note = self._value("#note")
            if edit:
                captures.update(book, "referral", edit.id, note=note)
                return
            name = self._value("#who").strip()
            if not name:
                raise ValidationError({"who": "Who did they say to talk to?"})
            if pick is not None and pick < len(self.matches):
                target = self.matches[pick].id
            else:
                exact = [m for m in self.matches if m.name.casefold() == name.casefold()]
                target = exact[0].id if exact and pick is None else contacts.create(
                    book, ContactIn(name=name, rung="identified", notes=f"Referred during a meeting. {note}".strip()))
            captures.add_referral(book, contact, target, meeting_id=meeting, note=note)

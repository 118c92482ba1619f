"""Prep, the night before: plan the meeting beside everything the book already knows.

A save the book refuses keeps the form as typed and retries (screens/keeping.py); another copy's change to
the plan since the form opened is kept, and a field both changed is the organizer's choice."""
from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from rich.text import Text
from textual.widgets import Button, Checkbox, Input, Select, Static

from relmeet.domain import ExchangeKind, MeetingType, from_iso, local
from relmeet.domain.dates import parse_when
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.meetings import FIRST_VISIT_ADVICE, MeetingPlan, series_words
from relmeet.domain.merging import FieldConflict
from relmeet.pages import formatting
from relmeet.pages.brief import render
from relmeet.screens.base import RelmeetScreen
from relmeet.screens.keeping import KeepsTyping
from relmeet.store import meetings, prep
from relmeet.widgets.date_input import DateInput
from relmeet.widgets.field import Field, choices
from relmeet.widgets.save_banner import SaveBanner
from relmeet.widgets.chrome import Footer, Header
from relmeet.widgets.text_area import TextArea

TEXTS = ("location", "purpose", "credential", "guessed_interest", "offer_plan", "framing", "risks")
AREAS = ("known", "want_to_learn", "questions", "my_story")
NUMBERS = ("duration_min", "time_asked_min")
SERIES_CHOICES = 6  # visits of a series offered in the picker (a later one the book has is offered too)
ASK_ROWS = 3
LABELS = {"scheduled_at": "When", "location": "Where", "campaign_id": "Campaign", "type": "Type",
          "duration_min": "Minutes", "purpose": "Purpose", "known": "What I already know",
          "guessed_interest": "Their self-interest, my guess", "want_to_learn": "What I want to learn",
          "offer_plan": "What I can offer", "framing": "How to frame it", "contact_id": "Contact",
          "credential": "Credential", "my_story": "My story to share", "risks": "Risks / what they may need",
          "questions": "Questions", "time_asked_min": "Time I ask for (min)", "series_visit": "Visit of a series"}


def _series_options(current: int | None) -> list[tuple[str, int]]:
    last = max(SERIES_CHOICES, current or 0)
    return [("first visit" if n == 1 else f"visit {n}", n) for n in range(1, last + 1)]


def _when_text(moment: datetime | None) -> str:
    return local(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


class PrepScreen(KeepsTyping, RelmeetScreen[int | None]):
    """Dismisses with the meeting's id once saved."""

    HELP_TITLE = "meeting prep"
    HELP = ("Type the time as you'd say it: \"fri 7pm\", \"tomorrow 18:30\", \"2026-12-03 10:00\".\n"
            "Asks left empty are ignored. What the book knows is on the right; nothing there needs a key.\n"
            "Questions go one a line (the brief numbers them). \"Time I ask for\" is what you ask of them "
            "(\"30 minutes\"); Minutes is how long you plan. A first visit of a series (a pastor, a gatekeeper, "
            "an institution) says so: listen, don't pitch yet.\n"
            "Ctrl+G: who's coming — a house meeting, or a director with her deputy: add people from the book or\n"
            "new ones, and see what the book knows of each.")
    recovery_kind = "prep"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save plan", id="save-plan", tooltip="Check and save the plan; it shows under Upcoming"),
        Binding("f10", "start_now", "Start meeting", id="start-now", tooltip="Save the plan and open the notes now"),
        Binding("ctrl+g", "who_is_coming", "Who's coming", id="who-is-coming", show=False,
                tooltip="A house meeting: add people (from the book or new), see each one's history"),
        Binding("escape", "cancel", "Back", id="cancel-plan", tooltip="Leave (asks first if you changed something)"),
    ]

    def __init__(self, contact_id: int, meeting_id: int | None = None, *, raise_ids: tuple[int, ...] = ()):
        """`raise_ids`: deferred asks to tick for raising again (from the history's "Raise again")."""
        super().__init__()
        self.selected_contact_id = contact_id
        self.meeting_id = meeting_id
        self.raise_ids = raise_ids
        self._loaded: tuple | None = None
        self._expected: MeetingPlan | None = None  # the plan as the book had it when the form opened

    def compose(self) -> ComposeResult:
        book = self.book
        known = prep.what_we_know(book, self.selected_contact_id)
        card = meetings.get(book, self.meeting_id) if self.meeting_id else None
        if card is not None:
            self._expected = MeetingPlan(**{f.name: getattr(card, f.name) for f in fields(MeetingPlan)})
        self._campaigns = dict((campaign_id, name) for name, campaign_id in prep.campaigns(book))
        plan = card or MeetingPlan(contact_id=self.selected_contact_id)
        asks = prep.planned_asks(book, self.meeting_id) if self.meeting_id else []
        self._ask_ids: list[int | None] = [ask.id for ask in asks]
        raised = prep.raised_in(book, self.meeting_id) if self.meeting_id else set()
        self._deferred = [*known.deferred_asks, *self._raised_here(known, raised)]
        campaigns = prep.campaigns(book)
        if card is None and len(campaigns) == 1:
            plan.campaign_id = campaigns[0][1]
        when = _when_text(plan.scheduled_at)
        self._contact_name = known.contact.name
        yield Header()
        verb = "Prep" if card else "Plan a meeting with"
        yield Static(f"{verb} {known.contact.name}", classes="screen-title", markup=False)
        yield SaveBanner(id="save-banner")
        from relmeet.screens.participants import coming_line  # a house meeting: everyone in it, Ctrl+G
        from relmeet.store.participants import participants

        coming = participants(book, self.meeting_id) if self.meeting_id else []
        shown = Static(coming_line(coming), id="coming-line")
        shown.display = len(coming) > 1  # a one-on-one says nothing (F1 tells of Ctrl+G)
        yield shown
        with Horizontal(id="prep-body"):
            with VerticalScroll(id="prep-form"):
                with Horizontal(classes="form-row"):
                    yield Field("When", DateInput(when, input_id="when", with_time=True, placeholder="fri 7pm"),
                                name="when")
                    yield Field("Where", Input(plan.location, id="location"), name="location")
                with Horizontal(classes="form-row"):
                    yield Field("Campaign", Select(choices(campaigns), value=plan.campaign_id or Select.NULL, prompt="(none)",
                                                   id="campaign_id"), name="campaign_id")
                    yield Field("Type", Select(MeetingType.options(), value=plan.type, allow_blank=False, id="type"),
                                name="type")
                    yield Field("Minutes", Input(str(plan.duration_min or ""), id="duration_min"), name="duration_min")
                with Horizontal(classes="form-row"):
                    yield Field("Time I ask for (min)", Input(_number(plan.time_asked_min), id="time_asked_min"),
                                name="time_asked_min")
                    yield Field("Visit of a series", Select(_series_options(plan.series_visit),
                                                            value=plan.series_visit or Select.NULL,
                                                            prompt="not a series", id="series_visit"),
                                name="series_visit")
                yield Static(Text(FIRST_VISIT_ADVICE), id="series-advice")
                yield Field("Purpose", Input(plan.purpose, id="purpose", placeholder="why this meeting, in a line"),
                            name="purpose")
                yield Field("Credential", Input(plan.credential, id="credential",
                                                placeholder="who referred me, who I'm with, why I'm calling"),
                            name="credential")
                yield Field("What I already know", TextArea(plan.known, id="known"), name="known")
                yield Field("Their self-interest, my guess", Input(plan.guessed_interest, id="guessed_interest"),
                            name="guessed_interest")
                yield Field("What I want to learn", TextArea(plan.want_to_learn, id="want_to_learn"),
                            name="want_to_learn")
                yield Field("Questions", TextArea(plan.questions, id="questions"), name="questions",
                            hint="one a line; the brief numbers them")
                yield Static("Asks I plan to make", classes="field-label")
                for index in range(max(ASK_ROWS, len(asks))):
                    ask = asks[index] if index < len(asks) else None
                    with Horizontal(classes="form-row ask-row"):
                        yield Select(ExchangeKind.options(), value=ask.kind if ask else "action", allow_blank=False,
                                     id=f"ask-kind-{index}", classes="ask-kind")
                        yield Field("", Input(ask.text if ask else "", id=f"ask-text-{index}",
                                              placeholder="what I'll ask for"), name=f"ask-{index}")
                if self._deferred:
                    yield Static("Deferred asks — raise one again in this meeting?", classes="field-label")
                for ask in self._deferred:
                    said = f"asked {ask.asked_on:%-d %b}: deferred" if ask.asked_on else "deferred"
                    label = Text(f"{ask.text}  ({said}" + (f" — {ask.answer}" if ask.answer else "") + ")")
                    yield Checkbox(label, ask.id in raised or ask.id in self.raise_ids, id=f"raise-{ask.id}",
                                   classes="raise-again")
                yield Field("What I can offer in exchange", Input(plan.offer_plan, id="offer_plan"), name="offer_plan")
                yield Field("How to frame it, in their language", Input(plan.framing, id="framing"), name="framing")
                yield Field("My story to share", TextArea(plan.my_story, id="my_story"), name="my_story")
                yield Field("Risks / what they may need", Input(plan.risks, id="risks",
                                                                placeholder="cover, credit, no partisan exposure"),
                            name="risks")
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Save plan (Ctrl+S)", variant="primary", id="save")
                    yield Button("Start now (F10)", id="start")
            with VerticalScroll(id="prep-known"):
                yield Static("What the book knows", classes="pane-title")
                yield Static(render(known, with_today=False, their_asks=True), id="known-text")
        yield Footer()

    def on_mount(self) -> None:
        # borderless fields: the whole plan fits on a laptop screen beside what the book knows
        for widget in self.query("#prep-form Input, #prep-form Select"):
            widget.compact = True
        self._show_advice()
        self._loaded = self._snapshot()
        self.query_one("#when", Input).focus()

    @on(Select.Changed, "#series_visit")
    def _show_advice(self) -> None:
        """A first visit of a series says so beside the plan: listen, don't pitch."""
        self.query_one("#series-advice").display = self.query_one("#series_visit", Select).value == 1

    def _snapshot(self) -> tuple:
        return tuple(w.value if not isinstance(w, TextArea) else w.text
                     for w in self.query("#prep-form Input, #prep-form Select, #prep-form TextArea, "
                                         "#prep-form Checkbox"))

    @staticmethod
    def _raised_here(known, raised: set[int]) -> list:
        """Deferred asks this meeting already raises again: still shown, ticked, so they can be unticked."""
        from relmeet.domain.meetings import DeferredAsk

        return [DeferredAsk(ask.raised_from_id, ask.kind, ask.text, private=ask.private)
                for ask in known.planned_asks if ask.raised_from_id in raised]

    def _plan(self) -> tuple[MeetingPlan, list[tuple[str, str]]]:
        errors: dict[str, str] = {}
        try:
            when: datetime | None = parse_when(self.query_one("#when", Input).value)
        except ValidationError as exc:
            errors.update(exc.errors)
            when = None
        numbers: dict[str, int | None] = {}
        for name, example in zip(NUMBERS, ("45", "30")):
            typed = self.query_one(f"#{name}", Input).value.strip()
            whole = typed.isascii() and typed.isdigit()  # int() refuses some digits isdigit() takes ("²")
            numbers[name] = int(typed) if whole else None
            if typed and not whole:
                errors[name] = f"Minutes, as a number ({example})."
        campaign = self.query_one("#campaign_id", Select).value
        series = self.query_one("#series_visit", Select).value
        values = {name: self.query_one(f"#{name}", Input).value for name in TEXTS}
        values |= {name: self.query_one(f"#{name}", TextArea).text for name in AREAS}
        plan = MeetingPlan(contact_id=self.selected_contact_id, scheduled_at=when.astimezone() if when else None,
                           campaign_id=None if campaign is Select.NULL else campaign,
                           series_visit=None if series is Select.NULL else series,
                           type=self.query_one("#type", Select).value, **numbers, **values)
        asks = [(self.query_one(f"#ask-kind-{i}", Select).value, self.query_one(f"#ask-text-{i}", Input).value)
                for i in range(len(self.query(".ask-row")))]
        if errors:
            raise ValidationError(errors)
        return plan, asks

    def _save(self, again) -> int | None:
        try:
            plan, asks = self._plan()
            raise_ids = [ask.id for ask in self._deferred if self.query_one(f"#raise-{ask.id}", Checkbox).value]
            self.meeting_id = prep.save_plan(self.book, plan, asks, self.meeting_id, expected=self._expected,
                                             ask_ids=self._ask_ids, raise_ids=raise_ids)
            self._ask_ids = [ask.id for ask in prep.planned_asks(self.book, self.meeting_id)]
        except ValidationError as exc:
            for field in self.query(Field):
                field.show_error(exc.errors.get(field.field_name))
            first = next((f for f in self.query(Field) if f.field_name in exc.errors), None)
            if first is not None:
                first.widget.focus()
            self.notify("Check the fields marked in red; nothing you typed is lost.", severity="warning")
            return None
        except FieldConflict as conflict:
            self.write_succeeded()  # the book is writable; the organizer chooses, then it saves
            self._choose(conflict, again)
            return None
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return None
        except Exception as error:  # any failed write: the plan stays as typed, a banner says so, it retries
            self.write_failed(error, again=again)
            return None
        self.write_succeeded()
        for field in self.query(Field):
            field.show_error(None)
        self._loaded = self._snapshot()
        return self.meeting_id

    def _choose(self, conflict: FieldConflict, again) -> None:
        """Both copies changed the same parts of the plan: show both values and save what the organizer picks."""
        from relmeet.screens.two_copies import TwoCopiesScreen

        rows = [(name, LABELS.get(name, name), self._shown(name, getattr(self._plan()[0], name)),
                 self._shown(name, getattr(conflict.theirs, name))) for name in conflict.fields]

        def chosen(choices: dict[str, str] | None) -> None:
            if choices is None:
                return
            # compared with the book as it is now in these fields, the choices are this form's own changes
            self._expected = replace(self._expected, **{n: getattr(conflict.theirs, n) for n in choices})
            for name, side in choices.items():
                if side == "theirs":
                    self._fill(name, getattr(conflict.theirs, name))
            again()

        self.app.push_screen(TwoCopiesScreen(rows), chosen)

    def _shown(self, name: str, value) -> str:
        if name == "scheduled_at":
            moment = from_iso(value) if isinstance(value, str) else value
            return formatting.when(moment.astimezone()) if moment else "(not set)"
        if name == "campaign_id":
            return self._campaigns.get(value, "(none)") if value else "(none)"
        if name == "type":
            return MeetingType(value).label if value in {t.value for t in MeetingType} else str(value)
        if name == "series_visit":
            return series_words(value) or "not a series"
        return "" if value is None else str(value)

    def _fill(self, name: str, value) -> None:
        if name == "scheduled_at":
            self.query_one("#when", Input).value = _when_text(value)
        elif name in NUMBERS:
            self.query_one(f"#{name}", Input).value = _number(value)
        elif name == "series_visit":
            self.query_one("#series_visit", Select).value = Select.NULL if value is None else value
        elif name == "campaign_id":
            self.query_one("#campaign_id", Select).value = Select.NULL if value is None else value
        elif name == "type":
            self.query_one("#type", Select).value = value
        elif name in AREAS:
            self.query_one(f"#{name}", TextArea).load_text(value)
        elif name in TEXTS:
            self.query_one(f"#{name}", Input).value = value

    def has_unsaved(self) -> bool:
        return self._loaded is not None and self._snapshot() != self._loaded

    def kept_fields(self) -> dict[str, str]:
        kept = {"When": self.query_one("#when", Input).value}
        kept |= {LABELS[name]: self.query_one(f"#{name}", Input).value for name in ("location", "purpose")}
        kept |= {LABELS[name]: self.query_one(f"#{name}", TextArea).text for name in AREAS}
        kept |= {LABELS[name]: self.query_one(f"#{name}", Input).value
                 for name in ("credential", "guessed_interest", "offer_plan", "framing", "risks", "time_asked_min")}
        asks = [self.query_one(f"#ask-text-{i}", Input).value for i in range(len(self.query(".ask-row")))]
        kept["Asks I plan to make"] = "\n".join(ask for ask in asks if ask.strip())
        return kept

    def recovery_title(self) -> str:
        return f"The meeting plan with {self._contact_name}"

    def recovery_target(self) -> int | None:
        return self.meeting_id

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self._save(self.action_save) is not None:
            self.notify("Plan saved; it shows under Upcoming on the home screen.")
            self.dismiss(self.meeting_id)

    @on(Button.Pressed, "#start")
    def action_start_now(self) -> None:
        meeting_id = self._save(self.action_start_now)
        if meeting_id is None:
            return
        self.dismiss(meeting_id)
        self.app.start_meeting(meeting_id)

    def action_who_is_coming(self) -> None:
        """Who's coming (screens/participants.py); a plan not saved yet is saved first, as the people join it."""
        if self.meeting_id is None and self._save(self.action_who_is_coming) is None:
            return
        from relmeet.screens.participants import ParticipantsScreen, coming_line
        from relmeet.store.participants import participants

        def back(_changed: bool | None) -> None:
            coming = participants(self.book, self.meeting_id)
            shown = self.query_one("#coming-line", Static)
            shown.update(coming_line(coming))
            shown.display = len(coming) > 1

        self.app.push_screen(ParticipantsScreen(self.meeting_id), back)

    def action_cancel(self) -> None:
        if self._snapshot() == self._loaded:
            self.dismiss(None)
            return
        from relmeet.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.forget_copy()  # let go on purpose: no recovery file is offered for it later
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Leave without saving this plan?", yes="Discard plan", no="Keep editing"),
                             answered)

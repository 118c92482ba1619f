"""Follow-up, after the meeting: outcomes, owners and dates, the next meeting, ratings, a win, a summary."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from relmeet.domain import ExchangeStatus, today
from relmeet.domain.dates import parse_due, parse_when
from relmeet.domain.errors import RelmeetError, ValidationError
from relmeet.domain.meetings import PRIVATE_MARK, FollowUp, FollowUpForm, SummaryParts, exchange_words
from relmeet.pages.summary import draft, left_out
from relmeet.screens.base import RelmeetScreen
from relmeet.screens.move import open_move, show_proposal
from relmeet.store import captures, follow_up, meetings
from relmeet.store.follow_up import OUTCOMES
from relmeet.paths import write_private
from relmeet.widgets.date_input import DateInput
from relmeet.widgets.field import Field
from relmeet.widgets.chrome import Footer, Header
from relmeet.widgets.text_area import TextArea

RATINGS = [(f"{n} — {w}", n) for n, w in ((1, "weak"), (2, "fair"), (3, "good"), (4, "strong"), (5, "excellent"))]


def _marked(line: str, private: bool) -> Text:
    text = Text(line)
    if private:
        text.append(f"  {PRIVATE_MARK}", style="bold magenta")
    return text


class FollowUpScreen(RelmeetScreen[None]):
    HELP_TITLE = "the follow-up"
    HELP = ("Every ask gets an outcome, every commitment an owner and a date. The summary is yours to edit;\n"
            "items marked private are left out of its draft, and F6 writes it to a file only you can read.\n"
            "'Everything captured' lists the meeting's interests, asks, offers, commitments and referrals:\n"
            "Enter edits one in the notes' own dialog (an answer in their words, a condition, the wording).\n"
            "An ask you made marked 'agreed': F10 changes where they stand, the reason filled in.")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save follow-up", id="save-follow-up", tooltip="Save everything on this page"),
        Binding("f5", "copy_summary", "Copy summary", id="copy-summary", tooltip="Copy the summary to the clipboard"),
        Binding("f6", "save_summary_file", "Summary to file", id="summary-file",
                tooltip="Write the summary to the file named under it"),
        Binding("f8", "mark_sent", "Mark sent", id="mark-sent",
                tooltip="The thank-you (this summary) went out today: no more reminder (again: not sent)"),
        Binding("f7", "redraft", "Redraft", id="redraft", show=False,
                tooltip="Draft the summary again from what is captured (replaces your edits)"),
        Binding("f10", "propose_move", "Move…", id="propose-move",
                tooltip="They agreed to an ask: change where they stand, the reason filled in"),
        Binding("ctrl+g", "house", "Each person", id="house-follow-up",
                tooltip="A house meeting: a thank-you per person or for the group; people new to the book"),
        Binding("escape", "leave", "Later", id="leave-follow-up", tooltip="Leave; come back from the contact"),
    ]

    def __init__(self, meeting_id: int):
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        book = self.book
        card = meetings.get(book, self.meeting_id)
        self.card = card
        self.selected_contact_id = card.contact_id
        self.exchanges = follow_up.exchanges_for(book, self.meeting_id)
        self.promises = follow_up.commitments_for(book, self.meeting_id)
        yield Header()
        yield Static(Text(f"Follow-up: {card.contact}", style="bold"), classes="screen-title")
        yield Static(self._sent_line(follow_up.summary_sent_on(book, self.meeting_id)), id="summary-sent")
        with VerticalScroll(id="follow-form"):
            from relmeet.screens.house_follow_up import people_lines  # a house meeting: each person's part

            people = people_lines(book, self.meeting_id)
            if people is not None:
                yield Static(people, id="house-people-lines")
            yield Static("Asks and offers — what came of each", classes="pane-title")
            shown_status: dict[int, str] = {}
            for x in self.exchanges:
                with Horizontal(classes="form-row follow-row"):
                    line = f"{exchange_words(x.direction, x.made_by)}: {x.text}" + (f" — {x.answer}" if x.answer else "")
                    yield Static(_marked(line, x.private), classes="follow-text", id=f"said-{x.id}")
                    # an offer made in the meeting is most often taken up; a planned ask was at least made
                    status = "agreed" if x.direction == "offer" and x.status == "made" else \
                        x.status if x.status in OUTCOMES else "made"
                    shown_status[x.id] = status
                    yield Select([(ExchangeStatus(s).label, s) for s in OUTCOMES], value=status, allow_blank=False,
                                 id=f"outcome-{x.id}", compact=True)
            if not self.exchanges:
                yield Static(Text("No asks or offers were captured.", style="dim"))
            yield Static("", id="move-proposal")  # an ask agreed: "move to Ally? F10" (screens/move.py)
            yield Static("Commitments — who, by when", classes="pane-title")
            for item in self.promises:
                yield self._promise_row(item)
            if not self.promises:
                yield Static(Text("No commitments were captured.", style="dim"), id="no-promises")
            yield Static("Everything captured — Enter edits", classes="pane-title", id="captured-title")
            yield OptionList(id="follow-captured")
            with Horizontal(classes="form-row"):
                yield Field("Next meeting", DateInput(input_id="next_meeting", placeholder="next tuesday 6pm",
                                                      with_time=True, compact=True),
                            name="next_meeting", hint="or a check-in date →")
                # the date set before, so saving again keeps it; a new one is a check-in still to make
                yield Field("Check in by", DateInput(card.check_in_on.isoformat() if card.check_in_on else "",
                                                     input_id="check_in", placeholder="in 2 weeks", compact=True),
                            name="check_in")
            yield Field("Next step", Input(card.next_step, id="next_step", compact=True), name="next_step")
            with Horizontal(classes="form-row"):
                yield Field("Leadership", Select(RATINGS, value=card.leadership_rating or Select.NULL, prompt="1–5",
                                                 id="leadership_rating", compact=True), name="leadership_rating")
                yield Field("Relationship", Select(RATINGS, value=card.relationship_rating or Select.NULL,
                                                   prompt="1–5", id="relationship_rating", compact=True),
                            name="relationship_rating")
            yield Field("A win to celebrate", Input(id="win", placeholder="however small", compact=True), name="win")
            parts = follow_up.summary_parts(book, self.meeting_id)
            if parts is not None:  # drafted from the outcomes as this page first shows them
                parts = replace(parts, exchanges=[replace(x, status=shown_status.get(x.id, x.status))
                                                  for x in parts.exchanges])
            self.parts = parts
            hidden = left_out(parts) if parts else 0
            self._drafted = draft(parts) if parts else ""
            yield Field("Summary / thank-you (Markdown)",
                        TextArea(card.summary or self._drafted, id="summary", language=None),
                        name="summary", hint=f"{hidden} private item{'s' if hidden != 1 else ''} left out of the draft"
                        if hidden else "")
            default = f"~/relmeet-{card.contact.split()[0].lower()}-{today():%Y-%m-%d}.md"
            yield Field("Save the summary to", Input(default, id="summary_path", compact=True),
                        name="summary_path", hint="F6 writes it")
        yield Footer()

    @staticmethod
    def _promise_row(item) -> Horizontal:
        """A commitment's row: what, whose, by when."""
        return Horizontal(
            Static(_marked(item.text, item.private), classes="follow-text", id=f"promise-{item.id}"),
            Select([("I will", "mine"), ("They will", "theirs")], value=item.owner, allow_blank=False,
                   id=f"owner-{item.id}", compact=True),
            Field("", DateInput(item.due_on.isoformat() if item.due_on else "", input_id=f"due-{item.id}",
                                placeholder="by when: fri", hint="fri · the 14th · dec 7", compact=True),
                  name=f"due-{item.id}"),
            classes="form-row follow-row")

    def _collect(self) -> FollowUpForm:
        errors: dict[str, str] = {}

        def phrase(selector: str, parser, field: str):
            try:
                return parser(self.query_one(selector, Input).value, field=field)
            except ValidationError as exc:
                errors.update(exc.errors)
                return None

        commitments = {}
        for item in self.promises:
            due = phrase(f"#due-{item.id}", parse_due, f"due-{item.id}")
            commitments[item.id] = (self.query_one(f"#owner-{item.id}", Select).value, due)
        ratings = {name: self.query_one(f"#{name}", Select).value for name in ("leadership_rating", "relationship_rating")}
        follow = FollowUp(summary=self.query_one("#summary", TextArea).text,
                          next_step=self.query_one("#next_step", Input).value,
                          check_in_on=phrase("#check_in", parse_due, "check_in"),
                          **{k: (None if v is Select.NULL else v) for k, v in ratings.items()})
        form = FollowUpForm(follow=follow, commitments=commitments, win=self.query_one("#win", Input).value,
                            outcomes={x.id: self.query_one(f"#outcome-{x.id}", Select).value for x in self.exchanges},
                            next_meeting_at=phrase("#next_meeting", parse_when, "next_meeting"))
        if form.next_meeting_at is not None:
            form.next_meeting_at = form.next_meeting_at.astimezone()
        if errors:
            raise ValidationError(errors)
        return form

    def action_save(self) -> None:
        try:
            next_id = follow_up.save(self.book, self.meeting_id, self._collect())
        except ValidationError as exc:
            for field in self.query(Field):
                field.show_error(exc.errors.get(field.field_name))
            self.notify("Check the fields marked in red; nothing you typed is lost.", severity="warning")
            return
        except RelmeetError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        message = "Follow-up saved." + (" The next meeting is under Upcoming." if next_id else "")
        self.notify(message)
        self.dismiss(None)

    @staticmethod
    def _sent_line(sent) -> Text:
        if sent:
            return Text(f"✓ Thank-you sent {sent:%a %-d %b} (F8: not sent after all)", style="green")
        return Text("Thank-you not sent yet: send it within 48 hours, then F8 marks it sent", style="yellow")

    def action_mark_sent(self) -> None:
        sent = follow_up.summary_sent_on(self.book, self.meeting_id) is None
        follow_up.mark_summary_sent(self.book, self.meeting_id, sent)
        self.query_one("#summary-sent", Static).update(
            self._sent_line(follow_up.summary_sent_on(self.book, self.meeting_id)))
        self.notify("Thank-you marked sent: no more reminder." if sent else "Thank-you marked not sent.",
                    markup=False)

    def _offer_mark_sent(self) -> str:
        return "" if follow_up.summary_sent_on(self.book, self.meeting_id) else " Once it is sent, F8 marks it sent."

    def action_copy_summary(self) -> None:
        self.app.copy_to_clipboard(self.query_one("#summary", TextArea).text)
        self.notify("Summary copied (your terminal must allow clipboard access)." + self._offer_mark_sent(),
                    markup=False)

    def action_save_summary_file(self) -> None:
        field = self.query_one("#field-summary_path", Field)
        path = Path(self.query_one("#summary_path", Input).value.strip()).expanduser()
        if path.is_dir():
            field.show_error(f"Couldn't write {path}: that is a folder; name a file in it")
            return
        try:
            # what was told in trust: readable by the organizer only, like every export
            write_private(path, self.query_one("#summary", TextArea).text)
        except RelmeetError as exc:  # "cannot write PATH: the reason"
            field.show_error(str(exc).replace("cannot write", "Couldn't write", 1))
            return
        field.show_error(None)
        self.notify(f"Summary saved to {path}.{self._offer_mark_sent()}", markup=False)

    def on_mount(self) -> None:
        # the Selects announce their first values while mounting: only the organizer's changes redraft
        self.call_after_refresh(self._start_following)
        self._list_captured()
        show_proposal(self)

    # -- every capture, edited from here as from the notes -----------------------------------------------------
    def _list_captured(self) -> None:
        from relmeet.screens.notes import capture_line

        self.captured = [c for c in captures.for_meeting(self.book, self.meeting_id) if c.table != "win"]
        box = self.query_one("#follow-captured", OptionList)
        keep = box.highlighted
        box.clear_options()
        box.add_options([Option(capture_line(item)) for item in self.captured])
        if not self.captured:
            box.add_option(Option(Text("Nothing was captured in this meeting.", style="dim"), disabled=True))
        else:  # highlighted from the start, so Enter works as soon as Tab reaches the list
            box.highlighted = min(keep or 0, len(self.captured) - 1)

    @on(OptionList.OptionSelected, "#follow-captured")
    def _edit_captured(self, event: OptionList.OptionSelected) -> None:
        from relmeet.screens.capture import CaptureScreen, Editing

        if event.option_index >= len(self.captured):
            return
        item = self.captured[event.option_index]
        values = captures.get(self.book, item.table, item.id)
        if values is None:
            self.notify("That item is no longer in the book (another copy removed it).", severity="warning")
            self._list_captured()
            return
        if item.table == "referral":
            values["name"] = item.text.removeprefix("talk to ")
        kind = item.kind if item.table == "exchange" else item.table
        screen = CaptureScreen(kind, values.get("contact_id") or self.card.contact_id, self.meeting_id,
                               self.card.campaign_id, Editing(item.table, item.id, values))
        self.app.push_screen(screen, lambda saved: self._edited() if saved else None)

    def _edited(self) -> None:
        """A dialog saved: this page shows the book's answers, owners, dates and wording again (the rest of what
        is typed here stays), and the summary's parts follow, so the draft says what was just recorded."""
        book = self.book
        exchanges = {x.id: x for x in follow_up.exchanges_for(book, self.meeting_id)}
        for x in self.exchanges:
            now = exchanges.get(x.id)
            if now is None:
                continue
            line = f"{exchange_words(now.direction, now.made_by)}: {now.text}" + (
                f" — {now.answer}" if now.answer else "")
            self.query_one(f"#said-{x.id}", Static).update(_marked(line, now.private))
            if now.status in OUTCOMES and now.status != x.status:
                self.query_one(f"#outcome-{x.id}", Select).value = now.status
        self.exchanges = [exchanges.get(x.id, x) for x in self.exchanges]
        promises = {c.id: c for c in follow_up.commitments_for(book, self.meeting_id)}
        for item in self.promises:
            now = promises.get(item.id)
            if now is None:
                continue
            self.query_one(f"#promise-{item.id}", Static).update(_marked(now.text, now.private))
            self.query_one(f"#owner-{item.id}", Select).value = now.owner
            self.query_one(f"#due-{item.id}", Input).value = now.due_on.isoformat() if now.due_on else ""
        self.promises = [promises.get(c.id, c) for c in self.promises]
        # a yes given in a dialog made its commitment: a row of its own at once, above what was typed below
        shown = {c.id for c in self.promises}
        new = [c for c in promises.values() if c.id not in shown]
        self.parts = follow_up.summary_parts(book, self.meeting_id)  # the statuses shown are read on drafting
        self._list_captured()
        if not new:
            self._follow_the_page()
            return
        self.query("#no-promises").remove()
        mounted = self.query_one("#follow-form", VerticalScroll).mount_all(
            [self._promise_row(c) for c in new], before=self.query_one("#captured-title"))
        self.promises += new

        async def follow() -> None:
            await mounted  # the draft reads the new rows' owner and date
            self._follow_the_page()

        self.call_later(follow)

    def _start_following(self) -> None:
        self._following = True

    def screen_parts(self) -> SummaryParts | None:
        """The summary's parts as this screen shows them now: the outcomes chosen here, the owners and dates
        typed here (a date not understood yet keeps the one the book has). What a dialog opened from here
        added since the page was drawn (the commitment a yes makes) is drafted as the book has it."""
        if self.parts is None:
            return None
        asked = {x.id for x in self.exchanges}
        exchanges = [replace(x, status=self.query_one(f"#outcome-{x.id}", Select).value) if x.id in asked else x
                     for x in self.parts.exchanges]
        shown = {c.id for c in self.promises}
        commitments = []
        for item in self.parts.commitments:
            if item.id not in shown:
                commitments.append(item)
                continue
            try:
                due = parse_due(self.query_one(f"#due-{item.id}", Input).value)
            except ValidationError:
                due = item.due_on
            commitments.append(replace(item, owner=self.query_one(f"#owner-{item.id}", Select).value, due_on=due))
        return replace(self.parts, exchanges=exchanges, commitments=commitments,
                       meeting=replace(self.parts.meeting, next_step=self.query_one("#next_step", Input).value))

    def drafted(self) -> str:
        parts = self.screen_parts()
        return draft(parts) if parts else ""

    def action_redraft(self) -> None:
        self._drafted = self.drafted()
        self.query_one("#summary", TextArea).load_text(self._drafted)

    @on(Select.Changed)
    @on(Input.Changed)
    def _outcome_changed(self, event) -> None:
        widget_id = event.control.id or ""
        if widget_id.startswith("outcome-") and self.is_mounted:
            show_proposal(self)
        if not getattr(self, "_following", False) or not widget_id.startswith(("outcome-", "owner-", "due-")):
            return
        self._follow_the_page()

    def _follow_the_page(self) -> None:
        """The draft follows what the page says now, unless the organizer edited it (then they are asked once)."""
        fresh = self.drafted()
        area = self.query_one("#summary", TextArea)
        if fresh == area.text:
            self._drafted = fresh
            return
        if area.text == self._drafted:  # not edited by the organizer: follow the screen
            self._drafted = fresh
            area.load_text(fresh)
            return
        if getattr(self, "_asking", False) or getattr(self, "_keep_edits", False):
            return
        self._asking = True

        def answered(yes: bool | None) -> None:
            self._asking = False
            if yes:
                self.action_redraft()
            else:
                self._keep_edits = True  # asked once; F7 drafts again whenever they want
                self.notify("Your summary is kept as you wrote it; F7 drafts it again from this page.",
                            markup=False)

        from relmeet.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen("The outcomes changed, and you have edited the summary. Draft it again "
                                           "from this page? (Your edits would be replaced.)", yes="Draft again",
                                           no="Keep mine"), answered)

    def action_propose_move(self) -> None:
        open_move(self)

    def action_house(self) -> None:
        from relmeet.screens.house_follow_up import HouseFollowUpScreen, people_lines

        def back(text: str | None) -> None:
            people = people_lines(self.book, self.meeting_id)
            if people is not None and self.query("#house-people-lines"):
                self.query_one("#house-people-lines", Static).update(people)
            if text is not None:
                self.query_one("#summary", TextArea).load_text(text)

        self.app.push_screen(HouseFollowUpScreen(self.meeting_id), back)

    def action_leave(self) -> None:
        self.dismiss(None)

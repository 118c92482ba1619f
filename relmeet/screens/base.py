"""What every relmeet screen has: the book it shows, the contact in view, one way to show the book again
after it changed, and errors that reach the organizer instead of ending the app."""
from __future__ import annotations

import functools
import inspect
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from textual.message import Message
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from relmeet.store import Book

T = TypeVar("T")


class BookChanged(Message):
    """The book changed under the screen (an import, a restore, a merge, a new setting): show it again."""


def _guarded(method: Callable) -> Callable:
    """An action that fails tells the organizer in a line, and the app goes on."""
    if inspect.iscoroutinefunction(method):
        @functools.wraps(method)
        async def guarded_async(self, *args, **kwargs):
            if getattr(self, "half_made", False):
                return None  # its compose() failed and was reported; it is closing
            try:
                return await method(self, *args, **kwargs)
            except Exception as error:  # every failure is reported, none is swallowed
                self.app.report_error(error)
        return guarded_async

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        if getattr(self, "half_made", False):
            return None  # its compose() failed and was reported; it is closing
        try:
            return method(self, *args, **kwargs)
        except Exception as error:  # every failure is reported, none is swallowed
            self.app.report_error(error)
    return guarded


def guard_actions(cls: type) -> None:
    """Wrap the class's own `action_*` methods so that an error in one is reported, not fatal."""
    for name, value in list(vars(cls).items()):
        if name.startswith("action_") and callable(value):
            setattr(cls, name, _guarded(value))


def _guarded_compose(method: Callable) -> Callable:
    """compose() that fails part-way (a damaged book read for a form's choices) is reported, and the
    screen, which can't be used half-made, closes itself as it opens; its handlers don't run meanwhile."""
    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            yield from method(self, *args, **kwargs)
        except Exception as error:  # every failure is reported, none is swallowed
            self.app.report_error(error)
            self.half_made = True

            def close() -> None:
                self.dismiss()  # not awaited: Textual refuses that from the screen's own handler

            self.call_later(close)
    return guarded


class _ReportingScreenType(type(Screen)):  # type: ignore[misc]
    """The metaclass of relmeet's screens: it wraps each screen's own handlers before Textual reads the
    class, so that one that fails (a damaged book read while a screen shows itself, in an `on_*` handler,
    `reload` or `refresh_*` (timers call them), `compose`, or a handler bound with @on or a @work method)
    is reported in a line and the app goes on.

    Wrapping after the class is made (as guard_actions does for actions) would miss the @on handlers:
    Textual's metaclass registers them while it makes the class. A decorated handler is recognised by
    the attributes its decorator set on it; functools.wraps carries them to the wrapper.
    """

    def __new__(mcls, name: str, bases: tuple, namespace: dict, **kwargs: Any):
        for key, value in list(namespace.items()):
            if not inspect.isfunction(value) or key.startswith("__"):
                continue
            if key == "compose" and inspect.isgeneratorfunction(value):
                namespace[key] = _guarded_compose(value)
            elif key.startswith(("on_", "refresh_")) or key == "reload" or vars(value):
                namespace[key] = _guarded(value)
        return super().__new__(mcls, name, bases, namespace, **kwargs)


class BookView:
    """Mixed into relmeet's screens (full and modal)."""

    # The contact the app-wide keys (F2 plan, F3 brief, export history…) act on; None when there is none.
    selected_contact_id: int | None = None
    # Set when compose() failed: the screen closes itself and its handlers no longer run.
    half_made: bool = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        guard_actions(cls)

    @property
    def book(self) -> "Book":
        return self.app.book  # type: ignore[attr-defined]

    def reload(self) -> None:
        """Show the book again. Screens that show something of the book override this."""

    def on_book_changed(self, message: BookChanged) -> None:
        message.stop()
        self.reload()

    def load_then_show(self, fetch: Callable[[], T], show: Callable[[T], None], *, group: str) -> Worker:
        """Query the book in a thread, then show the result; a failure is reported by the app."""
        def work() -> None:
            found = fetch()
            self.app.call_from_thread(show, found)  # type: ignore[attr-defined]

        return self.run_worker(work, thread=True, exclusive=True, group=group,  # type: ignore[attr-defined]
                               exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            event.stop()
            self.app.report_error(event.worker.error)  # type: ignore[attr-defined]


class RelmeetScreen(BookView, Screen[T], metaclass=_ReportingScreenType):
    """A full screen of relmeet."""


class RelmeetModal(BookView, ModalScreen[T], metaclass=_ReportingScreenType):
    """A dialog of relmeet. Its Footer and F1 list its own keys (Ctrl+S saves, Escape cancels), not the
    screen's behind it: the app's keys don't reach a dialog, so F1 is its own here."""

    BINDINGS = [Binding("f1", "app.help", "Help", id="dialog-help", tooltip="Every key of this dialog")]

    def on_mount(self) -> None:
        from relmeet.widgets.chrome import Footer

        if not self.query(Footer):
            self.mount(Footer())

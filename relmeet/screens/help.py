"""F1: every key that works on the screen underneath, with what it does."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static


def _key_label(app, key: str) -> str:
    return app.get_key_display(Binding(key, ""))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1", "dismiss", "Close help", id="close-help", tooltip="Back to where you were"),
    ]

    def __init__(self, under: Screen):
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(self._text(), id="help-text")
        yield Footer()

    def _text(self) -> Text:
        text = Text()
        title = getattr(self.under, "HELP_TITLE", None) or type(self.under).__name__.replace("Screen", "")
        text.append(f"Keys on {title}\n\n", style="bold")
        seen: set[str] = set()
        # active_bindings covers the focused widget, the screen and the app, in that order of priority
        for key, (_node, binding, enabled, tooltip) in self.under.active_bindings.items():
            if binding.description == "" and not tooltip:
                continue
            label = _key_label(self.app, key)
            if label in seen:
                continue
            seen.add(label)
            text.append(f"{label:>14}  ", style="bold" if enabled else "dim")
            text.append(binding.description or binding.action, style="" if enabled else "dim")
            if tooltip:
                text.append(f" — {tooltip}", style="dim")
            text.append("\n")
        doc = getattr(self.under, "HELP", "")
        if doc:
            text.append("\n" + doc.strip() + "\n")
        text.append("\nCtrl+P opens the command palette: type a few letters of what you want to do.\n", style="italic")
        return text

    def action_dismiss(self) -> None:
        self.dismiss(None)

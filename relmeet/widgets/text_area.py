"""Textual's TextArea, minus the way closed ones stayed alive (widgets/chrome.py says why).

Its own module, so that screens without one (the home screen) don't import TextArea before their first frame.
"""
from __future__ import annotations

from textual.widgets import TextArea as _TextualTextArea


class TextArea(_TextualTextArea):
    # Mutating app.theme would re-apply all CSS, so its one watch of app.theme goes through the
    # app's theme_changed_signal instead, which is dropped on unmount.
    def watch(self, obj, attribute_name, callback, init=True) -> None:
        if obj is self.app and attribute_name == "theme" and not init:
            self.app.theme_changed_signal.subscribe(self, lambda _theme: callback())
        else:
            super().watch(obj, attribute_name, callback, init=init)

    def on_unmount(self) -> None:
        self.app.theme_changed_signal.unsubscribe(self)

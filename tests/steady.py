"""A screen held still for its picture: no blinking cursor, nothing still filling in."""
from __future__ import annotations


async def steady(pilot) -> None:
    """Stop every cursor blinking and let the screen's workers finish, so a picture doesn't depend on timing.

    A TextArea caches its drawn lines by a key that leaves out whether it has focus once blinking stops: a line
    drawn in the blink's dark phase (or before the focus came) would stay without its cursor on a loaded
    machine. Telling it its style changed clears that cache, so its lines are drawn again as they now are."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
        widget.notify_style_update()
        widget.refresh()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()

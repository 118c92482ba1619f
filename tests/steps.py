"""Steps several Pilot tests take the way a user does."""
from __future__ import annotations


async def run_from_palette(pilot, command: str) -> None:
    """Ctrl+P, type the command's words, Enter."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause(0.3)


async def notices(pilot) -> list[str]:
    """The text of every toast on the screen, as the organizer reads it, once the screen has caught up."""
    await pilot.pause()
    return [toast.render().plain for toast in pilot.app.screen.query("Toast")]

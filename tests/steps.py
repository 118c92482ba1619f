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

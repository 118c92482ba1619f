"""Read models of a campaign page's movement: who moved on its map this month (from what to what, when and
why) and who went cold (met before, not since the tend-after days)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from relmeet.domain.vocabulary import Stance


@dataclass(frozen=True)
class MovedLine:
    """One person's move on a campaign's map in the window: where they stood at its start and now, and the
    day and reason of their latest change ("7 Dec: agreed to 10 listening visits")."""

    contact_id: int
    name: str
    stance_then: str | None  # None: the stance did not move (only the influence did)
    stance_now: str | None
    influence_then: int | None
    influence_now: int | None
    on: date
    reason: str = ""

    @property
    def words(self) -> str:
        """"Rosa Nguyễn: Potential ally → Ally, influence 2 → 3 (7 Dec: agreed to 10 listening visits)"."""
        moves = []
        if self.stance_then is not None and self.stance_now is not None:
            moves.append(f"{_label(self.stance_then)} → {_label(self.stance_now)}")
        if self.influence_then is not None and self.influence_now is not None:
            moves.append(f"influence {self.influence_then} → {self.influence_now}")
        when = f"{self.on:%-d %b}" + (f": {self.reason}" if self.reason else "")
        return f"{self.name}: {', '.join(moves)} ({when})"


@dataclass(frozen=True)
class ColdLine:
    """Someone on the campaign's map or met under it, last met (theirs or as a guest) on `last_met`."""

    contact_id: int
    name: str
    last_met: date


@dataclass
class CampaignMovement:
    since: date                   # moves from this day on (the first of the month)
    cold_after_days: int          # the tend-after days setting
    moved: list[MovedLine] = field(default_factory=list)
    moved_more: int = 0
    cold: list[ColdLine] = field(default_factory=list)
    cold_more: int = 0


def _label(value: str) -> str:
    try:
        return Stance(value).label
    except ValueError:  # a value this relmeet no longer offers: shown as it was kept
        return value

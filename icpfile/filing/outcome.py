"""What a step's handler returns: where the walk goes next and whether this run ends there.

Its own module so a step module (filing/steps.py, filing/police_steps.py) can return outcomes
without importing the other.
"""

from __future__ import annotations

from icpfile.records import Frozen


class Outcome(Frozen):
    """What a step's handler decided. `to`: the step to go to ("" = the next one, None = stay);
    `stop`: end this run after it (the step waits for something outside the wizard)."""

    to: str | None
    stop: bool

    __slots__ = ("to", "stop")

    def __init__(self, to: str | None, stop: bool = False) -> None:
        object.__setattr__(self, "to", to)
        object.__setattr__(self, "stop", stop)


ADVANCE = Outcome("")
STAY = Outcome(None, stop=True)
PAUSE = Outcome(None, stop=True)  # the step did something (a resend) and waits for the world


def back_to(step_id: str) -> Outcome:
    """Go to an earlier step (`draft` after a rejection, `submit` when an SMS code expired)."""
    return Outcome(step_id)

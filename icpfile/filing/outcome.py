"""What a step's handler returns: where the walk goes next and whether this run ends there.

Its own module so a step module (filing/steps.py, filing/police_steps.py) can return outcomes
without importing the other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a step's handler decided. `to`: the step to go to ("" = the next one, None = stay);
    `stop`: end this run after it (the step waits for something outside the wizard)."""

    to: str | None
    stop: bool = False


ADVANCE = Outcome("")
STAY = Outcome(None, stop=True)
PAUSE = Outcome(None, stop=True)  # the step did something (a resend) and waits for the world


def back_to(step_id: str) -> Outcome:
    """Go to an earlier step (`draft` after a rejection, `submit` when an SMS code expired)."""
    return Outcome(step_id)

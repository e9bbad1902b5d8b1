"""The wizard's state beside the draft: `.icpfile/<draft-stem>.state.json`.

It survives Ctrl-C, crashes and reboots: every save writes a temporary file in the same folder,
fsyncs it and renames it over the old one, so a reader sees the old state or the new one, never
half of either. A lock file keeps a second wizard on the same draft out. The file is created
with mode 0600 and holds no more personal data than the draft itself. A state file that cannot
be read is moved aside, never silently overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

STATE_VERSION = 1


class StateError(Exception):
    """A state problem to show the person as one line (a lock held elsewhere, an unwritable folder)."""


@dataclass
class State:
    version: int = STATE_VERSION
    draft: str = ""
    step: str = "draft"
    answers: dict[str, Any] = field(default_factory=dict)  # JSON Pointer → answer given so far
    checklist: dict[str, bool] = field(default_factory=dict)  # materials and verifications done
    dates: dict[str, str] = field(default_factory=dict)  # ISO dates/times that start deadlines
    facts: dict[str, Any] = field(default_factory=dict)  # approval number, SMS resends, change scope

    @classmethod
    def from_json(cls, raw: Any) -> State:
        if not isinstance(raw, dict):
            raise ValueError("the state is not a JSON object")
        if raw.get("version") != STATE_VERSION:
            raise ValueError(f"unknown state version {raw.get('version')!r}")
        known = {k: raw[k] for k in cls.__dataclass_fields__ if k in raw}
        state = cls(**known)
        for name in ("answers", "checklist", "dates", "facts"):
            if not isinstance(getattr(state, name), dict):
                raise ValueError(f"'{name}' is not a mapping")
        if not isinstance(state.step, str):
            raise ValueError("'step' is not text")
        return state


def state_path(draft: Path) -> Path:
    return draft.parent / ".icpfile" / f"{draft.stem}.state.json"


def atomic_write(path: Path, text: str, mode: int = 0o600) -> None:
    """Write `text` to `path` so that a crash at any moment leaves the old or the new content."""
    from icpfile.load.files import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text, mode=mode)


class StateStore:
    def __init__(self, draft: Path) -> None:
        self.draft = draft
        self.path = state_path(draft)
        self.notice = ""  # set when a corrupt file was moved aside

    @contextmanager
    def locked(self) -> Iterator[StateStore]:
        """Hold the state's lock; a second wizard on the same draft gets a StateError at once."""
        from filelock import FileLock, Timeout

        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.path) + ".lock", timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise StateError(
                f"another icpfile wizard is working on {self.draft} (lock {self.path}.lock); "
                "finish or stop that one first"
            ) from None
        try:
            yield self
        finally:
            lock.release()

    def load(self) -> State:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return State(draft=self.draft.name)
        try:
            return State.from_json(json.loads(text))
        except (ValueError, TypeError) as exc:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
            os.replace(self.path, aside)
            self.notice = f"the state file {self.path} could not be read ({exc}); it was moved to {aside}"
            return State(draft=self.draft.name)

    def save(self, state: State) -> None:
        atomic_write(self.path, json.dumps(asdict(state), ensure_ascii=False, indent=2) + "\n")

"""The wizard's progress beside the draft: `.icpfile/<draft file name>.state.json`.

The draft is the one source of truth for answers; the state holds progress only: the step
reached, the checklist ticks, the dates that start deadlines, a few facts of the filing (the
approval number, SMS resends) and the optional questions left empty on purpose. It is keyed on the
draft's whole file name, so `a.yaml` and `a.yml` keep apart. It survives Ctrl-C, crashes and
reboots: every save writes a temporary file in the same folder, fsyncs it and renames it over the
old one. A lock file keeps a second wizard on the same draft out. The file is created with mode
0600. A state file that cannot be read (not UTF-8, not JSON, a bad step, date or pointer) is
moved aside and named, never silently overwritten; one from a newer icpfile is refused.
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

from icpfile.data.words import Said
from icpfile.values.dates import parse_moment

STATE_VERSION = 2  # 1 also held the answers; its progress is read, its answers ignored


class StateError(Exception):
    """A state problem to show the person as one line (a lock held elsewhere, a newer state file)."""


class StateSaid(Said, StateError):
    """A state problem worded in data/words.yaml: `line(lang)` in either language (cli/language.said)."""


def _pointer_ok(pointer: Any) -> bool:
    from icpfile.load import pointer as jp
    from icpfile.schema import draft as sch

    if not isinstance(pointer, str) or not pointer.startswith("/"):
        return False
    path: list[str | int] = [int(t) if t.isdigit() else t for t in jp.tokens(pointer)]
    node = sch.at(path)
    return bool(node) and not ({"object", "array"} & sch.types_at(node))


# The facts a state holds, by name: approval_number and police_number (once issued), rejection (the
# reason, until resubmitted), sms_resends (used), change_scope (what a change filing changes:
# subject, website, both), files (the one list an order of init's template files). Older states also
# held `pause`, a control flag now returned by the steps as an outcome: it is dropped on reading.
FACTS = ("approval_number", "police_number", "rejection", "sms_resends", "change_scope", "files")


@dataclass
class State:
    """The wizard's progress (module docstring); `from_json` reads formats 1 and 2."""

    version: int = STATE_VERSION
    draft: str = ""
    step: str = "draft"
    checklist: dict[str, bool] = field(default_factory=dict)  # materials and verifications done
    dates: dict[str, str] = field(default_factory=dict)  # ISO dates/times that start deadlines
    facts: dict[str, Any] = field(default_factory=dict)  # FACTS: what the person told about the filing
    skipped: list[str] = field(default_factory=list)  # optional questions left empty on purpose

    @classmethod
    def from_json(cls, raw: Any) -> State:
        """The state in `raw`; ValueError says what is wrong, StateError when it is from a newer icpfile."""
        from icpfile.filing.process import STEP_IDS

        if not isinstance(raw, dict):
            raise ValueError("the state is not a JSON object")
        version = raw.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > STATE_VERSION:
            raise StateError(f"the state was written by a newer icpfile (format {version}); upgrade icpfile")
        if version not in (1, STATE_VERSION):
            raise ValueError(f"unknown state version {version!r}")
        known = {k: raw[k] for k in cls.__dataclass_fields__ if k in raw and k != "version"}
        state = cls(**known)
        for name in ("checklist", "dates", "facts"):
            if not isinstance(getattr(state, name), dict):
                raise ValueError(f"'{name}' is not a mapping")
        state.facts.pop("pause", None)
        if not isinstance(state.step, str) or state.step not in STEP_IDS:
            raise ValueError(f"unknown step {state.step!r}")
        for key, value in state.dates.items():
            if parse_moment(value, zone=False) is None:
                raise ValueError(f"date '{key}' is not an ISO date of 1900–2199 without a time zone: {value!r}")
        if not all(isinstance(v, bool) for v in state.checklist.values()):
            raise ValueError("a checklist tick is not true or false")
        resends = state.facts.get("sms_resends", 0)
        if not isinstance(resends, int) or isinstance(resends, bool) or not 0 <= resends <= 100:
            raise ValueError("'sms_resends' is not a count")  # breaker23 M2: a string reached the terminal
        if not isinstance(state.skipped, list) or not all(_pointer_ok(p) for p in state.skipped):
            raise ValueError("'skipped' holds a pointer that is not a field of the draft")
        return state


def state_path(draft: Path) -> Path:
    return draft.parent / ".icpfile" / f"{draft.name}.state.json"


MAX_STATE_BYTES = 1024 * 1024  # a state holds progress: a few KB


def folder_problem(folder: Path) -> str | None:
    """Why the state folder `.icpfile` cannot be used, or None: a symbolic link (a committed
    `.icpfile -> ../outside` would put the state and its lock outside the tree) or not a folder
    (issue 24.2 B01, 24.8 X03)."""
    if folder.is_symlink():
        return f"{folder} is a symbolic link; the wizard keeps its state only in a real folder (remove the link)"
    if folder.exists() and not folder.is_dir():
        return f"{folder} is a file, not the wizard's state folder; move it away"
    return None


def lock_problem(path: Path) -> str | None:
    """Why the lock file `path` cannot be taken, or None: a symbolic link (`….lock -> ~/.bashrc`
    committed to the tree: the lock is never opened through it, and what it points at is left as it
    is) or not a regular file (a folder, a FIFO)."""
    if path.is_symlink():
        return f"{path} is a symbolic link; the wizard takes its lock only on a real file (remove the link)"
    if path.exists() and not path.is_file():
        return f"{path} is not a regular file; the wizard cannot take its lock there (move it away)"
    return None


def read_state(path: Path) -> bytes:
    """The state file's bytes, bounded, regular files only (a `state.json -> /dev/zero` is refused):
    FileNotFoundError when absent, ValueError when it is not a regular file or too large."""
    from icpfile.load.files import FileProblem, read_regular

    try:
        raw = read_regular(path, MAX_STATE_BYTES)
    except FileProblem as exc:
        raise ValueError(f"{exc.strerror}") from None
    if len(raw) > MAX_STATE_BYTES:
        raise ValueError(f"larger than {MAX_STATE_BYTES} bytes")
    return raw


def atomic_write(path: Path, text: str | bytes, mode: int = 0o600) -> None:
    """Write `text` to `path` so that a crash at any moment leaves the old or the new content.
    Whatever stands at `path` (a symlink, a FIFO, a device) is replaced, never written into."""
    from icpfile.load.files import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text, mode=mode, streams=False)


class StateStore:
    def __init__(self, draft: Path) -> None:
        self.draft = draft
        self.path = state_path(draft)
        self.notice = ""  # set when a corrupt file was moved aside

    @contextmanager
    def locked(self) -> Iterator[StateStore]:
        """Hold the state's lock; a second wizard on the same draft gets a StateError at once."""
        from filelock import FileLock, Timeout

        problem = folder_problem(self.path.parent)
        if problem:
            raise StateError(problem)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        path = Path(f"{self.path}.lock")
        problem = lock_problem(path)
        if problem:
            raise StateError(problem)
        lock = FileLock(str(path), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise StateSaid("wizard_locked", draft=self.draft, lock=f"{self.path}.lock") from None
        except OSError as exc:  # a link or a FIFO put there since (filelock opens without following: ELOOP)
            raise StateError(lock_problem(path) or f"cannot take the lock {path}: {exc.strerror or exc}") from None
        try:
            yield self
        finally:
            lock.release()

    def read(self) -> State:
        """The saved state, or a fresh one when there is none. ValueError says why the file cannot
        be read (not UTF-8, not JSON, a bad step, date or pointer, not a regular file, too large),
        StateError when a newer icpfile wrote it or `.icpfile` is no real folder (issue 24.2), OSError
        when it cannot be opened. Changes nothing: `status` reads with this."""
        problem = folder_problem(self.path.parent)
        if problem:
            raise StateError(problem)
        if self.path.is_symlink():  # breaker23 M4: another client's state outside the tree was read
            from icpfile.data.words import Said

            raise Said("link_not_read", path=str(self.path))
        try:
            raw = read_state(self.path)  # bounded, regular files only (issue 24.2, C02)
        except FileNotFoundError:
            return State(draft=self.draft.name)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"not UTF-8 at byte {exc.start}") from None
        try:
            return State.from_json(json.loads(text))
        except (TypeError, RecursionError) as exc:  # a wrong shape, or `[[[[…` nested past the parser
            raise ValueError(str(exc) or type(exc).__name__) from None

    def load(self) -> State:
        """`read`, but an unreadable file is moved aside (`notice` says so) and a fresh state returned."""
        try:
            return self.read()
        except ValueError as exc:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
            os.replace(self.path, aside)
            self.notice = f"the state file {self.path} could not be read ({exc}); it was moved to {aside}"
            return State(draft=self.draft.name)

    def save(self, state: State) -> None:
        problem = folder_problem(self.path.parent)
        if problem:
            raise StateError(problem)
        atomic_write(self.path, json.dumps(asdict(state), ensure_ascii=False, indent=2) + "\n")

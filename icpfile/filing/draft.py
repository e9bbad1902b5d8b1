"""The draft being filled: its typed data, its file (edited in place) and the checks on both.

The draft is the one source of truth for answers: it is read at every start (a value the user
changed by hand is the value) and every answer is written into it in place (`draft_writer`). Every
answer, typed or from `--answers`, is validated the one way: the whole pipeline (`engine`) runs on
the draft with the answer in place (`problem`), so the wizard and `icpfile check` never disagree.
The wizard, the session and the steps read the draft through `view()`, the same `Context` the
checks use, never by picking at raw mappings.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from icpfile import engine
from icpfile.checks.context import Context
from icpfile.data.packs import Packs, builtin
from icpfile.filing.draft_writer import DraftFile
from icpfile.filing.questions import normalise
from icpfile.findings import Finding, Severity
from icpfile.load import pointer as jp
from icpfile.load.document import Document
from icpfile.options import Options
from icpfile.schema import typed as typing_pass


class Draft:
    """`path`'s data (typed: what the checks see) and `file` (the round-trip editor)."""

    def __init__(self, path: Path, options: Options) -> None:
        self.path = path
        self.options = options
        self.file = DraftFile(path)
        self.file.on_merge = self.reread  # an edit saved on disk meanwhile was merged (issue 24.1)
        self.data: dict[str, Any] = {}
        self._packs: Packs | None = None
        self._steady = 0  # > 0 inside `steady()`: findings are kept until the draft's text changes
        self._kept: tuple[int, str, list[Finding]] | None = None

    def load(self) -> None:
        """Read the draft (an absent or empty file is `{version: 1}`); DraftRefused/ValueError say why not."""
        codes: list[tuple[str, int]] = []
        if self.path.exists() and not self.path.is_symlink() and self.path.read_bytes().strip():
            doc = engine.load_path(self.path, str(self.path))
            codes = [(i.code, i.line or 1) for i in doc.issues]
            if doc.data is None and not codes:
                codes = [("ICP006", 1)]
            self.file.open(codes)
            self.data = typing_pass.apply(doc.data)
        else:
            self.file.open(codes)
            self.data = {"version": 1}

    def reread(self) -> None:
        """The data again from the draft as written (after a save merged an edit made on disk)."""
        doc = engine.load_bytes(self.file.text().encode("utf-8", errors="surrogateescape"), str(self.path))
        if doc.data is not None:
            self.data = typing_pass.apply(doc.data)

    def view(self) -> Context:
        """The draft as the checks see it (nature, subject, services, persons, kind): built afresh,
        as the data changes with every answer."""
        if self._packs is None:
            self._packs = builtin()
        return Context(self.data, self.options, self._packs, self.path.parent)

    # -- checks ----------------------------------------------------------------------------------
    def checked_as(self) -> str:
        """The path the checks are told: the draft's absolute path, so a finding that names the
        draft's folder names it (`outside /home/me/site`), never as `.` (#21, W14)."""
        return str(self.path.absolute())

    @contextmanager
    def steady(self) -> Iterator[None]:
        """A pass over the questions (the wizard's fill): while it runs, `findings()` of the draft as
        it stands is checked once and kept until an answer changes the draft's text. Each question
        asks whether its value has a problem; checking the whole draft anew for each made adding
        one website to a draft of 250 take 109 s (breaker41: quadratic). Every change the wizard
        makes goes through `file.set`, which makes a new text (`DraftFile.current`); the kept
        findings are for one text object and one data object, so any answer, a merge from disk or
        a re-read drops them. Outside a pass nothing is kept."""
        self._steady += 1
        try:
            yield
        finally:
            self._steady -= 1
            if not self._steady:
                self._kept = None

    def findings(self, data: dict[str, Any] | None = None) -> list[Finding]:
        """Everything `icpfile check` would say about the draft as it stands (or `data`)."""
        if data is None and self._steady:
            kept, text = self._kept, self.file.current
            if kept is not None and kept[0] == id(self.data) and kept[1] is text:
                return kept[2]
            found = self._checked(self.data)
            self._kept = (id(self.data), text, found)
            return found
        return self._checked(self.data if data is None else data)

    def _checked(self, data: dict[str, Any]) -> list[Finding]:
        doc = Document(path=self.checked_as(), data=copy.deepcopy(data))
        return engine.check_document(doc, self.options).report.findings

    def problems_at(self, pointer: str, data: dict[str, Any] | None = None,
                    severities: tuple[Severity, ...] = (Severity.ERROR,)) -> list[Finding]:
        """Findings about the value at `pointer` (or inside it), errors only unless told."""
        return [
            f for f in self.findings(data)
            if f.severity in severities and (f.pointer == pointer or f.pointer.startswith(pointer + "/"))
        ]

    def errors(self) -> list[Finding]:
        """The errors `icpfile check` reports on the draft as written: checked from the file's text
        (what the data was read from, answers included), so each finding carries the draft's own
        line:col and a `# icpfile: ignore` comment counts (#21: they were all printed at 1:1)."""
        text = self.file.text().encode("utf-8", errors="surrogateescape")
        found = engine.check_bytes(text, self.checked_as(), self.options).report.findings
        return [f for f in found if f.severity is Severity.ERROR]

    @staticmethod
    def worded(finding: Finding) -> str:
        return f"{finding.rule} {finding.message}" + (f" — {finding.hint}" if finding.hint else "")

    def problem(self, pointer: str, value: Any,
                severities: tuple[Severity, ...] = (Severity.ERROR,)) -> str | None:
        """What the pipeline says against `value` at `pointer` (None: no error, or nothing of
        `severities`): the one validation path."""
        trial = copy.deepcopy(self.data)
        value = normalise(pointer, value)
        if value is None:
            jp.remove(trial, pointer)
        else:
            jp.assign(trial, pointer, value)
        problems = self.problems_at(pointer, trial, severities)
        return self.worded(problems[0]) if problems else None

"""`icpfile wizard --answers FILE`: a partial draft whose values are put in, all or nothing.

The file is read by the same safe loader as a draft, flattened to {JSON Pointer: answer}, each
answer normalised as its question says (questions.py) and then checked the one way every answer
is checked: the whole pipeline runs on the draft with all the answers in place. One bad answer
refuses the file (AnswersRefused, FILE:LINE per problem) and nothing is written.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from icpfile.filing.questions import normalise
from icpfile.findings import Severity
from icpfile.load import pointer as jp
from icpfile.records import Record
from icpfile.schema import draft as sch

if TYPE_CHECKING:
    from icpfile.filing.draft import Draft


class AnswersRefused(ValueError):
    """An `--answers` file with a bad answer: `lines`, one `FILE:LINE:COL: message` per problem
    (str() is the first); nothing written. The CLI prints each as its own line (#22 P14)."""

    def __init__(self, lines: str | list[str]) -> None:
        self.lines = [lines] if isinstance(lines, str) else list(lines)
        super().__init__(self.lines[0])


class Answers(Record):
    """`--answers FILE` read: {JSON Pointer: answer} and where each was written (line)."""

    path: Path
    values: dict[str, Any]
    lines: dict[str, int]
    columns: dict[str, int]

    __slots__ = ("path", "values", "lines", "columns")

    def __init__(self, path: Path, values: dict[str, Any], lines: dict[str, int],
                 columns: dict[str, int] | None = None) -> None:
        self.path = path
        self.values = values
        self.lines = lines
        self.columns = {} if columns is None else columns

    def at(self, pointer: str) -> str:
        """`FILE:LINE:COL` where the answer at `pointer` was written."""
        return f"{self.path}:{self.lines.get(pointer, 1)}:{self.columns.get(pointer, 1)}"


def flatten(value: Any, pointer: str = "") -> dict[str, Any]:
    """A partial draft as {JSON Pointer: answer}; a list of plain values is one answer."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, jp.join(pointer, key)))
        return out
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        out = {}
        for i, item in enumerate(value):
            out.update(flatten(item, jp.join(pointer, i)))
        return out
    return {pointer: value}


def path_of(pointer: str) -> list[str | int]:
    """A JSON Pointer as the schema's path (list indexes as ints)."""
    return [int(t) if t.isdigit() else t for t in jp.tokens(pointer)]


def known(pointer: str) -> bool:
    """A field the schema knows (or the user's own `x_` key)."""
    if any(token.startswith("x_") for token in jp.tokens(pointer)):
        return True
    return sch.at(path_of(pointer)) is not None


def field_pointer(text: str) -> str:
    """`subject.principal.mobile` or `/subject/principal/mobile` as a JSON Pointer; ValueError if no such field."""
    pointer = text if text.startswith("/") else "/" + "/".join(text.split("."))
    if not known(pointer) or pointer == "/version":
        from icpfile.data.words import Said

        raise Said("edit_not_a_field", field=text)
    return pointer


def answers_from_file(path: Path) -> Answers:
    """`--answers FILE`: a partial draft, read by the same safe loader; AnswersRefused says where it broke."""
    from icpfile import engine
    from icpfile.schema import typed as typing_pass

    doc = engine.load_path(path, str(path))
    if doc.data is None or doc.issues:
        first = doc.issues[0]
        raise AnswersRefused(f"{path}:{first.line or 1}:{first.column or 1}: cannot read the answers ({first.code})")
    values = flatten(typing_pass.apply(doc.data))
    values.pop("/version", None)
    return Answers(path, values, {p: doc.position(p)[0] for p in values}, {p: doc.position(p)[1] for p in values})


def apply(draft: Draft, given: Answers | None, not_a_field: str) -> None:
    """Put `given` into `draft` (data and file), all or nothing: every answer is checked first.

    `not_a_field` is the words for a pointer the draft has no field at. Raises AnswersRefused.
    """
    if not given or not given.values:
        return
    trial = copy.deepcopy(draft.data)
    problems: list[tuple[int, int, str]] = []
    values = {p: normalise(p, v) for p, v in given.values.items()}
    for pointer, value in values.items():
        line, column = given.lines.get(pointer, 1), given.columns.get(pointer, 1)
        if not known(pointer):
            problems.append((line, column, f"{pointer[1:]}: {not_a_field}"))
            continue
        try:
            jp.assign(trial, pointer, value) if value is not None else jp.remove(trial, pointer)
        except (TypeError, ValueError, IndexError, KeyError, AttributeError):
            problems.append((line, column, f"{pointer[1:]}: {not_a_field}"))
    if not problems:
        for finding in draft.findings(trial):
            if finding.severity is not Severity.ERROR:
                continue
            hit = next((p for p in values if finding.pointer == p or finding.pointer.startswith(p + "/")), None)
            if hit is not None:
                problems.append((given.lines.get(hit, 1), given.columns.get(hit, 1),
                                 f"{hit[1:]}: {draft.worded(finding)}"))
    if problems:
        raise AnswersRefused([f"{given.path}:{line}:{column}: {text}" for line, column, text in sorted(problems)])
    for pointer, value in values.items():
        draft.file.set(pointer, value)
    draft.data = trial
    draft.file.save()

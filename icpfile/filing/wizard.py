"""`icpfile wizard`: fill a draft by questions, then walk the rest of the filing step by step.

The draft is the one source of truth for answers: the wizard reads it at every start (a value the
user changed by hand is the value) and writes each answer into it in place, by round-trip editing
that keeps comments, key order, quoting and blank lines (`draft_writer`). Every answer, typed or
taken from `--answers`, passes the same checks as `icpfile check` (the whole pipeline runs on the
draft with the answer in place) BEFORE it reaches the file; a failing typed answer is asked again
with the finding's message and hint, a failing `--answers` file is reported at its line and
changes nothing. The state file holds progress only (`state.py`), so Ctrl-C, a crash or a reboot
loses nothing and the next run resumes where this one stopped.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icpfile import engine
from icpfile.data.catalog import read_data
from icpfile.exit_codes import ExitCode
from icpfile.filing.draft_writer import DraftFile, written_beyond
from icpfile.filing.messages import say as msg
from icpfile.filing.prompts import Prompter
from icpfile.filing.state import State, StateStore
from icpfile.filing.steps import SAME, FilingGuide
from icpfile.findings import Finding, Severity
from icpfile.load import pointer as jp
from icpfile.load import typed as typing_pass
from icpfile.load.document import Document
from icpfile.options import Options
from icpfile.schema import draft as sch
from icpfile.values.dates import iso_day_text
from icpfile.values.pii import mask_text


class NeedsTerminal(Exception):
    """Questions remain and there is no terminal to ask them on."""


class AnswersRefused(ValueError):
    """An `--answers` file with a bad answer: one line per problem, FILE:LINE first; nothing written."""


@dataclass
class Field:
    """One question of questions.yaml; with `repeat`, a list inside the item and its `fields`;
    with `lists`, which of those lists the order holds (websites, apps or both)."""

    pointer: str = ""
    when: dict[str, list[str]] = field(default_factory=dict)
    nature: str | None = None
    optional: bool = False
    person: bool = False
    repeat: str | None = None
    fields: list[Field] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)


@dataclass
class Section:
    id: str
    zh: str
    en: str
    fields: list[Field]
    repeat: str | None = None
    system: dict[str, Any] = field(default_factory=dict)
    personal: dict[str, Any] = field(default_factory=dict)
    personal_default: dict[str, Any] = field(default_factory=dict)


INDEX_NAMES = "ij"  # `{i}` the section's item, `{j}` the item of a list inside it


def _field(spec: dict[str, Any]) -> Field:
    return Field(**{**spec, "fields": [_field(f) for f in spec.get("fields", [])]})


def placed(template: str, where: dict[str, int]) -> str:
    """`template` with `{i}`/`{j}` replaced by the items being filled in."""
    for name, index in where.items():
        template = template.replace("{" + name + "}", str(index))
    return template


@dataclass
class Answers:
    """`--answers FILE` read: {JSON Pointer: answer} and where each was written (line)."""

    path: Path
    values: dict[str, Any]
    lines: dict[str, int]


def _flatten(value: Any, pointer: str = "") -> dict[str, Any]:
    """A partial draft as {JSON Pointer: answer}; a list of plain values is one answer."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(_flatten(item, jp.join(pointer, key)))
        return out
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        out = {}
        for i, item in enumerate(value):
            out.update(_flatten(item, jp.join(pointer, i)))
        return out
    return {pointer: value}


def answers_from_file(path: Path) -> Answers:
    """`--answers FILE`: a partial draft, read by the same safe loader; ValueError says where it broke."""
    doc = engine.load_path(path, str(path))
    if doc.data is None or doc.issues:
        first = doc.issues[0]
        raise AnswersRefused(f"{path}:{first.line or 1}:{first.column or 1}: cannot read the answers ({first.code})")
    values = _flatten(typing_pass.apply(doc.data))
    values.pop("/version", None)
    return Answers(path, values, {p: doc.position(p)[0] for p in values})


def _template_items(pointer: str) -> list[Any]:
    """What `init` writes in the list at `pointer` (values a person did not type)."""
    from icpfile.filing.init_draft import template

    items: list[Any] = []
    for nature in ("personal", "enterprise"):
        items.extend(jp.resolve(template("first_filing", nature), pointer) or [])
    return items


def field_pointer(text: str) -> str:
    """`subject.principal.mobile` or `/subject/principal/mobile` as a JSON Pointer; ValueError if no such field."""
    pointer = text if text.startswith("/") else "/" + "/".join(text.split("."))
    if not _known(pointer) or pointer == "/version":
        raise ValueError(f"--edit {text}: not a field of the draft (e.g. subject.principal.mobile)")
    return pointer


def _path(pointer: str) -> list[str | int]:
    return [int(t) if t.isdigit() else t for t in jp.tokens(pointer)]


def _known(pointer: str) -> bool:
    """A field the schema knows (or the user's own `x_` key)."""
    if any(token.startswith("x_") for token in jp.tokens(pointer)):
        return True
    return sch.at(_path(pointer)) is not None


def sections() -> list[Section]:
    return [
        Section(**{**s, "fields": [_field(f) for f in s["fields"]]})
        for s in read_data("questions.yaml", Path(__file__).resolve().parent)["sections"]
    ]


LONG_TERM = ("长期", "长期有效", "long term", "long-term", "longterm")


def normalise(pointer: str, value: Any, data: dict[str, Any]) -> Any:
    """An answer as the format writes it: 长期 → long_term, 2030.03.07 → 2030-03-07, credit codes upper-case."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if pointer.endswith("/id_expiry"):
        if text.lower() in LONG_TERM:
            return "long_term"
        day = iso_day_text(text)
        if day:
            return day
    if pointer == "/subject/certificate/number" or pointer.endswith("/id_number"):
        return text.upper()  # a credit code's letters and an ID card's X are upper-case
    return text


class Wizard(FilingGuide):
    def __init__(
        self,
        draft: Path,
        prompter: Prompter | None,
        options: Options,
        say: Callable[[str], None],
        answers: Answers | dict[str, Any] | None = None,
        edit: str | None = None,
    ) -> None:
        self.draft = draft
        self.prompter = prompter
        self.options = options
        self.say = say
        if isinstance(answers, dict):
            answers = Answers(Path("--answers"), answers, {})
        self.extra_answers = answers
        self.edit = edit
        self.store = StateStore(draft)
        self.state = State(draft=draft.name)
        self.file = DraftFile(draft)
        self.file.on_merge = self.reread  # an edit saved on disk meanwhile was merged (issue 24.1)
        self.kept: set[str] = set()  # values that differ from what autofill would write, kept on purpose
        self.data: dict[str, Any] = {}
        self.missing: list[str] = []
        self.asked = 0  # questions put this run
        self.dirty = False  # the file has system-filled values not yet written

    def t(self, key: str, **fields: object) -> str:
        return msg(key, self.options.lang, **fields)

    # -- checks ----------------------------------------------------------------------------------
    def findings(self, data: dict[str, Any] | None = None) -> list[Finding]:
        """Everything `icpfile check` would say about the draft as it stands (or `data`)."""
        doc = Document(path=str(self.draft), data=copy.deepcopy(self.data if data is None else data))
        return engine.check_document(doc, self.options).report.findings

    def problems_at(self, pointer: str, data: dict[str, Any] | None = None,
                    severities: tuple[Severity, ...] = (Severity.ERROR,)) -> list[Finding]:
        """Findings about the value at `pointer` (or inside it), errors only unless told."""
        return [
            f for f in self.findings(data)
            if f.severity in severities and (f.pointer == pointer or f.pointer.startswith(pointer + "/"))
        ]

    @staticmethod
    def worded(finding: Finding) -> str:
        return f"{finding.rule} {finding.message}" + (f" — {finding.hint}" if finding.hint else "")

    def _candidate_problem(self, pointer: str, value: Any) -> str | None:
        trial = copy.deepcopy(self.data)
        value = normalise(pointer, value, trial)
        if value is None:
            jp.remove(trial, pointer)
        else:
            jp.assign(trial, pointer, value)
        problems = self.problems_at(pointer, trial)
        return self.worded(problems[0]) if problems else None

    # -- the draft ---------------------------------------------------------------------------------
    def load(self) -> None:
        """Read the state (progress) and the draft (answers); DraftRefused/ValueError say why not."""
        self.state = self.store.load()
        if self.store.notice:
            self.say(f"icpfile: {self.store.notice}")
        codes: list[tuple[str, int]] = []
        if self.draft.exists() and not self.draft.is_symlink() and self.draft.read_bytes().strip():
            doc = engine.load_path(self.draft, str(self.draft))
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
        doc = engine.load_bytes(self.file.text().encode("utf-8", errors="surrogateescape"), str(self.draft))
        if doc.data is not None:
            self.data = typing_pass.apply(doc.data)

    def apply_answers(self) -> None:
        """Put the `--answers` in, all or nothing: every one is checked first (AnswersRefused)."""
        given = self.extra_answers
        if not given or not given.values:
            return
        trial = copy.deepcopy(self.data)
        problems: list[tuple[int, str]] = []
        values = {p: normalise(p, v, trial) for p, v in given.values.items()}
        for pointer, value in values.items():
            line = given.lines.get(pointer, 1)
            if not _known(pointer):
                problems.append((line, f"{pointer[1:]}: {self.t('not_a_field')}"))
                continue
            try:
                jp.assign(trial, pointer, value) if value is not None else jp.remove(trial, pointer)
            except (TypeError, ValueError, IndexError, KeyError, AttributeError):
                problems.append((line, f"{pointer[1:]}: {self.t('not_a_field')}"))
        if not problems:
            for finding in self.findings(trial):
                if finding.severity is not Severity.ERROR:
                    continue
                hit = next((p for p in values if finding.pointer == p or finding.pointer.startswith(p + "/")),
                           None)
                if hit is not None:
                    problems.append((given.lines.get(hit, 1), f"{hit[1:]}: {self.worded(finding)}"))
        if problems:
            raise AnswersRefused("\n".join(f"{given.path}:{line}: {text}" for line, text in sorted(problems)))
        for pointer, value in values.items():
            self.file.set(pointer, value)
        self.data = trial
        self.file.save()

    def record(self, pointer: str, value: Any) -> None:
        """An accepted answer: into the data, into the draft file (in place), warnings shown."""
        value = normalise(pointer, value, self.data)
        if value is None and jp.resolve(self.data, pointer) == "":
            self.state.skipped.append(pointer)  # left empty: the draft's `""` and its comment stay
            self.store.save(self.state)
            return
        if value is None:
            jp.remove(self.data, pointer)
            if pointer not in self.state.skipped:
                self.state.skipped.append(pointer)
                self.store.save(self.state)
        else:
            jp.assign(self.data, pointer, value)
            if pointer in self.state.skipped:
                self.state.skipped.remove(pointer)
                self.store.save(self.state)
        self.file.set(pointer, value)
        self.file.save()
        if self.prompter is not None and value is not None:
            for finding in self.problems_at(pointer, severities=(Severity.WARNING,)):
                self.say(self.t("warning", text=self.worded(finding)))

    def sync(self, pointer: str, value: Any) -> None:
        """A value the system fills by itself (autofill): written only when it changes, and never over
        a different value the draft holds without asking (issue 24.1, A02: a mistyped subject ID
        must not overwrite the principal's right one; with no one to ask the draft's value stays)."""
        current = jp.resolve(self.data, pointer)
        if current not in (None, "") and current != value and (
                pointer in self.kept or self.prompter is None or not self.prompter.confirm(
                    self.t("autofill_differs", field=pointer[1:], current=mask_text(str(current)),
                           value=mask_text(str(value))), default=False)):
            self.kept.add(pointer)
            return
        if current != value:
            jp.assign(self.data, pointer, value)
            self.file.set(pointer, value)
            self.dirty = True

    def flush(self) -> None:
        if self.dirty:
            self.file.save()
            self.dirty = False

    # -- filling ------------------------------------------------------------------------------------
    def nature(self) -> str:
        subject = self.data.get("subject")
        return subject.get("nature", "") if isinstance(subject, dict) else ""

    def autofill(self, section: Section | None = None, index: int | None = None) -> None:
        """What the guide's system fills by itself (指南 2, 3.1): the subject's, and the item's
        as the section's `system`/`personal`/`personal_default` data say."""
        subject = self.data.get("subject") if isinstance(self.data.get("subject"), dict) else {}
        if self.nature() == "personal":
            cert = subject.get("certificate") if isinstance(subject.get("certificate"), dict) else {}
            for pointer, value in (
                ("/subject/investor", subject.get("name")),
                ("/subject/principal/name", subject.get("name")),
                ("/subject/principal/id_type", cert.get("type")),
                ("/subject/principal/id_number", cert.get("number")),
            ):
                if value:
                    self.sync(pointer, value)
        if section is not None and section.repeat and index is not None:
            item = f"{section.repeat}/{index}"
            personal = self.nature() == "personal"
            for key, value in {**section.system, **(section.personal if personal else {})}.items():
                self.sync(f"{item}/{key}", value)
            for key, value in (section.personal_default if personal else {}).items():
                if jp.resolve(self.data, f"{item}/{key}") in (None, ""):
                    self.sync(f"{item}/{key}", value)
        self.flush()

    def applies(self, spec: Field, pointer: str, where: dict[str, int]) -> bool:
        for target, allowed in spec.when.items():
            if jp.resolve(self.data, placed(target, where)) not in allowed:
                return False
        if spec.nature == "unit" and self.nature() in ("personal", ""):
            return False
        if spec.person and not isinstance(jp.resolve(self.data, jp.parent(pointer)), dict):
            return False
        return not (spec.pointer.endswith("/phone2") and self.nature() == "personal")

    def ask_field(self, spec: Field, where: dict[str, int] | None = None) -> None:
        where = where or {}
        pointer = placed(spec.pointer, where)
        if not self.applies(spec, pointer, where):
            return
        if spec.lists:
            self.ask_lists(spec.lists)
            return
        if spec.repeat:
            self.fill_items(placed(spec.repeat, where), spec.fields, where, optional=spec.optional)
            return
        current = jp.resolve(self.data, pointer)
        if pointer.endswith("/principal") and isinstance(current, dict):
            return  # a person is written out: its own fields are asked next
        if current not in (None, "") and not self.problems_at(pointer):
            return
        if current in (None, "") and spec.optional and (self.prompter is None or pointer in self.state.skipped):
            return  # left empty on purpose, or no one to ask
        if self.prompter is None:
            problems = self.problems_at(pointer)
            reason = problems[0].message if problems else "missing"
            self.missing.append(f"{pointer}: {reason}")
            return
        self.asked += 1
        self.record(pointer, self.ask(pointer, current, spec.optional))

    def choices_for(self, pointer: str, node: dict[str, Any]) -> list[tuple[str, str]]:
        """A select's (code, title) choices; certificate types that fit the nature come first."""
        labels = sch.labels(node) or {str(c): str(c) for c in node["enum"]}
        choices = [(code, f"{name}（{code}）" if name != code else code) for code, name in labels.items()]
        if pointer == "/subject/certificate/type":
            from icpfile.data.packs import builtin

            national = builtin().national
            nature = self.nature()
            fit = (national["person_certificate_types"] if nature == "personal"
                   else national["nature_certificate_types"].get(nature, []))
            choices.sort(key=lambda c: fit.index(c[0]) if c[0] in fit else len(fit))
        return choices

    def ask(self, pointer: str, current: Any, optional: bool) -> Any:
        path = _path(pointer)
        node = sch.at(path) or {}
        label = f"{sch.title_at(path)} ({pointer[1:]})"
        hint = sch.description_at(path)
        prompter = self.prompter
        assert prompter is not None
        if len(path) == 3 and path[2] == "principal" and path[0] in ("websites", "apps"):
            # Yes unless the draft already holds a principal of its own: Enter keeps what init wrote.
            number = int(path[1]) + 1
            question = self.t("same_principal", site=number) if path[0] == "websites" else self.t(
                "same_principal_app", app=number)
            same = prompter.confirm(question, default=not isinstance(current, dict))
            return SAME if same else (current if isinstance(current, dict) else {})
        items = node.get("items") if isinstance(node.get("items"), dict) else None
        item_labels = sch.labels(items) if items else {}
        if item_labels:
            chosen = prompter.checkbox(
                label, [(code, f"{name}（{code}）") for code, name in item_labels.items()],
                checked=list(current) if isinstance(current, list) else [],
                validate=lambda values: self._candidate_problem(pointer, list(values)) or True,
                instruction=hint,
            )
            return list(chosen)
        if sch.labels(node) or node.get("enum"):
            choices = self.choices_for(pointer, node)
            while True:
                value = prompter.select(label, choices, default=current if isinstance(current, str) else None,
                                        instruction=hint)
                problem = self._candidate_problem(pointer, value)
                if problem is None:
                    return value
                self.say(problem)
        if "boolean" in sch.types_at(node):
            return prompter.confirm(label, default=bool(current), instruction=hint)
        if "array" in sch.types_at(node):
            shown = ", ".join(str(v) for v in current if v) if isinstance(current, list) else ""

            def as_list(text: str) -> list[str]:
                return [part.strip() for part in text.replace("，", ",").split(",") if part.strip()]

            text = prompter.text(label, default=shown, instruction=f"{hint} ({self.t('list')})",
                                 validate=lambda t: self._candidate_problem(pointer, as_list(t)) or True)
            return as_list(text)

        def cleaned(text: str) -> str | None:
            text = text.strip()
            return text or None

        def check(text: str) -> bool | str:
            value = cleaned(text)
            if value is None and optional:
                return True
            problem = self._candidate_problem(pointer, value)
            if problem is None and value is None:  # an item not yet in the draft has no finding (X09)
                return self.t("not_empty")
            return problem or True

        instruction = f"{hint} ({self.t('optional')})" if optional else hint
        text = prompter.text(label, default=current if isinstance(current, str) else "",
                             validate=check, instruction=instruction)
        return cleaned(text)

    def fill(self) -> None:
        for section in sections():
            if section.repeat:
                if not isinstance(jp.resolve(self.data, section.repeat), list):
                    continue  # the order does not file this kind (see `lists`)
                if section.repeat == "/websites" and self.data.get("filing", {}).get("type") == "deregister_subject":
                    continue
                self.say(f"== {section.zh if self.options.lang == 'zh' else section.en} ==")
                self.fill_items(section.repeat, section.fields, {}, section=section)
            else:
                self.say(f"== {section.zh if self.options.lang == 'zh' else section.en} ==")
                self.autofill()
                for spec in section.fields:
                    self.ask_field(spec)
                    self.autofill()

    def fill_items(self, list_pointer: str, fields: list[Field], where: dict[str, int],
                   section: Section | None = None, optional: bool = False) -> None:
        """A list (a section's websites or apps, an app's platforms): every item gets every question.
        `optional`: an absent list is asked "add one?" first, and "no" writes `[]`."""
        name = INDEX_NAMES[len(where)]
        what = sch.title_at(_path(list_pointer)) if section is None else (
            section.zh if self.options.lang == "zh" else section.en)
        items = jp.resolve(self.data, list_pointer)
        if optional and not items:
            if items is not None or self.prompter is None:
                return  # stated empty, or no one to ask
            self.asked += 1
            if not self.prompter.confirm(self.t("add_one", what=f"{what} ({list_pointer[1:]})"), default=False):
                self.record(list_pointer, [])
                return
        index = 0
        while True:
            here = {**where, name: index}
            if jp.resolve(self.data, f"{list_pointer}/{index}") is not None:
                self.autofill(section, index)  # a new item starts with its first answer
            before = self.asked
            for spec in fields:
                self.ask_field(spec, here)
                self.autofill(section, index)
            items = jp.resolve(self.data, list_pointer)
            count = len(items) if isinstance(items, list) else 0
            if index + 1 < count:
                index += 1
                continue
            # Offer another item only when this one was being filled in now, not on a resume
            # that found every item complete.
            if self.prompter is None or self.asked == before:
                return
            if not self.prompter.confirm(self.t("another", what=what), default=False):
                return
            index += 1

    # -- what the order files ----------------------------------------------------------------------
    def files_known(self, lists: list[str]) -> bool:
        """The draft says what the order files: it holds a list of them with a named item, an
        empty list (chosen), or more than one list. A lone list of unnamed items is `init`'s
        template: then the choice made on it is the state's one fact `files`."""
        present = [v for v in (jp.resolve(self.data, p) for p in lists) if isinstance(v, list)]
        if len(present) > 1 or any(not items for items in present):
            return True
        if any(written_beyond(items, _template_items(p)) for p in lists
               if isinstance(items := jp.resolve(self.data, p), list)):
            return True  # an item holds what a person wrote (not only init's template): never ask to drop it
        return bool(present) and self.state.facts.get("files") in lists

    def ask_lists(self, lists: list[str]) -> None:
        """"What are you filing: websites, apps, or both?" The answer starts the chosen lists
        (`websites: []`, `apps: []`) in the draft; an unchosen template list is dropped."""
        if self.files_known(lists):
            return
        if self.prompter is None:
            self.missing.append(f"{' '.join(lists)}: {self.t('files_missing')}")
            return
        choices = [(p, f"{sch.title_at(_path(p))} ({p[1:]})") for p in lists]
        choices.append(("all", self.t("files_all", what=" + ".join(sch.title_at(_path(p)) for p in lists))))
        self.asked += 1
        chosen = self.prompter.select(self.t("files") + " (files)", choices, default=lists[0])
        wanted = lists if chosen == "all" else [chosen]
        for pointer in lists:
            current = jp.resolve(self.data, pointer)
            if pointer in wanted and not isinstance(current, list):
                jp.assign(self.data, pointer, [])
                self.file.set(pointer, [])
            elif (pointer not in wanted and current is not None
                  and not written_beyond(current, _template_items(pointer))):  # never drop what a person wrote
                jp.remove(self.data, pointer)
                self.file.set(pointer, None)
        self.file.save()
        if len(wanted) == 1 and jp.resolve(self.data, wanted[0]):
            self.state.facts["files"] = wanted[0]  # the template list alone cannot say it
            self.store.save(self.state)

    # -- going back --------------------------------------------------------------------------------
    def answered(self) -> list[tuple[str, Any]]:
        """Every answer in the draft, in the draft's order: (pointer, value)."""
        return [(p, v) for p, v in _flatten(self.data).items() if p != "/version" and v not in (None, "", [])]

    def review_lines(self) -> list[str]:
        """The whole order and every error and warning `icpfile check` has about it."""
        lines = [self.t("review_title")]
        for pointer, value in self.answered():
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            lines.append(f"  {sch.title_at(_path(pointer))} ({pointer[1:]}): {shown}")
        found = [f for f in self.findings() if f.severity in (Severity.ERROR, Severity.WARNING)]
        for f in found:
            lines.append(f"  {f.severity.value}: {f.pointer[1:] or '/'}  {self.worded(f)}")
        if not found:
            lines.append("  " + self.t("review_clean"))
        return lines

    def revisit(self) -> None:
        """The summary: change any answer, as often as wanted, until the person says it is right."""
        assert self.prompter is not None
        while True:
            for line in self.review_lines():
                self.say(line)
            choices = [("ok", self.t("review_ok"))] + [
                (pointer, f"{sch.title_at(_path(pointer))} ({pointer[1:]})") for pointer, _ in self.answered()
            ]
            chosen = self.prompter.select(self.t("review_question") + " (review)", choices, default="ok",
                                          instruction=self.t("review_keys"))
            if chosen == "ok":
                return
            self.edit_field(chosen)

    def edit_field(self, pointer: str) -> None:
        """Ask `pointer` again whatever it holds (`--edit`, the summary); the current value is the default."""
        assert self.prompter is not None
        current = jp.resolve(self.data, pointer)
        if isinstance(current, dict | list) and not (isinstance(current, list) and all(
                not isinstance(v, dict | list) for v in current)):
            raise ValueError(f"--edit {pointer[1:]}: not a single field")
        self.asked += 1
        self.record(pointer, self.ask(pointer, current, optional=False))

    def run(self) -> int:
        """Fill, then guide. The caller holds the state lock and maps exceptions to exit codes."""
        self.load()
        self.apply_answers()
        try:
            if self.edit:
                if self.prompter is None:
                    raise NeedsTerminal(f"{self.edit}: --edit asks on a terminal")
                self.edit_field(self.edit)
            self.fill()
            if self.prompter is not None and self.state.step == "draft" and (self.asked or self.edit):
                self.revisit()
        except KeyboardInterrupt:
            self.store.save(self.state)
            raise
        if self.missing:
            raise NeedsTerminal("\n".join(self.missing))
        errors = [f for f in self.findings() if f.severity is Severity.ERROR]
        if errors:
            for f in errors:
                self.say(f"{self.draft}:{f.line}:{f.column}  {f.rule}  {f.message}")
            self.say(f"icpfile check {self.draft}")
            self.store.save(self.state)
            return ExitCode.FINDINGS
        self.store.save(self.state)
        return self.guide()

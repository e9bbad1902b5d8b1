"""`icpfile wizard`: fill a draft by questions, then walk the rest of the filing step by step.

Every answer, typed or taken from `--answers` or already in the draft, passes the same checks as
`icpfile check` (the whole pipeline runs on the draft with the answer in place), and a failing
answer is asked again with the finding's message and hint. Answers are saved in the state file
as they are given and the draft is written after each section (backup first, atomic replace), so
Ctrl-C, a crash or a reboot loses nothing; the next run resumes where this one stopped.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icpfile import engine
from icpfile.exit_codes import ExitCode
from icpfile.filing import draft_writer
from icpfile.filing.prompts import Prompter
from icpfile.filing.state import State, StateStore
from icpfile.filing.steps import SAME, FilingGuide
from icpfile.findings import Finding, Severity
from icpfile.load import pointer as jp
from icpfile.load import typed as typing_pass
from icpfile.load.document import Document
from icpfile.options import Options
from icpfile.rules.catalog import read_data
from icpfile.schema import draft as sch

EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = ExitCode.FINDINGS, ExitCode.USAGE, ExitCode.INTERRUPTED


class NeedsTerminal(Exception):
    """Questions remain and there is no terminal to ask them on."""


@dataclass
class Field:
    pointer: str
    when: dict[str, list[str]] = field(default_factory=dict)
    nature: str | None = None
    optional: bool = False
    person: bool = False


@dataclass
class Section:
    id: str
    zh: str
    en: str
    fields: list[Field]
    repeat: str | None = None


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


def answers_from_file(path: Path) -> dict[str, Any]:
    """`--answers FILE`: a partial draft, read by the same safe loader; ValueError says where it broke."""
    doc = engine.load_path(path, str(path))
    if doc.data is None:
        first = doc.issues[0]
        raise ValueError(f"{path}:{first.line or 1}:{first.column or 1}: cannot read the answers ({first.code})")
    return _flatten(typing_pass.apply(doc.data))


def sections() -> list[Section]:
    return [
        Section(s["id"], s["zh"], s["en"], [Field(**f) for f in s["fields"]], s.get("repeat"))
        for s in read_data("questions.yaml", Path(__file__).resolve().parent)["sections"]
    ]


def _words(lang: str) -> dict[str, str]:
    zh = lang == "zh"
    return {
        "same": "网站负责人复用主体负责人？" if zh else "Is the website principal the subject's principal?",
        "another": "再添加一个网站？" if zh else "Add another website?",
        "list": "多个值用逗号分隔" if zh else "separate several values with commas",
        "optional": "可留空" if zh else "may be left empty",
        "resume": "继续：icpfile wizard {draft}" if zh else "resume with: icpfile wizard {draft}",
    }


class Wizard(FilingGuide):
    def __init__(
        self,
        draft: Path,
        prompter: Prompter | None,
        options: Options,
        say: Callable[[str], None],
        answers: dict[str, Any] | None = None,
    ) -> None:
        self.draft = draft
        self.prompter = prompter
        self.options = options
        self.say = say
        self.extra_answers = answers or {}
        self.words = _words(options.lang)
        self.store = StateStore(draft)
        self.state = State(draft=draft.name)
        self.data: dict[str, Any] = {}
        self.missing: list[str] = []
        self.asked = 0  # questions put this run

    # -- checks ----------------------------------------------------------------------------------
    def findings(self, data: dict[str, Any] | None = None) -> list[Finding]:
        """Everything `icpfile check` would say about the draft as it stands (or `data`)."""
        doc = Document(path=str(self.draft), data=copy.deepcopy(self.data if data is None else data))
        return engine.check_document(doc, self.options).report.findings

    def problems_at(self, pointer: str, data: dict[str, Any] | None = None) -> list[Finding]:
        """Errors about the value at `pointer` (or inside it)."""
        return [
            f for f in self.findings(data)
            if f.severity is Severity.ERROR and (f.pointer == pointer or f.pointer.startswith(pointer + "/"))
        ]

    def _candidate_problem(self, pointer: str, value: Any) -> str | None:
        trial = copy.deepcopy(self.data)
        if value is None:
            jp.remove(trial, pointer)
        else:
            jp.assign(trial, pointer, value)
        problems = self.problems_at(pointer, trial)
        if not problems:
            return None
        first = problems[0]
        return f"{first.rule} {first.message}" + (f" — {first.hint}" if first.hint else "")

    # -- the draft ---------------------------------------------------------------------------------
    def load(self) -> None:
        self.state = self.store.load()
        if self.store.notice:
            self.say(f"icpfile: {self.store.notice}")
        if self.draft.exists():
            doc = engine.load_path(self.draft, str(self.draft))
            if doc.data is None:
                first = doc.issues[0] if doc.issues else None
                where = f":{first.line}:{first.column}" if first and first.line else ""
                raise ValueError(
                    f"{self.draft}{where} cannot be read as a draft ({first.code if first else 'unknown'}); "
                    f"run `icpfile check {self.draft}`, fix it, then run the wizard again"
                )
            self.data = typing_pass.apply(doc.data)
        for pointer, value in {**self.state.answers, **self.extra_answers}.items():
            if value is None:
                jp.remove(self.data, pointer)  # an optional field left empty on purpose
            else:
                jp.assign(self.data, pointer, value)
        self.data.setdefault("version", 1)

    def record(self, pointer: str, value: Any) -> None:
        if value is None:
            jp.remove(self.data, pointer)
        else:
            jp.assign(self.data, pointer, value)
        self.state.answers[pointer] = value
        self.store.save(self.state)

    def write_draft(self) -> None:
        draft_writer.write(self.draft, self.data)

    # -- filling ------------------------------------------------------------------------------------
    def nature(self) -> str:
        subject = self.data.get("subject")
        return subject.get("nature", "") if isinstance(subject, dict) else ""

    def autofill(self, index: int | None = None) -> None:
        """What the guide's system fills by itself (指南 2, 3.1)."""
        subject = self.data.get("subject") if isinstance(self.data.get("subject"), dict) else {}
        if self.nature() == "personal":
            cert = subject.get("certificate") if isinstance(subject.get("certificate"), dict) else {}
            for pointer, value in (
                ("/subject/investor", subject.get("name")),
                ("/subject/principal/name", subject.get("name")),
                ("/subject/principal/id_type", cert.get("type")),
                ("/subject/principal/id_number", cert.get("number")),
            ):
                if value and jp.resolve(self.data, pointer) != value:
                    jp.assign(self.data, pointer, value)
        if index is not None:
            site = f"/websites/{index}"
            jp.assign(self.data, f"{site}/service_type", "website_app")
            if self.nature() == "personal":
                jp.assign(self.data, f"{site}/principal", SAME)
                jp.assign(self.data, f"{site}/content", "other")

    def applies(self, spec: Field, pointer: str, index: int | None) -> bool:
        for where, allowed in spec.when.items():
            target = where.replace("{i}", str(index)) if index is not None else where
            if jp.resolve(self.data, target) not in allowed:
                return False
        if spec.nature == "unit" and self.nature() in ("personal", ""):
            return False
        if spec.person and not isinstance(jp.resolve(self.data, jp.parent(pointer)), dict):
            return False
        return not (spec.pointer.endswith("/phone2") and self.nature() == "personal")

    def ask_field(self, spec: Field, index: int | None = None) -> None:
        pointer = spec.pointer.replace("{i}", str(index)) if index is not None else spec.pointer
        if not self.applies(spec, pointer, index):
            return
        current = jp.resolve(self.data, pointer)
        if pointer.endswith("/principal") and isinstance(current, dict):
            return  # a person is written out: its own fields are asked next
        if current is not None and not self.problems_at(pointer):
            return
        if current is None and spec.optional and (self.prompter is None or pointer in self.state.answers):
            return  # left empty on purpose, or no one to ask
        if self.prompter is None:
            problems = self.problems_at(pointer)
            reason = problems[0].message if problems else "missing"
            self.missing.append(f"{pointer}: {reason}")
            return
        self.asked += 1
        self.record(pointer, self.ask(pointer, current, spec.optional))

    def ask(self, pointer: str, current: Any, optional: bool) -> Any:
        path = [int(t) if t.isdigit() else t for t in jp.tokens(pointer)]
        node = sch.at(path) or {}
        label = f"{sch.title_at(path)} ({pointer[1:]})"
        hint = sch.description_at(path)
        prompter = self.prompter
        assert prompter is not None
        if pointer.endswith("/principal") and pointer.startswith("/websites/"):
            same = prompter.confirm(self.words["same"], default=current in (None, SAME))
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
        labels = sch.labels(node)
        if labels or node.get("enum"):
            choices = [(code, f"{name}（{code}）" if name != code else code)
                       for code, name in (labels or {str(c): str(c) for c in node["enum"]}).items()]
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
            shown = ", ".join(current) if isinstance(current, list) else ""

            def as_list(text: str) -> list[str]:
                return [part.strip() for part in text.replace("，", ",").split(",") if part.strip()]

            text = prompter.text(label, default=shown, instruction=f"{hint} ({self.words['list']})",
                                 validate=lambda t: self._candidate_problem(pointer, as_list(t)) or True)
            return as_list(text)

        def cleaned(text: str) -> str | None:
            text = text.strip()
            return text or None

        def check(text: str) -> bool | str:
            value = cleaned(text)
            if value is None and optional:
                return True
            return self._candidate_problem(pointer, value) or True

        instruction = f"{hint} ({self.words['optional']})" if optional else hint
        text = prompter.text(label, default=current if isinstance(current, str) else "",
                             validate=check, instruction=instruction)
        return cleaned(text)

    def fill(self) -> None:
        for section in sections():
            self.say(f"== {section.zh if self.options.lang == 'zh' else section.en} ==")
            if section.repeat:
                self.fill_websites(section)
            else:
                self.autofill()
                for spec in section.fields:
                    self.ask_field(spec)
                    self.autofill()
            self.write_draft()

    def fill_websites(self, section: Section) -> None:
        if self.data.get("filing", {}).get("type") == "deregister_subject":
            return
        index = 0
        while True:
            self.autofill(index)
            before = self.asked
            for spec in section.fields:
                self.ask_field(spec, index)
            sites = self.data.get("websites")
            count = len(sites) if isinstance(sites, list) else 0
            if index + 1 < count:
                index += 1
                continue
            # Offer another website only when this one was being filled in now, not on a resume
            # that found every website complete.
            if self.prompter is None or self.asked == before:
                return
            if not self.prompter.confirm(self.words["another"], default=False):
                return
            index += 1

    def run(self) -> int:
        """Fill, then guide. The caller holds the state lock and maps exceptions to exit codes."""
        self.load()
        try:
            self.fill()
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
            return EXIT_FINDINGS
        self.store.save(self.state)
        return self.guide()

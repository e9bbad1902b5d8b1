"""`icpfile wizard`: fill a draft by questions, then walk the rest of the filing step by step.

Every answer, typed or taken from `--answers` or already in the draft, passes the same checks as
`icpfile check` (the whole pipeline runs on the draft with the answer in place), and a failing
answer is asked again with the finding's message and hint. Answers are saved in the state file
as they are given and the draft is written after each section (backup first, atomic replace), so
Ctrl-C, a crash or a reboot loses nothing; the next run resumes where this one stopped.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icpfile import draft_writer, engine, process, typing_pass
from icpfile import pointer as jp
from icpfile import schema as sch
from icpfile.catalog import read_data
from icpfile.document import Document
from icpfile.findings import Finding, Severity
from icpfile.options import Options
from icpfile.packs import builtin
from icpfile.prompts import Prompter
from icpfile.state import State, StateStore

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
SAME = "same_as_subject"


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


def sections() -> list[Section]:
    return [
        Section(s["id"], s["zh"], s["en"], [Field(**f) for f in s["fields"]], s.get("repeat"))
        for s in read_data("questions.yaml")["sections"]
    ]


def _words(lang: str) -> dict[str, str]:
    zh = lang == "zh"
    return {
        "same": "网站负责人复用主体负责人？" if zh else "Is the website principal the subject's principal?",
        "another": "再添加一个网站？" if zh else "Add another website?",
        "list": "多个值用逗号分隔" if zh else "separate several values with commas",
        "optional": "可留空" if zh else "may be left empty",
        "saved": "已保存" if zh else "saved",
        "resume": "继续：icpfile wizard {draft}" if zh else "resume with: icpfile wizard {draft}",
    }


class Wizard:
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

    # -- the rest of the filing -------------------------------------------------------------------
    def materials(self) -> list[tuple[str, str]]:
        """(checklist key, what to prepare): the same requirements as rules ICP705/ICP706."""
        from icpfile.materials import required

        subject = self.data.get("subject") if isinstance(self.data.get("subject"), dict) else {}
        pack = builtin().province(str(subject.get("province", "")))
        return [(f"{need.kind}/{need.zh}", need.label(self.options.lang))
                for need in required(self.data, builtin().national, pack)]

    def guide(self) -> int:
        """Walk the steps after the draft; returns when a step is not done yet (resume later)."""
        if self.prompter is None:
            self.say(self.next_action())
            return EXIT_OK
        while self.state.step != "done":
            before = self.state.step
            getattr(self, f"step_{self.state.step}")()
            self.store.save(self.state)
            if self.state.step == before:
                self.say(self.next_action())
                self.say(self.words["resume"].format(draft=self.draft))
                return EXIT_OK
        self.say(self.next_action())
        return EXIT_OK

    def next_action(self) -> str:
        current = process.step(self.state.step)
        zh = self.options.lang == "zh"
        return (f"当前步骤：{current.zh}（{current.source}）" if zh
                else f"current step: {current.en} ({current.source})")

    def advance(self) -> None:
        self.state.step = process.next_step(self.state.step)
        self.state.dates["order_updated"] = self.options.today.isoformat()

    def _confirm(self, zh: str, en: str, default: bool = True) -> bool:
        assert self.prompter is not None
        return self.prompter.confirm(zh if self.options.lang == "zh" else en, default=default)

    def _date(self, zh: str, en: str, key: str) -> None:
        assert self.prompter is not None

        def valid(text: str) -> bool | str:
            try:
                dt.date.fromisoformat(text.strip())
            except ValueError:
                return "YYYY-MM-DD"
            return True

        default = self.state.dates.get(key, self.options.today.isoformat())[:10]
        text = self.prompter.text(zh if self.options.lang == "zh" else en, default=default, validate=valid)
        self.state.dates[key] = text.strip()

    def step_draft(self) -> None:
        self.advance()

    def step_materials(self) -> None:
        for key, label in self.materials():
            if not self.state.checklist.get(key):
                done = self._confirm(f"已准备好：{label}？", f"Ready: {label}?", default=False)
                self.state.checklist[key] = done
                self.store.save(self.state)
        if all(self.state.checklist.get(key) for key, _ in self.materials()):
            self.advance()

    def step_verification(self) -> None:
        if self._confirm("已在 App 中完成资料上传和真实性核验（人脸识别）？",
                         "Uploaded the materials and passed the real-person check in the app?", default=False):
            self.state.dates["verified"] = self.options.today.isoformat()
            self.advance()

    def step_submit(self) -> None:
        if self._confirm("已确认信息并提交备案订单？", "Confirmed the information and submitted the order?",
                         default=False):
            self._date("订单创建日期（45 天无更新将被删除）", "Date the order was created (deleted after 45 idle days)",
                       "order_created")
            self.state.dates["submitted"] = self.options.today.isoformat()
            self.advance()

    def step_provider_review(self) -> None:
        assert self.prompter is not None
        zh = self.options.lang == "zh"
        answer = self.prompter.select(
            "接入商初审结果（约 1 个工作日）" if zh else "The provider's initial review (about 1 working day)",
            [("waiting", "还在审核" if zh else "still waiting"), ("passed", "已通过" if zh else "passed"),
             ("rejected", "被驳回" if zh else "rejected")], default="waiting")
        if answer == "passed":
            self.advance()
        elif answer == "rejected":
            self.say("按驳回原因修改草稿，运行 icpfile check，再重新提交。" if zh else
                     "Fix the draft as the rejection says, run icpfile check, then submit again.")
            self.state.step = "draft"

    def step_mailing(self) -> None:
        if not self._confirm("接入商是否要求邮寄资料？", "Did the provider ask you to mail materials?", default=False):
            self.advance()
            return
        if self._confirm("资料已寄出？", "Have you mailed them?", default=False):
            self._date("寄出日期", "Date mailed", "mailed")
            self.advance()

    def sms_recipients(self) -> list[process.Recipient]:
        subject = self.data.get("subject") if isinstance(self.data.get("subject"), dict) else {}
        principal = subject.get("principal") if isinstance(subject.get("principal"), dict) else {}
        sites = []
        for i, site in enumerate(self.data.get("websites") or []):
            person = principal if site.get("principal") == SAME else site.get("principal")
            if isinstance(person, dict):
                sites.append((f"/websites/{i}/principal/mobile", str(person.get("mobile", ""))))
        filing_type = str(self.data.get("filing", {}).get("type", ""))
        return process.sms_recipients(filing_type, str(principal.get("mobile", "")), sites,
                                      self.state.facts.get("change_scope", "subject"))

    def step_sms(self) -> None:
        assert self.prompter is not None
        zh = self.options.lang == "zh"
        if self.data.get("filing", {}).get("type") == "change" and "change_scope" not in self.state.facts:
            self.state.facts["change_scope"] = self.prompter.select(
                "这次变更的是" if zh else "This change concerns",
                [("subject", "主体信息" if zh else "the subject"), ("website", "网站信息" if zh else "a website"),
                 ("both", "两者" if zh else "both")], default="subject")
        recipients = self.sms_recipients()
        if not recipients:
            self.advance()
            return
        from icpfile.pii import mask_phone

        for r in recipients:
            who = ("主体负责人" if r.role == "subject" else "网站负责人") if zh else f"the {r.role} principal"
            self.say(f"{who} {mask_phone(r.mobile)}")
        if "sms_received" not in self.state.dates:
            if not self._confirm("已收到 12381 发来的验证码？", "Has the code from 12381 arrived?", default=False):
                return
            self.state.dates["sms_received"] = dt.datetime.combine(self.options.today, dt.datetime.now().time()) \
                .isoformat(timespec="minutes")
        if self._confirm("已在工信部备案管理系统完成短信核验（24 小时内，最多重发 2 次）？",
                         "Verified the code(s) on the MIIT filing system (within 24 hours, at most 2 resends)?",
                         default=False):
            self.state.dates["sms_verified"] = self.options.today.isoformat()
            self.advance()

    def step_authority_review(self) -> None:
        assert self.prompter is not None
        zh = self.options.lang == "zh"
        if "authority_submitted" not in self.state.dates:
            self._date("提交管局的日期", "Date the order reached the authority", "authority_submitted")
        submitted = dt.date.fromisoformat(self.state.dates["authority_submitted"][:10])
        low, high = process.authority_review_range(submitted)
        self.say(f"管局审核约 1–20 个工作日：{low} 至 {high}" if zh
                 else f"the authority's review takes about 1–20 working days: {low} to {high}")
        answer = self.prompter.select(
            "管局审核结果" if zh else "The authority's decision",
            [("waiting", "还在审核" if zh else "still waiting"), ("approved", "已通过" if zh else "approved"),
             ("rejected", "被驳回" if zh else "rejected")], default="waiting")
        if answer == "rejected":
            self.state.step = "draft"
            self.state.dates.pop("authority_submitted", None)
        elif answer == "approved":
            self.record_approval()
            self.advance()

    def record_approval(self) -> None:
        assert self.prompter is not None
        from icpfile.footer import number_problem

        subject = self.data.get("subject") if isinstance(self.data.get("subject"), dict) else {}
        province = str(subject.get("province", ""))
        number = self.prompter.text(
            "备案号（网站备案号，如 浙ICP备12345678号-1）" if self.options.lang == "zh"
            else "The filing number (the website's, e.g. 浙ICP备12345678号-1)",
            default=str(self.state.facts.get("approval_number", "")),
            validate=lambda text: number_problem(text.strip(), province, self.options.lang) or True,
        )
        self.state.facts["approval_number"] = number.strip()
        self.state.dates["approved"] = self.options.today.isoformat()

    def step_approved(self) -> None:
        from icpfile.footer import snippet

        zh = self.options.lang == "zh"
        subject = self.data.get("subject") if isinstance(self.data.get("subject"), dict) else {}
        number = str(self.state.facts.get("approval_number", ""))
        self.say(snippet(number, province=str(subject.get("province", "")), holder=str(subject.get("name", "")),
                         fmt="html"))
        if any(isinstance(s, dict) and s.get("commercial") for s in self.data.get("websites") or []):
            self.say("经营性网站：备案后还需申请经营性 ICP 许可证。" if zh else
                     "Commercial site: apply for the commercial ICP licence (经营性ICP许可证) next.")
        if "site_opened" not in self.state.dates:
            if not self._confirm("网站已开通访问？", "Is the site open to the public?", default=False):
                return
            self._date("开通日期（30 日内须办理公安联网备案）", "Opening date (public-security filing within 30 days)",
                       "site_opened")
        if self._confirm("已完成公安联网备案？", "Public-security filing done?", default=False):
            self.state.dates["police_filed"] = self.options.today.isoformat()
            self.advance()

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

"""The filing after the draft (指南 5–11): the steps the wizard walks once the draft is clean.

A mixin of `Wizard`: each `step_<id>` asks what happened, records dates in the state file and
either advances to the next step or leaves the step as it is, so the next run resumes there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from icpfile.exit_codes import ExitCode
from icpfile.filing import process
from icpfile.filing.prompts import Prompter
from icpfile.filing.state import State, StateStore
from icpfile.options import Options
from icpfile.rules.packs import builtin
from icpfile.values.dates import day_of, parse_day

EXIT_OK = ExitCode.OK
SAME = "same_as_subject"


class FilingGuide:
    """What the steps need from the wizard: its draft data, state, prompter and words."""

    draft: Path
    data: dict[str, Any]
    state: State
    store: StateStore
    prompter: Prompter | None
    options: Options
    say: Callable[[str], None]
    words: dict[str, str]

    def materials(self) -> list[tuple[str, str]]:
        """(checklist key, what to prepare): the same requirements as rules ICP705/ICP706."""
        from icpfile.rules.material_needs import required

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
            return True if parse_day(text) else "YYYY-MM-DD"

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
            f"接入商初审结果（约 {process.PROVIDER_REVIEW_WORKDAYS} 个工作日）" if zh
            else f"The provider's initial review (about {process.PROVIDER_REVIEW_WORKDAYS} working day)",
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
        from icpfile.values.pii import mask_phone

        for r in recipients:
            who = ("主体负责人" if r.role == "subject" else "网站负责人") if zh else f"the {r.role} principal"
            self.say(f"{who} {mask_phone(r.mobile)}")
        if "sms_received" not in self.state.dates:
            if not self._confirm("已收到 12381 发来的验证码？", "Has the code from 12381 arrived?", default=False):
                return
            self.state.dates["sms_received"] = dt.datetime.combine(self.options.today, dt.datetime.now().time()) \
                .isoformat(timespec="minutes")
        hours, resends = process.SMS_HOURS, process.SMS_RESENDS
        if self._confirm(f"已在工信部备案管理系统完成短信核验（{hours} 小时内，最多重发 {resends} 次）？",
                         f"Verified the code(s) on the MIIT filing system (within {hours} hours, at most {resends} "
                         "resends)?",
                         default=False):
            self.state.dates["sms_verified"] = self.options.today.isoformat()
            self.advance()

    def step_authority_review(self) -> None:
        assert self.prompter is not None
        zh = self.options.lang == "zh"
        if "authority_submitted" not in self.state.dates:
            self._date("提交管局的日期", "Date the order reached the authority", "authority_submitted")
        submitted = day_of(self.state.dates["authority_submitted"]) or self.options.today
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
        from icpfile.footer.snippet import number_problem

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

"""The filing after the draft (指南 5–11): the steps the wizard walks once the draft is clean.

A mixin of `Wizard`: each `step_<id>` asks what happened, records dates in the state file and
either advances to the next step, goes back (a rejection returns to editing the draft; an SMS code
left unverified for 24 hours returns the order), or leaves the step as it is, so the next run
resumes there. Words come from `messages.yaml`; facts from the guide (指南 5–11).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from icpfile.data.packs import builtin
from icpfile.exit_codes import ExitCode
from icpfile.filing import process
from icpfile.filing.prompts import Prompter
from icpfile.filing.state import State, StateStore
from icpfile.options import Options
from icpfile.values.dates import day_of, iso_day_text, parse_day

SAME = "same_as_subject"


def materials(data: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """(checklist key, what to prepare) for a draft: the same requirements as rules ICP705/ICP706."""
    from icpfile.values.material_needs import required

    subject = data.get("subject") if isinstance(data.get("subject"), dict) else {}
    pack = builtin().province(str(subject.get("province", "")))
    return [(f"{need.kind}/{need.zh}", need.label(lang)) for need in required(data, builtin().national, pack)]


class FilingGuide:
    """What the steps need from the wizard: its draft data, state, prompter and words."""

    draft: Path
    data: dict[str, Any]
    state: State
    store: StateStore
    prompter: Prompter | None
    options: Options
    say: Callable[[str], None]

    def t(self, key: str, **fields: object) -> str: ...
    def fill(self) -> None: ...
    def revisit(self) -> None: ...
    def review_lines(self) -> list[str]: ...
    def findings(self) -> list[Any]: ...

    def materials(self) -> list[tuple[str, str]]:
        """(checklist key, what to prepare): the same requirements as rules ICP705/ICP706."""
        return materials(self.data, self.options.lang)

    def guide(self) -> int:
        """Walk the steps after the draft; returns when a step is not done yet (resume later)."""
        if self.prompter is None:
            self.say(self.next_action())
            return ExitCode.OK
        if self.state.step in ("approved", "done"):
            from icpfile.filing.change import offer

            offer(self)  # an approved draft edited since: the filing it needs (#21)
        while self.state.step != "done":
            before = self.state.step
            getattr(self, f"step_{self.state.step}")()
            self.store.save(self.state)
            paused = self.state.facts.pop("pause", False)
            if self.state.step == before or paused:
                self.store.save(self.state)
                self.say(self.next_action())
                self.say(self.t("resume", draft=self.draft))
                return ExitCode.OK
        self.say(self.next_action())
        self.say(self.t("all_done"))
        return ExitCode.OK

    def next_action(self) -> str:
        current = process.step(self.state.step)
        return self.t("current_step", step=current.zh if self.options.lang == "zh" else current.en,
                      source=current.source)

    def go(self, step_id: str) -> None:
        self.state.step = step_id
        self.state.dates["order_updated"] = self.now().isoformat(timespec="minutes")

    def advance(self) -> None:
        self.go(process.next_step(self.state.step))

    def now(self) -> dt.datetime:
        return dt.datetime.combine(self.options.today, dt.datetime.now().time()).replace(microsecond=0)

    def _confirm(self, key: str, default: bool = False, **fields: object) -> bool:
        assert self.prompter is not None
        return self.prompter.confirm(self.t(key, **fields), default=default)

    def _date(self, key: str, date_key: str) -> None:
        assert self.prompter is not None

        def valid(text: str) -> bool | str:
            return True if parse_day(iso_day_text(text)) else self.t("date_form", today=self.options.today.isoformat())

        default = self.state.dates.get(date_key, self.options.today.isoformat())[:10]
        text = self.prompter.text(self.t(key), default=default, validate=valid)
        self.state.dates[date_key] = iso_day_text(text) or text.strip()

    def _select(self, key: str, options: list[str], default: str) -> str:
        assert self.prompter is not None
        return self.prompter.select(self.t(key), [(o, self.t(f"{key}.{o}")) for o in options], default=default)

    def step_draft(self) -> None:
        """The draft is clean (run() checked it). After a rejection: the reason, then back to editing."""
        reason = self.state.facts.get("rejection")
        if reason:
            self.say(self.t("rejected_fix", reason=reason))
            self.fill()
            self.revisit()
            errors = [f for f in self.findings() if f.severity.value == "error"]
            if errors:
                self.state.facts["pause"] = True
                for line in self.review_lines():
                    self.say(line)
                return
            # Materials ticked and the face check passed stay done: straight to submitting again.
            self.go("submit")
            return
        self.advance()

    def step_materials(self) -> None:
        for key, label in self.materials():
            if not self.state.checklist.get(key):
                done = self._confirm("material_ready", label=label)
                self.state.checklist[key] = done
                self.store.save(self.state)
        if all(self.state.checklist.get(key) for key, _ in self.materials()):
            self.advance()

    def step_verification(self) -> None:
        """指南 5: photos of the original certificates and a face check, in the provider's app."""
        self.say(self.t("face_check"))
        for _, label in self.materials():
            self.say(f"  - {label}")
        if self._confirm("face_check_done"):
            self.state.dates["verified"] = self.now().isoformat(timespec="minutes")
            self.advance()

    def step_submit(self) -> None:
        """A review of the whole order with every error and warning, then "submitted?"."""
        for line in self.review_lines():
            self.say(line)
        if self._confirm("submitted"):
            if "order_created" not in self.state.dates:
                self._date("order_created", "order_created")
            # A (re)submission starts the SMS clock, resends and the authority's review afresh.
            for key in ("sms_received", "sms_verified", "authority_submitted", "submitted"):
                self.state.dates.pop(key, None)
            self.state.facts.pop("sms_resends", None)
            self.state.facts.pop("rejection", None)
            self.state.dates["submitted"] = self.now().isoformat(timespec="minutes")
            self.advance()

    def reject(self) -> None:
        """An authority's or the provider's rejection: the reason asked, back to editing the draft."""
        assert self.prompter is not None
        reason = self.prompter.text(self.t("rejection_reason"), default="",
                                    validate=lambda text: bool(text.strip()) or self.t("rejection_reason_needed"))
        self.state.facts["rejection"] = reason.strip()
        self.go("draft")

    def step_provider_review(self) -> None:
        answer = self._select("provider_review", ["waiting", "passed", "rejected"], "waiting")
        if answer == "passed":
            self.advance()
        elif answer == "rejected":
            self.reject()

    def step_mailing(self) -> None:
        """指南 8: only when the reviewer asks; what and where come with the reviewer's notice."""
        if not self._confirm("mail_asked"):
            self.advance()
            return
        self.say(self.t("mail_what"))
        if self._confirm("mailed"):
            self._date("mailed_date", "mailed")
            self.advance()

    def sms_recipients(self) -> list[process.Recipient]:
        subject = self.data.get("subject") if isinstance(self.data.get("subject"), dict) else {}
        principal = subject.get("principal") if isinstance(subject.get("principal"), dict) else {}
        sites = []  # each website's and each app's principal (an app's 互联网信息服务负责人)
        for key in ("websites", "apps"):
            items = self.data.get(key) if isinstance(self.data.get(key), list) else []
            for i, site in enumerate(items):
                person = principal if isinstance(site, dict) and site.get("principal") == SAME else (
                    site.get("principal") if isinstance(site, dict) else None)
                if isinstance(person, dict):
                    sites.append((f"/{key}/{i}/principal/mobile", str(person.get("mobile", ""))))
        filing_type = str(self.data.get("filing", {}).get("type", ""))
        return process.sms_recipients(filing_type, str(principal.get("mobile", "")), sites,
                                      self.state.facts.get("change_scope", "subject"))

    def step_sms(self) -> None:
        """指南 9: a code to each principal's mobile, verified within 24 hours; resend at most twice."""
        if self.data.get("filing", {}).get("type") == "change" and "change_scope" not in self.state.facts:
            self.state.facts["change_scope"] = self._select("change_scope", ["subject", "website", "both"], "subject")
        recipients = self.sms_recipients()
        if not recipients:
            self.advance()
            return
        from icpfile.values.pii import mask_phone

        for r in recipients:
            role = "app" if r.pointer.startswith("/apps/") else r.role
            self.say(self.t(f"sms_to.{role}", mobile=mask_phone(r.mobile)))
        received = self.state.dates.get("sms_received")
        if received is None:
            answer = self._select("sms_arrived", ["yes", "no"], "yes")
            if answer == "no":
                self.sms_not_received()
                return
            self.state.dates["sms_received"] = self.now().isoformat(timespec="minutes")
            received = self.state.dates["sms_received"]
        due = dt.datetime.fromisoformat(received) + dt.timedelta(hours=process.SMS_HOURS)
        if self.now() > due:
            self.say(self.t("sms_expired", hours=process.SMS_HOURS))
            self.state.dates.pop("sms_received", None)
            self.go("submit")
            return
        self.say(self.t("sms_how", due=due.isoformat(sep=" ", timespec="minutes")))
        if self._confirm("sms_verified", hours=process.SMS_HOURS):
            self.state.dates["sms_verified"] = self.now().isoformat(timespec="minutes")
            self.state.dates["authority_submitted"] = self.options.today.isoformat()
            self.advance()

    def sms_not_received(self) -> None:
        used = int(self.state.facts.get("sms_resends", 0))
        if used >= process.SMS_RESENDS:
            self.say(self.t("sms_no_more", resends=process.SMS_RESENDS))
            return
        self.say(self.t("sms_resend", left=process.SMS_RESENDS - used))
        if self._confirm("sms_resent"):
            self.state.facts["sms_resends"] = used + 1
            self.state.facts["pause"] = True

    def step_authority_review(self) -> None:
        if "authority_submitted" not in self.state.dates:
            self._date("authority_date", "authority_submitted")
        submitted = day_of(self.state.dates["authority_submitted"]) or self.options.today
        low, high = process.authority_review_range(submitted)
        self.say(self.t("authority_window", low=low, high=high))
        answer = self._select("authority_review", ["waiting", "approved", "rejected"], "waiting")
        if answer == "rejected":
            self.reject()
        elif answer == "approved":
            self.record_approval()
            self.advance()

    def record_approval(self) -> None:
        assert self.prompter is not None
        from icpfile.footer.snippet import number_problem

        province = str(self.subject().get("province", ""))
        # The number of any service the order files: a website's -1, an app's -2A (a mini-program's X).
        services = tuple({*(["website"] if self.data.get("websites") else []),
                          *(str(a.get("kind")) for a in self.data.get("apps") or [] if isinstance(a, dict))})
        number = self.prompter.text(
            self.t("approval_number"), default=str(self.state.facts.get("approval_number", "")),
            validate=lambda text: number_problem(text.strip(), province, self.options.lang,
                                                 services=services or ("website",)) or True,
        )
        self.state.facts["approval_number"] = number.strip()
        self.state.dates["approved"] = self.options.today.isoformat()
        from icpfile.filing.approval import record_approved

        record_approved(self)  # the draft becomes the record (#21)
        self.say(self.t("record_written"))

    def subject(self) -> dict[str, Any]:
        subject = self.data.get("subject")
        return subject if isinstance(subject, dict) else {}

    def footer(self) -> str:
        from icpfile.footer.snippet import snippet

        return snippet(str(self.state.facts.get("approval_number", "")),
                       province=str(self.subject().get("province", "")), holder=str(self.subject().get("name", "")),
                       police=self.state.facts.get("police_number"), fmt="html")

    def step_approved(self) -> None:
        """指南 11: the footer, the commercial licence if any, the police filing within 30 days
        (walked in filing/police_steps.py, #21)."""
        from icpfile.filing.police_steps import walk

        walk(self)

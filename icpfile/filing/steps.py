"""The filing after the draft (指南 5–11): the steps the wizard walks once the draft is clean.

Each step of `process.STEPS` has one handler here, in `HANDLERS`: a function of the `Guide` that
asks what happened (through the session), records dates in the state and *returns* an `Outcome`:
`ADVANCE` to the next step, `STAY` (not done yet: the next run resumes here), `PAUSE` (something
was done and the person must wait, e.g. a resent code), or `back_to(step)` (a rejection returns to
the draft; an SMS code left unverified for 24 hours returns the order to submitting). `Guide.walk`
runs handlers until one stays or pauses. Words come from `messages.yaml`; facts from the guide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from icpfile.data import kinds
from icpfile.data.packs import builtin
from icpfile.data.sources import shown as shown_source
from icpfile.exit_codes import ExitCode
from icpfile.filing import process
from icpfile.filing.draft import Draft
from icpfile.filing.messages import say
from icpfile.filing.outcome import ADVANCE, PAUSE, STAY, Outcome, back_to
from icpfile.filing.questions import SAME
from icpfile.filing.session import Session
from icpfile.filing.state import State, StateStore
from icpfile.findings import Severity
from icpfile.options import Options
from icpfile.values.dates import day_of

__all__ = ["ADVANCE", "HANDLERS", "PAUSE", "SAME", "STAY", "Guide", "Outcome", "back_to", "materials"]




def materials(data: dict, lang: str) -> list[tuple[str, str]]:
    """(checklist key, what to prepare) for a draft: the same requirements as rules ICP705/ICP706."""
    from icpfile.values.material_needs import required

    subject = data.get("subject") if isinstance(data.get("subject"), dict) else {}
    pack = builtin().province(str(subject.get("province", "")))
    needs = required(data, builtin().national, pack)
    return [(f"{need.kind}/{need.zh}", need.label(lang)) for need in needs]


class Guide:
    """The walk through the steps after the draft: the state, the draft and the session that asks."""

    def __init__(self, draft_path: Path, session: Session) -> None:
        self.draft_path = draft_path
        self.session = session

    # The session's draft, progress and words: one copy of each, shared with the questions.
    @property
    def draft(self) -> Draft:
        return self.session.draft

    @property
    def state(self) -> State:
        return self.session.state

    @property
    def store(self) -> StateStore:
        return self.session.store

    @property
    def options(self) -> Options:
        return self.session.options

    def say(self, line: str) -> None:
        self.session.say(line)

    def t(self, key: str, **fields: object) -> str:
        return self.session.t(key, **fields)

    def walk(self) -> int:
        """Walk the steps; returns when a step is not done yet (resume later) or all are done."""
        if self.session.prompter is None:
            self.say(self.next_action())
            return ExitCode.OK
        if self.state.step in ("approved", "done"):
            from icpfile.filing.change import offer

            offer(self)  # an approved draft edited since: the filing it needs (#21)
        from icpfile.data import changes
        while self.state.step != "done":
            outcome = self.step()
            self.store.save(self.state)
            if outcome.stop:
                self.say(self.next_action())
                self.say(self.t("resume", draft=self.draft_path))
                return ExitCode.OK
        pending = changes.found(self.draft.data)
        if pending:  # declined "File it now?": the filing is not all done (walker21 item 4)
            from icpfile.filing.change import pending_line

            self.say(pending_line(self, pending))
            return ExitCode.OK
        self.say(self.next_action())
        self.say(self.t("all_done"))  # it never claims the footer is right: it was not asked (#21, W10)
        from icpfile.filing.police_steps import footer_checks

        for line in footer_checks(self):
            self.say(line)
        return ExitCode.OK

    def step(self) -> Outcome:
        """Run the current step's handler and go where its outcome says (the state is not saved)."""
        outcome = HANDLERS[self.state.step](self)
        if outcome.to is not None:
            self.go(outcome.to or process.next_step(self.state.step))
        return outcome

    def next_action(self) -> str:
        current = process.step(self.state.step)
        return self.t("current_step", step=current.zh if self.options.lang == "zh" else current.en,
                      source=shown_source(current.source, self.options.lang))

    def go(self, step_id: str) -> None:
        self.state.step = step_id
        self.state.dates["order_updated"] = self.now().isoformat(timespec="minutes")

    def now(self) -> dt.datetime:
        return dt.datetime.combine(self.options.today, dt.datetime.now().time()).replace(microsecond=0)

    def stamp(self, date_key: str) -> None:
        """Record that `date_key` happened now, saved at once: a deadline runs from it (the SMS
        code's 24 hours), so a closed terminal or a crash before the step ends must not restart it
        from the next run's "now" (walker21 item 1)."""
        self.state.dates[date_key] = self.now().isoformat(timespec="minutes")
        self.store.save(self.state)

    def materials(self) -> list[tuple[str, str]]:
        return materials(self.draft.data, self.options.lang)

    def reject(self) -> Outcome:
        """An authority's or the provider's rejection: the reason asked, back to editing the draft."""
        reason = self.session.text("rejection_reason", validate=lambda text: bool(text.strip()) or self.t(
            "rejection_reason_needed"))
        self.state.facts["rejection"] = reason.strip()
        return back_to("draft")

    def sms_recipients(self) -> list[process.Recipient]:
        """Each principal who gets a code: the subject's, each website's and each app's own."""
        view = self.draft.view()
        principal = view.subject.get("principal") if isinstance(view.subject.get("principal"), dict) else {}
        sites = []  # each website's and each app's principal (an app's 互联网信息服务负责人)
        for _, ptr, service in view.services():
            person = principal if service.get("principal") == SAME else service.get("principal")
            if isinstance(person, dict):
                sites.append((f"{ptr}/principal/mobile", str(person.get("mobile", ""))))
        return process.sms_recipients(view.filing_type, str(principal.get("mobile", "")), sites,
                                      self.state.facts.get("change_scope", "subject"))

    def footer(self) -> str:
        from icpfile.footer.snippet import snippet

        subject = self.draft.view().subject
        return snippet(str(self.state.facts.get("approval_number", "")),
                       province=str(subject.get("province", "")), holder=str(subject.get("name", "")),
                       police=self.state.facts.get("police_number"), fmt="html")


# -- the handlers, one per step of process.STEPS ----------------------------------------------------


def draft_step(guide: Guide) -> Outcome:
    """The draft is clean (the wizard checked it). After a rejection: the reason, then back to editing."""
    reason = guide.state.facts.get("rejection")
    if not reason:
        return ADVANCE
    guide.say(guide.t("rejected_fix", reason=reason))
    guide.session.fill()
    guide.session.review()
    if any(f.severity is Severity.ERROR for f in guide.draft.findings()):
        for line in guide.session.review_lines():
            guide.say(line)
        return STAY
    # Materials ticked and the face check passed stay done: straight to submitting again.
    return back_to("submit")


def materials_step(guide: Guide) -> Outcome:
    for key, label in guide.materials():
        if not guide.state.checklist.get(key):
            guide.state.checklist[key] = guide.session.confirm("material_ready", label=label)
            guide.store.save(guide.state)
            if not guide.state.checklist[key]:
                where = obtain_hint(guide.draft.data, key.split("/", 1)[0], guide.options.lang)
                if where:
                    guide.say(where)
    return ADVANCE if all(guide.state.checklist.get(key) for key, _ in guide.materials()) else STAY


def obtain_hint(data: dict[str, Any], kind: str, lang: str) -> str:
    """Where a material of `kind` not yet ready comes from (national.yaml `material_obtain`, #22 P25):
    a provider's form names the provider the draft names (filing.provider), else "your provider";
    "" for a kind the data says nothing of."""
    how = (builtin().national.get("material_obtain") or {}).get(kind)
    if not how:
        return ""
    filing = data.get("filing") if isinstance(data.get("filing"), dict) else {}
    entry = builtin().providers.get(str(filing.get("provider") or ""))
    provider = (entry or {}).get("zh" if lang == "zh" else "en") or say("material_obtain.no_provider", lang)
    return say(f"material_obtain.{how}", lang, provider=provider)


def face_check_app(data: dict[str, Any], lang: str) -> str:
    """Where the face check is done, in the words of the provider the draft names (filing.provider):
    the guide names 阿里云's app (指南 5); another provider's own 备案 app or mini-program by its
    name (data/providers.yaml); with none named, the guide's, and how to name another (#22 P6)."""
    code = str((data.get("filing") or {}).get("provider") or "") if isinstance(data.get("filing"), dict) else ""
    packs = builtin()
    if not code:
        return say("face_check_app.none", lang)
    if code == packs.default_provider:
        return say("face_check_app.guide", lang)
    entry = packs.providers.get(code)
    name = (entry or {}).get("zh" if lang == "zh" else "en") or say("face_check_app.unknown", lang)
    return say("face_check_app.named", lang, provider=name)


def verification_step(guide: Guide) -> Outcome:
    """指南 5: photos of the original certificates and a face check, in the provider's app."""
    guide.say(guide.t("face_check", app=face_check_app(guide.draft.data, guide.options.lang)))
    for _, label in guide.materials():
        guide.say(f"  - {label}")
    if not guide.session.confirm("face_check_done"):
        return STAY
    guide.stamp("verified")
    return ADVANCE


def submit_step(guide: Guide) -> Outcome:
    """A review of the whole order with every error and warning, then "submitted?". A change order
    shows what it changes (old → new) first: what the reviewer checks (walker21 item 4)."""
    from icpfile.filing.change import shown_changes
    from icpfile.values.pii import mask_text

    changed = shown_changes(guide.draft.data) if guide.draft.view().filing_type == "change" else []
    if changed:
        guide.say(guide.t("change_review"))
    for pointer, before, now in changed:
        guide.say(mask_text(f"  {pointer[1:]}: {shown(guide, pointer, before)} → {shown(guide, pointer, now)}"))
    for line in guide.session.review_lines("review_submit_title"):
        guide.say(line)
    if not guide.session.confirm("submitted"):
        return STAY
    if "order_created" not in guide.state.dates:
        guide.session.date("order_created", "order_created")
    # A (re)submission starts the SMS clock, resends and the authority's review afresh.
    for key in ("sms_received", "sms_verified", "authority_submitted", "submitted"):
        guide.state.dates.pop(key, None)
    guide.state.facts.pop("sms_resends", None)
    guide.state.facts.pop("rejection", None)
    guide.stamp("submitted")
    return ADVANCE


def shown(guide: Guide, pointer: str, value: Any) -> str:
    """A value of the change review as the summary shows it (codes by their labels); — when none."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return ", ".join(guide.session.labelled(pointer, v) for v in value)
    return guide.session.labelled(pointer, value) if not isinstance(value, dict) else str(value)


def provider_review_step(guide: Guide) -> Outcome:
    answer = guide.session.select("provider_review", ["waiting", "passed", "rejected"], "waiting")
    if answer == "passed":
        return ADVANCE
    return guide.reject() if answer == "rejected" else STAY


def mailing_step(guide: Guide) -> Outcome:
    """指南 8: only when the reviewer asks; what and where come with the reviewer's notice."""
    if not guide.session.confirm("mail_asked"):
        return ADVANCE
    guide.say(guide.t("mail_what"))
    if not guide.session.confirm("mailed"):
        return STAY
    guide.session.date("mailed_date", "mailed")
    return ADVANCE


def sms_step(guide: Guide) -> Outcome:
    """指南 9: a code to each principal's mobile, verified within 24 hours; resend at most twice."""
    kind = kinds.of(guide.draft.data)
    if kind is not None and kind.sms_by_scope and "change_scope" not in guide.state.facts:
        # What the filing changes decides who gets a code (data/kinds.yaml `sms` by scope).
        scopes = list(kind.sms_by_scope)
        guide.state.facts["change_scope"] = guide.session.select("change_scope", scopes, scopes[0])
    recipients = guide.sms_recipients()
    if not recipients:
        return ADVANCE
    from icpfile.values.pii import mask_phone

    for r in recipients:
        role = "app" if r.pointer.startswith("/apps/") else r.role
        guide.say(guide.t(f"sms_to.{role}", mobile=mask_phone(r.mobile)))
    received = guide.state.dates.get("sms_received")
    if received is None:
        if guide.session.select("sms_arrived", ["yes", "no"], "yes") == "no":
            return sms_not_received(guide)
        guide.stamp("sms_received")
        received = guide.state.dates["sms_received"]
    due = dt.datetime.fromisoformat(received) + dt.timedelta(hours=process.SMS_HOURS)
    if guide.now() > due:
        guide.say(guide.t("sms_expired", hours=process.SMS_HOURS))
        guide.state.dates.pop("sms_received", None)
        return back_to("submit")
    guide.say(guide.t("sms_how", due=due.isoformat(sep=" ", timespec="minutes")))
    if not guide.session.confirm("sms_verified", hours=process.SMS_HOURS):
        return STAY
    guide.stamp("sms_verified")
    guide.state.dates["authority_submitted"] = guide.options.today.isoformat()
    return ADVANCE


def sms_not_received(guide: Guide) -> Outcome:
    used = int(guide.state.facts.get("sms_resends", 0))
    if used >= process.SMS_RESENDS:
        guide.say(guide.t("sms_no_more", resends=process.SMS_RESENDS))
        return STAY
    guide.say(guide.t("sms_resend", left=process.SMS_RESENDS - used))
    if not guide.session.confirm("sms_resent"):
        return STAY
    guide.state.facts["sms_resends"] = used + 1
    return PAUSE


def authority_review_step(guide: Guide) -> Outcome:
    if "authority_submitted" not in guide.state.dates:
        guide.session.date("authority_date", "authority_submitted")
    submitted = day_of(guide.state.dates["authority_submitted"]) or guide.options.today
    low, high = process.authority_review_range(submitted)
    guide.say(guide.t("authority_window", low=low, high=high))
    if not process.holidays_counted(submitted, high):  # past data/holidays.yaml's last year
        guide.say(guide.t("holidays_not_counted", years=process.uncounted_years(submitted, high)))
    if guide.options.today > high:  # the window alone, after it ended, says nothing (walker41 item 4)
        guide.say(guide.t("status.review_past", to=high))
    answer = guide.session.select("authority_review", ["waiting", "approved", "rejected"], "waiting")
    if answer == "rejected":
        return guide.reject()
    if answer != "approved":
        return STAY
    # The day on the 管局's notice (record.approved_on), today offered: not the day the wizard ran (walker21)
    guide.session.date("approved_date", "approved", at="/record/approved_on")  # ICP806: not after today
    record_approval(guide)
    return ADVANCE


def record_approval(guide: Guide) -> None:
    from icpfile.filing.approval import number_examples
    from icpfile.footer.snippet import number_problem

    view = guide.draft.view()
    province = str(view.subject.get("province", ""))
    # The number of any service the order files: a website's -1, an app's -2A (a mini-program's X).
    services = tuple({*(["website"] if guide.draft.data.get("websites") else []),
                      *(str(app.get("kind")) for _, _, app in view.apps())})
    from icpfile.filing.approval import numbers_known, record_approved
    from icpfile.filing.approval import services as listed

    known = numbers_known(guide.draft.data)
    if view.filing_type == "change" and known and all((k, i) in known for k, i, _, _ in listed(guide.draft.data)):
        # A change keeps the numbers the record holds (walker21 item 4): nothing to ask.
        guide.state.facts["approval_number"] = next(iter(known.values()))
        guide.state.dates.setdefault("approved", guide.options.today.isoformat())
        record_approved(guide)
        guide.say(guide.t("record_written"))
        return
    number = guide.session.text(
        "approval_number", default=str(guide.state.facts.get("approval_number", "")),
        validate=lambda text: number_problem(text.strip(), province, guide.options.lang,
                                             services=services or ("website",)) or True,
        icp=number_examples(guide.draft.data)["icp"],
    )
    guide.state.facts["approval_number"] = number.strip()
    guide.state.dates.setdefault("approved", guide.options.today.isoformat())
    from icpfile.filing.approval import record_approved

    record_approved(guide)  # the draft becomes the record (#21)
    guide.say(guide.t("record_written"))


def approved_step(guide: Guide) -> Outcome:
    """指南 11: the footer, the commercial licence if any, the police filing within 30 days
    (walked in filing/police_steps.py, #21)."""
    from icpfile.filing.police_steps import walk

    return walk(guide)


# Every step of process.STEPS but `done` has its handler (tests/test_process.py holds them equal).
HANDLERS: dict[str, Callable[[Guide], Outcome]] = {
    "draft": draft_step,
    "materials": materials_step,
    "verification": verification_step,
    "submit": submit_step,
    "provider_review": provider_review_step,
    "mailing": mailing_step,
    "sms": sms_step,
    "authority_review": authority_review_step,
    "approved": approved_step,
}

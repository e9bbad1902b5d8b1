"""`icpfile status FOLDER`: every order of a portfolio, what `check` finds in its draft, its step,
its next deadline and who acts next, the soonest deadline first (#19.4).

Two sources, and each column says which it shows:
- the draft checked as `icpfile check` checks it (the same settings file and rule packs): errors,
  warnings, the first error. A draft with an error is **blocked**: the wizard refuses to record
  any step while `check` finds an error (filing/wizard.py), so the agency must fix it first;
- the wizard's state file (`.icpfile/NAME.state.json`): the step and the dates that start the
  deadlines, from `status.summary` (the single-draft view): the order's 45 days without an
  update, the SMS code's 24 hours, the public-security filing's 30 days after the site opened.
  Without a state file the wizard has not been run: the step is `draft` and no deadline runs,
  which the step column says rather than showing a step nobody recorded. "Waiting on" is who acts
  at that step, as the filing process assigns it, not a fact the tool observed.

A draft whose state cannot be read is a row with its problem, never the end of the run; so is a
file the walk finds but never reads (a symlink out of the folder, a FIFO: ICP015/ICP014 as `check`
reports them). Every name is shown as reports show paths (masked, controls and bidi escaped), in
every format: a file name can hold an ESC sequence, a newline or U+202E (#21, B9/B10). Shape of
`orders()`: a list of dicts (draft, state_file, step, step_title, waiting_on, next_deadline {id,
what, due, days_left, hours_left, overdue, source} or None, check {errors, warnings, infos,
blocked, first_error {rule, line, message} or None}, problem).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from icpfile.filing import status
from icpfile.values.echo import escape_controls, shown_path
from icpfile.values.pii import mask_text

# Who must act at each step (the agency files for its client; the provider and the 管局 review).
WAITING_ON = {
    "draft": ("代理机构：填写并检查草稿", "agency: fill in and check the draft"),
    "materials": ("客户：提供资料", "client: supply the materials"),
    "verification": ("客户：人脸核验", "client: the face check"),
    "submit": ("代理机构：提交订单", "agency: submit the order"),
    "provider_review": ("接入商：初审", "provider: initial review"),
    "mailing": ("客户：邮寄资料", "client: mail the materials"),
    "sms": ("客户：短信核验", "client: SMS verification"),
    "authority_review": ("管局：审核", "administration: review"),
    "approved": ("代理机构：悬挂备案号、公安备案", "agency: footer and public-security filing"),
    "done": ("无", "nobody"),
}
WORDS = {
    "zh": {"head": ["草稿", "检查", "错误", "警告", "第一个错误", "步骤（进度文件）", "按步骤等待", "下一个期限",
                    "截止", "剩余"],
           "none": "—", "overdue": "已过期", "days": "{n} 天", "hours": "{n} 小时", "problem": "进度文件无法读取",
           "blocked": "受阻", "ok": "通过", "no_state": "草稿（未运行向导）", "line": "第 {n} 行",
           "not_read": "未读取",
           "total": "{n} 份草稿：{blocked} 份有错误（修改前向导不会继续），{overdue} 个期限已过，"
                    "{soon} 个在 7 天内到期"},
    "en": {"head": ["draft", "check", "errors", "warnings", "first error", "step (state file)", "waiting on (by step)",
                    "next deadline", "due", "left"],
           "none": "-", "overdue": "overdue", "days": "{n} days", "hours": "{n} h", "problem": "state file unreadable",
           "blocked": "blocked", "ok": "passes", "no_state": "draft (wizard not run)", "line": "line {n}",
           "not_read": "not read",
           # English counts agree with their number (1 draft, 2 drafts); Chinese has one form.
           "total": "{n} {drafts}: {blocked} with errors (the wizard goes no further until they are fixed), "
                    "{overdue} {deadlines} overdue, {soon} due within 7 days",
           "plural": {"drafts": ("draft", "drafts"), "deadlines": ("deadline", "deadlines")}},
}
FIRST_ERROR_CHARS = 120  # the first error as a cell shows it; the check report has it whole


def entries(folder: Path) -> list[Any]:
    """Every file the walk finds below `folder` (`batch.Input`s): the drafts to read, and those it
    must not read (`problem`: a symlink out of the folder, a FIFO), which `check` reports."""
    from icpfile.batch import SUFFIXES, Input
    from icpfile.load import files

    return [Input(str(e.path), e.path, e.problem) for e in files.walk(folder, str(folder), SUFFIXES)]


def drafts_in(folder: Path) -> list[Path]:
    return [e.path for e in entries(folder) if e.problem is None and e.path is not None]


def _checked(inputs: list[Any], options: Any, packs: Any, progress: bool) -> list[dict[str, Any]]:
    """Each draft's check, as `icpfile check` runs it (in workers when many)."""
    from icpfile import batch
    from icpfile.findings import Severity

    found = []
    for result in batch.run(inputs, options, packs, progress=progress):
        findings = result.report.findings
        errors = [f for f in findings if f.severity == Severity.ERROR]
        first = errors[0] if errors else None
        found.append({
            "errors": len(errors) + len(result.internal),
            "warnings": sum(1 for f in findings if f.severity == Severity.WARNING),
            "infos": sum(1 for f in findings if f.severity == Severity.INFO),
            "blocked": bool(errors or result.internal),
            "first_error": None if first is None else {"rule": first.rule, "line": first.line,
                                                         "message": first.message},
        })
    return found


def orders(folder: Path, lang: str, today: dt.date, options: Any = None, packs: Any = None,
           progress: bool = False) -> list[dict[str, Any]]:
    """Every draft below `folder` (module docstring); `options`/`packs` as `check` takes them
    (default: the built-in rules in `lang`, as of `today`)."""
    from icpfile.filing.state import state_path
    from icpfile.options import Options

    pick = 0 if lang == "zh" else 1
    inputs = entries(folder)
    checks = _checked(inputs, options or Options(lang=lang, today=today), packs, progress)
    found = []
    for item, check in zip(inputs, checks):
        draft = item.path
        # a draft named by the client's ID, masked as check does; an ESC or U+202E in a name escaped
        row: dict[str, Any] = {"draft": shown_path(str(draft)), "state_file": False, "check": check}
        if item.problem is not None:  # never read, as check never reads it: its finding is the row
            first = check["first_error"] or {}
            found.append({**row, "step": None, "step_title": None, "waiting_on": None, "next_deadline": None,
                          "problem": str(first.get("message", item.problem)), "read": False})
            continue
        row["state_file"] = state_path(draft).exists()
        try:
            data = status.summary(draft, lang, today, errors=check["errors"])
        except status.StatusError as exc:
            found.append({**row, "step": None, "step_title": None, "waiting_on": None, "next_deadline": None,
                          "problem": escape_controls(mask_text(str(exc)))})
            continue
        except Exception as exc:  # one draft's failure is its own row, never the whole table's (K22)
            found.append({**row, "step": None, "step_title": None, "waiting_on": None, "next_deadline": None,
                          "problem": f"internal error: {type(exc).__name__}"})
            continue
        running = sorted(data["deadlines"], key=lambda d: d["due"])
        soonest = running[0] if running else None
        found.append({
            **row,
            "step": data["step"],
            "step_title": data["step_title"],
            "waiting_on": WAITING_ON.get(data["step"], ("", ""))[pick],
            "next_deadline": None if soonest is None else {k: soonest[k] for k in (
                "id", "what", "due", "days_left", "hours_left", "overdue", "source")},
            "problem": None,
        })
    return sorted(found, key=lambda o: (o["next_deadline"] is None, (o["next_deadline"] or {}).get("due", ""),
                                        not o["check"]["blocked"], o["draft"]))


def _first_error(check: dict[str, Any], w: dict[str, str]) -> str:
    first = check["first_error"]
    if first is None:
        return w["none"]
    text = f"{first['rule']} {w['line'].format(n=first['line'])}: {first['message']}"
    return text if len(text) <= FIRST_ERROR_CHARS else text[: FIRST_ERROR_CHARS - 1] + "…"


def rows(found: list[dict[str, Any]], lang: str) -> list[list[Any]]:
    w = WORDS.get(lang, WORDS["en"])
    table: list[list[Any]] = [w["head"]]
    for o in found:
        check = o["check"]
        checked = [o["draft"], w["blocked"] if check["blocked"] else w["ok"], check["errors"], check["warnings"],
                   _first_error(check, w)]
        d = o["next_deadline"]
        if o["problem"]:
            what = w["not_read"] if o.get("read") is False else w["problem"]
            table.append([*checked, what, o["problem"], w["none"], w["none"], w["none"]])
            continue
        if d is None:
            left = w["none"]
        elif d["overdue"]:
            left = w["overdue"]
        elif d["id"] == "sms_code":
            left = w["hours"].format(n=d["hours_left"])
        else:
            left = w["days"].format(n=d["days_left"])
        # Without a state file a draft that holds its record stands where the record says (#21).
        step = o["step_title"] if o["state_file"] or o["step"] != "draft" else w["no_state"]
        table.append([*checked, step, o["waiting_on"], d["what"] if d else w["none"], d["due"] if d else w["none"],
                      left])
    return table


def total(found: list[dict[str, Any]], lang: str) -> str:
    """The line under the table: how many drafts are blocked, how many deadlines overdue or near."""
    w = WORDS.get(lang, WORDS["en"])
    deadlines = [o["next_deadline"] for o in found if o["next_deadline"]]
    overdue = sum(1 for d in deadlines if d["overdue"])
    counted = {"n": len(found), "overdue": overdue}

    def word(name: str, count: int) -> str:
        one, many = w.get("plural", {}).get(name, ("", ""))
        return one if count == 1 else many

    return w["total"].format(**counted, blocked=sum(1 for o in found if o["check"]["blocked"]),
                             soon=sum(1 for d in deadlines if not d["overdue"] and d["days_left"] < 7),
                             drafts=word("drafts", len(found)), deadlines=word("deadlines", overdue))


def width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two (wcwidth); a control character one."""
    from wcwidth import wcswidth

    shown = wcswidth(text)
    return shown if shown >= 0 else len(text)


def render(folder: Path, fmt: str, lang: str, today: dt.date, options: Any = None, packs: Any = None,
           progress: bool = False) -> str | bytes:
    found = orders(folder, lang, today, options, packs, progress)
    if fmt == "json":
        return json.dumps({"version": 1, "orders": found}, ensure_ascii=False, indent=2) + "\n"
    table = rows(found, lang)
    if fmt == "xlsx":
        from icpfile.sheets.exporter import xlsx_bytes

        return xlsx_bytes([("状态" if lang == "zh" else "status", table)], None)
    widths = [max(width(str(r[i])) for r in table) for i in range(len(table[0]))]
    lines = ["  ".join(str(c) + " " * (widths[i] - width(str(c))) for i, c in enumerate(r)).rstrip() for r in table]
    return "\n".join([*lines, "", total(found, lang)]) + "\n"

"""`icpfile status FOLDER`: every order of a portfolio, its step, its next deadline and who it waits
on, the soonest deadline first (#19.4).

Each draft's figures come from `status.summary` (the single-draft view), so the deadlines are the
same ones: the order's 45 days without an update, the SMS code's 24 hours, the public-security
filing's 30 days after the site opened. A draft whose state cannot be read is a row with its
problem, never the end of the run. Shape of `orders()`: a list of dicts (draft, step, step_title,
waiting_on, next_deadline {what, due, days_left, hours_left, overdue} or None, problem).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from icpfile.filing import status
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
    "zh": {"head": ["草稿", "步骤", "等待", "下一个期限", "截止", "剩余"], "none": "—", "overdue": "已过期",
           "days": "{n} 天", "hours": "{n} 小时", "problem": "无法读取"},
    "en": {"head": ["draft", "step", "waiting on", "next deadline", "due", "left"], "none": "-", "overdue": "overdue",
           "days": "{n} days", "hours": "{n} h", "problem": "cannot be read"},
}


def drafts_in(folder: Path) -> list[Path]:
    from icpfile.batch import SUFFIXES
    from icpfile.load import files

    return [e.path for e in files.walk(folder, str(folder), SUFFIXES) if e.problem is None and e.path is not None]


def orders(folder: Path, lang: str, today: dt.date) -> list[dict[str, Any]]:
    pick = 0 if lang == "zh" else 1
    found = []
    for draft in drafts_in(folder):
        try:
            data = status.summary(draft, lang, today)
        except status.StatusError as exc:
            found.append({"draft": mask_text(str(draft)), "step": None, "step_title": None, "waiting_on": None,
                          "next_deadline": None, "problem": mask_text(str(exc))})
            continue
        running = sorted(data["deadlines"], key=lambda d: d["due"])
        soonest = running[0] if running else None
        found.append({
            "draft": mask_text(str(draft)),  # a draft named by the client's ID number, as check masks it
            "step": data["step"],
            "step_title": data["step_title"],
            "waiting_on": WAITING_ON.get(data["step"], ("", ""))[pick],
            "next_deadline": None if soonest is None else {k: soonest[k] for k in (
                "id", "what", "due", "days_left", "hours_left", "overdue", "source")},
            "problem": None,
        })
    return sorted(found, key=lambda o: (o["next_deadline"] is None, (o["next_deadline"] or {}).get("due", ""),
                                        o["draft"]))


def rows(found: list[dict[str, Any]], lang: str) -> list[list[Any]]:
    w = WORDS.get(lang, WORDS["en"])
    table: list[list[Any]] = [w["head"]]
    for o in found:
        d = o["next_deadline"]
        if o["problem"]:
            table.append([o["draft"], w["problem"], o["problem"], w["none"], w["none"], w["none"]])
            continue
        if d is None:
            left = w["none"]
        elif d["overdue"]:
            left = w["overdue"]
        elif d["id"] == "sms_code":
            left = w["hours"].format(n=d["hours_left"])
        else:
            left = w["days"].format(n=d["days_left"])
        table.append([o["draft"], o["step_title"], o["waiting_on"], d["what"] if d else w["none"],
                      d["due"] if d else w["none"], left])
    return table


def render(folder: Path, fmt: str, lang: str, today: dt.date) -> str | bytes:
    found = orders(folder, lang, today)
    if fmt == "json":
        return json.dumps({"version": 1, "orders": found}, ensure_ascii=False, indent=2) + "\n"
    table = rows(found, lang)
    if fmt == "xlsx":
        from icpfile.sheets.exporter import xlsx_bytes

        return xlsx_bytes([("状态" if lang == "zh" else "status", table)], None)
    widths = [max(len(str(r[i])) for r in table) for i in range(len(table[0]))]
    return "".join("  ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)).rstrip() + "\n" for r in table)

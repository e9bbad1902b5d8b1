"""`icpfile submit --platform wechat DRAFT` and `icpfile platform codes --refresh`: the wiring of the
WeChat flow (`wechat.Flow`) to a draft, its state, its findings and the person.

`submit` returns (exit code, report or None): the report carries the draft's findings when the
draft does not check clean for WeChat, or WeChat's rejection (86202's hints and the entrance
info's audit_data) placed at the draft's lines as ICP575, with the icpfile rule that checks the
same field where there is one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from icpfile.commands.platform_export import export_body
from icpfile.findings import FileReport, Issue
from icpfile.options import Options
from icpfile.platforms import wechat


def submit(draft: Path, yes: bool, options: Options, echo: Callable[[str], None],
           progress: Callable[[str], None], status_only: bool = False,
           token_file: Path | None = None) -> tuple[int, FileReport | None]:
    """Run (or, without `yes`, print) the whole flow. Raises wechat.SubmitError for a one-line stop."""
    from filelock import FileLock, Timeout

    done = export_body(draft, "wechat", options)
    if done.body is None:
        return (2 if done.internal else 1), done.report
    path = wechat.state_path(draft)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path) + ".lock")
    try:
        lock.acquire(timeout=0.5)
    except Timeout:
        raise wechat.SubmitError(f"another icpfile submit is running on {draft.name}") from None
    try:
        flow = wechat.Flow(draft, done.built, options.lang, echo, progress, state=wechat.load_state(draft),
                           poll_seconds=float(os.environ.get(wechat.POLL_ENV) or 5.0))
        token = wechat.access_token(token_file)
        if not yes and not status_only:
            flow.dry_run(draft.parent, has_token=bool(token))
            return 0, None
        if not token:
            raise wechat.SubmitError(wechat.say("no_token", options.lang))
        flow.token = token
        client = wechat.Client(token)
        try:
            if status_only:
                entrance = flow.entrance(client)
                code = 1 if entrance.get("code") in (3, 5) else 0
            else:
                code = flow.run(client, draft.parent)
        except wechat.WeChatError as exc:
            raise wechat.SubmitError(flow.scrub(exc.line(options.lang))) from None
        finally:
            client.close()
        rejected = flow.state.get("rejection") or (flow.state.get("entrance") or {}).get("audit_data")
        if code and rejected:
            return code, rejection_report(draft, done.built, flow.state, options)
        return code, None
    finally:
        lock.release()


def rejection_report(draft: Path, built: Any, state: dict[str, Any], options: Options) -> FileReport:
    """WeChat's reasons at the draft's lines (ICP575), each with the icpfile rule of the same field."""
    from icpfile import engine
    from icpfile.load.read import load_path
    from icpfile.platforms.export import mapping
    from icpfile.values.echo import shown_path

    related = mapping("wechat").get("related") or {}
    issues = []
    reasons = [(h.get("err_field", ""), h.get("errmsg", "")) for h in (state.get("rejection") or {}).get("hints", [])]
    reasons += [(a.get("key_name", ""), "；".join(x for x in (a.get("error"), a.get("suggest")) if x))
                for a in (state.get("entrance") or {}).get("audit_data", [])]
    for field_name, reason in reasons:
        code = related.get(field_name.rpartition(".")[2])
        issues.append(Issue.of("ICP575", built.pointer_of(field_name), {
            "platform": "wechat", "field": field_name or "—", "reason": reason or "—",
            "rule": f" ({code})" if code else ""}))
    doc = load_path(draft, str(draft))
    return FileReport(shown_path(str(draft), options.show_pii), engine.findings_of(doc, issues, options))


def status_lines(draft: Path, lang: str) -> list[str]:
    """What `icpfile status` adds for a WeChat submission: uploads, the face check, the status."""
    try:
        state = wechat.load_state(draft) if wechat.state_path(draft).is_file() else None
    except wechat.SubmitError as exc:
        return [str(exc)]
    if not state:
        return []
    zh = lang == "zh"
    task = state.get("task") or {}
    entrance = state.get("entrance") or {}
    lines = [("微信小程序备案（icpfile submit）：" if zh else "WeChat filing (icpfile submit): ")
             + (f"已上传 {len(state['media'])} 个材料" if zh else f"{len(state['media'])} material(s) uploaded")]
    if task:
        face = f"{task.get('face', '?')} ({task.get('created_at', '')})"
        lines.append(("  人脸核验：" if zh else "  face check: ") + face)
    if state.get("applied_at"):
        lines.append(("  已提交：" if zh else "  submitted: ") + state["applied_at"])
    if entrance:
        lines.append(("  状态：" if zh else "  status: ") + f"{entrance.get('status')} ({entrance.get('code')}), "
                     + ("查询于 " if zh else "as of ") + str(entrance.get("at")))
        for item in entrance.get("audit_data", [])[:10]:
            lines.append(f"    {item.get('key_name')}: {item.get('error')} {item.get('suggest')}".rstrip())
    if state.get("rejection"):
        lines.append(("  被驳回：" if zh else "  rejected: ") + str(len(state["rejection"].get("hints", []))) +
                     (" 项，详见 icpfile submit 的输出" if zh else " field(s); see icpfile submit's output"))
    return lines


# ------------------------------------------------------------------ platform codes --refresh


def refresh_codes(output: Path, lang: str, token_file: Path | None = None) -> dict[str, Any]:
    """Fetch WeChat's current lists (query_icp_*) and write them as a codes file for exports."""
    from icpfile.schema import draft as sch

    token = wechat.access_token(token_file)
    if not token:
        raise wechat.SubmitError(wechat.say("no_token", lang))
    client = wechat.Client(token)
    try:
        lists = {name: client.call("GET", f"query_icp_{name}").get("items") or []
                 for name in ("subject_types", "certificate_types", "nrlx_types", "service_content_types")}
    except wechat.WeChatError as exc:
        raise wechat.SubmitError(exc.line(lang).replace(token, "***")) from None
    finally:
        client.close()
    defs = sch.schema()["$defs"]

    def by_label(node: dict[str, Any]) -> dict[str, str]:
        return dict(zip(node["enumDescriptions"], node["enum"]))

    natures_named = by_label(defs["subject"]["properties"]["nature"])
    certs_named = by_label(defs["certificate_type"])
    approvals_named = {**by_label(defs["pre_approval"]["properties"]["category"]), "以上都不涉及": "none"}
    items = {k: [i for i in v if isinstance(i, dict) and isinstance(i.get("type"), int)] for k, v in lists.items()}
    natures = {natures_named[i["name"]]: i["type"] for i in items["subject_types"] if i.get("name") in natures_named}
    nature_of = {v: k for k, v in natures.items()}
    certificates: dict[str, int] = {}
    by_nature: dict[str, dict[str, int]] = {}
    for item in items["certificate_types"]:
        code = certs_named.get(item.get("name"))
        if code is None:
            continue
        nature = nature_of.get(item.get("subject_type"))
        if nature:
            by_nature.setdefault(code, {})[nature] = item["type"]
    for code, per in by_nature.items():
        if len(set(per.values())) == 1:
            certificates[code] = next(iter(per.values()))
    parents = {i["type"]: i.get("name") for i in items["service_content_types"] if not i.get("parent_type")}
    content = {f"{parents[i['parent_type']]}-{i.get('name')}": i["type"] for i in items["service_content_types"]
               if i.get("parent_type") in parents}
    data = {
        "platform": "wechat", "date": dt.date.today().isoformat(), "source": "WXA (query_icp_* endpoints)",
        "natures": natures, "certificates": certificates,
        "certificates_by_nature": {k: v for k, v in by_nature.items() if len(set(v.values())) > 1},
        "pre_approvals": {approvals_named[i["name"]]: i["type"] for i in items["nrlx_types"]
                          if i.get("name") in approvals_named},
        "service_content": content,
    }
    from icpfile.load.files import write_atomic

    output.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(output, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return data

"""Materials: each listed file is there and is what it claims, and nothing the filing needs is missing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from icpfile.checks import rule
from icpfile.checks.context import OUTSIDE, Context, text, unreadable_case
from icpfile.findings import Cited, Issue, Own
from icpfile.values import approved
from icpfile.values import material_needs as mat


def entries(ctx: Context) -> Iterator[tuple[str, str]]:
    """(pointer of the path, path as typed) for every listed material and pre-approval document."""
    listed = ctx.data.get("materials")
    if isinstance(listed, list):
        for i, entry in enumerate(listed):
            if isinstance(entry, dict) and text(entry.get("path")).strip():
                yield f"/materials/{i}/path", entry["path"].strip()
    for _, ptr, site in ctx.websites():
        approvals = site.get("pre_approvals")
        for j, approval in enumerate(approvals if isinstance(approvals, list) else []):
            if isinstance(approval, dict) and text(approval.get("document")).strip():
                yield f"{ptr}/pre_approvals/{j}/document", approval["document"].strip()


def kind_at(ctx: Context, ptr: str) -> str:
    """The material kind of the entry whose path is at `ptr` (`/materials/3/path`), else ''."""
    listed = ctx.data.get("materials")
    parts = ptr.split("/")
    if ptr.startswith("/materials/") and isinstance(listed, list) and parts[2].isdigit():
        entry = listed[int(parts[2])] if int(parts[2]) < len(listed) else None
        return text(entry.get("kind")) if isinstance(entry, dict) else ""
    return ""


@rule
def material_outside_folder(ctx: Context) -> Iterator[Issue]:
    """A material path that leaves the draft's folder (absolute, `../`, or a symlink): refused
    unread, so a draft cannot make a CI run read or reveal other files (icpfile)."""
    for ptr, raw in entries(ctx):
        if ctx.file_head(raw)[2] == OUTSIDE:
            yield Issue(ptr, {"path": raw, "root": str(ctx.root)})


@rule
def material_readable(ctx: Context) -> Iterator[Issue]:
    for ptr, raw in entries(ctx):
        head, _, why = ctx.file_head(raw)
        if head is None and why != OUTSIDE:
            yield Issue(ptr, {"path": raw, "why": why, "base": str(ctx.base), "message": unreadable_case(why)})


@rule
def material_format(ctx: Context) -> Iterator[Issue]:
    formats = ctx.national["material_formats"]
    for ptr, raw in entries(ctx):
        head, _, _ = ctx.file_head(raw)
        if head is not None and mat.sniff(head, formats, kind_at(ctx, ptr)) is None:
            yield Issue(ptr, {"path": raw})  # never its bytes: they are the file's content


@rule
def material_name(ctx: Context) -> Iterator[Issue]:
    formats = ctx.national["material_formats"]
    for ptr, raw in entries(ctx):
        head, _, _ = ctx.file_head(raw)
        kind = mat.sniff(head, formats, kind_at(ctx, ptr)) if head is not None else None
        ending = raw.rsplit(".", 1)[-1].lower() if "." in raw else ""
        if kind and ending not in formats[kind]["endings"]:
            yield Issue(ptr, {"path": raw, "format": kind.upper(), "ending": ending or "—"})


@rule
def material_size(ctx: Context) -> Iterator[Issue]:
    limit = int(ctx.national["material_max_bytes"])
    for ptr, raw in entries(ctx):
        head, size, _ = ctx.file_head(raw)
        if head is not None and size > limit:
            yield Issue(ptr, {"path": raw, "size": size, "limit": limit,
                                        "mib": round(size / 1048576, 1), "limit_mib": round(limit / 1048576, 1)})


def _approved_as_is(ctx: Context) -> bool:
    """The draft is an approved filing's record with nothing changed since: its materials were
    submitted and accepted, so the first filing's list no longer applies (a new user's approved draft
    was told forever to add them once it listed the police filing's safety assessment)."""
    return bool(approved.record(ctx.data)) and not ctx.changes_since_approval


def _lists_icp_materials(ctx: Context) -> bool:
    """The draft's `materials:` lists the ICP order's materials: it holds an entry of a kind other
    than those only the police filing uploads (a safety assessment the wizard wrote for the police
    step switched a first filing's materials rule to "list them all", walker21)."""
    listed = ctx.data.get("materials")
    police_only = set(ctx.national.get("police_only_materials") or ())
    return isinstance(listed, list) and any(
        not isinstance(entry, dict) or not isinstance(entry.get("kind"), str) or entry["kind"] not in police_only
        for entry in listed)


def _specs(ctx: Context) -> list[dict[str, Any]]:
    """The material records that apply to this draft (`mat.required_specs`), found once per draft:
    ICP705/706 and ICP707 each asked for them."""
    return ctx.memo("materials.specs", lambda: mat.required_specs(ctx.data, ctx.national, ctx.pack))


@rule
def material_missing(ctx: Context) -> Iterator[Issue]:
    if not _lists_icp_materials(ctx) or _approved_as_is(ctx):
        return
    for need in mat.missing(ctx.data, ctx.national, ctx.pack, _specs(ctx)):
        yield Issue("/materials", {"what": need.label(ctx.options.lang), "kind": need.kind,
                                             "source": Cited(need.source)})


@rule
def materials_needed(ctx: Context) -> Iterator[Issue]:
    if _lists_icp_materials(ctx) or _approved_as_is(ctx):
        return
    needs = mat.required(ctx.data, ctx.national, ctx.pack, _specs(ctx))
    if needs:
        if ctx.options.lang == "zh":
            listing = "；".join(f"{n.label('zh')}（{n.kind}）" for n in needs)
        else:
            listing = "; ".join(f"{n.label('en')} ({n.kind})" for n in needs)
        yield Issue("", {"list": Own(listing), "count": len(needs)})


@rule
def material_file_form(ctx: Context) -> Iterator[Issue]:
    """A province that prescribes a material's file (湖南: the plan as a PDF named after the unit)."""
    formats = ctx.national["material_formats"]
    subject_name = text(ctx.subject.get("name"))
    listed = ctx.data.get("materials")
    for spec in _specs(ctx):
        if not (spec.get("file_format") or spec.get("file_name")):
            continue
        for i, entry in enumerate(listed if isinstance(listed, list) else []):
            if not isinstance(entry, dict) or entry.get("kind") != spec["kind"] or not text(entry.get("path")):
                continue
            raw = entry["path"].strip()
            head, _, _ = ctx.file_head(raw)
            kind = mat.sniff(head, formats, spec["kind"]) if head is not None else None
            wanted_name = f"{subject_name}.{spec.get('file_format', 'pdf')}" if spec.get("file_name") else ""
            wrong_format = spec.get("file_format") and kind is not None and kind != spec["file_format"]
            wrong_name = wanted_name and subject_name and Path(raw).name != wanted_name
            if wrong_format or wrong_name:
                yield Issue(f"/materials/{i}/path", {
                    "path": raw, "what": spec["zh"] if ctx.options.lang == "zh" else spec["en"],
                    "format": str(spec.get("file_format", "")).upper(), "name": wanted_name or raw,
                })

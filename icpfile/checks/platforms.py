"""The mini-program platforms' own requirements: what their filing APIs need and limit.

They apply only where a platform is in play: under `icpfile export|submit --platform P`
(`options.platform`), and, for the limits of a platform's own (file sizes, pixels, text lengths),
also when the draft's mini-programs name the platform as `host`. The request's fields and limits
are data (`icpfile/platforms/<platform>.yaml`); these functions only compare. Pillow reads image
dimensions, imported inside the one rule that needs it.
"""

from __future__ import annotations

from collections.abc import Iterator

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Cited, Issue


def _built(ctx: Context):
    """The export of the draft for `--platform`, built once per check (None without one)."""
    if not ctx.options.platform:
        return None
    cached = ctx.__dict__.get("_platform_built")
    if cached is None:
        from pathlib import Path

        from icpfile.platforms import codes as pc
        from icpfile.platforms.export import build

        overlay = Path(ctx.options.codes) if ctx.options.codes else pc.overlay_path(ctx.base, ctx.options.platform)
        try:
            codes = pc.Codes.load(ctx.options.platform, overlay)
        except pc.CodesError:
            codes = pc.Codes.load(ctx.options.platform)
        cached = ctx.__dict__["_platform_built"] = build(ctx.data, ctx.options.platform, codes)
    return cached


def _platforms(ctx: Context) -> list[str]:
    """The platforms whose own limits apply: `--platform`, or those the draft's apps name. A draft
    with neither never imports the platforms' mappings (#23: `check` pays only for what it uses)."""
    if ctx.options.platform:
        return [ctx.options.platform]
    apps = ctx.data.get("apps")
    if not isinstance(apps, list) or not any(isinstance(a, dict) and a.get("host") for a in apps):
        return []
    from icpfile.platforms.export import platforms_named

    return platforms_named(ctx.data)


def _problems(ctx: Context, kinds: tuple[str, ...]) -> Iterator[Issue]:
    built = _built(ctx)
    for problem in built.problems if built else []:
        if problem.kind in kinds:
            yield Issue(problem.pointer, dict(problem.params))


@rule
def platform_field_missing(ctx: Context) -> Iterator[Issue]:
    yield from _problems(ctx, ("missing",))


@rule
def platform_field_invalid(ctx: Context) -> Iterator[Issue]:
    yield from _problems(ctx, ("invalid",))


@rule
def platform_code_unknown(ctx: Context) -> Iterator[Issue]:
    yield from _problems(ctx, ("code",))


def _pixels(ctx: Context, raw: str) -> tuple[int, int] | None:
    """The image's width and height from its header (Pillow), or None when it is not an image."""
    from icpfile.values import material_needs as mat

    try:
        from PIL import Image, UnidentifiedImageError

        path = mat.resolve(ctx.base, raw, ctx.root)
        if path is None:
            return None
        with Image.open(path) as image:  # reads the header only; nothing is decoded
            return image.size
    except (OSError, ValueError, UnidentifiedImageError):
        return None


@rule
def platform_media_limit(ctx: Context) -> Iterator[Issue]:
    """A material outside a platform's upload limits: format, bytes, pixels (either orientation)."""
    listed = ctx.data.get("materials")
    platforms = _platforms(ctx) if isinstance(listed, list) else []
    if not platforms:
        return
    from icpfile.platforms.export import mapping
    from icpfile.values import material_needs as mat

    formats = ctx.national["material_formats"]
    for platform in platforms:
        for limit in mapping(platform).get("media_limits") or []:
            for i, entry in enumerate(listed):
                if not isinstance(entry, dict) or entry.get("kind") not in limit["kinds"]:
                    continue
                if limit.get("subject", "any") not in ("any", ctx.nature_key) or not ctx.nature:
                    continue  # `subject: unit|personal`: a person's subject certificate is an ID
                raw = text(entry.get("path")).strip()
                head, size, _ = ctx.file_head(raw) if raw else (None, 0, "")
                if head is None:
                    continue  # ICP701 says why
                params = {"platform": platform, "path": raw, "source": Cited(limit["source"])}
                found = mat.sniff(head, formats, text(entry.get("kind")))
                if "formats" in limit and found not in limit["formats"]:
                    yield Issue(f"/materials/{i}/path", {**params, "hint": "format",
                                                         "want": "/".join(f.upper() for f in limit["formats"])})
                    continue
                low, high = limit.get("min_bytes", 0), limit.get("max_bytes")
                if size < low or (high is not None and size > high):
                    want = f"{round(low / 1024)} KB–{round((high or 0) / 1024)} KB"
                    yield Issue(f"/materials/{i}/path", {**params, "hint": "bytes", "size_kb": round(size / 1024),
                                                         "want": want})
                    continue
                if "min_pixels" in limit and found in ("jpeg", "png"):
                    pixels = _pixels(ctx, raw)
                    need = sorted(limit["min_pixels"])
                    if pixels and (min(pixels) < need[0] or max(pixels) < need[1]):
                        yield Issue(f"/materials/{i}/path", {**params, "hint": "pixels",
                                                             "size": f"{pixels[0]}×{pixels[1]}",
                                                             "want": f"{need[0]}×{need[1]}"})


@rule
def platform_legal_representative(ctx: Context) -> Iterator[Issue]:
    """A unit whose principal is not the legal representative (the draft's `investor`, which a unit
    writes as its legal representative) gives `legal_representative` where the platform asks (WXA)."""
    if not ctx.is_unit or "legal_representative" in ctx.subject:
        return
    principal = ctx.subject.get("principal")
    name = text(principal.get("name")).strip() if isinstance(principal, dict) else ""
    investor = text(ctx.subject.get("investor")).strip()
    if not name or not investor or name == investor or investor == text(ctx.subject.get("name")).strip():
        return
    platforms = _platforms(ctx)
    if not platforms:
        return
    from icpfile.platforms.export import mapping

    for platform in platforms:
        if mapping(platform).get("needs_legal_representative"):
            yield Issue("/subject", {"platform": platform})
            return

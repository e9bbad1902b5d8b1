"""`icpfile name`: will this name pass? Every rule that judges a name, without a draft.

The name is put into a clean synthetic draft (the rule examples' base for the nature, in the
chosen province, for the chosen provider) and the whole pipeline runs on it; only the findings
reported at the name's own pointer are kept. Rules are selected by where they report, not by a
list of codes, so a name rule added later is included without touching this module. The base
draft is clean, so any finding at the name is about the name. One run costs a few milliseconds
once the catalog is cached.

Where a name goes is data (`KINDS`): the list it sits in, and the example base whose entry of that
kind stands around it; the subject always comes from the base of the nature.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from icpfile.data.catalog import read_data
from icpfile.data.words import Said
from icpfile.findings import FileReport
from icpfile.load import pointer as jp
from icpfile.load.document import Document, Plain
from icpfile.options import Options
from icpfile.records import replace
from icpfile.schema import draft as sch

# kind → (the list the name's entry sits in, the example base that holds a clean entry of that kind)
KINDS: dict[str, tuple[str, str]] = {
    "website": ("websites", "enterprise"),
    "app": ("apps", "app_only"),
    "mini_program": ("apps", "mini_program"),
}


class NameCheckError(Said):
    """A province, nature, provider or kind the command cannot use (the CLI exits 2); a catalog
    line (data/words.yaml), so the CLI prints it in the run's language."""


def _pick(value: str, codes: dict[str, str], what: str) -> str:
    """A code from its code, its Chinese label, or a unique prefix (`浙江` → `浙江省`)."""
    code = sch.pick_code(value, codes)
    if code is None:
        from icpfile.data.aliases import aliased

        code = aliased(value)  # an English name: --province Zhejiang (walker41 item 7)
        code = code if code in codes else None
    if code is None:
        from icpfile.values.echo import shown

        raise NameCheckError(f"choice_unknown.{what}", value=shown(value), known=", ".join(codes))  # cut (breaker42)
    return code


def provinces() -> dict[str, str]:
    """The 31 province names the draft format takes (they are their own labels)."""
    return {str(p): "" for p in sch.at(["subject", "province"])["enum"]}


def providers() -> dict[str, str]:
    """The draft format's provider codes (empty where the format has no `filing.provider`)."""
    node = sch.at(["filing", "provider"])
    return sch.labels(node) if node is not None else {}


def _pointer(kind: str) -> str:
    return f"/{KINDS[kind][0]}/0/name"


def synthetic(name: str, province: str, nature: str, provider: str | None = None,
              kind: str = "website", subject: str | None = None) -> dict[str, Any]:
    """A clean draft of `nature` in `province` whose `kind` name is `name`.

    `subject` names the person or the unit (rules compare a site's name with it); without it the
    base's made-up subject stands.

    Raises NameCheckError for an unknown province, nature, provider or kind.
    """
    if kind not in KINDS:
        raise NameCheckError("choice_unknown.kind", value=kind, known=", ".join(KINDS))
    # Bytes the argument could not decode arrive as lone surrogates (`$'\xff'`, a GB18030 name):
    # no rule can judge them, and the name "passed" (breaker22 L17)
    for key, given in (("name_undecodable.name", name), ("name_undecodable.subject", subject or "")):
        if any("\udc80" <= c <= "\udcff" for c in given):
            raise NameCheckError(key)
    nature = _pick(nature, sch.code_labels("nature"), "nature")
    bases = read_data("example_bases.yaml")
    data = copy.deepcopy(bases["personal" if nature == "personal" else "enterprise"])
    section, base = KINDS[kind]
    entry = copy.deepcopy(bases[base][section][0])
    data.pop("websites", None)
    data[section] = [entry]
    data["subject"]["province"] = _pick(province, provinces(), "province")
    data["subject"]["nature"] = nature
    if provider:
        known = providers()
        if not known:
            raise NameCheckError("no_provider_rules")
        data["filing"]["provider"] = _pick(provider, known, "provider")
    if subject:
        data["subject"]["name"] = data["subject"]["investor"] = subject
        if nature == "personal":
            data["subject"]["principal"]["name"] = subject
    jp.assign(data, _pointer(kind), name)
    return data


# DEL and the C1 controls (YAML does not take them raw; NEL is a line break), the line and paragraph
# separators, the BOM and the two noncharacters of the BMP's end: each as its JSON escape.
_LINE_BREAKS = {c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)}


def _json(value: Any) -> str:
    # JSON is YAML, with the characters YAML takes for a line break written as escapes, so the loader
    # reads back the name as typed: PyYAML wrote NEL (U+0085) and U+2028 raw, which came back folded
    # ('静夜\x85读书' as '静夜\x85    读书', breaker22/23 L26). JSON itself escapes the C0 controls.
    return json.dumps(value, ensure_ascii=False).translate(_LINE_BREAKS)


def document(data: dict[str, Any], shown: str) -> Document:
    """The Document the loader makes of the synthetic draft written as one line of JSON, built
    from `data` as it is written: the same text, the same values (a string as `str`, every other
    scalar as the `Plain` text JSON gives it), the same positions and text spans. PyYAML's import
    and its parse were most of a `name` run (#23; tests/test_name.py holds both ways equal)."""
    doc = Document(path=shown)
    values, keys, spans = doc.values, doc.keys, doc.text_spans
    pieces: list[str] = []
    at = 0

    def put(text: str) -> None:
        nonlocal at
        pieces.append(text)
        at += len(text)

    def walk(value: Any, pointer: str, key_mark: tuple[int, int] | None) -> Any:
        values.setdefault(pointer, (1, at + 1))
        if key_mark is not None:
            keys.setdefault(pointer, key_mark)
        if isinstance(value, dict):
            put("{")
            mapping: dict[str, Any] = {}
            for i, (key, item) in enumerate(value.items()):
                if i:
                    put(", ")
                mark, start = (1, at + 1), at
                put(_json(key))
                if "icpfile:" in key:
                    spans.append((start, at))
                put(": ")
                mapping[key] = walk(item, jp.join(pointer, key), mark)
            put("}")
            return mapping
        if isinstance(value, list):
            put("[")
            sequence = []
            for i, item in enumerate(value):
                if i:
                    put(", ")
                sequence.append(walk(item, jp.join(pointer, i), None))
            put("]")
            return sequence
        start, text = at, _json(value)
        put(text)
        if isinstance(value, str):
            if "icpfile:" in value:
                spans.append((start, at))
            return str(value)
        return Plain(text)

    doc.data = walk(data, "", None)
    doc.text = "".join(pieces)
    return doc


def check(name: str, province: str, nature: str, options: Options, provider: str | None = None,
          kind: str = "website", subject: str | None = None) -> FileReport:
    """Every finding about the name, as the report of a one-line file named by the name itself.

    Raises NameCheckError (see `synthetic`).
    """
    from icpfile import engine
    from icpfile.load.decoding import MAX_BYTES

    data = synthetic(name, province, nature, provider, kind, subject)
    doc = document(data, name)
    if len(doc.text) > MAX_BYTES // 4:  # what the loader would refuse or cut: it says so, as for a file
        doc = engine.load_bytes(doc.text.encode("utf-8"), name)
    result = engine.check_document(doc, options)
    if result.internal:
        raise RuntimeError("; ".join(result.internal))
    where = _pointer(kind)
    found = [replace(f, line=1, column=1) for f in result.report.findings if f.pointer == where]
    from icpfile.values.echo import shown

    return FileReport(shown(name, options.show_pii), found)  # the name as a path: masked, escaped (D07, E05)


def render_text(report: FileReport, province: str, nature: str, kind: str, lang: str, strict: bool) -> str:
    """The verdict on one name, as a person asked it (#22 P22: it printed like a file check,
    `云帆:1:1`, `1 file(s) checked`): a head line with the name, where and what it was judged for
    and the verdict, then each finding with its hint and source. Words from data/words.yaml."""
    from icpfile.data.words import say
    from icpfile.findings import Severity
    from icpfile.report import words_of
    from icpfile.values.echo import escape_controls

    words = words_of(lang)
    natures = sch.code_labels("nature")
    code = _pick(nature, natures, "nature")
    where = {
        "name": report.path,
        "kind": say(f"name_kind.{kind}", lang),
        "province": _pick(province, provinces(), "province"),
        "nature": natures.get(code, code) if lang == "zh" else code,
    }
    errors = sum(f.severity is Severity.ERROR for f in report.findings)
    warnings = sum(f.severity is Severity.WARNING for f in report.findings)
    if not report.valid(strict):
        head = say("name_refused", lang, errors=errors, warnings=warnings, **where)
    elif warnings:
        head = say("name_passes_warned", lang, warnings=warnings, **where)
    else:
        head = say("name_passes", lang, **where)
    lines = [head]
    for f in report.findings:
        lines.append(f"  {words[f.severity.value]}  {f.rule}  {escape_controls(f.message)}")
        if f.hint:
            lines.append(f"    = {words['hint']}: {escape_controls(f.hint)}")
        lines.append(f"    = {words['source']}: {escape_controls(f.source)}")
    return "".join(line + "\n" for line in lines)

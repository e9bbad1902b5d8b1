"""`icpfile rules [CODE]`: the catalog as a table, as JSON, or one rule explained in full."""

from __future__ import annotations

import json

from icpfile.data.catalog import Rule, rules, unfilled
from icpfile.data.sources import cited
from icpfile.data.sources import shown as shown_source
from icpfile.report import words_of

_HEAD = {
    "zh": {"what": "规则", "why": "原因", "source": "依据", "fix": "修改建议", "severity": "级别",
           "examples": "示例", "pass": "通过", "fail": "不通过", "where": "位置", "record": "记录",
           "check": "检查函数", "tests": "示例由 tests/test_rules.py 作为测试运行",
           "providers": "各接入商的做法", "basis": "依据类别", "stated_by": "仅由以下接入商或平台明说",
           "messages": "提示语（按情形，default 为默认）", "gives": "提示语"},
    "en": {"what": "rule", "why": "why", "source": "source", "fix": "how to fix", "severity": "severity",
           "examples": "examples", "pass": "passes", "fail": "fails", "where": "where", "record": "record",
           "check": "check", "tests": "its examples run as tests in tests/test_rules.py",
           "providers": "each provider's position", "basis": "basis", "stated_by": "stated only by",
           "messages": "messages (by case; default unless another applies)", "gives": "message"},
}


def _record(rule: Rule, lang: str) -> dict[str, object]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "basis": rule.basis,
        "stated_by": list(rule.stated_by),
        "group": rule.group,
        "summary": rule.summary[lang],
        "rationale": rule.rationale[lang],
        "message": rule.message[lang],
        "messages": {name: text[lang] for name, text in rule.messages.items()},
        "hint": rule.hint[lang],
        "source": rule.source,
        "sources": [
            {"key": s.key, "title": s.title, "date": s.date, **({"url": s.url} if s.url else {})}
            for s in cited(rule.source)
        ],
        "record": f"icpfile/{rule.file}",
        "function": _function(rule),
        "providers": {code: text[lang] for code, text in rule.providers.items()},
        "applies": dict(rule.applies),
        "examples": list(rule.examples),
    }


# What each basis means, as `icpfile rules CODE` says it (record.schema.json: basis).
BASIS = {
    "stated": {"zh": "stated（有来源明说）", "en": "stated (a source says so)"},
    "refusal": {"zh": "refusal（有记录的驳回案例）", "en": "refusal (a documented refusal)"},
    "standard": {"zh": "standard（公开标准：校验码、UTS 46、RFC 5322 等）",
                 "en": "standard (a published standard: check digits, UTS 46, RFC 5322 …)"},
    "format": {"zh": "format（icpfile 草稿格式本身）", "en": "format (the draft format itself)"},
    "inferred": {"zh": "inferred（icpfile 的推断，因此只是警告）",
                 "en": "inferred (icpfile's reasoning, hence no error)"},
}


def _who(codes: tuple[str, ...], lang: str) -> str:
    """Provider codes as names (`tencent` → 腾讯云 (tencent)); a platform code is shown as written."""
    from icpfile.data.packs import builtin

    providers = builtin().providers
    return ", ".join(f"{providers[c][lang]} ({c})" if c in providers else c for c in codes)


def _function(rule: Rule) -> str:
    """Where the code that reports `rule` lives: `icpfile/checks/names.py::name_min_hanzi`."""
    if rule.check:
        return f"icpfile/{rule.file[: -len('.yaml')]}.py::{rule.function}"
    return f"icpfile/{rule.file.split('/')[0]}/"


# The rule examples' clean drafts (data/example_bases.yaml), as a reader knows them (#22 P26:
# `base: enterprise_app` named an internal fixture).
_BASES = {
    "enterprise": ("一份无误的企业草稿", "a clean enterprise draft"),
    "personal": ("一份无误的个人草稿", "a clean personal draft"),
    "enterprise_app": ("一份无误的企业草稿（网站和 APP）", "a clean enterprise draft with a website and an app"),
    "app_only": ("一份无误的企业 APP 草稿", "a clean enterprise draft of one app"),
    "mini_program": ("一份无误的个人小程序草稿", "a clean personal mini-program draft"),
    "personal_police": ("一份已通过的个人草稿（含公安备案）", "a clean approved personal draft with its police filing"),
    "enterprise_police": ("一份已通过的企业草稿（含公安备案）",
                          "a clean approved enterprise draft with its police filing"),
    "enterprise_filed": ("一份已通过的企业草稿", "a clean approved enterprise draft"),
}


def _example(example: dict, lang: str = "en") -> str:
    if "text" in example:
        return "\n".join("      | " + line for line in str(example["text"]).splitlines())
    base = str(example.get("base"))
    named = _BASES.get(base)
    parts = [f"{'from' if lang == 'en' else '起点'}: {named[lang == 'en'] if named else base}"]
    for pointer, value in (example.get("set") or {}).items():
        parts.append(f"{pointer} = {json.dumps(value, ensure_ascii=False)}")
    for pointer in example.get("unset") or []:
        parts.append(f"remove {pointer}")
    if "today" in example:
        parts.append(f"--today {example['today']}")
    if "at" in example:  # where the rule reports (the example test holds it)
        at = example["at"]
        parts.append("→ " + (at if isinstance(at, str) else ", ".join(at)))
    if "message" in example:  # the message variant it gives (the example test holds it)
        parts.append(f"{_HEAD[lang]['gives']}: {example['message']}")
    return "      " + "; ".join(parts)


def render(code: str | None, fmt: str, lang: str) -> str:
    catalog = rules()
    if code is not None:
        rule = catalog[code.upper()]
        if fmt == "json":
            return json.dumps(_record(rule, lang), ensure_ascii=False, indent=2) + "\n"
        words = _HEAD[lang]
        lines = [
            f"{rule.code} {rule.name} ({words['severity']}: {words_of(lang)[rule.severity.value]})",
            "",
            f"{words['what']}: {rule.summary[lang]}",
            f"{words['why']}: {rule.rationale[lang]}",
            f"{words['basis']}: {BASIS[rule.basis][lang]}",
            *([f"{words['stated_by']}: {_who(rule.stated_by, lang)}"] if rule.stated_by else []),
            f"{words['source']}: {shown_source(rule.source, lang)}",
            *(f"  {s.key}: {s.title} ({s.date})" for s in cited(rule.source)),
            f"{words['fix']}: {unfilled(rule.hint[lang])}",
            f"{words['where']}: {words['record']} icpfile/{rule.file} · {words['check']} {_function(rule)} · "
            f"{words['tests']}",
        ]
        if rule.messages:  # message variants: which text a finding takes, by case (#18)
            lines += ["", f"{words['messages']}:", f"  default: {unfilled(rule.message[lang])}"]
            lines += [f"  {name}: {unfilled(text[lang])}" for name, text in rule.messages.items()]
        if rule.providers:
            lines += ["", f"{words['providers']}:"]
            lines += [f"  {code}: {text[lang]}" for code, text in rule.providers.items()]
        if rule.examples:
            lines += ["", f"{words['examples']}:"]
            for example in rule.examples:
                lines.append(f"  {words[example['expect']]}:")
                lines.append(_example(example, lang))
        return "\n".join(lines) + "\n"
    return render_list(list(catalog.values()), fmt, lang)


def render_list(listed: list[Rule], fmt: str, lang: str) -> str:
    """Rules as the table `icpfile rules` prints (or JSON records): all, or a prefix's (`rules ICP2`)."""
    if fmt == "json":
        return json.dumps([_record(r, lang) for r in listed], ensure_ascii=False, indent=2) + "\n"
    width = max((len(r.name) for r in listed), default=0)
    return "".join(f"{r.code}  {_level(r, lang)}  {r.name:<{width}}  {r.summary[lang]}\n" for r in listed)


def _level(rule: Rule, lang: str) -> str:
    """The severity in a listing's column, in `lang` (`error  ` / `错误`: #22 B16)."""
    word = words_of(lang)[rule.severity.value]
    return f"{word:<7}" if lang != "zh" else word


def under(prefix: str) -> list[Rule]:
    """The rules whose code starts with `prefix` (`ICP2`, `icp54`), as `--select` reads a prefix."""
    wanted = prefix.upper()
    return [r for code, r in rules().items() if code.startswith(wanted)] if wanted.startswith("ICP") else []


def applicable(province: str, provider: str) -> list[Rule]:
    """The rules that can fire for a draft in `province` (a full name, or '' for any) filed with
    `provider` (a filing.provider code, or '' for the guide's): every rule without an `applies`
    condition, and those whose province data key the province sets / whose provider key the
    provider's profile sets."""
    from icpfile.data.packs import builtin

    packs = builtin()
    own = packs.provinces.get(province) or {}
    profile = packs.profile(provider)
    found = []
    for rule in rules().values():
        key = rule.applies.get("province")
        if key and not (own.get(key) if province else True):
            continue
        key = rule.applies.get("provider")
        if key and not profile.get(key):
            continue
        found.append(rule)
    return found


_WHERE = {"zh": ("{province}、{provider}适用的规则（{count} 条；标 * 的是本省或本接入商特有的）",
                 "本省数据", "接入商", "本省另禁的名称用词"),
          "en": ("Rules that apply in {province} under {provider} ({count}; * marks those particular to the "
                 "province or the provider)", "province data", "provider", "name words refused here besides")}


def render_where(province: str, provider: str, fmt: str, lang: str) -> str:
    """`icpfile rules --province P --provider X`: what applies there, with the data behind it."""
    from icpfile.data.packs import builtin

    packs = builtin()
    code = provider or packs.default_provider
    profile = packs.profile(provider)
    found = applicable(province, provider)
    own = packs.provinces.get(province) or {}
    words = [w for w in packs.name_words if province and province in w["provinces"]]
    if fmt == "json":
        return json.dumps({"province": province, "provider": code, "rules": [r.code for r in found],
                           "particular": [r.code for r in found if r.applies],
                           "province_data": own, "provider_profile": profile,
                           "name_words": words}, ensure_ascii=False, indent=2) + "\n"
    head, data_word, provider_word, words_word = _WHERE[lang]
    lines = [head.format(province=province or "*", provider=f"{profile[lang]} ({code})", count=len(found)), ""]
    width = max(len(r.name) for r in found)
    lines += [f"{r.code}{'*' if r.applies else ' '} {_level(r, lang)}  {r.name:<{width}}  {r.summary[lang]}"
              for r in found]
    if own:
        lines += ["", f"{data_word} ({province}):"]
        lines += [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in own.items() if k != "materials"]
    if words:
        lines += ["", f"{words_word}:"] + [f"  {w['word']}: {w['licence'][lang]} ({w['source']})" for w in words]
    lines += ["", f"{provider_word} {code} ({profile[lang]}): "
              + ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in profile.items()
                          if k not in ("zh", "en"))]
    return "\n".join(lines) + "\n"

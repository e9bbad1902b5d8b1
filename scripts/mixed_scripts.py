"""Find text of the other language in the rule records' zh/en message and hint, and in the CLI's
catalog (#22 P7): Chinese in an English text, English words in a Chinese one.

Allowed, as the providers and the draft format write them: quoted or bracketed values (a remark
to copy, 'iOS'), backticked commands and keys, the draft format's keys and codes, field terms
(备案主体 …), names of places, products and tools. Run `python scripts/mixed_scripts.py` for the
list; tests/test_words.py holds the count to its baseline so it can only fall.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HAN = re.compile(r"[\u3400-\u9fff]+")
WORD = re.compile(r"\b[A-Za-z][A-Za-z]{3,}\b")
# Chinese that stays in English text: field terms the providers write, and the bodies they name.
HAN_ALLOWED = {"备案主体", "主体负责人", "接入商", "前置审批", "民政部", "管局", "指南", "以上都不涉及", "备案"}
# English that stays in Chinese text: tools, formats, products, platforms.
WORDS_ALLOWED = {"icpfile", "openssl", "keytool", "iconv", "YAML", "yaml", "JPEG", "JSON", "HTML", "ASCII", "AppID",
                 "Bundle", "Android", "WeChat", "MIIT", "Hans", "true", "false", "href", "target", "blank",
                 "noout", "pubkey", "fingerprint", "XXXXXXXX", "wizard", "footer", "snippet", "init", "import",
                 "template", "force", "schema", "check", "rules", "status", "export", "submit", "examples",
                 "FILE", "nslookup", "HEIC", "Word", "xlsx", "codes", "platform", "refresh"}
# Addresses, options (--today), file names and paths in a Chinese text: not words of a language.
NOT_WORDS = re.compile(r"https?://\S+|(?<![\w-])--?[A-Za-z][\w-]*|\b[\w-]+(?:\.[\w-]+)+\b|\b[\w-]+/[\w/.-]+")
QUOTED = re.compile(r"'[^']*'|“[^”]*”|‘[^’]*’|「[^」]*」|（[^）]*）|\([^)]*[\u3400-\u9fff][^)]*\)|`[^`]*`|\{\w+\}")


def _keys() -> set[str]:
    """Every property name and code of the draft schema: the format's own words."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.update(str(k) for k in (node.get("properties") or {}))
            found.update(str(c) for c in node.get("enum") or [] if isinstance(c, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((ROOT / "schemas/draft.schema.json").read_text(encoding="utf-8")))
    return {part for key in found for part in re.split(r"[_\W]+", key) if part} | found


def problems() -> list[str]:
    """`CODE part lang: the other script's words` for every text that mixes beyond the allowlist."""
    sys.path.insert(0, str(ROOT))
    from icpfile.data.catalog import rules
    from icpfile.data.words import catalog

    keys = _keys()
    texts = [(code, part, r_text) for code, rule in rules().items()
             for part in ("message", "hint") for r_text in [getattr(rule, part)]]
    texts += [(f"words:{key}", "line", entry) for key, entry in catalog()["lines"].items()]
    found = []
    for code, part, text in texts:
        en = QUOTED.sub("", text.get("en", ""))
        han = sorted({h for h in HAN.findall(en) if h not in HAN_ALLOWED})
        if han:
            found.append(f"{code} {part} en: {' '.join(han)}")
        zh = QUOTED.sub("", NOT_WORDS.sub("", text.get("zh", "")))
        latin = sorted({w for w in WORD.findall(zh) if w not in WORDS_ALLOWED and w not in keys})
        if latin:
            found.append(f"{code} {part} zh: {' '.join(latin)}")
    return found


if __name__ == "__main__":
    listed = problems()
    print("\n".join(listed))
    print(f"{len(listed)} text(s) mix languages", file=sys.stderr)

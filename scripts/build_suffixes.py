"""Rebuild the fileable part of icpfile/data/suffixes.yaml from a saved copy of MIIT's list of
approved top-level domains (domain.miit.gov.cn → 顶级域名审批情况, saved as HTML or text).

    python scripts/build_suffixes.py COPY --date 2026-12-01 [--table icpfile/data/suffixes.yaml] [--check]

What it reads: every table row (or text line) of the copy that names a TLD (`.中国`, `.top`, `top`)
and, in the same row, the registry (the 申请单位/顶级域名管理机构 cell, the longest cell that is
not the TLD or a date). What it writes: one `fileable` entry per listed TLD, citing
`MIIT <date>` with the registry; `pending` and `refused` entries are kept as they are (a
documented refusal outranks a list the filer's provider may not yet follow); fileable entries the
copy does not list become `pending` with the old source kept, so a suffix leaving the list is
seen in review. `--check` prints the difference and exits 1 when the table would change.

The copy itself is third-party text: keep it outside the repository and say in docs/sources.md
which copy (URL, date) was used. Errors: a copy with no TLD found exits 2 and writes nothing.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "icpfile" / "data" / "suffixes.yaml"
_ROW = re.compile(r"<tr\b.*?</tr>", re.S | re.I)
_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_TLD = re.compile(r"^\.?([a-z]{2,63}|[\u4e00-\u9fff]{1,10}|xn--[a-z0-9-]{1,59})$")
_DATE = re.compile(r"^\d{4}[-年/.]\d{1,2}")


def rows(copy: str) -> list[list[str]]:
    """The copy's rows as cell texts: HTML table rows, or whitespace/tab-separated text lines."""
    found = [[html.unescape(_TAG.sub("", c)).strip() for c in _CELL.findall(r)]
             for r in _ROW.findall(copy) if not re.search(r"<th\b", r, re.I)]  # header rows name no TLD
    if found:
        return found
    return [re.split(r"\t|\s{2,}|,", line.strip()) for line in copy.splitlines() if line.strip()]


def listed(copy: str) -> dict[str, str]:
    """TLD (without the dot, lower case) → registry ('' when the row names none), in copy order."""
    out: dict[str, str] = {}
    for cells in rows(copy):
        tlds = [m.group(1) for c in cells if (m := _TLD.match(c.strip().lower()))]
        if not tlds:
            continue
        others = [c for c in cells if c.strip().lower().lstrip(".") != tlds[0] and not _DATE.match(c) and c]
        out.setdefault(tlds[0], max(others, key=len) if others else "")
    return out


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rebuild(table_text: str, copy: str, date: str) -> str:
    """The new table text: the header comments kept, the entries rebuilt as the module says."""
    import yaml

    head = table_text[: table_text.index("suffixes:")]
    old = yaml.safe_load(table_text)["suffixes"]
    found = listed(copy)
    if not found:
        raise ValueError("no top-level domain found in the copy")
    kept = {e["suffix"] for e in old if e["status"] in ("pending", "refused")}
    fileable: list[dict[str, str]] = []
    for tld, registry in found.items():
        if tld not in kept:
            entry = {"suffix": tld, "status": "fileable", "source": f"MIIT {date} (顶级域名审批情况)", "date": date}
            fileable += [{**entry, "registry": registry} if registry else entry]
    fileable += [e for e in old if e["status"] == "fileable" and "." in e["suffix"]]  # gov.cn: no TLD list
    left = [{**e, "status": "pending"} for e in old  # left the list: reviewed by hand
            if e["status"] == "fileable" and "." not in e["suffix"] and e["suffix"] not in found]
    pending = [e for e in old if e["status"] == "pending"] + left
    entries = fileable + pending + [e for e in old if e["status"] == "refused"]
    lines = ["  - {" + ", ".join(f"{k}: {_quote(v)}" for k, v in e.items()) + "}" for e in entries]
    return head + "suffixes:\n" + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("copy", type=Path, help="a saved copy of MIIT's approved-TLD list (HTML or text)")
    parser.add_argument("--date", required=True, help="the date the copy was saved (YYYY-MM-DD)")
    parser.add_argument("--table", type=Path, default=TABLE)
    parser.add_argument("--check", action="store_true", help="only say whether the table would change")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
        print("--date must be YYYY-MM-DD", file=sys.stderr)
        return 2
    try:
        new = rebuild(args.table.read_text(encoding="utf-8"), args.copy.read_text(encoding="utf-8"), args.date)
    except (OSError, ValueError) as exc:
        print(f"build_suffixes: {exc}", file=sys.stderr)
        return 2
    if new == args.table.read_text(encoding="utf-8"):
        print("suffixes.yaml is up to date")
        return 0
    if args.check:
        print("suffixes.yaml would change")
        return 1
    tmp = args.table.with_suffix(".tmp")
    tmp.write_text(new, encoding="utf-8")
    tmp.replace(args.table)
    print(f"wrote {args.table}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Write docs/coverage.md from icpfile/data/coverage.yaml: `python scripts/gen_coverage.py`.

tests/test_coverage.py fails when the page and the file disagree, so edit coverage.yaml, then run
this. Per source: how much of it was read, each statement with the codes that check it or why none
does, and the share of its statements a rule checks.
"""

from __future__ import annotations

import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parent.parent / "docs" / "coverage.md"

READ = {
    "whole": "read end to end: every statement is listed",
    "part": "read end to end in part",
    "cited": "not yet read end to end: only the statements the rules cite are listed",
}

HEAD = """\
# Coverage: each source's statements and what icpfile does with them

For every authoritative source (the keys of [sources.md](sources.md)), each statement read in it,
restated in a line, with the rule codes that check it (`icpfile rules CODE` shows one) or why no
rule does: a live page, a photo, a registry icpfile cannot read, or a judgement the reviewer makes.
*Read* says how much of the source is listed; a share is given only for a source read end to end
(wholly or in the parts named), since the statements of a source only cited are those the rules
already check. A statement is counted as checked when a rule checks it, in whole or in part (the
note says which part). A *gap* is a statement a draft would show but no rule checks yet: a miss
to close, unlike a photo or a live page, which no rule on a draft can check.

Generated from `icpfile/data/coverage.yaml` by `python scripts/gen_coverage.py`; do not edit by hand.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render() -> str:
    """The page, as Markdown: a summary table, then one section per source in the file's order."""
    from icpfile.data.coverage import coverage
    from icpfile.data.sources import sources

    known = sources()
    covered = coverage()
    out = [HEAD, "\n| source | read | read on | statements | checked | share | gaps |\n"
           "|---|---|---|---:|---:|---:|---:|\n"]
    total = checked = gaps = 0
    for entry in covered:
        n, k = len(entry.statements), entry.checked
        total, checked, gaps = total + n, checked + k, gaps + entry.gaps
        share = _share(k, n) if entry.read != "cited" else "– (not read whole)"
        out.append(f"| [{entry.source}](#{_anchor(entry.source)}) | {entry.read} | {entry.read_on or '–'} "
                   f"| {n} | {k} | {share} | {entry.gaps} |\n")
    out.append(f"| all | | | {total} | {checked} | | {gaps} |\n")
    for entry in covered:
        source = known.get(entry.source)
        out.append(f"\n## {entry.source}\n\n")
        if source is not None:
            out.append(f"{source.title} ({source.publisher}, {source.date}).\n")
        read = READ[entry.read] + (f" ({entry.scope})" if entry.scope else "")
        read += f", on {entry.read_on}" if entry.read_on else ""
        out.append(f"Read: {read}. Checked: {entry.checked} of {len(entry.statements)} "
                   f"({_share(entry.checked, len(entry.statements))})"
                   + (f"; gaps (no rule yet): {entry.gaps}" if entry.gaps else "") + ".\n")
        if entry.copy:
            out.append(f"Copy read: <{entry.copy}>.\n")
        out.append("\n| at | says | checked by |\n|---|---|---|\n")
        for st in entry.statements:
            if st.codes:
                how = ", ".join(f"`{code}`" for code in st.codes) + (f" ({st.note})" if st.note else "")
            else:
                why = "**gap**, no rule yet" if st.gap else "not checked"
                how = f"{why}: {st.not_checked}" + (f" ({st.note})" if st.note else "")
            out.append(f"| {_cell(st.at)} | {_cell(st.says)} | {_cell(how)} |\n")
    return "".join(out)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


def _anchor(key: str) -> str:
    """GitHub's heading anchor: lower case, spaces to hyphens, punctuation but hyphens dropped."""
    return "".join(ch for ch in key.lower().replace(" ", "-") if ch.isalnum() or ch in "-_")


def main() -> int:
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())

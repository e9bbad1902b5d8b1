"""Write docs/sources.md from icpfile/data/sources.yaml: `python scripts/make_sources.py`.

tests/test_sources.py fails when the page and the file disagree, so edit sources.yaml, then run this.
"""

from __future__ import annotations

import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parent.parent / "docs" / "sources.md"

HEAD = """\
# Sources

Every rule's `source` (printed under each finding, and by `icpfile rules CODE`) is made of parts
separated by `; `, each starting with one of the keys below, then where in that source and, in
（）, the source's own words: `指南 3.1 附录二（不能使用地名命名）; TXR` cites the provider guide's
section 3.1, appendix 2, and Tencent Cloud's page of common rejection reasons. A date is the one
the source shows; "undated, seen" gives the month we read a source that shows none. Where a
source is a repository, *path* says where in it the page lives.

Generated from `icpfile/data/sources.yaml` (and the section on disagreements from
`scripts/sources_disagree.md`) by `python scripts/make_sources.py`; do not edit by hand.

## The national suffix table and the copies it was built from

`icpfile/data/suffixes.yaml` is the one table of fileable, pending and refused suffixes, each entry
with its source, date and (where known) registry. `scripts/build_suffixes.py COPY --date
YYYY-MM-DD` rebuilds its fileable part from a saved copy of MIIT's approved-TLD list
(domain.miit.gov.cn, 顶级域名审批情况); the copy is kept outside the repository. Copies used so far:

- **none of MIIT's list**: no copy of domain.miit.gov.cn was found in the stored corpora (2026-12).
  The table rests on TXG (2019-01-01, 北京's list), QC (limit.md, undated), TX-DOM (Tencent's table
  of 2020-07-24, read through the copy in `errata-ai/vale`), TXD (Tencent's table updated
  2022-08-30, compared entry by entry on 2026-12-04: see the rows on .me, .tel and the suffixes only
  TXD lists) and V2F (v2fly domain-list-community
  `data/tld-cn` 2025-08-19 and `data/tld-!cn` 2024-08-17, volunteers' readings of MIIT's page);
  each refused suffix cites its documented refusal.

"""


def _disagreements() -> str:
    """The section on conflicting sources, kept in scripts/sources_disagree.md (its comment dropped)."""
    text = (Path(__file__).with_name("sources_disagree.md")).read_text(encoding="utf-8")
    return text[text.index("-->") + 3 :].lstrip("\n")


def render() -> str:
    """The page, as Markdown: one section per citation key, in the file's order."""
    from icpfile.data.sources import sources

    out = [HEAD, _disagreements()]
    for source in sources().values():
        out.append(f"\n## {source.key}\n\n")
        out.append(f"- **title**: {source.title}\n")
        out.append(f"- **publisher**: {source.publisher}\n")
        out.append(f"- **date**: {source.date}\n")
        if source.url.startswith("https://"):
            out.append(f"- **url**: <{source.url}>\n")
        elif source.url:  # a page of this project, relative to docs/
            page = source.url.removeprefix("docs/")
            out.append(f"- **url**: [{page}]({page})\n")
        if source.path:
            out.append(f"- **path**: `{source.path}`\n")
        if source.note:
            out.append(f"- **note**: {source.note}\n")
        out.append(f"- **supports**: {source.supports}\n")
    return "".join(out)


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {PAGE}\n")

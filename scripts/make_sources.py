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

Generated from `icpfile/data/sources.yaml` by `python scripts/make_sources.py`; do not edit by hand.
"""


def render() -> str:
    """The page, as Markdown: one section per citation key, in the file's order."""
    from icpfile.data.sources import sources

    out = [HEAD]
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

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

## The national suffix table and the copies it was built from

`icpfile/data/suffixes.yaml` is the one table of fileable, pending and refused suffixes, each entry
with its source, date and (where known) registry. `scripts/build_suffixes.py COPY --date
YYYY-MM-DD` rebuilds its fileable part from a saved copy of MIIT's approved-TLD list
(domain.miit.gov.cn, 顶级域名审批情况); the copy is kept outside the repository. Copies used so far:

- **none of MIIT's list**: no copy of domain.miit.gov.cn was found in the stored corpora (2026-12).
  The table rests on TXG (2019-01-01, 北京's list), QC (limit.md, undated), TX-DOM (Tencent's table
  of 2020-07-24, read through the copy in `errata-ai/vale`) and V2F (v2fly domain-list-community
  `data/tld-cn` 2025-08-19 and `data/tld-!cn` 2024-08-17, volunteers' readings of MIIT's page);
  each refused suffix cites its documented refusal.

## Where the sources disagree

Where two sources say different things, icpfile does not pick the stricter one silently: it follows
a dated rule over older text, the named provider's own page when `filing.provider` is set, and
otherwise reports a warning (or an info) that names every source. Each row names the sources by
their keys below and the rule that carries the conflict.

| question | what the sources say | what icpfile does |
|---|---|---|
| May a unit's 主体负责人 be someone other than the legal representative (北京, 吉林, 江苏, 安徽, 海南, 甘肃)? | TXS lets several of these provinces take another person, some with an authorisation letter; QC and JD want the legal representative (or a letter) in some of them; HW says 北京 must be the legal representative; RDW (2024) allows it only in 北京, 四川, 江苏 | ICP803: a warning naming each source for the province (provinces.yaml `legal_rep_conflict`) |
| 山东's minimum age | TX17 (2017): 18 or older; HW (2025-12-31): 17 or older | ICP805: a warning naming both for a principal aged 17 (provinces.yaml `min_age_conflict`) |
| Hard age bars and their exceptions | TXM: 浙江, 天津, 吉林, 内蒙古, 辽宁, 四川, 湖南, 江西 refuse under 18; 上海, 河南, 黑龙江 offer a guardian route; 广东, 江苏, 重庆, 云南 accept proof of income (HW agrees for 广东, 江苏); for 河南, JD wants every principal 18 or older while QC and TX17 take a guardian's ID | ICP804: an error where the bar is hard, a warning where a route is stated |
| Words of a licensed trade in a personal name (电影, 游戏, 教育 …) | HW and QC list the trades that need a pre-approval (QC in its section on units); TX-名 gives 电影爱好小分享 as a good personal name; TXP says the education and health pre-approvals were cancelled | ICP227: a warning that says it infers, none under `provider: tencent`; only words with a stated rule or refusal are errors (ICP218) |
| 网站 in a personal name | 指南 and QC ban it; TX-名 gives 个人开发测试使用网站 as a good name | ICP210: an error, except under `provider: tencent` (providers.yaml `personal_name_allowed_words`) |
| Do letters count toward a name's three characters; are ( ) and - allowed? | 指南 and TXR: three Chinese characters, no symbols; TX-名: a letter or digit counts, brackets and hyphens are allowed | ICP201, ICP203: errors under the guide's rules, passed under `provider: tencent` |
| 江苏's personal name pattern (某某的个人博客 / 个人主页) | TX17 (2017) and 指南 (2020) state it; TXM's, JD's and QC's 江苏 pages do not | ICP216: a warning naming the guide without a provider, an error only under `provider: aliyun` |
| 全国 as a name prefix | TXR lists 中国, 中华, 中央, 人民, 人大, 国家; QC adds 全国 in its section on units | ICP204: 全国 is an error like the others (QC states it); no source lists it for persons |
| A person's 联系方式2 | 指南: persons need not fill it; TXM: 天津 and 江苏 persons give a second mobile there; TXS: persons may give a mobile in the landline field | ICP402: an error when a unit leaves it out; when a person fills it in, a warning, or an info where the province asks persons for it |
| A 江苏 unit without a landline | TXS: 江苏 enterprises must give a landline; TXM 江苏: a second mobile will do | ICP407: a warning naming TXS |
| One domain per website | MIIT-633 (2019-04-22), 指南 1.1, TXW and HW: one domain; a few older TXM sections (贵州, 广东, 黑龙江) still assume several | ICP517: an error, following the dated rule |
| A non-local personal ID in 内蒙古 | JD, QC and TX17 accept it with a residence permit; HW and TXM want a local ID | ICP314: an info asking for the residence permit |
| .hk | TXG (2019) and TXM refuse it in 北京; V2F (2024) reads MIIT's registry page as listing it | ICP515 in 北京 only; no finding elsewhere |
| .co in 北京 | TXM's 北京 section refuses it; TXG (2019) and QC's 北京 list accept it | no finding: .co stays on 北京's list until a dated source settles it |
| .me | canvasT#1 (2019): not on MIIT's list; V2F (2023) removed it from its non-China list after reading MIIT's list | ICP515: an error on the documented refusal |
| .tech | TXG (2019) listed it as fileable in 北京; TXM and agent009#10 (2026) call it not fileable for now | ICP516: a warning naming both |
| .org for persons in 重庆 | TX17 (2017) refused it; today's TXM 重庆 section is silent | no 重庆 error; ICP513 warns that .org is not on the national list |
| Who may hold a unit's domain | TXM: the unit or its legal representative in most provinces, the unit alone in 宁夏, 福建, 青海, 新疆, 河南, 重庆, 湖南, 西藏; TX-DOM: others need a proof letter, in some provinces only | ICP581: an error when the holder is another party, a warning when it is the legal representative outside the eight provinces |
| One app name on several platforms | HHC (Alibaba): one filing for one name; HMF (Huawei): one number per package name | ICP549: an error, a warning under `provider: huawei` |
| A person filing a website and an app in one order | HW: a person files one at a time; WEST: both in one application | ICP563: an error under `provider: huawei`, a warning otherwise |
| How an app's public key is written | HWX: PEM; PRA: hex of the DER key; UC: the RSA modulus | ICP543 accepts all three and checks each is readable |
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

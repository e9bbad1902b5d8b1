"""One national suffix table (#18.5): its data, what the checks read from it, and its rebuild script."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

from icpfile.data.packs import builtin

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("build_suffixes", ROOT / "scripts" / "build_suffixes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_table_feeds_the_national_lists_with_dated_sources() -> None:
    national = builtin().national
    assert {"ai", "dev", "ee", "io"} <= set(national["refused_suffixes"])
    assert "hk" not in national["refused_suffixes"] and "gov" not in national["fileable_suffixes"]
    assert "org" not in national["fileable_suffixes"] and "gov.cn" in national["fileable_suffixes"]
    assert "agent009#10 2026-08-31" in national["refused_suffixes_date"]
    table = yaml.safe_load((ROOT / "icpfile" / "data" / "suffixes.yaml").read_text(encoding="utf-8"))
    assert all(e["source"] and e["date"] for e in table["suffixes"])
    assert len({e["suffix"] for e in table["suffixes"]}) == len(table["suffixes"])


# A made-up copy in the shape of MIIT's page (a table: number, TLD, registry, date), not its text.
COPY = """<table><tr><th>序号</th><th>顶级域名</th><th>申请单位</th><th>批准日期</th></tr>
<tr><td>1</td><td>.cn</td><td>示例注册管理机构甲</td><td>2012-01-01</td></tr>
<tr><td>2</td><td>.example</td><td>示例注册管理机构乙有限公司</td><td>2020-05-06</td></tr>
<tr><td>3</td><td>.ai</td><td>示例丙</td><td>2026-01-01</td></tr></table>"""

TABLE = """# head
suffixes:
  - {suffix: "cn", status: fileable, source: "TXG 2019-01-01", date: "2019-01-01"}
  - {suffix: "com", status: fileable, source: "TXG 2019-01-01", date: "2019-01-01"}
  - {suffix: "gov.cn", status: fileable, source: "HW 2025-12-31", date: "2025-12-31"}
  - {suffix: "ai", status: refused, source: "agent009#10 2026-08-31", date: "2026-08-31"}
"""


def test_the_script_rebuilds_the_fileable_part_from_a_saved_copy(tmp_path: Path) -> None:
    script = _script()
    assert script.listed(COPY) == {"cn": "示例注册管理机构甲", "example": "示例注册管理机构乙有限公司", "ai": "示例丙"}
    new = yaml.safe_load(script.rebuild(TABLE, COPY, "2026-12-01"))["suffixes"]
    by = {e["suffix"]: e for e in new}
    assert by["cn"]["source"].startswith("MIIT 2026-12-01") and by["cn"]["registry"] == "示例注册管理机构甲"
    assert by["example"]["status"] == "fileable"
    assert by["com"]["status"] == "pending"  # left the list: reviewed by hand
    assert by["gov.cn"]["status"] == "fileable" and by["ai"]["status"] == "refused"
    table = tmp_path / "suffixes.yaml"
    table.write_text(TABLE, encoding="utf-8")
    copy = tmp_path / "copy.html"
    copy.write_text(COPY, encoding="utf-8")
    assert script.main([str(copy), "--date", "2026-12-01", "--table", str(table), "--check"]) == 1
    assert script.main([str(copy), "--date", "2026-12-01", "--table", str(table)]) == 0
    assert script.main([str(copy), "--date", "2026-12-01", "--table", str(table), "--check"]) == 0
    empty = tmp_path / "empty.html"
    empty.write_text("<p>nothing</p>", encoding="utf-8")
    assert script.main([str(empty), "--date", "2026-12-01", "--table", str(table)]) == 2


def test_the_table_agrees_with_tencents_2022_suffix_table() -> None:
    """#18: every suffix TXD (Tencent's table, 2022-08-30) lists is fileable here except .tech, whose
    later report (agent009#10) makes it pending; .me, refused in 2019, is on it (the row in
    scripts/sources_disagree.md), and stays refused in 北京 only (TXM)."""
    national = builtin().national
    listed = {"中国", "cn", "政务", "公益", "公司", "网络", "网址", "商城", "网店", "中信", "商标", "广东", "佛山",
              "信息", "手机", "在线", "中文网", "集团", "我爱你", "商店", "企业", "娱乐", "游戏", "购物", "餐厅",
              "招聘", "时尚", "移动", "网站", "联通", "世界", "健康", "gov.cn", "co", "me", "news", "media",
              "global", "school", "tv", "cc"}
    assert listed <= set(national["fileable_suffixes"])
    assert "tech" in national["pending_suffixes"] and "me" not in national["refused_suffixes"]
    assert "TXD 2022-08-30" in national["fileable_suffixes_date"]
    assert "me" in builtin().provinces["北京市"]["unfileable_suffixes"]

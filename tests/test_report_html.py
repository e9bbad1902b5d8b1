"""The HTML and XLSX reports (#19.3): rendered in a real browser (headless Chromium), counts that
agree with the JSON report, self-contained and escaped; the XLSX compared by cell values."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import report_screenshot  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
PATHS = ["examples", "tests/data/broken.yaml"]


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "icpfile", "check", *PATHS, "--isolated", "--today", "2026-11-29",
                           *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html")
    found = {}
    for lang in ("zh", "en"):
        found[lang] = folder / f"report.{lang}.html"
        check("--lang", lang, "--format", "html", "-o", str(found[lang]))
    return found


def normalised(text: str) -> str:
    return re.sub(r"<style>.*?</style>", "<style/>", text, flags=re.S)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_golden(pages: dict[str, Path], lang: str) -> None:
    import os

    golden = GOLDEN / f"portfolio.{lang}.html"
    text = normalised(pages[lang].read_text(encoding="utf-8"))
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_html_is_self_contained_and_links_every_finding(pages: dict[str, Path]) -> None:
    text = pages["en"].read_text(encoding="utf-8")
    assert "<script" not in text and "src=" not in text and "@import" not in text and "url(" not in text
    assert "http://" not in text.split("</style>")[1] and "Content-Security-Policy" in text
    for code in set(re.findall(r'<a href="#(ICP\d+)">', text)):
        assert f'id="{code}"' in text
    assert "110105194912310021" not in text  # masked as in every report


def test_values_are_escaped(tmp_path: Path) -> None:
    from icpfile.findings import FileReport, Finding, Severity
    from icpfile.report import ReportOptions, reporter

    bad = FileReport("<img src=x onerror=alert(1)>.yaml", [Finding("ICP201", Severity.ERROR, "", 1, 1,
                                                                   "name '<script>x</script>'", "&", "s")])
    page = reporter("html")([bad], ReportOptions(lang="en"))
    assert "<script>x" not in page and "<img src=x" not in page and "&lt;script&gt;" in page


def test_cards_are_titled_by_the_subject_name_masked_with_the_file_beside(pages: dict[str, Path], tmp_path: Path
                                                                          ) -> None:
    """An agency knows its clients by 主办单位名称, not by file name (#19 walk)."""
    text = pages["zh"].read_text(encoding="utf-8")
    assert ('<h2><span class="subject">杭州云栖示例科技有限公司</span> <span class="file">'
            'examples/filed-site-with-police.yaml</span>') in text
    draft = tmp_path / "p.yaml"  # a person's filing named by the person's ID number: masked as the findings are
    draft.write_text((ROOT / "examples" / "personal-first-filing.yaml").read_text(encoding="utf-8").replace(
        "\n  name: ", "\n  name: 李四110105194912310021<b>\n  x_was: ", 1), encoding="utf-8")
    page = tmp_path / "p.html"
    subprocess.run([sys.executable, "-m", "icpfile", "check", str(draft), "--format", "html", "-o", str(page)],
                   capture_output=True, text=True, timeout=120)
    shown = page.read_text(encoding="utf-8")
    assert '<span class="subject">李四110***********0021&lt;b&gt;</span>' in shown
    assert "110105194912310021" not in shown


@pytest.mark.skipif(report_screenshot.browser() is None, reason="chromium is not installed (.ci/run installs it)")
def test_rendered_in_chromium_counts_agree_with_json(pages: dict[str, Path], tmp_path: Path) -> None:
    report = json.loads(check("--format", "json").stdout)
    dom = report_screenshot.chromium("--dump-dom", pages["en"].resolve().as_uri())
    assert "</main>" in dom, "the page did not render"
    counts = re.findall(r'id="count-(\w+)" data-count="(\d+)"><b>(\d+)</b>', dom)
    assert all(attribute == text for _, attribute, text in counts)  # the number a person sees
    shown = {key: int(value) for key, value, _ in counts}
    valid = [f["valid"] for f in report["files"]]
    assert shown == {"drafts": len(valid), "ready": sum(valid), "failing": len(valid) - sum(valid),
                     "errors": report["summary"]["errors"], "warnings": report["summary"]["warnings"]}
    assert dom.count('class="card failing"') == len(valid) - sum(valid)
    assert dom.count('class="card ready"') == sum(valid)
    assert dom.count('<li class="finding') == sum(len(f["findings"]) for f in report["files"])
    png = tmp_path / "shot.png"
    report_screenshot.screenshot(pages["zh"], png, "800,600")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 5_000


def test_xlsx_report_cell_values(tmp_path: Path) -> None:
    import os

    out = tmp_path / "r.xlsx"
    assert check("--lang", "en", "--format", "xlsx", "-o", str(out)).returncode == 1
    book = openpyxl.load_workbook(out)
    values = {name: [[c.value for c in row] for row in book[name].iter_rows()] for name in book.sheetnames}
    golden = GOLDEN / "portfolio.xlsx.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(values, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert values == json.loads(golden.read_text(encoding="utf-8"))
    drafts = values["drafts"]
    assert drafts[0][:5] == ["file", "status", "errors", "warnings", "infos"]
    broken = next(r for r in drafts if r[0].endswith("broken.yaml"))
    assert broken[1] == "failing" and broken[2] > 0 and broken[5].startswith("ICP")


def test_xlsx_needs_an_output_file() -> None:
    run = check("--format", "xlsx")
    assert run.returncode == 2 and "-o FILE.xlsx" in run.stderr



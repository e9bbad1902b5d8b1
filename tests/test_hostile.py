"""Hostile input (issue 12): bounded, contained and unspoofable. One test per kind of attack.

Each test names the kind it closes; the issue's own examples are among them.
"""

from __future__ import annotations

import copy
import json
import os
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icpfile import engine
from icpfile.cli import app
from icpfile.data.catalog import read_data
from icpfile.footer import page_check, pages
from icpfile.load import files
from icpfile.options import Options

from conftest import ROOT, TODAY, check_text, dump, only

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file system features")


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin)


def enterprise() -> dict:
    return copy.deepcopy(read_data("example_bases.yaml")["enterprise"])


def personal() -> dict:
    return copy.deepcopy(read_data("example_bases.yaml")["personal"])


def _with_timeout(fn, seconds: float = 10.0):
    """Run fn in a thread; fail (not hang) when it does not return in time."""
    box: dict = {}
    thread = threading.Thread(target=lambda: box.setdefault("value", fn()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "did not finish: it blocked"
    return box["value"]


# -- 1. only regular files are opened; one iterative walker ------------------------------------

@POSIX
def test_a_fifo_in_a_drafts_folder_is_reported_not_waited_on(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(dump(enterprise()), encoding="utf-8")
    os.mkfifo(tmp_path / "b.yaml")
    result = _with_timeout(lambda: run("check", "--isolated", "--format", "json", "--today", "2026-11-29",
                                       str(tmp_path)))
    found = {Path(f["path"]).name: [x["rule"] for x in f["findings"]] for f in json.loads(result.stdout)["files"]}
    assert found["b.yaml"] == ["ICP001"] and "ICP001" not in found["a.yaml"]


@POSIX
def test_pages_that_never_end_are_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "zero.html").symlink_to("/dev/zero")
    os.mkfifo(site / "pipe.html")
    (site / "ok.html").write_text("<a href='https://beian.miit.gov.cn/'>浙ICP备12345678号-1</a>", encoding="utf-8")
    reports = _with_timeout(lambda: page_check.check([str(site)], "浙ICP备12345678号-1"))
    by_name = {Path(r.path).name: [f.rule for f in r.findings] for r in reports}
    assert by_name == {"ok.html": [], "pipe.html": ["ICP001"], "zero.html": ["ICP015"]} or by_name == {
        "ok.html": [], "pipe.html": ["ICP001"], "zero.html": ["ICP001"]}


def test_a_page_over_the_size_cap_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "MAX_PAGE_BYTES", 100)
    (tmp_path / "big.html").write_bytes(b"<p>" + b"x" * 200)
    [report] = page_check.check([str(tmp_path)], "浙ICP备12345678号-1")
    assert [f.rule for f in report.findings] == ["ICP005"]


def test_read_regular_reads_at_most_one_byte_over_the_limit(tmp_path: Path) -> None:
    (tmp_path / "f").write_bytes(b"x" * 1000)
    assert len(files.read_regular(tmp_path / "f", 10)) == 11
    with pytest.raises(files.FileProblem) as problem:
        files.read_regular(tmp_path, 10)
    assert problem.value.kind == files.NOT_REGULAR


def test_a_1100_deep_folder_is_walked_by_check_and_footer_check(tmp_path: Path) -> None:
    fd = os.open(tmp_path, os.O_RDONLY)
    for _ in range(1100):  # os.makedirs and Path.mkdir(parents=True) recurse: make it one level at a time
        os.mkdir("d", dir_fd=fd)
        fd, old = os.open("d", os.O_RDONLY, dir_fd=fd), fd
        os.close(old)
    os.close(fd)
    deep = Path(os.path.join(tmp_path, *["d"] * 1100))
    try:
        (deep / "x.yaml").write_text(dump(enterprise()), encoding="utf-8")
        (deep / "x.html").write_text("<p>none</p>", encoding="utf-8")
        from icpfile import batch

        [item] = batch.expand([str(tmp_path)])
        assert item.path == deep / "x.yaml" and item.problem is None
        [page] = page_check.pages([str(tmp_path)])
        assert page[1] == deep / "x.html"
    finally:  # pytest's own cleanup (shutil.rmtree) recurses too
        for name in ("x.yaml", "x.html"):
            (deep / name).unlink(missing_ok=True)
        for level in range(1100, 0, -1):
            os.rmdir(os.path.join(tmp_path, *["d"] * level))


# -- 3. nothing outside the draft's tree --------------------------------------------------------

@POSIX
def test_a_draft_symlinked_out_of_a_walked_folder_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("password: hunter2-secret-value\n", encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "evil.yaml").symlink_to(outside)
    (drafts / "inside.yaml").symlink_to(drafts / "real.yml")
    (drafts / "real.yml").write_text(dump(enterprise()), encoding="utf-8")
    result = run("check", "--isolated", "--format", "json", "--today", "2026-11-29", str(drafts))
    assert "hunter2" not in result.stdout and "password" not in result.stdout
    found = {Path(f["path"]).name: [x["rule"] for x in f["findings"]] for f in json.loads(result.stdout)["files"]}
    assert found["evil.yaml"] == ["ICP015"] and "ICP015" not in found["inside.yaml"]


# -- 4. writes never follow a symlink -----------------------------------------------------------

@POSIX
def test_report_written_over_a_symlink_replaces_the_link_not_its_target(tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "report.sarif"
    link.symlink_to(target)
    result = run("check", "--isolated", "--format", "sarif", "-o", str(link), "tests/data/broken.yaml")
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert not link.is_symlink() and json.loads(link.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_write_atomic_keeps_mode_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    files.write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "new" and (path.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


# -- 5. one bad input never loses the others ----------------------------------------------------

def test_a_4301_digit_version_is_a_finding_not_a_crash() -> None:
    data = enterprise()
    text = dump(data).replace("version: 1", "version: " + "9" * 4301)
    findings = check_text(text)
    assert any(f.pointer == "/version" for f in findings)


def test_odd_html_is_judged_as_a_page_not_an_internal_error(tmp_path: Path) -> None:
    """Word's `<![if …]>` and a malformed href: the HTML5 parser reads both as a browser would."""
    (tmp_path / "a.html").write_text("<![ if !supportLists]><p>x</p>", encoding="utf-8")
    (tmp_path / "b.html").write_text('<a href="http://[::1">浙ICP备12345678号-1</a>', encoding="utf-8")
    reports = page_check.check([str(tmp_path)], "浙ICP备12345678号-1")
    assert [[f.rule for f in r.findings] for r in reports] == [["ICP901"], ["ICP903"]]


def test_a_far_future_today_is_a_usage_error() -> None:
    result = run("check", "--isolated", "--today", "9999-12-31", "tests/data/broken.yaml")
    assert result.exit_code == 2 and "--today" in result.output and "internal" not in result.output


@POSIX
def test_a_non_utf8_file_name_under_sarif_and_o(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"bad\xff.yaml"), "wb") as handle:
        handle.write(dump(enterprise()).encode())
    out = tmp_path / "r.sarif"
    result = run("check", "--isolated", "--format", "sarif", "-o", str(out), "--today", "2026-11-29", str(tmp_path))
    assert result.exit_code == 0, result.output
    log = json.loads(out.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"


def test_a_cp1252_stdout_gets_escapes_not_a_crash(tmp_path: Path) -> None:
    import subprocess

    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run([sys.executable, "-m", "icpfile", "check", "--isolated", "--lang", "zh",
                           "tests/data/broken.yaml"], cwd=ROOT, env=env, capture_output=True)
    assert done.returncode == 1, done.stderr
    assert b"internal" not in done.stderr and b"\\u" in done.stdout


@POSIX
def test_a_closed_stdout_is_one_line_on_stderr(tmp_path: Path) -> None:
    import subprocess

    done = subprocess.run(f"{sys.executable} -m icpfile check --isolated tests/data/broken.yaml >&-", shell=True,
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "closed" in done.stderr


# -- 6. personal data masked by shape ------------------------------------------------------------

def test_ids_and_mobiles_are_masked_by_shape_wherever_they_are() -> None:
    data = enterprise()
    data["subject"]["principal"]["mobile"] = "330106198503151238"  # an ID typed as a mobile
    data["subject"]["principal"]["email"] = "13912345678@163.com"
    data["subject"]["principal"]["id_type"] = "330106198503151238"
    text = "\n".join(f.message + f.hint for f in check_text(dump(data)))
    assert "330106198503151238" not in text and "13912345678" not in text
    assert "19850315" not in text and "3301061985" not in text


def test_icp305_does_not_print_the_birth_date_beside_the_masked_id() -> None:
    data = personal()
    data["subject"]["certificate"]["number"] = "330106198502301232"
    finding = only(check_text(dump(data)), "ICP305")
    assert "0230" not in finding.message and "19850230" not in finding.message


# -- 7. output cannot be forged ----------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif", "junit", "gitlab"])
def test_control_characters_never_reach_the_output(tmp_path: Path, fmt: str) -> None:
    data = enterprise()
    data["websites"][0]["name"] = "云\x1b[31m栖\x1b]0;pwned\x07\n::warning file=x.py::forged\u2028网\x85站\x00"
    draft = tmp_path / "d\nx.yaml"
    draft.write_text(dump(data), encoding="utf-8")
    out = tmp_path / "out"
    run("check", "--isolated", "--format", fmt, "-o", str(out), "--today", "2026-11-29", str(draft))
    body = out.read_text(encoding="utf-8")
    for bad in ("\x1b", "\x07", "\x00", "\x85", "\u2028"):
        assert bad not in body
    assert not any(line.startswith("::warning file=x.py") for line in body.splitlines())
    if fmt == "junit":
        from xml.etree import ElementTree as ET

        ET.fromstring(body.split("\n", 1)[1])


def test_one_finding_echoes_a_shortened_value() -> None:
    data = enterprise()
    data["websites"][0]["name"] = "云" * 5000 + "!"
    finding = only(check_text(dump(data)), "ICP203")
    assert len(finding.message) < 200 and "…" in finding.message


# -- 1. time and memory bounded ----------------------------------------------------------------

def _timed(fn, limit: float):
    import time

    start = time.perf_counter()
    value = fn()
    assert time.perf_counter() - start < limit
    return value


def test_door_number_search_is_linear_on_20000_digits() -> None:
    data = enterprise()
    data["subject"]["mailing_address"] = "浙江省杭州市" + "1" * 20000
    findings = _timed(lambda: check_text(dump(data)), 2.0)
    assert "ICP331" in [f.rule for f in findings]


def test_special_symbol_scan_is_linear_in_distinct_symbols() -> None:
    from icpfile.values.text import special_characters

    symbols = "".join(chr(c) for c in range(0x2100, 0x2100 + 60000) if not 0xD800 <= c < 0xE000)
    found = _timed(lambda: special_characters(symbols * 3), 2.0)
    assert len(found) == len(set(found))


def test_a_catastrophic_pack_pattern_is_cut_off_and_reported() -> None:
    from icpfile.data.packs import Packs

    data = personal()
    data["subject"]["province"] = "江苏省"
    data["websites"][0]["name"] = "a" * 40 + "!"
    packs = Packs([{"provinces": {"江苏省": {"personal_name_pattern": "^(a|a)*$"}}}])
    result = _timed(lambda: engine.check_bytes(dump(data).encode(), "d.yaml", Options(today=TODAY), packs), 5.0)
    assert not result.internal
    assert any(f.rule == "ICP016" and "ICP216" in f.message for f in result.report.findings)


def test_aliases_count_the_text_they_copy() -> None:
    long = "云" * 200_000
    text = f"x_a: &a {long}\nx_b: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    findings = _timed(lambda: check_text(text), 2.0)
    assert [f.rule for f in findings] == ["ICP017"]


# -- 3. material paths stay inside the draft's folder --------------------------------------------

@pytest.mark.parametrize("raw", ["/etc/passwd", "../outside.bin", "link.jpg"])
def test_material_paths_leaving_the_folder_are_refused_unread(tmp_path: Path, raw: str) -> None:
    (tmp_path / "outside.bin").write_bytes(b"root:x:0:0 secret")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    if raw == "link.jpg":
        (drafts / "link.jpg").symlink_to(tmp_path / "outside.bin")
    data = enterprise()
    data["materials"] = [{"kind": "subject_certificate", "path": raw}]
    (drafts / "d.yaml").write_text(dump(data), encoding="utf-8")
    result = run("check", "--isolated", "--format", "json", "--today", "2026-11-29", str(drafts / "d.yaml"))
    findings = json.loads(result.stdout)["files"][0]["findings"]
    material = [f for f in findings if f["pointer"] == "/materials/0/path"]
    assert [f["rule"] for f in material] == ["ICP708"]
    assert "72 6f 6f 74" not in result.stdout and "root:x" not in result.stdout
    allowed = run("check", "--isolated", "--format", "json", "--today", "2026-11-29", "--root", str(tmp_path),
                  str(drafts / "d.yaml"))
    codes_with_root = [f["rule"] for f in json.loads(allowed.stdout)["files"][0]["findings"]
                       if f["pointer"] == "/materials/0/path"]
    assert "ICP708" not in codes_with_root if raw != "/etc/passwd" else codes_with_root == ["ICP708"]


def test_a_material_that_is_not_an_image_does_not_show_its_bytes(tmp_path: Path) -> None:
    (tmp_path / "licence.jpg").write_bytes(b"SECRET-CONTENT")
    data = enterprise()
    data["materials"] = [{"kind": "subject_certificate", "path": "licence.jpg"}]
    (tmp_path / "d.yaml").write_text(dump(data), encoding="utf-8")
    result = run("check", "--isolated", "--today", "2026-11-29", str(tmp_path / "d.yaml"))
    assert "ICP702" in result.stdout and "53 45 43" not in result.stdout and "SECRET" not in result.stdout


# -- 8. nothing passes silently ------------------------------------------------------------------

@pytest.mark.parametrize("args", [["--select", "ICP2O1"], ["--ignore", "ICP00"], ["--ignore", "ICPX"]])
def test_unknown_or_loader_codes_in_select_and_ignore_are_usage_errors(args: list[str]) -> None:
    result = run("check", "--isolated", *args, "tests/data/broken.yaml")
    assert result.exit_code == 2 and args[1] in result.output


def test_loader_findings_cannot_be_deselected_or_downgraded() -> None:
    findings = check_text("a: [\n", select=("ICP2",), ignore=("ICP0",), severities=(("ICP006", "info"),))
    assert [(f.rule, f.severity.value) for f in findings] == [("ICP006", "error")]


def test_a_directive_inside_a_block_scalar_is_text_not_a_comment() -> None:
    data = personal()
    data["websites"][0]["name"] = "静夜读书论坛"
    text = dump(data).replace("remarks: 本网站为个人网站，用于记录读书笔记。",
                              "remarks: |\n    本网站为个人网站。\n    # icpfile: disable-file=ICP2\n")
    assert "disable-file" in text
    assert any(f.rule.startswith("ICP2") for f in check_text(text))
    real = text + "# icpfile: disable-file=ICP2\n"
    assert not any(f.rule.startswith("ICP2") for f in check_text(real))


def test_an_empty_folder_given_to_footer_check_exits_2(tmp_path: Path) -> None:
    result = run("footer", "check", "--number", "浙ICP备12345678号-1", str(tmp_path))
    assert result.exit_code == 2 and "no pages" in result.output


# -- 10. positions ---------------------------------------------------------------------------------

def test_columns_after_chinese_text_count_characters() -> None:
    findings = check_text("version: 1\nfiling: {type: 中文中文, x_y: 1, bogus: 2}\n")
    bogus = [f for f in findings if "bogus" in f.pointer]
    assert bogus and bogus[0].line == 2 and bogus[0].column == len("filing: {type: 中文中文, x_y: 1, ") + 1


def test_a_line_separator_in_a_comment_does_not_shift_lines() -> None:
    data = enterprise()
    data["subject"]["nature"] = "企业"
    text = "# 说明\u2028还有\u2029一行\x85\n" + dump(data)
    finding = only(check_text(text), "ICP102")
    assert finding.line == 1 + dump(data).split("\n").index("  nature: 企业") + 1
    data["websites"][0]["remarks"] = "第一行\u2028第二行"
    assert "\u2028" in engine.load_bytes(dump(data).encode(), "d.yaml").data["websites"][0]["remarks"]


# -- 2. names and domains cannot hide a word ------------------------------------------------------

HIDERS = {"combining mark": "\u0301", "variation selector": "\ufe0f", "Hangul filler": "\u3164",
          "zero-width space": "\u200b", "soft hyphen": "\u00ad"}


@pytest.mark.parametrize("hider", list(HIDERS))
@pytest.mark.parametrize(("word", "base", "code"), [
    ("论坛", "personal", "ICP210"), ("社区", "personal", "ICP210"), ("赌博", "enterprise", "ICP206"),
])
def test_a_hidden_character_inside_a_word_does_not_hide_it(hider: str, word: str, base: str, code: str) -> None:
    data = personal() if base == "personal" else enterprise()
    data["websites"][0]["name"] = "静夜读书" + word[0] + HIDERS[hider] + word[1]
    found = check_text(dump(data))
    assert code in [f.rule for f in found]
    hidden = only(found, "ICP230")
    assert hidden.column > 1


@pytest.mark.parametrize("name", ["中\ufe0f国读书会", "全\u3164国读书会", "中\u0301国读书会"])
def test_a_hidden_character_inside_a_prefix_does_not_hide_it(name: str) -> None:
    data = enterprise()
    data["websites"][0]["name"] = name
    assert "ICP204" in [f.rule for f in check_text(dump(data))]


def test_traditional_and_compatibility_forms_are_read_as_simplified() -> None:
    data = personal()
    data["websites"][0]["name"] = "静夜讀書論壇"
    assert "ICP210" in [f.rule for f in check_text(dump(data))]
    data = enterprise()
    data["websites"][0]["name"] = "\uf9b5子中國賭博"
    assert {"ICP206", "ICP230"} <= {f.rule for f in check_text(dump(data))}


def test_the_hidden_character_is_reported_at_its_column() -> None:
    data = enterprise()
    data["websites"][0]["name"] = "云栖科技\u200b官网"
    text = dump(data)
    finding = only(check_text(text), "ICP230")
    line = text.split("\n")[finding.line - 1]
    assert line[finding.column - 1] == "\u200b" or line[finding.column - 1 :].startswith("\\u200B")


@pytest.mark.parametrize(("domain", "code"), [("exa\u200bmple.com", "ICP530"), ("ex\u00adample.com", "ICP530"),
                                              ("exаmple.com", "ICP531"), ("gοοgle.com", "ICP531")])
def test_a_domain_cannot_hide_or_imitate(domain: str, code: str) -> None:
    data = enterprise()
    data["websites"][0]["domain"] = domain
    assert code in [f.rule for f in check_text(dump(data))]


# -- 10. small things: Ctrl-C, orphaned workers, the cache ------------------------------------------

@POSIX
@pytest.mark.parametrize("module", ["typer", "yaml", "icpfile.engine"])
def test_ctrl_c_while_the_cli_imports_prints_no_traceback(module: str) -> None:
    """Ctrl-C lands while the first ~100 ms of imports run (simulated exactly: SIGINT is raised
    when `module` is first imported, as the console script's entry would meet it)."""
    import subprocess

    script = (
        "import os, signal, sys\n"
        "class Hook:\n"
        "    def find_spec(self, name, path, target=None):\n"
        f"        if name == {module!r}:\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "sys.meta_path.insert(0, Hook())\n"
        "sys.argv = ['icpfile', 'check', '--isolated', 'tests/data/broken.yaml']\n"
        "from icpfile.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 130 and len(done.stderr.strip().splitlines()) <= 1


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            return "\nState:\tZ" not in handle.read()
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_worker_dies_with_its_killed_parent() -> None:
    import signal
    import subprocess
    import time

    worker = ("import os, sys, time; from icpfile.batch import _die_with_parent; _die_with_parent(os.getppid()); "
              "print('ready', flush=True); time.sleep(60)")
    parent = ("import subprocess, sys, time; p = subprocess.Popen([sys.executable, '-c', sys.argv[1]], "
              "stdout=subprocess.PIPE, text=True); p.stdout.readline(); print(p.pid, flush=True); time.sleep(60)")
    middle = subprocess.Popen([sys.executable, "-c", parent, worker], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    child = int(middle.stdout.readline())
    assert _alive(child)
    middle.send_signal(signal.SIGKILL)
    middle.wait()
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def test_a_tampered_or_foreign_cache_entry_is_not_believed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from icpfile import cache

    monkeypatch.setenv("ICPFILE_CACHE_DIR", str(tmp_path / "c"))
    calls = []

    def parse(data: bytes) -> dict:
        calls.append(data)
        return {"words": ["论坛"]}

    assert cache.cached_json("t", b"source", parse) == {"words": ["论坛"]}
    assert cache.cached_json("t", b"source", parse) == {"words": ["论坛"]} and len(calls) == 1
    [entry] = (tmp_path / "c").iterdir()
    assert len(entry.name) > 40  # a SHA-256 key, not a CRC
    digest, _, payload = entry.read_bytes().partition(b"\n")
    entry.write_bytes(digest + b"\n" + payload.replace("论坛".encode(), b"ok"))
    assert cache.cached_json("t", b"source", parse) == {"words": ["论坛"]} and len(calls) == 2
    if hasattr(os, "getuid"):
        entry.chmod(0o666)
        assert cache.cached_json("t", b"source", parse) == {"words": ["论坛"]} and len(calls) == 3


def test_a_usage_error_quoting_a_path_cannot_forge_lines() -> None:
    result = run("check", "--isolated", "nope\n::warning file=x::forged\x1b[31m.yaml")
    assert result.exit_code == 2
    assert "\x1b" not in result.output and not any(line.startswith("::warning") for line in result.output.splitlines())


def test_masking_by_shape_keeps_public_numbers() -> None:
    from icpfile.values.pii import mask_text

    assert mask_text("电话 13912345678-1") == "电话 139*****678-1"
    assert mask_text("8613912345678") == "861******5678"
    assert mask_text("浙公网安备 33010602011234号") == "浙公网安备 33010602011234号"
    assert mask_text("浙ICP备1234567890号-1 2026-11-29") == "浙ICP备1234567890号-1 2026-11-29"


def test_a_crash_on_one_draft_keeps_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from icpfile import batch
    from icpfile.schema import typed

    real = typed.apply

    def explode(data: dict) -> dict:
        if data.get("x_boom"):
            raise RecursionError("boom")
        return real(data)

    monkeypatch.setattr(typed, "apply", explode)
    (tmp_path / "a.yaml").write_text("x_boom: 1\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text(dump(enterprise()), encoding="utf-8")
    results = batch.run(batch.expand([str(tmp_path)]), Options(today=TODAY))
    assert [bool(r.internal) for r in results] == [True, False]
    assert results[1].report.path.endswith("b.yaml")


@POSIX
def test_a_file_named_like_a_workflow_command_is_not_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("::error file=x.py::forged.yaml").write_text("a: [\n", encoding="utf-8")
    result = run("check", "--isolated", "--format", "text", "::error file=x.py::forged.yaml")
    assert result.exit_code == 1
    assert not any(line.lstrip().startswith("::") for line in result.output.splitlines())


def test_a_landline_in_the_guides_form_is_shown_so_its_fix_can_be_copied() -> None:
    """086-0571-88888888 is a unit's public number; a mobile or an ID run beside it is still masked."""
    from icpfile.values.pii import mask_text

    assert mask_text("write 086-0571-88888888-123") == "write 086-0571-88888888-123"
    assert mask_text("086-0571-88888888, 13800138000") == "086-0571-88888888, 138****8000"

"""The command line's own words in both languages (#22 P7): data/words.yaml, `--help` in Chinese,
click's usage errors and the CLI's one-line errors under --lang zh and en."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from icpfile.cli import help_zh
from icpfile.cli.registry import build, main
from icpfile.data import words

HAN = re.compile(r"[\u3400-\u9fff]")
ROOT = Path(__file__).resolve().parent.parent
CALLS = r"""\b(?:fail|words|InputError|NameCheckError|ConfigError\.of)\(\s*f?["']([\w.]+)"""


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}



def schema_nodes() -> list[dict]:
    """Every mapping of the draft schema, depth first (the titles and labels the wizard shows)."""
    import json

    from icpfile.schema import draft as sch

    found: list[dict] = []
    stack: list[object] = [json.loads(sch.schema_text())]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            found.append(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def test_every_line_has_both_languages_and_the_same_fields():
    lines = words.catalog()["lines"]
    assert len(lines) > 50
    for key, entry in lines.items():
        assert set(entry) == {"zh", "en"}, key
        assert _fields(entry["zh"]) == _fields(entry["en"]), key
        assert HAN.search(entry["zh"]) or "：" in entry["zh"], f"{key}: its zh has no Chinese"


def test_every_key_the_code_says_is_in_the_catalog():
    """`fail("key")`, `say("key", …)`, `Said`-style errors: a typo would be a KeyError at the
    moment a user meets the error, so every literal key in cli/, commands/ and batch is checked."""
    used: set[str] = set()
    sources = [*(ROOT / "icpfile/cli").glob("*.py"), *(ROOT / "icpfile/commands").glob("*.py"),
               ROOT / "icpfile/batch.py"]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(CALLS, text))
        if re.search(r"^from icpfile.data.words import say$", text, re.M):
            used |= set(re.findall(r"""\bsay\(\s*["']([\w.]+)["']""", text))
    used |= {f"choice_unknown.{what}" for what in ("province", "nature", "provider")}  # name_check._pick
    assert len(used) > 40
    assert used - {"choice_unknown."} <= set(words.catalog()["lines"])


def test_every_help_text_has_its_chinese():
    texts = set(help_zh.help_texts(help_zh.tree(build())))
    missing = sorted(t for t in texts if t not in words.catalog()["help"])
    assert not missing, missing


def test_help_table_is_english_to_chinese():
    for english, chinese in words.catalog()["help"].items():
        assert HAN.search(chinese) and chinese != english, english


def test_click_patterns_translate_whole_and_nested():
    assert words.click_zh("No such option: --lan (Possible options: --lang)") == "没有这个选项：--lan（可能是：--lang）"
    assert words.click_zh("Invalid value for '--lang': 'fr' is not one of 'zh', 'en'.") == (
        "'--lang' 的值无效：'fr' 不是 'zh', 'en' 之一。")
    assert words.click_zh("[required]") == "[必填]"
    assert words.click_zh("[default: {}]").format("text") == "[默认：text]"
    assert words.click_zh("something typer says that the table does not know") == (
        "something typer says that the table does not know")


def _run(monkeypatch, capsys, *argv: str, env_lang: str = "C.UTF-8") -> tuple[int, str, str]:
    """`icpfile ARGV` through the console entry, as a user runs it (LANG as given)."""
    import sys

    from icpfile.cli import language as common

    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", env_lang)
    monkeypatch.setattr(sys, "argv", ["icpfile", *argv])
    monkeypatch.setattr(common, "_RUN_LANG", [])
    monkeypatch.setattr(common, "_CLI_LANG", [])
    with pytest.raises(SystemExit) as ended:
        main()
    out, err = capsys.readouterr()
    return int(ended.value.code or 0), out, err


@pytest.mark.parametrize("argv", [("--help",), ("check", "--help"), ("footer", "snippet", "--help"),
                                  ("rules", "--help")])
def test_help_in_chinese_under_zh(monkeypatch, capsys, tmp_path, argv):
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(monkeypatch, capsys, *argv, env_lang="zh_CN.UTF-8")
    assert code == 0
    assert "用法：" in out and "Usage:" not in out
    assert "Show this message and exit." not in out and "显示此帮助" in out
    english = re.findall(r"\b(?:Options|Arguments|Commands|the|and|or|of)\b", out)
    assert not english, english


def test_help_in_english_by_default(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(monkeypatch, capsys, "check", "--help")
    assert code == 0 and "Usage:" in out and "用法" not in out and "显示此帮助" not in out


def test_lang_on_the_command_line_wins_over_the_locale(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    _, out, _ = _run(monkeypatch, capsys, "check", "--help", "--lang", "zh")
    assert "用法：" in out
    _, out, _ = _run(monkeypatch, capsys, "check", "--help", "--lang=en", env_lang="zh_CN.UTF-8")
    assert "Usage:" in out and "用法" not in out


def test_settings_file_language_gives_the_help_language(monkeypatch, capsys, tmp_path):
    (tmp_path / ".icpfile.toml").write_text('lang = "zh"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out, _ = _run(monkeypatch, capsys, "check", "--help")
    assert "用法：" in out
    _, out, _ = _run(monkeypatch, capsys, "check", "--help", "--isolated")
    assert "Usage:" in out


@pytest.mark.parametrize(("argv", "zh", "en"), [
    (("check", "--bogus"), "没有这个选项：--bogus", "No such option: --bogus"),
    (("check",), "缺少参数 'paths'", "Missing argument 'paths'"),
    (("chek",), "没有命令 'chek'。是不是要用 'check'", "No such command 'chek'. Did you mean 'check'"),
    (("check", "x.yaml", "--format"), "选项 '--format' 需要一个值", "Option '--format' requires an argument"),
    (("rules", "a", "b"), "多出了参数（b）", "Got unexpected extra argument"),
    (("check", "--lan", "zh", "x"), "（可能是：--lang）", "(Possible options: --lang)"),
    (("check", "nothing.yaml"), "nothing.yaml：没有这个文件或文件夹", "nothing.yaml: no such file or folder"),
    (("check", "x.yaml", "--today", "soon"), "--today 须为 2026-11-29 这样的日期", "--today must be a date like"),
    (("rules", "ICP999"), "没有规则 ICP999", "no rule ICP999"),
    (("rules", "--province", "火星"), "未知的省份“火星”", "unknown province '火星'"),
    (("name", "云帆", "--province", "浙江", "--nature", "nobody"), "未知的主体性质“nobody”", "unknown nature 'nobody'"),
    (("init", "--nature", "nobody"), "未知的主体性质“nobody”", "unknown nature 'nobody'"),
    (("check", "x.yaml", "--select", "ICP2O1"), "未知的规则编码或前缀“ICP2O1”", "unknown rule code or prefix"),
    (("export", "x.yaml", "--platform", "qq"), "须为 wechat", "one of wechat"),
    (("status", "none.yaml", "-f", "xlsx"), "--format xlsx 用于草稿文件夹", "--format xlsx is for a folder"),
])
def test_usage_errors_in_the_run_language(monkeypatch, capsys, tmp_path, argv, zh, en):
    """Each one line on stderr, exit 2, in Chinese under --lang zh (or a zh locale) and English
    under --lang en, whichever way the language is given."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.yaml").write_text("subject: {}\n", encoding="utf-8")
    for lang, wanted, unwanted in (("zh", zh, en), ("en", en, zh)):
        ways = [([], "zh_CN.UTF-8" if lang == "zh" else "en_US.UTF-8")]
        if argv[0] not in ("init", "chek"):  # init has no --lang; an unknown command has no options
            ways.append((["--lang", lang], "C.UTF-8" if lang == "zh" else "zh_CN.UTF-8"))
        for given, env in ways:
            code, _, err = _run(monkeypatch, capsys, argv[0], *given, *argv[1:], env_lang=env)
            assert code == 2, (argv, lang, err)
            assert wanted in err and unwanted not in err, (argv, lang, given, err)
            assert len(err.strip().splitlines()) == 1, err


def test_every_schema_title_has_an_english_one():
    """One table (icpfile/schema/titles.json) gives each Chinese title of the draft schema its
    English; the wizard and messages show it under --lang en, so a title without one would show
    Chinese in English text."""

    from icpfile.schema import draft as sch

    titles = {node["title"] for node in schema_nodes() if isinstance(node.get("title"), str)}
    table = sch.english_titles()
    assert titles and not titles - set(table), sorted(titles - set(table))
    for chinese, english in table.items():
        assert not HAN.search(english), (chinese, english)
    assert sch.title_in(["subject", "province"], "en") == "Province"
    assert sch.title_in(["subject", "province"], "zh") == "省份"


def test_every_code_label_has_an_english_one():
    """The wizard's choices and summary show a code by its label in the run's language
    (`Resident ID card (resident_id)` under en, `居民身份证（resident_id）` under zh): titles.json's
    `labels` gives each Chinese label of the schema (`enumDescriptions`, a branch's const title)
    its English. Origin: issue 22, P7 (every choice of the wizard was Chinese under --lang en)."""

    from icpfile.filing.questions import coded
    from icpfile.schema import draft as sch

    found = {str(label) for node in schema_nodes() for label in node.get("enumDescriptions") or []}
    found |= {node["title"] for node in schema_nodes() if "const" in node and isinstance(node.get("title"), str)}
    table = sch.english_labels()
    assert found and not found - set(table), sorted(found - set(table))
    assert not [e for e in table.values() if HAN.search(e)]
    assert coded("居民身份证", "resident_id", "en") == "Resident ID card (resident_id)"
    assert coded("居民身份证", "resident_id", "zh") == "居民身份证（resident_id）"
    assert coded("浙江省", "浙江省", "en") == "浙江省"


def test_every_description_has_an_english_one():
    """ICP104 quotes the help of a field with a pattern as its hint, `init --lang en` and `schema
    --lang en` show every field's help: under en it must be English (titles.json's
    `descriptions`), never the schema's Chinese; a Chinese value it quotes as an example is in
    backticks. Origin: issue 22, W9/P10."""
    import json

    from icpfile.schema import draft as sch

    shown: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("description"), str):
                shown.add(node["description"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(sch.schema_text()))
    table = sch.english_descriptions()
    assert shown and not shown - set(table), sorted(shown - set(table))
    assert not [e for e in table.values() if HAN.search(re.sub(r"`[^`]*`", "", e))]
    assert sch.description_in(["subject", "principal", "emergency_mobile"], "en").startswith("Another mobile")


# English hints that quote Chinese to be copied as written (a remark for the portal, an example name,
# the shape of a filing number, a sheet's column header), and one folder name in a command.
COPIED = {"ICP201", "ICP210", "ICP216", "ICP217", "ICP221", "ICP223", "ICP224", "ICP330", "ICP331", "ICP342",
          "ICP409", "ICP411", "ICP512", "ICP553", "ICP601", "ICP603", "ICP665", "ICP666", "ICP954",
          "words:import_template_wrote"}


def test_no_text_carries_the_other_language_beyond_the_allowlist():
    """scripts/mixed_scripts.py over every rule record's zh/en message and hint and the CLI's lines:
    a new English fragment in a Chinese text (or Chinese in an English one) fails here."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("mixed_scripts", ROOT / "scripts/mixed_scripts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = [line for line in module.problems() if line.split()[0] not in COPIED]
    assert not found, found
    # the scanner sees what it must: a made-up mix is found
    assert module.HAN.findall("the 省份 is empty") == ["省份"]


# What a command's output may quote of the other language: values from the draft or the command
# line, field terms and the bodies they name, sources (cited by their own titles: one text for both
# languages), file paths and commands, codes and the format's keys.
SOURCE_LINE = re.compile(r"^\s*(?:=\s*)?(?:source|依据|  \S+:)", re.M)
ZH_ALLOWED = re.compile(r"\b(?:icpfile|ICP\d+|error|warning|info|json|yaml|html|text|xlsx|zh|en)\b")


def _foreign(text: str, lang: str, allowed: tuple[str, ...]) -> list[str]:
    kept = "\n".join(line for line in text.splitlines() if not SOURCE_LINE.match(line))
    for value in allowed:
        kept = kept.replace(value, "")
    kept = re.sub(r"'[^']*'|“[^”]*”|`[^`]*`|\S*[/.]\S*|--?[\w-]+|\b[a-z_]+\b(?=[:=])|\b[a-z]+(?:-[a-z]+)+\b", "",
                  kept)
    if lang == "en":
        return HAN.findall(kept)
    return [w for w in re.findall(r"\b[A-Za-z]{4,}\b", ZH_ALLOWED.sub("", kept)) if not w.isupper()]


@pytest.mark.parametrize("argv", [
    ("name", "云帆", "--province", "浙江", "--nature", "personal"),
    ("footer", "snippet", "--number", "浙ICP备12345678号-1", "--format", "text"),
    ("rules", "ICP201"),
    ("check", "nothing.yaml"),
    ("rules", "--province", "火星"),
])
def test_commands_speak_one_language(monkeypatch, capsys, tmp_path, argv):
    """Each command under --lang zh and --lang en: no text of the other language beyond what it
    quotes (the allowlist above). Left for later, as the report says: `check` of a draft (field
    help texts and choice labels are Chinese only), `status`, the wizard's help lines."""
    monkeypatch.chdir(tmp_path)
    allowed = ("浙ICP备12345678号-1", "云栖科技官网", "浙江省", "云帆", "浙江", "火星", "指南", "TXR")
    for lang in ("zh", "en"):
        _, out, err = _run(monkeypatch, capsys, *argv, env_lang="zh_CN.UTF-8" if lang == "zh" else "en_US.UTF-8")
        assert out or err
        assert not _foreign(out + err, lang, allowed), (lang, _foreign(out + err, lang, allowed), out + err)


def test_the_one_language_check_finds_the_other_language():
    assert _foreign("icpfile check: Missing argument 'paths'.", "zh", ()) == ["Missing", "argument"]
    assert "".join(_foreign("Province is empty — 省份", "en", ())) == "省份"


@pytest.mark.parametrize("argv", [("--lang", "zh", "check", "--help"), ("--lang=zh", "rules", "--help"),
                                  ("--lang", "zh", "footer", "snippet", "--help"), ("--lang", "zh")])
def test_global_lang_before_the_command_gives_chinese_help(monkeypatch, capsys, tmp_path, argv):
    """Origin: issue 22, W6 (`icpfile --lang zh check --help` said 没有这个选项：--lang)."""
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(monkeypatch, capsys, *argv)
    assert code == 0, err
    assert "用法：" in out and "Usage:" not in out


def test_global_lang_runs_the_command_in_it_and_the_commands_own_wins(monkeypatch, capsys, tmp_path):
    from conftest import ROOT

    monkeypatch.chdir(tmp_path)
    draft = str(ROOT / "tests" / "data" / "broken.yaml")
    code, out, _ = _run(monkeypatch, capsys, "--lang", "zh", "check", draft)
    assert code == 1 and out.splitlines()[-1].startswith("检查了 1 个文件：")
    code, out, _ = _run(monkeypatch, capsys, "--lang", "zh", "check", draft, "--lang", "en")
    assert code == 1 and out.splitlines()[-1].startswith("1 file(s) checked: ")
    code, _, err = _run(monkeypatch, capsys, "--lang", "zh", "rules", "ICP999")
    assert code == 2 and err == "icpfile: 没有规则 ICP999；`icpfile rules` 列出全部规则\n"


@pytest.mark.parametrize("argv", [("check", "tests/data/broken.yaml"), ("rules", "ICP101"), ("rules", "ICP201")])
def test_source_lines_speak_one_language(monkeypatch, capsys, argv):
    """The `依据`/`source` lines too (walker41 items 5–6: `source: 草稿格式` under en, `KAMILET (about
    2019: …)` under zh): each citation key in the run's language (sources.yaml `shown`), a note in the
    other language left out. Only the source lines are read here; the rest is the test above's."""
    monkeypatch.chdir(ROOT)
    for lang in ("zh", "en"):
        _, out, _ = _run(monkeypatch, capsys, argv[0], "--lang", lang, *argv[1:])
        lines = [line for line in out.splitlines() if re.match(r"^\s*(?:=\s*)?(?:source|依据)[:：]", line)]
        assert lines, out
        text = "\n".join(re.sub(r"^\s*(?:=\s*)?(?:source|依据)[:：]", "", line) for line in lines)
        foreign = HAN.findall(text) if lang == "en" else [
            w for w in re.findall(r"\b[A-Za-z]{4,}\b", text) if not w.isupper()]
        assert not foreign, (lang, foreign, text)


def test_a_source_is_shown_in_each_language():
    from icpfile.data.sources import shown

    assert shown("指南 7、10", "en") == "Guide 7, 10"
    assert shown("草稿格式（Unknown keys anywhere are errors）", "en") == (
        "draft format (Unknown keys anywhere are errors)")
    assert shown("草稿格式（Unknown keys anywhere are errors）", "zh") == "草稿格式"
    assert shown("指南 3.1 附录二（不能使用地名命名）; TXR", "zh") == "指南 3.1 附录二（不能使用地名命名）; TXR"
    assert shown("指南 3.1 附录二（不能使用地名命名）; TXR", "en") == "Guide 3.1 appendix 2; TXR"
    assert shown("YAML 1.2 (keys in a mapping are unique)", "zh") == "YAML 1.2"


@pytest.mark.parametrize(("typed", "choices", "value"), [
    ("Zhejiang", [("浙江省", "浙江省"), ("江苏省", "江苏省")], "浙江省"),
    ("inner mongolia", [("内蒙古自治区", "内蒙古自治区")], "内蒙古自治区"),
    ("Guangxi", [("广西壮族自治区", "广西壮族自治区")], "广西壮族自治区"),
    ("身份证", [("resident_id", "居民身份证（resident_id）"), ("foreign_pr", "外国人永久居留身份证（foreign_pr）")],
     "resident_id"),
    ("浙江", [("浙江省", "浙江省")], "浙江省"),
])
def test_another_name_of_a_choice_is_offered(typed, choices, value):
    """walker41 items 7–8: an English province name and the guide's 身份证 name their choice, which
    the wizard offers (`Use 浙江省 instead?`) as it does a part of a title, never taking it silently."""
    from icpfile.filing.prompts import exact, pick

    assert pick(typed, choices) == value
    assert not exact(typed, value, choices)
    assert pick("Mars", choices) is None


def test_name_takes_an_english_province(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    _, _, err = _run(monkeypatch, capsys, "name", "云帆", "--province", "Zhejiang", "--nature", "personal",
                          "--lang", "en")
    assert "unknown province" not in err, err


def test_wizard_refusals_in_the_run_language(tmp_path):
    """The lock, the loader's refusal and `--edit`'s errors were English under zh (walker41 item 5)."""
    from icpfile.data.words import Said
    from icpfile.filing.answers import field_pointer
    from icpfile.filing.draft_writer import LinkRefused
    from icpfile.filing.state import StateSaid

    with pytest.raises(Said) as raised:
        field_pointer("subject.principal.mobil")
    assert raised.value.line("zh").startswith("--edit subject.principal.mobil：不是草稿中的字段")
    assert "not a field" in raised.value.line("en")
    assert "另一个 icpfile wizard" in StateSaid("wizard_locked", draft="a.yaml", lock="x.lock").line("zh")
    refused = LinkRefused("wizard_loader_refused", path="a.yaml", line=2, code="ICP003")
    assert "向导不改写" in refused.line("zh") and not re.search(r"\b[a-z]{5,}\b", refused.line("zh").replace(
        "icpfile check", "")), refused.line("zh")
    assert not HAN.search(refused.line("en"))


def test_status_and_the_wizard_name_the_guide_in_english_under_en():
    """`status`/wizard said `(指南 7、10)` under --lang en (walker41 item 6): each step's source,
    and every English line of messages.yaml, names the guide in English."""
    from icpfile.data.sources import shown
    from icpfile.filing.messages import catalog
    from icpfile.filing.process import STEPS

    for step in STEPS:
        assert not HAN.search(shown(step.source, "en")), step.source
        assert shown(step.source, "zh") == step.source
    assert shown("指南 7、10", "en") == "Guide 7, 10"
    english = [v["en"] for v in catalog().values() if isinstance(v, dict) and "指南" in str(v.get("en", ""))]
    assert not english, english


@pytest.mark.parametrize(("typed", "written"), [("payment", "支付类"), ("Location", "定位类"), ("支付类", "支付类"),
                                                ("友盟统计", "友盟统计")])
def test_an_sdk_service_type_in_english_is_written_as_the_portals_word(typed, written):
    """walker41 item 7: the help glosses 支付类 … as (payment, location …), and `payment` went into
    the draft as free text the portal refuses."""
    from icpfile.filing.questions import normalise

    assert normalise("/apps/0/sdk/0/kind", typed) == written


@pytest.mark.parametrize("args", [
    ("status", "examples/personal-first-filing.yaml", "--today", "x" * 10_000),
    ("rules", "--province", "y" * 10_000),
    ("name", "静夜读书", "--nature", "personal", "--province", "y" * 10_000),
])
def test_a_long_bad_option_value_is_echoed_cut_on_one_line(args: tuple[str, ...]) -> None:
    """breaker42: a 10,000-character --today or --province came back whole on one line."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "icpfile", *args, "--lang", "en"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert len(done.stderr) < 1000 and "…" in done.stderr, done.stderr[:300]

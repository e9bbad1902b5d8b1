"""The speed contract of issue 23: each figure side by side with its yardstick, in one run.

    python3 -m venv /tmp/bench && . /tmp/bench/bin/activate
    pip install . check-jsonschema yamllint pexpect   # installed as a user installs it; the yardsticks
    python bench/contract.py                          # every figure; --only one,cold,... for some
    python bench/contract.py --runs 15 --drafts 5000  # the defaults
    python bench/contract.py --only warm,name,wizard --before /tmp/main-venv/bin/icpfile   # before/after, one run

Whole processes, start-up and exit included, from a fresh interpreter each time. The commands of
one figure run in turn (A B C A B C …), so machine noise falls on all of them alike; each figure
is the median over the runs, and a ratio is the median of the pair-by-pair ratios. The machine,
its load average before and after, and the tool versions are printed. Memory is the peak of the
whole process tree's resident set (the CLI and its workers), sampled every 5 ms from /proc.

Figures and their targets (issue 23, "Done when"):

- `warm`: one draft, warm cache, against yamllint and check-jsonschema (≤ yamllint, ≤ 0.35×);
- `cold`: one draft with an empty cache (≤ 0.5× check-jsonschema), and with a cache folder that
  cannot be written (≤ 10 ms over warm);
- `batch`: N drafts in one call (≤ 0.1× check-jsonschema, tree ≤ 150 MiB), and 64, 200 drafts
  against the same CLI held to one process (`ICPFILE_WORKERS=1`), which parallel must not lose to;
- `name`: `icpfile name …` (≤ 80 ms), beside `python -c pass`;
- `wizard`: spawn to the first prompt in a pseudo-terminal (≤ 220 ms), beside questionary alone;
- `doubling`: in one process (CPU time), each input at N, 2N, 4N (drafts, websites in a draft, findings in
  a value, footer pages): t(2N) / t(N) must stay ≤ 2 (linear; a quadratic path gives 4).
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from footer_site import NUMBER, POLICE  # noqa: E402
from footer_site import build as build_site  # noqa: E402
from make_drafts import main as make_drafts  # noqa: E402

DRAFT = ROOT / "examples" / "personal-first-filing.yaml"
ENTERPRISE = ROOT / "examples" / "enterprise-first-filing.yaml"


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and every descendant, from /proc (0 where there is no /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    try:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(pid)
            rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def run(command: list[str], env: dict[str, str] | None = None, tree: bool = False) -> tuple[float, float, int]:
    """(wall seconds, peak MiB, exit code) of one process; the peak is the tree's when `tree`,
    else the process's own (wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, **(env or {})})
    peak = [0]
    done = threading.Event()
    if tree:  # the poller never reaps the child (wait4 below does), it only reads /proc
        def poll() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss(process.pid))
                time.sleep(0.005)

        watcher = threading.Thread(target=poll, daemon=True)
        watcher.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    if tree:
        watcher.join()
    mib = (peak[0] / 2**20) if tree else usage.ru_maxrss / 1024
    return wall, mib, os.waitstatus_to_exitcode(status)


def side_by_side(label: str, commands: dict[str, Callable[[], tuple[float, float, int]]], runs: int,
                 warmups: int = 1) -> dict[str, list[float]]:
    """Run each command in turn, `runs` times after `warmups`; print medians, ranges, peaks."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    for i in range(warmups + runs):
        for name, command in commands.items():
            wall, mib, _ = command()
            if i >= warmups:
                times[name].append(wall)
                peaks[name] = max(peaks[name], mib)
    print(f"\n## {label} ({runs} runs + {warmups} warm-up, interleaved)")
    for name, values in times.items():
        print(f"  {name:<34} {statistics.median(values) * 1000:8.1f} ms "
              f"({min(values) * 1000:.0f}–{max(values) * 1000:.0f}), peak {peaks[name]:.1f} MiB")
    return times


def ratio(times: dict[str, list[float]], a: str, b: str, target: str = "") -> float:
    value = statistics.median(x / y for x, y in zip(times[a], times[b]))
    print(f"  → {a} / {b}: {value:.2f} (pair by pair){'  target ' + target if target else ''}")
    return value


def difference(times: dict[str, list[float]], a: str, b: str, target: str = "") -> float:
    value = statistics.median(x - y for x, y in zip(times[a], times[b])) * 1000
    print(f"  → {a} − {b}: {value:+.1f} ms (pair by pair){'  target ' + target if target else ''}")
    return value


BEFORE: str | None = None  # --before: another icpfile, measured beside this one


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        sys.exit(f"{name} is not installed here: pip install . check-jsonschema yamllint pexpect")
    return found


def figures_warm_cold(work: Path, runs: int) -> None:
    icpfile, yamllint, cjs = tool("icpfile"), tool("yamllint"), tool("check-jsonschema")
    schema = work / "draft.schema.json"
    warm = {"ICPFILE_CACHE_DIR": str(work / "warm-cache")}
    run([icpfile, "check", str(DRAFT)], warm)
    check = [icpfile, "check", str(DRAFT)]
    before = {} if BEFORE is None else {"icpfile check (before)": lambda: run([BEFORE, "check", str(DRAFT)], warm)}
    times = side_by_side(f"one draft, warm cache: {DRAFT.name}", {
        "icpfile check": lambda: run(check, warm),
        **before,
        "yamllint": lambda: run([yamllint, str(DRAFT)]),
        "check-jsonschema": lambda: run([cjs, "--schemafile", str(schema), str(DRAFT)]),
    }, runs)
    ratio(times, "icpfile check", "yamllint", "≤ 1")
    ratio(times, "icpfile check", "check-jsonschema", "≤ 0.35")
    if before:
        ratio(times, "icpfile check (before)", "yamllint")
        ratio(times, "icpfile check (before)", "check-jsonschema")
        ratio(times, "icpfile check", "icpfile check (before)")

    def empty() -> tuple[float, float, int]:
        folder = tempfile.mkdtemp(dir=work)
        try:
            return run(check, {"ICPFILE_CACHE_DIR": folder})
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    times = side_by_side("one draft, empty cache (a fresh CI runner) and an unwritable one", {
        "icpfile check, empty cache": empty,
        "icpfile check, unwritable cache": lambda: run(check, {"ICPFILE_CACHE_DIR": "/dev/null/icpfile"}),
        "icpfile check, warm cache": lambda: run(check, warm),
        "check-jsonschema": lambda: run([cjs, "--schemafile", str(schema), str(DRAFT)]),
    }, runs)
    ratio(times, "icpfile check, empty cache", "check-jsonschema", "≤ 0.5")
    difference(times, "icpfile check, unwritable cache", "icpfile check, warm cache", "≤ 10 ms")


def figures_batch(work: Path, drafts: int, runs: int) -> None:
    icpfile, cjs = tool("icpfile"), tool("check-jsonschema")
    schema = work / "draft.schema.json"
    warm = {"ICPFILE_CACHE_DIR": str(work / "warm-cache")}
    for count in (64, 200):
        folder = work / f"drafts-{count}"
        make_drafts(count, folder)
        command = [icpfile, "check", "--isolated", str(folder), "--format", "json"]
        times = side_by_side(f"{count} drafts: as shipped against one process", {
            "icpfile check (as shipped)": lambda c=command: run(c, warm, tree=True),
            "icpfile check (one process)": lambda c=command: run(c, {**warm, "ICPFILE_WORKERS": "1"}, tree=True),
        }, runs)
        ratio(times, "icpfile check (as shipped)", "icpfile check (one process)", "≤ 1")
    folder = work / f"drafts-{drafts}"
    make_drafts(drafts, folder)
    files = sorted(str(p) for p in folder.glob("*.yaml"))
    times = side_by_side(f"{drafts} drafts in one call", {
        "icpfile check": lambda: run([icpfile, "check", "--isolated", str(folder), "--format", "json"], warm,
                                     tree=True),
        "check-jsonschema": lambda: run([cjs, "--schemafile", str(schema), *files], tree=True),
    }, max(1, runs // 5), warmups=0)
    ratio(times, "icpfile check", "check-jsonschema", "≤ 0.1")
    print(f"  → icpfile {statistics.median(times['icpfile check']) * 1000 / drafts:.2f} ms a draft")


def figures_name(work: Path, runs: int) -> None:
    icpfile = tool("icpfile")
    warm = {"ICPFILE_CACHE_DIR": str(work / "warm-cache")}
    words = ["name", "静夜读书笔记", "--province", "上海市", "--nature", "personal"]
    before = {} if BEFORE is None else {"icpfile name (before)": lambda: run([BEFORE, *words], warm)}
    times = side_by_side("icpfile name (target ≤ 80 ms)", {
        "icpfile name": lambda: run([icpfile, *words], warm),
        **before,
        "python -c pass": lambda: run([sys.executable, "-c", "pass"]),
    }, runs)
    if before:
        ratio(times, "icpfile name", "icpfile name (before)")


def _first_prompt(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int]:
    """Seconds from spawn to questionary's `?` in a 120×40 pseudo-terminal, answering the cursor
    position request as a terminal does."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(command[0], command[1:], env={**os.environ, **env, "TERM": "xterm-256color"},
                          cwd=str(cwd), dimensions=(40, 120), timeout=20)
    while True:
        index = child.expect([r"\x1b\[6n", r"\?"])
        if index == 0:
            child.send("\x1b[1;1R")
            continue
        break
    wall = time.perf_counter() - start
    child.terminate(force=True)
    return wall, 0.0, 0


def figures_wizard(work: Path, runs: int) -> None:
    icpfile = tool("icpfile")
    try:
        import pexpect  # noqa: F401
    except ImportError:
        print("\n## wizard: skipped (pip install pexpect)")
        return
    warm = {"ICPFILE_CACHE_DIR": str(work / "warm-cache")}
    folder = work / "wizard"
    folder.mkdir(exist_ok=True)
    draft = folder / "w1.yaml"
    subprocess.run([icpfile, "init", "--nature", "personal", "-o", str(draft)], env={**os.environ, **warm},
                   capture_output=True, check=False)
    python = sys.executable
    before = {} if BEFORE is None else {
        "icpfile wizard (new, before)": lambda: _first_prompt([BEFORE, "wizard", str(folder / "new.yaml"), "--lang",
                                                               "zh"], warm, folder),
        "icpfile wizard (existing, before)": lambda: _first_prompt([BEFORE, "wizard", str(draft), "--lang", "zh"],
                                                                   warm, folder),
    }
    times = side_by_side("wizard, spawn to first prompt (target ≤ 220 ms)", {
        "icpfile wizard (new draft)": lambda: _first_prompt([icpfile, "wizard", str(folder / "new.yaml"), "--lang",
                                                             "zh"], warm, folder),
        "icpfile wizard (existing draft)": lambda: _first_prompt([icpfile, "wizard", str(draft), "--lang", "zh"],
                                                                 warm, folder),
        **before,
        "questionary alone": lambda: _first_prompt([python, "-c", "import questionary; questionary.confirm('x').ask()"],
                                                   warm, folder),
    }, runs)
    if before:
        ratio(times, "icpfile wizard (new draft)", "icpfile wizard (new, before)")
        ratio(times, "icpfile wizard (existing draft)", "icpfile wizard (existing, before)")


def _big(websites: int, hidden: bool) -> str:
    """The enterprise example with `websites` flow-style websites (a hidden U+200B in each name
    when `hidden`: one finding with an offset inside the value per website)."""
    base = ENTERPRISE.read_text(encoding="utf-8")
    digits = "零一二三四五六七八九"

    def cn(i: int) -> str:
        return "".join(digits[int(c)] for c in str(i))

    mark = "\u200b" if hidden else ""
    rows = [f"  - {{name: 云栖科技{mark}官网{cn(i)}, domain: e{i}.cn, access: {{service: ecs, ip: "
            f"[47.96.{i // 250 % 250}.{i % 250 + 1}]}}, content: unit_portal, service_type: website_app, "
            f"languages: [zh-Hans], principal: same_as_subject}}" for i in range(websites)]
    return base[: base.index("websites:")] + "websites:\n" + "\n".join(rows) + "\n"


def _cpu(fns: list[Callable[[], object]], repeat: int) -> list[float]:
    """Median CPU seconds of each `fn()` in this process, the sizes interleaved (N, 2N, 4N, N, …)
    so that the machine's noise falls on each alike: on a shared machine the wall time of one
    process mostly measures the others; its CPU time is what the input costs."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            start = time.process_time()
            fn()
            times[i].append(time.process_time() - start)
    return [statistics.median(t) for t in times]


def figures_doubling(work: Path, repeat: int) -> None:
    """In one process (the code under test is whatever `icpfile` imports here)."""
    import datetime as dt

    from icpfile import batch, engine
    from icpfile.footer import page_check
    from icpfile.options import Options

    options = Options(today=dt.date(2026, 11, 29))
    getattr(engine, "warm_all", engine.warm)()  # (an older icpfile, for a before/after run)
    cases: dict[str, tuple[tuple[int, ...], Callable[[int], Callable[[], object]]]] = {}

    def drafts(n: int) -> Callable[[], object]:
        folder = work / f"double-drafts-{n}"
        if not folder.exists():
            make_drafts(n, folder)
        inputs = batch.expand([str(folder)])
        return lambda: [engine.check_path(i.path, i.shown, options) for i in inputs]

    def websites(n: int, hidden: bool = False) -> Callable[[], object]:
        path = work / f"double-{'z' if hidden else 'w'}{n}.yaml"
        path.write_text(_big(n, hidden), encoding="utf-8")
        return lambda: engine.check_path(path, path.name, options)

    def pages(n: int) -> Callable[[], object]:
        root = work / f"double-site-{n}"
        if not root.exists():
            build_site(root, n)
        page_check.PARALLEL_FROM = 10**9  # one process: the per-page cost, not the pool
        return lambda: page_check.check([str(root)], NUMBER, police=POLICE)

    cases["drafts in a batch"] = ((250, 500, 1000), drafts)
    cases["websites in a draft"] = ((1000, 2000, 4000), websites)
    cases["findings in values (U+200B in each name)"] = ((1000, 2000, 4000), lambda n: websites(n, True))
    cases["footer pages"] = ((200, 400, 800), pages)
    print(f"\n## doubling the input, in one process (CPU time, median of {repeat}); target t(2N)/t(N) ≤ 2")
    for label, (sizes, make) in cases.items():
        seconds = _cpu([make(n) for n in sizes], repeat)
        steps = ", ".join(f"{b / a:.2f}" for a, b in itertools.pairwise(seconds))
        shown = ", ".join(f"{n}: {s * 1000:.0f} ms" for n, s in zip(sizes, seconds))
        print(f"  {label:<42} {shown}; ×2 → {steps}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="runs per figure (the batch of N: runs / 5)")
    parser.add_argument("--drafts", type=int, default=5000)
    parser.add_argument("--only", default="warm,cold,batch,name,wizard,doubling")
    parser.add_argument("--before", help="another icpfile executable (an install of the code before a change): "
                                         "the warm, name and wizard figures run it too, interleaved")
    args = parser.parse_args()
    global BEFORE
    BEFORE = args.before
    wanted = set(args.only.split(","))
    versions = ", ".join(f"{name} {_version(name)}" for name in ("icpfile", "check-jsonschema", "yamllint"))
    print(f"{platform.platform()}, {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, {versions}; {time.strftime('%Y-%m-%d %H:%M %Z')}, "
          f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="icpfile-bench-") as tmp:
        work = Path(tmp)
        schema = subprocess.run([tool("icpfile"), "schema"], capture_output=True, text=True, check=True).stdout
        (work / "draft.schema.json").write_text(schema, encoding="utf-8")
        if {"warm", "cold"} & wanted:
            figures_warm_cold(work, args.runs)
        if "batch" in wanted:
            figures_batch(work, args.drafts, args.runs)
        if "name" in wanted:
            figures_name(work, args.runs)
        if "wizard" in wanted:
            figures_wizard(work, args.runs)
        if "doubling" in wanted:
            figures_doubling(work, 5)
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


if __name__ == "__main__":
    main()

"""Time icpfile against check-jsonschema on the same drafts, as whole processes, alternating runs.

    pip install check-jsonschema      # the yardstick; not a dependency of icpfile
    python bench/compare.py --drafts 400 --runs 7

check-jsonschema only validates the schema; icpfile runs the schema and every rule. Each run is
a fresh process (startup included), the two tools alternate so that machine noise hits both,
and the median is reported with each tool's peak resident memory (from wait4).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_drafts import main as make_drafts  # noqa: E402


def timed(command: list[str]) -> tuple[float, int, int]:
    """Seconds, peak RSS in MiB and exit code of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def compare(label: str, ours: list[str], theirs: list[str], runs: int) -> dict[str, float]:
    mine, yard, mem_mine, mem_yard = [], [], 0, 0
    for _ in range(runs):
        seconds, rss, code = timed(ours)
        assert code == 0, f"icpfile exited {code} on {label}"
        mine.append(seconds)
        mem_mine = max(mem_mine, rss)
        seconds, rss, code = timed(theirs)
        assert code == 0, f"check-jsonschema exited {code} on {label}"
        yard.append(seconds)
        mem_yard = max(mem_yard, rss)
    result = {
        "icpfile_s": statistics.median(mine),
        "check_jsonschema_s": statistics.median(yard),
        "icpfile_mib": mem_mine,
        "check_jsonschema_mib": mem_yard,
    }
    result["ratio"] = result["icpfile_s"] / result["check_jsonschema_s"]
    print(f"{label}: icpfile {result['icpfile_s']:.3f} s ({mem_mine} MiB), check-jsonschema "
          f"{result['check_jsonschema_s']:.3f} s ({mem_yard} MiB), ratio {result['ratio']:.2f}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--drafts", type=int, default=400)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    icpfile = shutil.which("icpfile")
    yardstick = shutil.which("check-jsonschema")
    if not icpfile or not yardstick:
        sys.exit("both icpfile and check-jsonschema must be on PATH (pip install check-jsonschema)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "drafts"
        make_drafts(args.drafts, folder)
        schema = Path(tmp) / "draft.schema.json"
        schema.write_text(subprocess.run([icpfile, "schema"], capture_output=True, text=True, check=True).stdout)
        files = sorted(str(p) for p in folder.glob("*.yaml"))
        print(f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
              f"{time.strftime('%Y-%m-%d')}")
        compare(f"{args.drafts} drafts", [icpfile, "check", "--isolated", *files],
                [yardstick, "--schemafile", str(schema), *files], args.runs)
        compare("1 draft", [icpfile, "check", "--isolated", files[1]],
                [yardstick, "--schemafile", str(schema), files[1]], args.runs)


if __name__ == "__main__":
    main()

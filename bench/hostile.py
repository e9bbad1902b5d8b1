"""Time and peak memory of icpfile on hostile files: each must end in a finding, fast and small.

    python bench/hostile.py

Targets (issue 2): an 8 MB file, an alias bomb and 5,000-deep nesting each end in a finding
within a second and under 150 MB of memory, as a whole `icpfile check` process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASES = {
    "8 MB file": lambda: b"x_pad: '" + b"a" * (8 * 1024 * 1024) + b"'\n",
    "alias bomb (9 levels x 9)": lambda: (
        "a: &a [" + ", ".join(["lol"] * 9) + "]\n"
        + "".join(f"{n}: &{n} [" + ", ".join([f"*{p}"] * 9) + "]\n" for p, n in zip("abcdefgh", "bcdefghi"))
    ).encode(),
    "5,000-deep flow nesting": lambda: ("a: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
    "600-deep block nesting": lambda: "".join("  " * i + f"k{i}:\n" for i in range(600)).encode(),
}


def main() -> None:
    icpfile = shutil.which("icpfile") or sys.exit("icpfile is not on PATH")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for label, make in CASES.items():
            path = Path(tmp) / "hostile.yaml"
            path.write_bytes(make())
            start = time.perf_counter()
            process = subprocess.Popen([icpfile, "check", "--isolated", "--format", "json", str(path)],
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            out = process.stdout.read()
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
            rules = [f["rule"] for f in json.loads(out)["files"][0]["findings"]]
            mib = usage.ru_maxrss / 1024
            worst = max(worst, seconds)
            verdict = "ok" if seconds < 1 and mib < 150 and os.waitstatus_to_exitcode(status) == 1 else "OVER"
            print(f"{label}: {seconds:.3f} s, {mib:.0f} MiB, findings {rules} [{verdict}]")


if __name__ == "__main__":
    main()

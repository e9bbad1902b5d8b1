"""Instructions a whole command executes, counted by valgrind's callgrind: a figure that holds on a
loaded machine, where wall times of the same command vary 2× (issue 23; the bench machine's 2 cores
are shared). Start-up and exit are included, as in `contract.py`.

    python bench/instructions.py                       # every command below, against `python -c pass`
    python bench/instructions.py --only check,name     # some of them
    python bench/instructions.py --against /path/to/other/checkout   # the same commands from that tree too

Instructions are not time (a cache miss costs more than an add), so read them beside
`contract.py`'s medians; but a change that removes work shows here in one run, to within 0.1 %.
Needs `valgrind` on PATH; runs under callgrind are ~50× slower than native. `.pyc` files must
exist (pip writes them at install; with PYTHONDONTWRITEBYTECODE set, run `python -m compileall
icpfile` once), or source compilation is counted too.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

COMMANDS: dict[str, list[str]] = {
    "pass": ["-c", "pass"],
    "version": ["-m", "icpfile", "--version"],
    "check": ["-m", "icpfile", "check", str(ROOT / "examples" / "personal-first-filing.yaml")],
    "check-json": ["-m", "icpfile", "check", "--format", "json", str(ROOT / "examples" / "personal-first-filing.yaml")],
    "name": ["-m", "icpfile", "name", "静夜读书笔记", "--province", "浙江省", "--nature", "personal"],
    "bad-codes": ["-m", "icpfile", "check", "{bad_codes}"],
}


def count(argv: list[str], env: dict[str, str], cwd: str) -> int:
    """Instructions (callgrind's `Ir`) of `python argv…`, children not followed."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cg.out"
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, *argv],
                              env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              check=False)
        found = re.search(r"Collected : (\d+)", done.stderr)
        if not found:
            raise SystemExit(f"callgrind gave no count for {argv}:\n{done.stderr[-2000:]}")
        return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(COMMANDS))
    parser.add_argument("--against", type=Path, help="another source tree of icpfile, counted the same way")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        from hostile import _bad_languages

        bad = Path(tmp) / "bad-codes.yaml"
        bad.write_bytes(_bad_languages())
        cache = Path(tmp) / "cache"
        trees = {"this": ROOT, **({"against": args.against.resolve()} if args.against else {})}
        print("command | " + " | ".join(f"{name} (Mi instructions)" for name in trees))
        for name in args.only.split(","):
            argv = [part.format(bad_codes=bad) for part in COMMANDS[name]]
            counts = []
            for tree in trees.values():
                env = {**os.environ, "PYTHONPATH": str(tree), "ICPFILE_CACHE_DIR": str(cache)}
                subprocess.run([sys.executable, *argv], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               cwd=tmp, check=False)  # fills the cache: warm figures
                counts.append(count(argv, env, tmp))
            print(f"{name} | " + " | ".join(f"{c / 2**20:,.1f}" for c in counts), flush=True)


if __name__ == "__main__":
    main()

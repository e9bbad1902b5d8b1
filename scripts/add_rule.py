"""Scaffold a rule: a record in `icpfile/checks/MODULE.yaml` and its function in `MODULE.py`.

    python scripts/add_rule.py --module names --code ICP231 --name name-no-emoji --severity error

Refuses a code that is taken or that its prefix gives to another module (`icpfile/data/code_scheme.py`),
and a name that is not kebab case. The record's texts are TODO and its two examples are
placeholders: `pytest tests/test_rules.py -k ICP231` fails until the function reports the fail
example and not the pass one, and `icpfile rules ICP231` shows the record as written. Then fill in
the source (a key of icpfile/data/sources.yaml, with its date), the messages in zh and en, and
`at:` on the fail example (scripts/pin_examples.py writes it).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RECORD = """
  - code: {code}
    name: {name}
    severity: {severity}
    source: "TODO: a key of icpfile/data/sources.yaml and where in it"
    summary:
      zh: "TODO 一句话说明"
      en: "TODO: what the rule finds, in one line"
    rationale:
      zh: TODO 为什么（依据）。
      en: "TODO: why, with its source."
    message:
      zh: "TODO “{{value}}”……"
      en: "TODO: '{{value}}' ..."
    hint:
      zh: "TODO 怎样改。"
      en: "TODO: how to fix it."
    examples:
      - {{expect: fail, base: enterprise, set: {{/websites/0/name: TODO}}}}
      - {{expect: pass, base: enterprise}}
"""

FUNCTION = '''

@rule
def {function}(ctx: Context) -> Iterator[Issue]:
    """TODO: what it finds, and its source (the record's `source`)."""
    for _, ptr, site in ctx.websites():
        value = text(site.get("name"))
        if False:  # TODO: the condition
            yield Issue(f"{{ptr}}/name", {{"value": value}})
'''


def main(argv: list[str] | None = None) -> int:
    from icpfile.data.catalog import rules
    from icpfile.data.code_scheme import meaning

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--module", required=True, help="the check module, e.g. names (icpfile/checks/names.py)")
    parser.add_argument("--code", required=True, help="a free code of the module's prefix, e.g. ICP231")
    parser.add_argument("--name", required=True, help="kebab case, naming the pattern found: name-no-emoji")
    parser.add_argument("--severity", default="warning", choices=("error", "warning", "info"),
                        help="error only with a source that states the rule; what is inferred is a warning")
    args = parser.parse_args(argv)
    yaml_file = ROOT / "icpfile" / "checks" / f"{args.module}.yaml"
    py_file = yaml_file.with_suffix(".py")
    code = args.code.upper()
    entry = meaning(code)
    problems = []
    if not yaml_file.exists() or not py_file.exists():
        problems.append(f"no module icpfile/checks/{args.module}.py with its .yaml")
    if not re.fullmatch(r"ICP[0-9]{3}", code):
        problems.append(f"{code}: a code is ICP and three digits")
    elif code in rules():
        problems.append(f"{code} is taken ({rules()[code].name})")
    elif entry is None or f"checks/{args.module}.yaml" not in entry[1]:
        problems.append(f"{code}: its prefix {entry[0] if entry else code[:4]} is not {args.module}'s "
                        "(see icpfile/data/code_scheme.py)")
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", args.name):
        problems.append(f"{args.name}: a name is kebab case")
    elif any(r.name == args.name for r in rules().values()):
        problems.append(f"{args.name} is taken")
    if problems:
        print("\n".join(f"add_rule: {p}" for p in problems), file=sys.stderr)
        return 2
    with yaml_file.open("a", encoding="utf-8") as out:
        out.write(RECORD.format(code=code, name=args.name, severity=args.severity))
    with py_file.open("a", encoding="utf-8") as out:
        out.write(FUNCTION.format(function=args.name.replace("-", "_")))
    print(f"added {code} {args.name} to {yaml_file.relative_to(ROOT)} and {py_file.relative_to(ROOT)}; "
          f"next: pytest tests/test_rules.py -k {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

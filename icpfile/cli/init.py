"""`icpfile init`: a commented starting draft for a filing type and nature."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile.cli.common import usage_error
from icpfile.cli.output import echo, write


def command(
    filing_type: Annotated[str, typer.Option("--type", help="first_filing, new_website, access, change, …")] = (
        "first_filing"
    ),
    nature: Annotated[str, typer.Option("--nature", help="personal, enterprise, government, …")] = "enterprise",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starting draft for a filing type and nature."""
    from icpfile.filing import init_draft
    from icpfile.schema import draft as sch

    if filing_type not in sch.labels(sch.schema()["$defs"]["filing"]["properties"]["type"]):
        raise usage_error(f"unknown filing type '{filing_type}'")
    if nature not in sch.code_labels("nature"):
        raise usage_error(f"unknown nature '{nature}'")
    text = init_draft.render(init_draft.template(filing_type, nature))
    if output is None:
        write(text)
        return
    if output.exists() and not force:
        raise usage_error(f"{output} exists; use --force to overwrite it (nothing was written)")
    from icpfile.load.files import write_atomic

    write_atomic(output, text)
    echo(f"wrote {output}; next: icpfile wizard {output}  or  icpfile check {output}")
    ignore = output.parent / ".gitignore"
    ignored = ignore.read_text(encoding="utf-8", errors="replace") if ignore.exists() else ""
    if ".icpfile/" not in ignored.split():
        # The draft, its .bak, the wizard's state and its temporary files hold personal data.
        lines = "\n".join(init_draft.GITIGNORE_LINES)
        echo(f"keep personal data out of git: add these lines to {ignore} (and keep the draft itself out\n"
             f"of a public repository: it holds ID and phone numbers):\n{lines}")

"""`icpfile init`: a commented starting draft for a filing type and nature."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang
from icpfile.cli.common import LANG_HELP, fail, gitignore_advice, run_lang, settings
from icpfile.cli.output import echo, write
from icpfile.data.words import say

TYPE_HELP = "first_filing, new_website, access, change, … (or the Chinese label: 首次备案, …)."
NATURE_HELP = "personal, enterprise, government, … (or the Chinese label: 个人, 企业, …)."


def command(
    filing_type: Annotated[str, typer.Option("--type", help=TYPE_HELP)] = "first_filing",
    nature: Annotated[str, typer.Option("--nature", help=NATURE_HELP)] = "enterprise",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    files: Annotated[
        str, typer.Option("--files", help="What the order files: websites, apps or both.")
    ] = "websites",
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
) -> None:
    """Write a commented starting draft for a filing type and nature."""
    from icpfile.filing import init_draft
    from icpfile.schema import draft as sch

    settings(lang=lang)  # the run's language for its own lines; the comments are English only when asked
    from icpfile.cli.language import cli_lang

    language = lang.value if lang is not None else (cli_lang() or "zh")
    if files not in init_draft.FILES:
        raise fail("choice_unknown.files", value=files, known=", ".join(init_draft.FILES))

    types = sch.labels(sch.schema()["$defs"]["filing"]["properties"]["type"])
    natures = sch.code_labels("nature")
    chosen_type, chosen_nature = sch.pick_code(filing_type, types), sch.pick_code(nature, natures)
    if chosen_type is None:  # a code, its Chinese label (首次备案) or a unique prefix, as `name` takes
        raise fail("choice_unknown.type", value=filing_type, known=", ".join(types))
    if chosen_nature is None:
        raise fail("choice_unknown.nature", value=nature, known=", ".join(natures))
    text = init_draft.render(init_draft.template(chosen_type, chosen_nature, files), language)
    if output is None:
        write(text)
        return
    if output.exists() and not force:
        raise fail("exists_force", output=output)
    from icpfile.load.files import write_atomic

    write_atomic(output, text, mode=0o600)  # it will hold ID and phone numbers, as .bak and state do
    echo(say("init_wrote", run_lang(), output=output))
    advice = gitignore_advice(output, run_lang())
    if advice:
        echo(advice)

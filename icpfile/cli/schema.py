"""`icpfile schema`: the draft JSON Schema on stdout."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang
from icpfile.cli.language import cli_lang
from icpfile.cli.output import write


def command(
    lang: Annotated[
        Optional[Lang], typer.Option("--lang", help="en: English titles and help (default: the schema's Chinese).")
    ] = None,
) -> None:
    """Print the draft JSON Schema (2020-12), for editors and other tools."""
    from icpfile.schema.draft import published_text

    chosen = lang.value if lang is not None else cli_lang()  # only when asked: the schema's words are Chinese
    write(published_text(chosen or "zh"), utf8=True)

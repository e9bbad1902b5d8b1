"""`icpfile schema`: the draft JSON Schema on stdout."""

from __future__ import annotations

from icpfile.cli.output import write


def command() -> None:
    """Print the draft JSON Schema (2020-12), for editors and other tools."""
    from icpfile.schema.draft import published_text

    write(published_text(), utf8=True)

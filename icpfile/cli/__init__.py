"""The command line: typer commands that only wire load → check → report."""

from icpfile.cli.commands import app, main

__all__ = ["app", "main"]

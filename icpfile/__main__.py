"""`python -m icpfile` runs the same CLI as the `icpfile` console script."""

from icpfile.cli import entry

entry()

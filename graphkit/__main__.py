"""Run the CLI with ``python -m graphkit``."""

from graphkit.cli import cli

cli()

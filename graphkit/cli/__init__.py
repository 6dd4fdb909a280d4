"""The ``graphkit`` command: parse options, call one library function, render, map errors.

One module per group of commands; importing them registers their commands on :data:`cli`.
"""

from graphkit.cli import build, explore, routes, sparql  # noqa: F401 (registers the commands)
from graphkit.cli.base import cli

__all__ = ["cli"]

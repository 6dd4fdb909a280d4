"""graphkit: the open knowledge graph of social-media professions."""

from graphkit._version import __version__

__all__ = ["__version__"]

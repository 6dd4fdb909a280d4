"""graphkit: the open knowledge graph of social-media professions."""

__version__ = "0.1.0"

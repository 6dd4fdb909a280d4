"""Resolve what people type (French or English, label, altLabel or IRI) to a concept's IRI.

Works on plain name entries, without rdflib, so that a route query answers from the cached
projection; :func:`graphkit.graph.concepts.name_entries` extracts the entries from a graph.
"""

import difflib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from graphkit.errors import AmbiguousName, TermNotFound
from graphkit.graph.prefixes import curie, local_name

__all__ = ["KINDS", "NameEntry", "NameIndex", "normalize"]

#: The concept kinds a name can be restricted to.
KINDS = ("role", "skill", "platform", "tool", "credential")


def normalize(text: str) -> str:
    """Fold a name for matching: no accents, no case, words split on anything but letters.

    Examples
    --------
    >>> normalize("  Gestionnaire de Communauté ")
    'gestionnaire de communaute'
    >>> normalize("chargé·e de communication web")
    'charge e de communication web'
    >>> normalize("role:community-manager")
    'role community manager'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


class NameEntry(NamedTuple):
    """One name of a concept.

    A named tuple rather than a dataclass: a merged index holds some 180,000 of them, and a
    named tuple unpickles about twice as fast (the cached projection is read on every route
    query).

    Attributes
    ----------
    iri : str
        The concept.
    kind : str
        One of :data:`KINDS`.
    label : str
        The name as written.
    rank : int
        0 for a prefLabel, 1 for an altLabel: a prefLabel match wins.
    display : str
        The concept's English prefLabel, shown in messages.
    """

    iri: str
    kind: str
    label: str
    rank: int
    display: str


class NameIndex:
    """All the names of a graph's concepts, folded by :func:`normalize`.

    Besides its labels, each concept answers to its IRI, its CURIE and its last IRI segment.

    Parameters
    ----------
    entries : iterable of NameEntry
        The labels and altLabels of the concepts.

    Examples
    --------
    >>> index = NameIndex([NameEntry("https://w3id.org/smp/role/cm", "role",
    ...                              "gestionnaire de communauté", 1, "community manager")])
    >>> index.resolve("Gestionnaire de communaute")
    'https://w3id.org/smp/role/cm'
    >>> index.resolve("role:cm", kind="role")
    'https://w3id.org/smp/role/cm'
    """

    def __init__(self, entries: Iterable[NameEntry]):
        self._entries: dict[str, set[NameEntry]] = defaultdict(set)
        self._display: dict[str, str] = {}
        for entry in entries:
            self._entries[normalize(entry.label)].add(entry)
            if entry.iri not in self._display:
                self._display[entry.iri] = entry.display
                for name in (entry.iri, curie(entry.iri), local_name(entry.iri)):
                    alias = NameEntry(entry.iri, entry.kind, entry.display, 2, entry.display)
                    self._entries[normalize(name)].add(alias)

    def resolve(self, name: str, *, kind: str | None = None) -> str:
        """Return the IRI of the concept called `name`.

        Parameters
        ----------
        name : str
            What the user typed; case, accents and punctuation do not matter.
        kind : {"role", "skill", "platform", "tool", "credential"}, optional
            Only consider concepts of this kind.

        Returns
        -------
        str
            The concept's IRI.

        Raises
        ------
        TermNotFound
            If nothing matches; the message suggests the closest names.
        AmbiguousName
            If several concepts match equally well.
        """
        matches = [
            e for e in self._entries.get(normalize(name), ()) if kind is None or e.kind == kind
        ]
        if not matches:
            raise TermNotFound(name, self.suggest(name, kind=kind))
        best = min(e.rank for e in matches)
        iris = sorted({e.iri for e in matches if e.rank == best})
        if len(iris) > 1:
            raise AmbiguousName(name, [(iri, self._display[iri]) for iri in iris])
        return iris[0]

    def suggest(self, name: str, *, kind: str | None = None, n: int = 3) -> list[str]:
        """Return up to `n` names close to `name`, closest first, one per concept."""
        keys = [
            key
            for key, entries in self._entries.items()
            if kind is None or any(e.kind == kind for e in entries)
        ]
        suggestions: list[str] = []
        seen: set[str] = set()
        for key in difflib.get_close_matches(normalize(name), keys, n=n * 3, cutoff=0.6):
            entry = min(
                (e for e in self._entries[key] if kind is None or e.kind == kind),
                key=lambda e: (e.rank, e.label),
            )
            if entry.iri not in seen:
                seen.add(entry.iri)
                suggestions.append(entry.label)
        return suggestions[:n]

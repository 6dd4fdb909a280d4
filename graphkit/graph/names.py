"""Resolve what people type (French or English, label, altLabel or IRI) to a concept's IRI.

Works on plain name entries, without rdflib, so that a route query answers from the cached
projection; :func:`graphkit.graph.concepts.name_entries` extracts the entries from a graph.
"""

import difflib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from graphkit.errors import AmbiguousName, TermNotFound, WrongKind
from graphkit.graph.prefixes import curie, local_name

__all__ = ["KINDS", "RECORD_RANK", "NameEntry", "NameIndex", "normalize"]

#: The concept kinds a name can be restricted to.
KINDS = ("role", "skill", "platform", "tool", "credential")

#: The rank of a record's own names (a source's title): after every concept's names.
RECORD_RANK = 5


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
        One of :data:`KINDS`, or a record's kind (``source``, ``claim``, ``requirement``…).
    label : str
        The name as written.
    rank : int
        0 for a prefLabel, 1 for an altLabel: a prefLabel match wins; :data:`RECORD_RANK` for
        the label of a record (a source, a claim, a qualified link), which a concept's beats.
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
        The labels and altLabels of the concepts (and the names of records).
    closest : dict, optional
        IRI → the concepts closest to it (the roles that use a tool most…), named when a
        name of the wrong kind is asked for (:class:`graphkit.errors.WrongKind`).

    Examples
    --------
    >>> index = NameIndex([NameEntry("https://w3id.org/smp/role/cm", "role",
    ...                              "gestionnaire de communauté", 1, "community manager")])
    >>> index.resolve("Gestionnaire de communaute")
    'https://w3id.org/smp/role/cm'
    >>> index.resolve("role:cm", kind="role")
    'https://w3id.org/smp/role/cm'
    """

    def __init__(
        self, entries: Iterable[NameEntry], *, closest: dict[str, list[str]] | None = None
    ):
        self._entries: dict[str, set[NameEntry]] = defaultdict(set)
        self._display: dict[str, str] = {}
        self._kinds: dict[str, str] = {}
        self._closest = dict(closest or {})
        for entry in entries:
            self._entries[normalize(entry.label)].add(entry)
            if entry.iri not in self._display:
                self._display[entry.iri] = entry.display
                self._kinds[entry.iri] = entry.kind
                # a record's last segment (role-seniority:community-manager) yields to a
                # concept's, and a record is suggested by its CURIE
                concept = entry.kind in KINDS
                last = 2 if concept else RECORD_RANK + 1
                shown = entry.display if concept else curie(entry.iri)
                for name, rank in (
                    (entry.iri, 2),
                    (curie(entry.iri), 2),
                    (local_name(entry.iri), last),
                ):
                    alias = NameEntry(entry.iri, entry.kind, shown, rank, entry.display)
                    self._entries[normalize(name)].add(alias)

    def kind(self, iri: str) -> str:
        """Return the kind of the concept or record `iri` (``role``, ``tool``, ``source``…).

        Examples
        --------
        >>> NameIndex([NameEntry("https://x/canva", "tool", "Canva", 0, "Canva")]).kind(
        ...     "https://x/canva")
        'tool'
        """
        return self._kinds[iri]

    def resolve(self, name: str, *, kind: str | tuple[str, ...] | None = None) -> str:
        """Return the IRI of the concept called `name`.

        When several concepts answer equally well, the one whose prefLabel is exactly `name`
        wins (as typed, then ignoring case); only then is the name ambiguous.

        Parameters
        ----------
        name : str
            What the user typed; case, accents and punctuation do not matter.
        kind : str or tuple of str, optional
            Only consider concepts of this kind (or these kinds): ``role``, ``skill``,
            ``platform``, ``tool``, ``credential``, or a record's kind (``source``…).

        Returns
        -------
        str
            The concept's IRI.

        Raises
        ------
        WrongKind
            If `name` names only things of other kinds: the message says what it names and
            gives the closest concepts of the kind asked.
        TermNotFound
            If nothing matches; the message suggests the closest names.
        AmbiguousName
            If several concepts match equally well.

        Examples
        --------
        >>> index = NameIndex([
        ...     NameEntry("https://x/skill/seo", "skill", "SEO", 0, "SEO"),
        ...     NameEntry("https://x/role/seo", "role", "seo", 0, "seo"),
        ... ], closest={"https://x/skill/seo": ["https://x/role/seo"]})
        >>> index.resolve("SEO"), index.resolve("seo")
        ('https://x/skill/seo', 'https://x/role/seo')
        >>> index.resolve("SEO", kind="role")
        'https://x/role/seo'
        >>> index.resolve("Seo")
        Traceback (most recent call last):
        ...
        graphkit.errors.AmbiguousName: 'Seo' names several concepts: seo <https://x/role/seo>, \
SEO <https://x/skill/seo>; use one of their IRIs
        """
        kinds = (kind,) if isinstance(kind, str) else kind
        found = self._entries.get(normalize(name), ())
        matches = [e for e in found if kinds is None or e.kind in kinds]
        if not matches:
            if found:
                raise self._wrong_kind(name, min(found, key=lambda e: (e.rank, e.iri)), kinds)
            raise TermNotFound(name, self.suggest(name, kind=kind))
        best = min(e.rank for e in matches)
        tied = {e for e in matches if e.rank == best}
        iris = sorted({e.iri for e in tied})
        for same in (lambda label: label == name.strip(), _same_case_folded(name)):
            if len(iris) > 1:
                exact = {e.iri for e in tied if e.rank == 0 and same(e.label)}
                iris = sorted(exact) if len(exact) == 1 else iris
        if len(iris) > 1:
            raise AmbiguousName(name, [(iri, self._display[iri]) for iri in iris])
        return iris[0]

    def _wrong_kind(self, name: str, entry: NameEntry, kinds: tuple[str, ...]) -> WrongKind:
        """Build the error for `name`, which names `entry` but none of `kinds`."""
        closest = [
            (iri, self._display[iri])
            for iri in self._closest.get(entry.iri, ())
            if self._kinds.get(iri) in kinds
        ]
        suggestions = [] if closest else self.suggest(name, kind=kinds)
        return WrongKind(name, entry.iri, entry.kind, kinds, closest, suggestions)

    def suggest(
        self, name: str, *, kind: str | tuple[str, ...] | None = None, n: int = 3
    ) -> list[str]:
        """Return up to `n` names close to `name`, closest first, one per concept.

        Without `kind`, names of concepts come first; records are suggested only when no
        concept's name is close.
        """
        if kind is None:
            return self.suggest(name, kind=KINDS, n=n) or self.suggest(
                name, kind=tuple(set(self._kinds.values())), n=n
            )
        kinds = (kind,) if isinstance(kind, str) else kind
        keys = [
            key for key, entries in self._entries.items() if any(e.kind in kinds for e in entries)
        ]
        suggestions: list[str] = []
        seen: set[str] = set()
        for key in difflib.get_close_matches(normalize(name), keys, n=n * 3, cutoff=0.6):
            entry = min(
                (e for e in self._entries[key] if e.kind in kinds),
                key=lambda e: (e.rank, e.label),
            )
            if entry.iri not in seen:
                seen.add(entry.iri)
                suggestions.append(entry.label)
        return suggestions[:n]


def _same_case_folded(name: str):
    """Test labels against `name`, ignoring case but not accents."""
    folded = name.strip().casefold()
    return lambda label: label.casefold() == folded

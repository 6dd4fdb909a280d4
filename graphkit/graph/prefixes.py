"""IRIs of graphkit as plain strings: the base, the prefixes and CURIEs, without rdflib.

Modules on the fast path of a route query (names, cache, paths, render) use these strings;
:mod:`graphkit.graph.namespaces` builds rdflib namespaces from them.
"""

__all__ = ["BASE", "PREFIX_IRIS", "curie", "local_name"]

BASE = "https://w3id.org/smp/"

#: Every prefix graphkit binds, in the order they are written out.
PREFIX_IRIS: dict[str, str] = {
    "smp": BASE,
    "scheme": BASE + "scheme/",
    "role": BASE + "role/",
    "skill": BASE + "skill/",
    "platform": BASE + "platform/",
    "tool": BASE + "tool/",
    "credential": BASE + "credential/",
    "requirement": BASE + "requirement/",
    "platformuse": BASE + "platform-use/",
    "tooluse": BASE + "tool-use/",
    "credentialpath": BASE + "credential-path/",
    "transition": BASE + "transition/",
    "seniority": BASE + "role-seniority/",
    "source": BASE + "source/",
    "claim": BASE + "claim/",
    "smpsh": BASE + "shapes/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "vann": "http://purl.org/vocab/vann/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def curie(iri: str) -> str:
    """Shorten `iri` with graphkit's prefixes, or return it unchanged.

    The longest matching namespace wins, so instance IRIs get their own prefix.

    Parameters
    ----------
    iri : str
        An IRI.

    Returns
    -------
    str
        ``prefix:local`` when a prefix matches and the rest is a plain name, else `iri`.

    Examples
    --------
    >>> curie("https://w3id.org/smp/role/community-manager")
    'role:community-manager'
    >>> curie("https://w3id.org/smp/Role")
    'smp:Role'
    >>> curie("https://example.org/x")
    'https://example.org/x'
    """
    best = max(
        ((p, ns) for p, ns in PREFIX_IRIS.items() if iri.startswith(ns)),
        key=lambda item: len(item[1]),
        default=None,
    )
    if best is None:
        return iri
    local = iri[len(best[1]) :]
    if not local or "/" in local or "#" in local:
        return iri
    return f"{best[0]}:{local}"


def local_name(iri: str) -> str:
    """Return the last path segment of `iri`.

    Examples
    --------
    >>> local_name("https://w3id.org/smp/source/seed-003")
    'seed-003'
    """
    return iri.rstrip("/").rsplit("/", 1)[-1]

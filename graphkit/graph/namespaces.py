"""Namespaces of graphkit: the ``smp`` vocabulary, the instance prefixes and their binding.

The base IRI is defined in ``ontology/smp.ttl`` and :mod:`graphkit.graph.prefixes` only (re-exported
here); a test checks that the terms of :class:`SMP` and those ``smp.ttl`` defines are the same.
"""

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from graphkit.graph.prefixes import BASE, PREFIX_IRIS, curie

__all__ = [
    "BASE",
    "GRAPH",
    "PREFIXES",
    "SMP",
    "SMPSH",
    "bind_prefixes",
    "curie",
]


class SMP(DefinedNamespace):
    """The graphkit vocabulary (``smp:``); a misspelt term raises instead of minting an IRI."""

    _NS = Namespace(BASE)
    _fail = True

    # classes
    Claim: URIRef  # claim
    ControlledValue: URIRef  # controlled value
    Credential: URIRef  # credential
    CredentialPath: URIRef  # credential path
    CredentialType: URIRef  # credential type
    Evidence: URIRef  # evidence level
    Importance: URIRef  # importance
    Platform: URIRef  # platform
    PlatformStatus: URIRef  # platform status
    PlatformUse: URIRef  # platform use
    QualifiedLink: URIRef  # qualified link
    RoleSeniority: URIRef  # role seniority
    Role: URIRef  # role
    SeniorityLevel: URIRef  # seniority level
    Skill: URIRef  # skill
    SkillRequirement: URIRef  # skill requirement
    SkillType: URIRef  # skill type
    Source: URIRef  # source
    SourceType: URIRef  # source type
    Tool: URIRef  # tool
    ToolPlatform: URIRef  # tool integrates with platform
    ToolSkill: URIRef  # tool serves skill
    ToolUse: URIRef  # tool use
    Transition: URIRef  # transition
    TransitionKind: URIRef  # transition kind
    Trend: URIRef  # trend
    # properties
    about: URIRef  # about
    credential: URIRef  # credential
    credentialType: URIRef  # credential type
    derivedFrom: URIRef  # derived from
    evidence: URIRef  # evidence
    figure: URIRef  # figure
    fromRole: URIRef  # from role
    integratesWith: URIRef  # integrates with
    importance: URIRef  # importance
    jobZone: URIRef  # job zone
    leadsTo: URIRef  # leads to
    level: URIRef  # level
    platform: URIRef  # platform
    platformStatus: URIRef  # platform status
    progressesTo: URIRef  # progresses to
    quote: URIRef  # quote
    rank: URIRef  # rank
    requiresEssentialSkill: URIRef  # requires essential skill
    requiresSkill: URIRef  # requires skill
    role: URIRef  # role
    seniority: URIRef  # seniority
    servesSkill: URIRef  # serves skill
    skill: URIRef  # skill
    skillType: URIRef  # skill type
    sourceType: URIRef  # source type
    statement: URIRef  # statement
    toRole: URIRef  # to role
    tool: URIRef  # tool
    transitionKind: URIRef  # transition kind
    trend: URIRef  # trend
    typicalCredential: URIRef  # typical credential
    typicalYears: URIRef  # typical years
    unit: URIRef  # unit
    usesPlatform: URIRef  # uses platform
    usesTool: URIRef  # uses tool
    weight: URIRef  # weight
    # values
    Article: URIRef  # article
    Certification: URIRef  # certification
    Curated: URIRef  # curated
    Dataset: URIRef  # dataset
    Declined: URIRef  # declined
    Declining: URIRef  # declining
    EditorialCuration: URIRef  # editorial curation
    Education: URIRef  # education
    Emerging: URIRef  # emerging
    Essential: URIRef  # essential
    Established: URIRef  # established
    GroupStated: URIRef  # stated between groups by a taxonomy
    HardSkill: URIRef  # hard skill
    Inferred: URIRef  # inferred
    Knowledge: URIRef  # knowledge
    Lateral: URIRef  # lateral move
    Optional: URIRef  # optional
    Progression: URIRef  # progression
    Reconversion: URIRef  # reconversion
    Rising: URIRef  # rising
    SoftSkill: URIRef  # soft skill
    Specialisation: URIRef  # specialisation
    Stable: URIRef  # stable
    Stated: URIRef  # stated
    Taxonomy: URIRef  # taxonomy
    confirmed: URIRef  # confirmed
    entry: URIRef  # entry
    executive: URIRef  # executive
    lead: URIRef  # lead
    senior: URIRef  # senior


#: Named graphs of the dataset (one per ontology file, plus ``derived``).
GRAPH = Namespace(BASE + "graph/")
#: SHACL shapes of graphkit.
SMPSH = Namespace(BASE + "shapes/")

#: Every prefix graphkit binds, as rdflib namespaces (the strings are in graphkit.graph.prefixes).
PREFIXES: dict[str, Namespace] = {prefix: Namespace(iri) for prefix, iri in PREFIX_IRIS.items()}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind graphkit's prefixes on `graph` (replacing rdflib's defaults) and return it.

    Parameters
    ----------
    graph : rdflib.Graph
        Any graph or dataset; it is changed in place.

    Returns
    -------
    rdflib.Graph
        The same graph, for chaining.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = bind_prefixes(Graph(bind_namespaces="none"))
    >>> g.namespace_manager.normalizeUri(SMP.Role)
    'smp:Role'
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph

"""A tiny built-in graph for doctests and tests, small enough to check answers by hand.

Four roles (web writer, video editor, community manager, social media strategist), five
skills, one platform, one tool (Canva, which serves editing and integrates with TikTok), four
transitions, one claim and two sources::

    writer --lateral 2y--> community-manager --progression 3y--> strategist
    editor --lateral 1y--> community-manager
    writer --reconversion 6y--> strategist (curated)
"""

from rdflib import Dataset

from graphkit.graph.load import derive_shortcuts
from graphkit.graph.namespaces import GRAPH, bind_prefixes
from graphkit.graph.ontology import default_ontology_dir

__all__ = ["TINY_TTL", "tiny_graph"]

TINY_TTL = """
@prefix smp: <https://w3id.org/smp/> .
@prefix scheme: <https://w3id.org/smp/scheme/> .
@prefix role: <https://w3id.org/smp/role/> .
@prefix skill: <https://w3id.org/smp/skill/> .
@prefix platform: <https://w3id.org/smp/platform/> .
@prefix tool: <https://w3id.org/smp/tool/> .
@prefix requirement: <https://w3id.org/smp/requirement/> .
@prefix platformuse: <https://w3id.org/smp/platform-use/> .
@prefix tooluse: <https://w3id.org/smp/tool-use/> .
@prefix toolskill: <https://w3id.org/smp/tool-skill/> .
@prefix toolplatform: <https://w3id.org/smp/tool-platform/> .
@prefix transition: <https://w3id.org/smp/transition/> .
@prefix seniority: <https://w3id.org/smp/role-seniority/> .
@prefix source: <https://w3id.org/smp/source/> .
@prefix claim: <https://w3id.org/smp/claim/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

source:tiny a smp:Source ; smp:sourceType smp:Article ; dcterms:language "fr" ;
    rdfs:label "Tiny example article"@en , "Petit article d'exemple"@fr .
source:graphkit-curation a smp:Source ; smp:sourceType smp:EditorialCuration ;
    dcterms:language "en" ;
    rdfs:label "graphkit editorial curation"@en , "curation éditoriale de graphkit"@fr .

scheme:tiny a skos:ConceptScheme ; skos:prefLabel "tiny example"@en , "petit exemple"@fr ;
    skos:definition "The concepts of the tiny example graph."@en ,
    "Les concepts du petit graphe d'exemple."@fr .

role:writer a smp:Role ; skos:inScheme scheme:tiny ;
    skos:prefLabel "web writer"@en , "rédacteur web"@fr ;
    skos:altLabel "rédactrice web"@fr ; skos:definition "Writes for the web."@en ,
    "Écrit pour le web."@fr ; prov:wasDerivedFrom source:tiny .
role:editor a smp:Role ; skos:inScheme scheme:tiny ;
    skos:prefLabel "video editor"@en , "monteur vidéo"@fr ;
    skos:definition "Edits videos."@en , "Monte des vidéos."@fr ; prov:wasDerivedFrom source:tiny .
role:community-manager a smp:Role ; skos:inScheme scheme:tiny ;
    skos:prefLabel "community manager"@en ,
    "community manager"@fr ; skos:altLabel "CM"@en , "CM"@fr ;
    skos:definition "Runs online communities."@en , "Anime des communautés en ligne."@fr ;
    prov:wasDerivedFrom source:tiny .
role:strategist a smp:Role ; skos:inScheme scheme:tiny ;
    skos:prefLabel "social media strategist"@en ,
    "stratège social media"@fr ; skos:definition "Plans social media."@en ,
    "Planifie les réseaux sociaux."@fr ; prov:wasDerivedFrom source:tiny .

skill:writing a smp:Skill ; skos:inScheme scheme:tiny ;
    skos:prefLabel "writing"@en , "rédaction"@fr ;
    skos:definition "Writing texts."@en , "Rédiger des textes."@fr ; smp:skillType smp:HardSkill ;
    prov:wasDerivedFrom source:tiny .
skill:editing a smp:Skill ; skos:inScheme scheme:tiny ; skos:prefLabel "editing"@en , "montage"@fr ;
    skos:definition "Editing videos."@en , "Monter des vidéos."@fr ; smp:skillType smp:HardSkill ;
    prov:wasDerivedFrom source:tiny .
skill:moderation a smp:Skill ; skos:inScheme scheme:tiny ;
    skos:prefLabel "moderation"@en , "modération"@fr ;
    skos:definition "Moderating debates."@en , "Modérer les débats."@fr ;
    smp:skillType smp:HardSkill ;
    prov:wasDerivedFrom source:tiny .
skill:strategy a smp:Skill ; skos:inScheme scheme:tiny ;
    skos:prefLabel "strategy"@en , "stratégie"@fr ;
    skos:definition "Planning."@en , "Planifier."@fr ; smp:skillType smp:HardSkill ;
    prov:wasDerivedFrom source:tiny .
skill:analytics a smp:Skill ; skos:inScheme scheme:tiny ;
    skos:prefLabel "analytics"@en , "analytics"@fr ;
    skos:definition "Measuring."@en , "Mesurer."@fr ; smp:skillType smp:HardSkill ;
    prov:wasDerivedFrom source:tiny .

platform:tiktok a smp:Platform ; skos:inScheme scheme:tiny ;
    skos:prefLabel "TikTok"@en , "TikTok"@fr ;
    skos:definition "A short-video network."@en , "Un réseau de vidéos courtes."@fr ;
    smp:platformStatus smp:Emerging ; prov:wasDerivedFrom source:tiny .
tool:canva a smp:Tool ; skos:inScheme scheme:tiny ; skos:prefLabel "Canva"@en , "Canva"@fr ;
    skos:definition "A design tool."@en , "Un outil de design."@fr ;
    prov:wasDerivedFrom source:graphkit-curation .

requirement:writer--writing a smp:SkillRequirement ; smp:role role:writer ;
    smp:skill skill:writing ;
    smp:importance smp:Essential ; smp:weight 0.9 ; smp:evidence smp:Stated ;
    prov:wasDerivedFrom source:tiny .
requirement:writer--moderation a smp:SkillRequirement ; smp:role role:writer ;
    smp:skill skill:moderation ;
    smp:importance smp:Optional ; smp:weight 0.3 ; smp:evidence smp:Stated ;
    prov:wasDerivedFrom source:tiny .
requirement:writer--editing a smp:SkillRequirement ; smp:role role:writer ;
    smp:skill skill:editing ;
    smp:importance smp:Optional ; smp:weight 0.2 ; smp:evidence smp:Curated ;
    prov:wasDerivedFrom source:graphkit-curation .
requirement:editor--editing a smp:SkillRequirement ; smp:role role:editor ;
    smp:skill skill:editing ;
    smp:importance smp:Essential ; smp:weight 1.0 ; smp:evidence smp:Stated ;
    prov:wasDerivedFrom source:tiny .
requirement:editor--writing a smp:SkillRequirement ; smp:role role:editor ;
    smp:skill skill:writing ;
    smp:importance smp:Optional ; smp:weight 0.3 ; smp:evidence smp:Stated ;
    prov:wasDerivedFrom source:tiny .
requirement:editor--analytics a smp:SkillRequirement ; smp:role role:editor ;
    smp:skill skill:analytics ;
    smp:importance smp:Optional ; smp:weight 0.2 ; smp:evidence smp:Stated ;
    prov:wasDerivedFrom source:tiny .
requirement:community-manager--moderation a smp:SkillRequirement ; smp:role role:community-manager ;
    smp:skill skill:moderation ; smp:importance smp:Essential ; smp:weight 0.9 ;
    smp:evidence smp:Stated ; prov:wasDerivedFrom source:tiny .
requirement:community-manager--writing a smp:SkillRequirement ; smp:role role:community-manager ;
    smp:skill skill:writing ; smp:importance smp:Essential ; smp:weight 0.8 ;
    smp:evidence smp:Stated ; prov:wasDerivedFrom source:tiny .
requirement:community-manager--analytics a smp:SkillRequirement ; smp:role role:community-manager ;
    smp:skill skill:analytics ; smp:importance smp:Optional ; smp:weight 0.4 ;
    smp:evidence smp:Stated ; prov:wasDerivedFrom source:tiny .
requirement:strategist--strategy a smp:SkillRequirement ; smp:role role:strategist ;
    smp:skill skill:strategy ; smp:importance smp:Essential ; smp:weight 1.0 ;
    smp:evidence smp:Stated ; prov:wasDerivedFrom source:tiny .
requirement:strategist--analytics a smp:SkillRequirement ; smp:role role:strategist ;
    smp:skill skill:analytics ; smp:importance smp:Essential ; smp:weight 0.8 ;
    smp:evidence smp:Stated ; prov:wasDerivedFrom source:tiny .
requirement:strategist--writing a smp:SkillRequirement ; smp:role role:strategist ;
    smp:skill skill:writing ; smp:importance smp:Optional ; smp:weight 0.5 ;
    smp:evidence smp:Stated ; prov:wasDerivedFrom source:tiny .

platformuse:community-manager--tiktok a smp:PlatformUse ; smp:role role:community-manager ;
    smp:platform platform:tiktok ; smp:weight 0.7 ; smp:evidence smp:Stated ;
    prov:wasDerivedFrom source:tiny .
tooluse:community-manager--canva a smp:ToolUse ; smp:role role:community-manager ;
    smp:tool tool:canva ; smp:weight 0.5 ; smp:evidence smp:Curated ;
    prov:wasDerivedFrom source:graphkit-curation .
toolskill:canva--editing a smp:ToolSkill ; smp:tool tool:canva ; smp:skill skill:editing ;
    smp:weight 0.6 ; smp:evidence smp:Curated ; prov:wasDerivedFrom source:graphkit-curation .
toolplatform:canva--tiktok a smp:ToolPlatform ; smp:tool tool:canva ;
    smp:platform platform:tiktok ; smp:weight 0.6 ; smp:evidence smp:Curated ;
    prov:wasDerivedFrom source:graphkit-curation .

transition:writer--community-manager a smp:Transition ; smp:fromRole role:writer ;
    smp:toRole role:community-manager ; smp:transitionKind smp:Lateral ; smp:typicalYears 2 ;
    smp:weight 0.8 ; smp:evidence smp:Stated ; prov:wasDerivedFrom source:tiny .
transition:editor--community-manager a smp:Transition ; smp:fromRole role:editor ;
    smp:toRole role:community-manager ; smp:transitionKind smp:Lateral ; smp:typicalYears 1 ;
    smp:weight 0.5 ; smp:evidence smp:Stated ; prov:wasDerivedFrom source:tiny .
transition:community-manager--strategist a smp:Transition ; smp:fromRole role:community-manager ;
    smp:toRole role:strategist ; smp:transitionKind smp:Progression ; smp:typicalYears 3 ;
    smp:weight 0.9 ; smp:evidence smp:Stated ; prov:wasDerivedFrom source:tiny .
transition:writer--strategist a smp:Transition ; smp:fromRole role:writer ;
    smp:toRole role:strategist ; smp:transitionKind smp:Reconversion ; smp:typicalYears 6 ;
    smp:weight 0.3 ; smp:evidence smp:Curated ; prov:wasDerivedFrom source:graphkit-curation .

seniority:writer a smp:RoleSeniority ; smp:role role:writer ; smp:level smp:entry ;
    smp:evidence smp:Stated ; prov:wasDerivedFrom source:tiny .
seniority:editor a smp:RoleSeniority ; smp:role role:editor ; smp:level smp:confirmed ;
    smp:evidence smp:Curated ; prov:wasDerivedFrom source:graphkit-curation .
seniority:community-manager a smp:RoleSeniority ; smp:role role:community-manager ;
    smp:level smp:confirmed ; smp:evidence smp:Curated ;
    prov:wasDerivedFrom source:graphkit-curation .
seniority:strategist a smp:RoleSeniority ; smp:role role:strategist ; smp:level smp:senior ;
    smp:evidence smp:Curated ; prov:wasDerivedFrom source:graphkit-curation .

claim:tiny-tiktok a smp:Claim ; smp:about platform:tiktok ; smp:trend smp:Rising ;
    smp:statement "TikTok is emerging."@en , "TikTok émerge."@fr ; prov:wasDerivedFrom source:tiny .
"""


def tiny_graph() -> Dataset:
    """Build the tiny example dataset, with its derived shortcuts, as the loader would.

    Returns
    -------
    rdflib.Dataset
        A new dataset each call, with the graph ``…/graph/tiny`` and the derived graph.

    Examples
    --------
    >>> from graphkit.graph.namespaces import SMP, PREFIXES
    >>> G = tiny_graph()
    >>> len(set(G.subjects(SMP.leadsTo, None)))
    3
    >>> (PREFIXES["role"]["writer"], SMP.requiresSkill, PREFIXES["skill"]["writing"]) in G
    True
    """
    dataset = bind_prefixes(Dataset(default_union=True))
    dataset.graph(GRAPH["tiny"]).parse(data=TINY_TTL, format="turtle")
    derive_shortcuts(dataset, default_ontology_dir())
    return dataset

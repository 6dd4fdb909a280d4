"""The cost model of a career move: typical years, skill gap, seniority climbed, evidence.

A move is an edge of a transition graph (:func:`graphkit.routes.projection.to_transition_graph`,
and the moves :mod:`graphkit.esco.merge` adds at ESCO scale); its attributes are all the model
reads. Doctests start from ``G`` and ``role``, the tiny graph's (set up in ``conftest.py``).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from graphkit.errors import InvalidArgument

__all__ = ["DEFAULT_MODEL", "WEIGHTS", "CostModel"]

#: The ways a route can be weighed.
WEIGHTS = ("cost", "years", "gap", "hops")


@dataclass(frozen=True)
class CostModel:
    r"""The cost of a move, combining time, the skills to learn, seniority and the evidence.

    .. math::

        \mathrm{cost} = f_{evidence} \times (\mathrm{per\_step}
            + \mathrm{per\_year} \times \mathrm{years}
            + (\mathrm{per\_gap} + \mathrm{per\_isco} \times \mathrm{isco})
              \times \mathrm{gap}
            + \mathrm{per\_level} \times \mathrm{jump})

    - ``years``: the move's typical years in the first role, when a source or the editors
      give them (*known*); otherwise *assumed*: the years its climb takes at
      ``years_per_level`` a level, one level at least (:meth:`years`). A move whose years
      nobody gives is thus never cheaper in time than a move that takes the usual time for
      the same climb.
    - ``gap``: the weighted share of the target role's requirements the first role lacks
      (0 to 1, essential skills counting double optional ones).
    - ``jump``: the seniority levels the move climbs beyond what it explains (:meth:`jump`).
      One level is an ordinary step. **Known years absorb a climb** at ``years_per_level``
      years a level: the community manager (entry) becomes social media manager (senior, two
      levels up) in about 5 years (seed 003), and those five years *are* the climb. Assumed
      years never absorb one, and a descent of more than one level is never absorbed. Levels
      are the roles' seniority (``levels``) or, at ESCO scale where occupations have none,
      the ILO skill levels of their ISCO-08 groups (``skill_levels``).
    - ``isco``: for a move *inferred* from skill similarity between two occupations with
      ISCO-08 unit groups, the levels of ISCO-08 (unit, minor, sub-major, major group) at which
      the two groups part, beyond the first (:meth:`isco_steps`). It makes the gap weigh more:
      the skills to learn for a move out of one's occupational family are harder to learn on
      the job, and the fewer skills the two occupations share the less a similarity between
      distant groups says (the skills they share are then mostly generic ones). A documented
      move is known to happen whatever the groups.
    - ``f_evidence``: the evidence factor, in the order of DESIGN.md §4: a move an article
      states costs less than a curated one, which costs less than one a taxonomy states only
      between the groups that hold the two roles (``groupstated``), which costs less than one
      inferred from skill similarity.

    ``years_per_level`` is read from the seeds through the scale: the social media manager's
    senior level, two levels above the entry-level community manager, asks about 5 years of
    experience (seed 003), 2.5 years a level.

    Attributes
    ----------
    per_step : float
        Fixed cost of any move (a change of job has a price of its own).
    per_year : float
        Cost of one typical year.
    per_gap : float
        Cost of a full skill gap (gap = 1).
    per_level : float
        Cost of each level of :meth:`jump`.
    years_per_level : float
        Years one level of seniority takes: what known years absorb, and what assumed years
        are made of.
    per_isco : float
        What each ISCO-08 level of :meth:`isco_steps` adds to ``per_gap``.
    evidence : dict
        Factor by evidence level.

    Examples
    --------
    >>> model = CostModel()
    >>> model.cost({"years": 2.0, "gap": 0.5, "evidence": "stated"})  # 1 + 0.5 + 1
    2.5
    >>> model.cost({"years": None, "gap": 0.5, "evidence": "inferred"})  # 1.5 x (1 + 0.625 + 1)
    3.9375

    Five known years cover a climb of two levels; four leave 0.4 of a level unexplained:

    >>> model.cost({"years": 5.0, "gap": 0.5, "evidence": "stated", "levels": 2})
    3.25
    >>> model.cost({"years": 4.0, "gap": 0.5, "evidence": "stated", "levels": 2})  # + 0.5 x 0.4
    3.2
    """

    per_step: float = 1.0
    per_year: float = 0.25
    per_gap: float = 2.0
    per_level: float = 0.5
    years_per_level: float = 2.5
    per_isco: float = 1.5
    evidence: dict = field(
        default_factory=lambda: {
            "stated": 1.0,
            "curated": 1.25,
            "groupstated": 1.4,
            "inferred": 1.5,
        }
    )

    @staticmethod
    def climb(edge: dict) -> int:
        """Return the levels a move climbs (negative going down): seniority, else ISCO skill.

        Examples
        --------
        >>> CostModel.climb({"levels": 2}), CostModel.climb({"levels": 0, "skill_levels": -1})
        (2, -1)
        """
        return edge.get("levels", 0) or edge.get("skill_levels", 0)

    def years(self, edge: dict) -> float:
        """Return the move's known years, or the years assumed for it.

        Assumed years are the years the move's climb takes at ``years_per_level`` a level, one
        level at least (a lateral move is priced as an ordinary step).

        Examples
        --------
        >>> model = CostModel()
        >>> model.years({"years": 5.0}), model.years({"years": None, "levels": 0})
        (5.0, 2.5)
        >>> model.years({"years": None, "levels": 2})
        5.0
        """
        if edge["years"] is not None:
            return edge["years"]
        return self.years_per_level * max(1, self.climb(edge))

    def jump(self, edge: dict) -> float:
        """Return the levels a move climbs or descends beyond what explains them.

        One level is an ordinary step. A climb is also covered by the move's known years, at
        ``years_per_level`` a level; assumed years cover nothing beyond the first level, and a
        descent is never covered beyond it.

        Examples
        --------
        >>> model = CostModel()
        >>> [round(model.jump({"years": y, "levels": 2}), 2) for y in (5.0, 4.0, None)]
        [0.0, 0.4, 1.0]
        >>> model.jump({"years": 6.0, "levels": -2}), model.jump({"years": None, "levels": 1})
        (1.0, 0.0)
        """
        climb = self.climb(edge)
        if climb < 0:
            return max(0.0, -climb - 1.0)
        covered = 1.0
        if edge["years"] is not None:
            covered = max(covered, edge["years"] / self.years_per_level)
        return max(0.0, climb - covered)

    @staticmethod
    def isco_steps(edge: dict) -> int:
        """Return the ISCO-08 levels an inferred move's two unit groups part at, beyond one.

        ``isco_distance`` is 0 for one unit group, 1 for two of one minor group, up to 4 for
        two major groups; a move that a source or the editors give costs nothing here.

        Examples
        --------
        >>> CostModel.isco_steps({"evidence": "inferred", "isco_distance": 4})
        3
        >>> CostModel.isco_steps({"evidence": "curated", "isco_distance": 4})
        0
        """
        if edge["evidence"] != "inferred":
            return 0
        return max(0, (edge.get("isco_distance") or 0) - 1)

    def cost(self, edge: dict) -> float:
        """Return the cost of a move from its edge attributes."""
        per_gap = self.per_gap + self.per_isco * self.isco_steps(edge)
        raw = self.per_step + self.per_year * self.years(edge) + per_gap * edge["gap"]
        raw += self.per_level * self.jump(edge)
        return self.evidence[edge["evidence"]] * raw

    def level_value(self, levels: float) -> float:
        """Return what climbing `levels` levels is worth: the cost of the years they take.

        :func:`graphkit.routes.paths.next_moves` ranks the roles it reaches by their route's
        cost less this value (a descent adds to it). Between two given roles every route climbs
        the same levels, so the ranking of routes by :func:`graphkit.routes.paths.transition_paths`
        is unchanged; across destinations, it keeps a progression from ranking below a shorter
        lateral move only because it is longer.

        Examples
        --------
        >>> CostModel().level_value(2)  # 0.25 x 2.5 x 2
        1.25
        """
        return self.per_year * self.years_per_level * levels

    def weight_function(self, weight: str) -> Callable[[str, str, dict], float]:
        """Return the networkx weight function for `weight`, one of :data:`WEIGHTS`.

        Examples
        --------
        >>> measure = CostModel().weight_function("years")
        >>> measure(role + "writer", role + "editor", G.edges[role + "writer", role + "editor"])
        2.5
        """
        functions = {
            "cost": lambda u, v, d: self.cost(d),
            "years": lambda u, v, d: self.years(d),
            "gap": lambda u, v, d: d["gap"],
            "hops": lambda u, v, d: 1,
        }
        if weight not in functions:
            raise InvalidArgument(f"unknown weight {weight!r}; use one of {', '.join(WEIGHTS)}")
        return functions[weight]


DEFAULT_MODEL = CostModel()

"""How requirements weigh: importance weights and the coverage of a role's requirements.

Plain arithmetic on dicts, shared by the projection and the analyses.
"""

from collections.abc import Collection, Mapping

__all__ = ["IMPORTANCE", "coverage"]

#: How much a requirement counts in coverage and gaps, by importance.
IMPORTANCE = {"essential": 1.0, "optional": 0.5}


def coverage(required: Mapping[str, Mapping], held: Collection[str]) -> float:
    """Return the weighted share of the `required` skills that are in `held`.

    Each requirement counts ``weight × IMPORTANCE[importance]``.

    Parameters
    ----------
    required : mapping
        Skill IRI → ``{"weight": float, "importance": "essential" | "optional"}``.
    held : collection of str
        The skills someone has.

    Returns
    -------
    float
        Between 0 (nothing covered, or nothing required) and 1.

    Examples
    --------
    >>> need = {"a": {"weight": 1.0, "importance": "essential"},
    ...         "b": {"weight": 0.8, "importance": "optional"}}
    >>> coverage(need, {"a"})  # 1.0 / (1.0 + 0.4)
    0.7142857142857143
    >>> coverage(need, set()), coverage({}, {"a"})
    (0.0, 0.0)
    """
    total = covered = 0.0
    for skill, req in required.items():
        value = req["weight"] * IMPORTANCE[req["importance"]]
        total += value
        if skill in held:
            covered += value
    return covered / total if total else 0.0

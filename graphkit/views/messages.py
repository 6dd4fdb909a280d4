"""Errors said to people in their language: the library's message, or its French.

An error of :mod:`graphkit.errors` carries a ``code`` and ``fields`` (names as typed, IRIs,
numbers); :func:`error_text` phrases it from :data:`graphkit.views.words.MESSAGES`, naming
the IRIs by their labels in the language. English is the library's own message.
"""

from graphkit.views.tables import _name
from graphkit.views.words import MESSAGES, kind_name

__all__ = ["error_text"]


def error_text(error: Exception, lang: str = "en", labels: dict | None = None) -> str:
    """Say `error` in `lang`; an error without a message in `lang` keeps its own.

    Parameters
    ----------
    error : Exception
        Usually a :class:`graphkit.errors.GraphkitError`.
    lang : {"en", "fr"}
        The language.
    labels : dict, optional
        IRI → labels by language, to name the roles an error gives by IRI.

    Examples
    --------
    >>> from graphkit.errors import TermNotFound, WrongKind
    >>> error_text(TermNotFound("astronot", ["astronaut"]), "fr")
    'aucun concept nommé « astronot » ; vouliez-vous dire astronaut ?'
    >>> role = "https://w3id.org/smp/role/graphic-designer"
    >>> error = WrongKind("Canva", "x", "tool", ("role",), [(role, "graphic designer")])
    >>> error_text(error, "fr", {role: {"en": "graphic designer", "fr": "graphiste"}})
    '« Canva » est un outil, pas un métier ; métiers les plus proches : graphiste'
    >>> error_text(error, "en")
    "'Canva' is a tool, not a role; closest roles: graphic designer"
    """
    words = MESSAGES.get(lang)
    code = getattr(error, "code", None)
    if words is None or code not in words:
        return str(error)
    fields = dict(error.fields)
    labels = labels or {}

    def name(iri: str) -> str:
        return _name(iri, labels, lang)

    def either(items, joined: str = "or") -> str:
        items = list(items)
        return ", ".join(items[:-1]) + words[joined] + items[-1] if len(items) > 1 else items[0]

    text = words[code]
    if code == "not_found":
        if fields["suggestions"]:
            text += words["did_you_mean"].format(names=either(fields["suggestions"]))
    elif code == "wrong_kind":
        fields["kind"] = kind_name(fields["kind"], lang, article=True)
        fields["wanted"] = either(kind_name(k, lang, article=True) for k in fields["wanted"])
        if fields["closest"]:
            text += words["closest"].format(names=", ".join(map(name, fields["closest"])))
        elif fields["suggestions"]:
            text += words["did_you_mean"].format(names=either(fields["suggestions"]))
    elif code == "ambiguous":
        shown = dict(error.candidates)  # English labels, for concepts `labels` lacks
        fields["names"] = ", ".join(
            f"{name(i) if i in labels else shown.get(i, i)} <{i}>" for i in fields["candidates"]
        )
    elif code in ("same_ends", "on_and_avoided"):
        fields["role"] = name(fields.get("role", ""))
        fields["roles"] = ", ".join(map(name, fields.get("roles", ())))
    elif "target" in fields:  # no route: fields of graphkit.routes.paths
        steps = fields.get("max_steps")
        step = words["step" if steps == 1 else "steps"].format(n=steps)
        fields |= {
            "source": name(fields["source"]),
            "target": name(fields["target"]),
            "via": words["then"].join(f"« {name(r)} »" for r in fields["via"]),
            "within": words["within"].format(steps=step) if steps is not None else "",
            "avoiding": words["avoiding"].format(roles=", ".join(map(name, fields["avoid"])))
            if fields["avoid"]
            else "",
        }
    return text.format(**fields)

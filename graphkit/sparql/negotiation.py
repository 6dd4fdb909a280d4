"""Content negotiation: parse ``Accept``, pick the offered media type a client prefers."""

from collections.abc import Sequence

__all__ = ["content_type", "negotiate", "parse_accept"]


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Parse an ``Accept`` header into ``(media range, q)`` pairs, in the client's order.

    Media ranges are lower-cased and stripped of their parameters except ``q``; an entry
    whose ``q`` is not a number between 0 and 1 is dropped, as RFC 9110 asks.

    Examples
    --------
    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json;charset=utf-8, */*;q=0")
    [('text/csv', 0.5), ('application/sparql-results+json', 1.0), ('*/*', 0.0)]
    >>> parse_accept("text/turtle;q=high, text/csv")
    [('text/csv', 1.0)]
    """
    ranges = []
    for item in (header or "").split(","):
        media, *params = (part.strip() for part in item.split(";"))
        if "/" not in media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = -1.0
        if 0.0 <= q <= 1.0:
            ranges.append((media.lower(), q))
    return ranges


def negotiate(header: str | None, offers: Sequence[str]) -> str | None:
    """Pick the offered media type the client prefers, or None when it accepts none of them.

    Each offer takes the quality of the most specific range that matches it (``type/sub``
    before ``type/*`` before ``*/*``). The best quality wins; on a tie, an explicit type
    beats a wildcard, then the client's order, then the order of `offers`. No header (or
    an empty one) accepts the first offer.

    Examples
    --------
    >>> offers = ["application/sparql-results+json", "text/csv"]
    >>> negotiate("text/csv, */*;q=0.1", offers)
    'text/csv'
    >>> negotiate("text/*;q=0.4, application/*;q=0.3", offers)
    'text/csv'
    >>> negotiate("text/html, */*;q=0.8", offers)
    'application/sparql-results+json'
    >>> negotiate("text/turtle", offers) is None
    True
    """
    ranges = parse_accept(header)
    if not ranges:
        return offers[0] if offers else None
    best, best_key = None, None
    for rank, offer in enumerate(offers):
        kind = offer.split("/")[0]
        matches = [
            (specificity, q, -position)
            for position, (media, q) in enumerate(ranges)
            for specificity, pattern in ((2, offer), (1, kind + "/*"), (0, "*/*"))
            if media == pattern
        ]
        if not matches:
            continue
        specificity, q, client = max(matches)
        key = (q, specificity, client, -rank)
        if q > 0 and (best_key is None or key > best_key):
            best, best_key = offer, key
    return best


def content_type(media: str) -> str:
    """Write the ``Content-Type`` of `media`: UTF-8 said for text, implied for JSON and XML.

    Examples
    --------
    >>> content_type("text/turtle"), content_type("application/ld+json")
    ('text/turtle; charset=utf-8', 'application/ld+json')
    """
    return media if media.endswith("+xml") or "json" in media else media + "; charset=utf-8"

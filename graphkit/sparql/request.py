"""Reading a SPARQL Protocol request: parameters, UTF-8 form bodies, media types, size, Host.

Every malformed part is a :class:`_HTTPError` with its status (400, 413, 415), never a 500.
"""

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["MAX_BODY", "PendingQuery"]

#: Largest request body accepted, in bytes.
MAX_BODY = 1 << 20


class _HTTPError(Exception):
    def __init__(self, status: int, message: str, headers: Sequence[tuple[str, str]] = ()):
        super().__init__(message)
        self.status, self.headers = status, list(headers)


@dataclass(frozen=True)
class PendingQuery:
    """A checked request whose answer needs the engine: run it, then answer.

    :meth:`graphkit.sparql.server.SparqlApp.reply` returns one for a query, or for an IRI to
    dereference (:mod:`graphkit.sparql.resources`); whoever serves the app runs it on a
    query thread (:mod:`graphkit.sparql.asgi`) or in place.

    Attributes
    ----------
    run : callable
        Runs the query and returns the answer's bytes (raises the engine's errors, or an
        HTTP error such as 404).
    headers : list of (str, str)
        The headers of the answer, once it succeeds.
    method, path : str
        The request's, for the log.
    """

    run: Callable[[], bytes]
    headers: list
    method: str
    path: str


def _form(text: str) -> dict[str, list[str]]:
    """Parse a query string or form body once (decoding it twice would corrupt a ``%``).

    `text` holds one character per byte (latin-1, as WSGI gives ``QUERY_STRING``), raw or
    percent-encoded: each name and value is percent-decoded, then decoded as UTF-8.

    Examples
    --------
    >>> _form("query=ASK+%7B%7D&x=communaut%C3%A9")
    {'query': ['ASK {}'], 'x': ['communauté']}
    >>> _form("x=" + "communauté".encode("utf-8").decode("latin-1"))
    {'x': ['communauté']}
    """
    try:
        raw = urllib.parse.parse_qs(
            text, keep_blank_values=True, encoding="latin-1", errors="strict"
        )
        return {_utf8(name): [_utf8(value) for value in values] for name, values in raw.items()}
    except (UnicodeError, ValueError):
        raise _HTTPError(400, "the request's parameters are not valid UTF-8") from None


def _utf8(text: str) -> str:
    return text.encode("latin-1").decode("utf-8")


def _media_type(header: str | None) -> tuple[str, str | None]:
    """Split a ``Content-Type`` into its media type and its charset (lower case), if any.

    Examples
    --------
    >>> _media_type("application/sparql-query; charset=UTF-16")
    ('application/sparql-query', 'utf-16')
    >>> _media_type(None)
    ('', None)
    """
    media, *params = (header or "").split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset


def _one(params: Mapping[str, list[str]], name: str) -> str:
    values = params[name]
    if len(values) != 1:
        raise _HTTPError(
            400, f"the request must have exactly one {name} parameter, not {len(values)}"
        )
    return values[0]


def _body(environ: dict) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise _HTTPError(400, "Content-Length is not a number") from None
    if length > MAX_BODY:
        raise _HTTPError(413, f"the request body is larger than {MAX_BODY} bytes")
    return environ["wsgi.input"].read(length) if length > 0 else b""


#: A Host header: a DNS name, an IPv4 address or a bracketed IPv6 address, and a port.
_HOST = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
    r"[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?"
)


def _endpoint_url(environ: dict) -> str:
    """Build the endpoint's URL from a validated ``Host`` header (400 if it is no host).

    Examples
    --------
    >>> _endpoint_url({"HTTP_HOST": "127.0.0.1:7878", "wsgi.url_scheme": "http"})
    'http://127.0.0.1:7878/sparql'
    >>> _endpoint_url({"HTTP_HOST": "a b", "wsgi.url_scheme": "http"})
    Traceback (most recent call last):
    ...
    graphkit.sparql.request._HTTPError: the Host header 'a b' is not a host name or address
    """
    host = environ.get("HTTP_HOST")
    if host is None:
        host = environ.get("SERVER_NAME", "localhost")
        port = environ.get("SERVER_PORT", "")
        host = f"[{host}]" if ":" in host else host
        host += f":{port}" if port else ""
    if len(host) > 300 or not _HOST.fullmatch(host):
        raise _HTTPError(400, f"the Host header {host[:100]!r} is not a host name or address")
    scheme = "https" if environ.get("wsgi.url_scheme") == "https" else "http"
    script = urllib.parse.quote(environ.get("SCRIPT_NAME", "").rstrip("/"))
    return f"{scheme}://{host.lower()}{script}/sparql"

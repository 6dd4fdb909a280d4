"""The endpoint's processes inside: an ASGI app over the WSGI app, and the query threads.

:func:`asgi_app` lets uvicorn serve :class:`graphkit.sparql.server.SparqlApp`: it reads the
request (no more than :data:`graphkit.sparql.request.MAX_BODY` of body), builds its WSGI
environ, has the app check it, and runs its query on one of the :class:`QueryThreads`
within the time limit. :func:`bounded_protocol` bounds the request line and headers.
"""

import asyncio
import io
import queue
import sys
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import Future

from graphkit.errors import QueryTimeout
from graphkit.sparql.checks import _forget_frames, deep_stack_thread
from graphkit.sparql.request import MAX_BODY, PendingQuery
from graphkit.sparql.sandbox import try_deny_network

__all__ = ["GRACE", "MAX_HEADERS", "QueryThreads", "asgi_app", "bounded_protocol"]

#: Seconds a query may run past its time limit before its process retires.
GRACE = 0.5
#: Largest request line and headers accepted, in bytes (a GET query travels in the line;
#: httptools parses no URL over 64 KiB anyway: longer queries go by POST, up to 1 MiB).
MAX_HEADERS = 64 << 10


class QueryThreads:
    """Threads with a large stack and no network that run the requests of one process."""

    def __init__(self, count: int):
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        reports: queue.SimpleQueue = queue.SimpleQueue()
        for number in range(count):
            deep_stack_thread(self._serve, reports, name=f"graphkit-query-{number}")
        self.sandboxed = all([reports.get() for _ in range(count)])

    def _serve(self, reports: queue.SimpleQueue) -> None:
        reports.put(try_deny_network())  # the filter binds this thread, before any request
        while True:
            future, function = self._jobs.get()
            if not future.set_running_or_notify_cancel():
                continue
            future.started = time.monotonic()
            try:
                future.set_result(function())
            except BaseException as err:
                _forget_frames(err)
                future.set_exception(err)

    def submit(self, function: Callable) -> Future:
        """Run `function` on the next free thread."""
        future = Future()
        self._jobs.put((future, function))
        return future


def asgi_app(app, threads: QueryThreads, limit: float, retire: Callable[[], None]):
    """Serve the WSGI :class:`~graphkit.sparql.server.SparqlApp` `app` as an ASGI app.

    The event loop reads the request and has the app answer it (routing and the linear
    checks of :func:`graphkit.sparql.checks.precheck_query` run there); a query then waits
    at most `limit` seconds for one of `threads`, and runs there within `limit` plus
    :data:`GRACE`. A query still running past that is answered 503 and `retire` is called:
    only the end of the process stops it.
    """

    async def application(scope, receive, send) -> None:
        if scope["type"] != "http":
            return
        declared = _content_length(scope)
        body, length = b"", declared
        if declared <= MAX_BODY:  # else the app answers 413 without reading
            body = await _read_body(receive)
            if body is None:
                return  # the client left
            length = len(body)
        reply = app.reply(_environ(scope, body, length))
        if isinstance(reply, PendingQuery):
            reply = await _run(app, reply, threads, limit, retire)
        status, headers, payload = reply
        await send(
            {
                "type": "http.response.start",
                "status": int(status[:3]),
                "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers],
            }
        )
        await send({"type": "http.response.body", "body": payload})

    return application


async def _run(app, pending, threads: QueryThreads, limit: float, retire: Callable[[], None]):
    future = threads.submit(pending.run)
    waiter = asyncio.wrap_future(future)
    done, _ = await asyncio.wait({waiter}, timeout=limit)  # waiting for a thread...
    started = getattr(future, "started", None)
    if not done and started is not None:  # ...then running: within the limit too
        left = started + limit + GRACE - time.monotonic()
        done, _ = await asyncio.wait({waiter}, timeout=max(left, 0))
    if done:
        return app.complete(pending, waiter.result)
    if future.cancel():  # never started: every thread was busy
        message = f"every query thread stayed busy for {limit:g} s: try again later"
        return app.refusal(503, message, pending.method)
    waiter.add_done_callback(lambda done: done.cancelled() or done.exception())
    retire()  # still running inside Oxigraph: only the end of this process stops it
    return app.refusal(503, str(QueryTimeout(limit)), pending.method)


def _content_length(scope) -> int:
    for name, value in scope["headers"]:
        if name == b"content-length" and value.strip().isdigit():
            return int(value)
    return 0


async def _read_body(receive) -> bytes | None:
    """Read the request body, but no more than one byte past :data:`MAX_BODY`."""
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += message.get("body", b"")
        if len(body) > MAX_BODY or not message.get("more_body"):
            return bytes(body)


def _environ(scope, body: bytes, length: int) -> dict:
    """Make the WSGI environ of an ASGI request (PEP 3333: native strings hold latin-1 bytes)."""
    server = scope.get("server") or ("localhost", 80)
    raw_path = scope.get("raw_path") or scope["path"].encode("utf-8")
    path = urllib.parse.unquote_to_bytes(raw_path.split(b"?", 1)[0]).decode("latin-1")
    environ = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": scope["query_string"].decode("latin-1"),
        "SERVER_NAME": str(server[0]),
        "SERVER_PORT": str(server[1]),
        "SERVER_PROTOCOL": "HTTP/" + scope["http_version"],
        "CONTENT_LENGTH": str(length),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in scope["headers"]:
        key = name.decode("latin-1").upper().replace("-", "_")
        if key == "CONTENT_LENGTH":
            continue
        if key != "CONTENT_TYPE":
            key = "HTTP_" + key
        text = value.decode("latin-1")
        environ[key] = f"{environ[key]},{text}" if key in environ else text
    return environ


def bounded_protocol():
    """Uvicorn's httptools protocol, refusing a request line and headers over the bound."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class BoundedHttpTools(HttpToolsProtocol):
        def on_message_begin(self) -> None:
            super().on_message_begin()
            self.header_bytes = 0

        def on_url(self, url: bytes) -> None:
            self._count(len(url))
            super().on_url(url)

        def on_header(self, name: bytes, value: bytes) -> None:
            self._count(len(name) + len(value))
            super().on_header(name, value)

        def _count(self, size: int) -> None:
            self.header_bytes += size
            if self.header_bytes > MAX_HEADERS:  # httptools turns it into a 400
                raise ValueError(f"request line and headers over {MAX_HEADERS} bytes")

    return BoundedHttpTools

"""Serving the endpoint: processes that share one socket, each speaking HTTP and running queries.

:class:`Endpoint` (and :func:`serve`) binds the socket, then starts ``workers`` processes
that accept on it. Each opens its own copy of the store
(:func:`graphkit.sparql.pool.worker_store`) and answers HTTP with uvicorn (requests parsed
by httptools, in C): its event loop has :class:`graphkit.sparql.server.SparqlApp` check
each request (:mod:`graphkit.sparql.asgi`), and runs the query on one of its ``threads``
query threads: threads with a large stack that forbid themselves any network socket
(:mod:`graphkit.sparql.sandbox`) before they take a request. pyoxigraph releases the GIL
while it evaluates a query, reads a result or writes one, so the threads of a process run
queries side by side, and no request crosses a process boundary.

A query waits for a free thread at most the time limit, then runs within the limit (plus
:data:`GRACE`); past either it gets a 503. Oxigraph cannot be interrupted, so the process
whose thread still runs that query retires: it stops accepting, lets its other requests
finish (each within its own limit), closes its connections and exits, which stops the
query and frees what it holds; the parent starts another. The socket stays open in the
parent and the other processes meanwhile, so no connection is refused. Each process also
tells the parent every second that its event loop runs; one silent for :data:`SILENCE`
seconds past the time limit (the engine holding the GIL, or a retirement that does not
end) is killed and replaced: its connections close without an answer, but the limit still
bounds what any request holds.
"""

import asyncio
import contextlib
import errno
import gc
import logging
import math
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

from graphkit.errors import EndpointError, PortInUse, QueryFailed
from graphkit.sparql.asgi import GRACE, QueryThreads, asgi_app, bounded_protocol
from graphkit.sparql.checks import prepare_parser
from graphkit.sparql.engine import MAX_ROWS, TIMEOUT, Engine
from graphkit.sparql.pool import await_ready, open_worker_store, start_child, worker_store

__all__ = ["SILENCE", "Endpoint", "serve"]

log = logging.getLogger(__name__)

#: Seconds past the time limit and :data:`GRACE` that a process may stay silent.
SILENCE = 10.0
#: Connections (and requests under way) one process holds at most; past it, 503.
MAX_CONNECTIONS = 1024
#: The command a serving process runs: its socket pair's descriptor, then the listener's.
_CHILD = (
    "import sys; from graphkit.sparql.serving import _child_main; "
    "_child_main(*map(int, sys.argv[1:]))"
)


@dataclass
class _Child:
    process: subprocess.Popen
    conn: Connection
    heard: float = 0.0  # when it last said it was alive (time.monotonic)


class Endpoint:
    """The SPARQL endpoint, listening, with its serving processes started.

    Parameters
    ----------
    source : rdflib.Dataset or Engine
        The data (see :func:`graphkit.graph.load.load_dataset`).
    host : str
        Address to bind: ``127.0.0.1`` (this machine only) by default; ``0.0.0.0`` opens
        it to the network.
    port : int
        Port to bind; 0 picks a free one.
    workers : int
        Serving processes (each with its own copy of the store).
    threads : int
        Query threads of each process: how many queries one process runs at once.
    timeout : float
        Time limit of a request, in seconds (503 past it).
    max_rows : int or None
        Cap on the rows or triples of a result (422 over it); None for no cap.
    ontology : path-like, optional
        The ontology folder whose gallery the query page lists.
    void : tuple, optional
        The dataset's VoID for the service description
        (:func:`graphkit.sparql.description.void_triples`).
    ontology_page : callable, optional
        Makes the page of ``/ontology``; each process calls it on its first request for the
        page, so it must be picklable (a module-level function, or a partial of one).

    Raises
    ------
    PortInUse
        If another process listens on `port`.
    EndpointError
        If the address cannot be bound for another reason.
    QueryFailed
        If a serving process does not start.

    Examples
    --------
    >>> import json, threading, urllib.request
    >>> from graphkit.graph.examples import tiny_graph
    >>> with Endpoint(tiny_graph(), port=0, workers=1) as endpoint:
    ...     runner = threading.Thread(target=endpoint.run)
    ...     runner.start()
    ...     url = endpoint.url + "?query=ASK%7Brole:writer%20a%20smp:Role%7D"
    ...     answer = json.load(urllib.request.urlopen(url))
    >>> runner.join()
    >>> answer
    {'head': {}, 'boolean': True}
    """

    #: Seconds a new process may take to open its store.
    START_TIMEOUT = 60.0

    def __init__(
        self,
        source,
        *,
        host: str = "127.0.0.1",
        port: int = 7878,
        workers: int = 2,
        threads: int = 2,
        timeout: float = TIMEOUT,
        max_rows: int | None = MAX_ROWS,
        ontology=None,
        void: tuple | None = None,
        ontology_page: Callable[[], bytes] | None = None,
    ):
        if workers < 1 or threads < 1:
            raise ValueError(f"an endpoint needs a process and a thread, not {workers}, {threads}")
        if timeout <= 0:
            raise ValueError(f"the time limit must be positive, not {timeout}")
        engine = source if isinstance(source, Engine) else Engine.from_dataset(source)
        self.workers = workers
        self._silence = timeout + GRACE + SILENCE
        self._store = worker_store(engine)
        self._settings = {
            "timeout": timeout,
            "max_rows": max_rows,
            "threads": threads,
            "ontology": None if ontology is None else str(ontology),
            "void": void,
            "ontology_page": ontology_page,
        }
        self._socket = _listen(host, port)
        shown = f"[{host}]" if ":" in host else host
        #: The endpoint's URL (with the port actually bound).
        self.url = f"http://{shown}:{self._socket.getsockname()[1]}/sparql"
        #: Whether every query thread runs without network (False where seccomp is missing).
        self.sandboxed = True
        self._children: list[_Child] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        try:
            for child in [self._spawn() for _ in range(workers)]:
                self._ready(child)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> "Endpoint":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _spawn(self) -> _Child:
        process, conn = start_child(_CHILD, self._store, self._socket.fileno())
        conn.send(self._settings)
        child = _Child(process, conn)
        with self._lock:
            self._children.append(child)
        if self._stop.is_set():  # closed meanwhile: close() may not have seen it
            self._end(child)
            raise QueryFailed("the endpoint is closed")
        return child

    def _ready(self, child: _Child) -> None:
        sandboxed = await_ready(child.conn, self.START_TIMEOUT)
        if sandboxed is None:
            self._end(child)
            raise QueryFailed("a SPARQL serving process did not start")
        self.sandboxed = self.sandboxed and sandboxed
        child.heard = time.monotonic()

    def _alive(self, child: _Child) -> bool:
        """Read what `child` said; False if it exited or has been silent too long."""
        try:
            while child.conn.poll():
                child.conn.recv_bytes()
                child.heard = time.monotonic()
        except (EOFError, OSError):
            return False
        if time.monotonic() - child.heard > self._silence:
            log.warning("a SPARQL serving process stopped answering: ended and replaced")
            return False
        return child.process.poll() is None

    def _end(self, child: _Child) -> None:
        with self._lock:  # one thread ends a child: run() and close() may both try
            if child not in self._children:
                return
            self._children.remove(child)
        if child.process.poll() is None:
            child.process.kill()
        child.process.wait(5)
        child.conn.close()

    def run(self) -> None:
        """Keep `workers` processes serving, replacing any that exits, until :meth:`close`."""
        while not self._stop.wait(0.05):
            for child in list(self._children):
                if not self._alive(child):  # retired after a runaway query, died, or stuck
                    self._end(child)
            while len(self._children) < self.workers and not self._stop.is_set():
                try:
                    self._ready(self._spawn())
                except QueryFailed as err:
                    if self._stop.is_set():
                        return
                    log.error("%s; trying again in a second", err)
                    self._stop.wait(1.0)
                    break

    def close(self) -> None:
        """Stop serving: end every process and close the socket."""
        self._stop.set()
        with self._lock:
            children = list(self._children)
        try:
            for child in children:  # all at once: nothing in them needs saving
                if child.process.poll() is None:
                    child.process.kill()
            for child in children:
                self._end(child)
        finally:
            self._socket.close()


def serve(
    source,
    *,
    on_ready: Callable[[str], None] | None = None,
    **options,
) -> None:
    """Serve the endpoint until Ctrl-C, then stop its processes.

    Parameters
    ----------
    source : rdflib.Dataset or Engine
        The data.
    on_ready : callable, optional
        Called with the endpoint's URL once it answers.
    **options
        Those of :class:`Endpoint` (``host``, ``port``, ``workers``, ``threads``,
        ``timeout``, ``max_rows``, ``ontology``, ``void``, ``ontology_page``).
    """
    main = threading.current_thread() is threading.main_thread()
    # Ctrl-C stops it, even where the shell started it with SIGINT ignored (in background)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler) if main else None
    try:
        with Endpoint(source, **options) as endpoint, contextlib.suppress(KeyboardInterrupt):
            if on_ready is not None:  # a Ctrl-C right after it is announced stops it too
                on_ready(endpoint.url)
            endpoint.run()
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)


def _listen(host: str, port: int) -> socket.socket:
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as err:
        raise EndpointError(f"cannot listen on {host}:{port}: {err.strerror}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(1024)
    except OSError as err:
        sock.close()
        if err.errno == errno.EADDRINUSE:
            raise PortInUse(port) from None
        raise EndpointError(f"cannot listen on {host}:{port}: {err.strerror}") from None
    return sock


# --- in a serving process ----------------------------------------------------------------------


def _child_main(conn_fd: int, listen_fd: int) -> None:
    """Serve in a child process: open the store, start the query threads, answer HTTP."""
    import uvicorn

    from graphkit.sparql.server import make_app

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops its processes itself
    conn = Connection(conn_fd)
    engine = open_worker_store(conn.recv_bytes())
    settings = conn.recv()
    limit = settings["timeout"]
    app = make_app(
        engine,
        workers=0,
        timeout=limit,
        max_rows=settings["max_rows"],
        ontology=settings["ontology"],
        void=settings["void"],
        ontology_page=settings["ontology_page"],
    )
    prepare_parser()
    threads = QueryThreads(settings["threads"])
    config = uvicorn.Config(
        None,
        http=bounded_protocol(),
        loop="asyncio",
        lifespan="off",
        ws="none",
        interface="asgi3",
        access_log=False,
        log_level="warning",
        server_header=False,
        proxy_headers=False,  # no client may say which scheme or address it came from
        limit_concurrency=MAX_CONNECTIONS,
        backlog=1,  # connections accepted per wake-up (see _SharedListener)
        timeout_graceful_shutdown=math.ceil(limit + GRACE) + 1,
        timeout_notify=0,  # the heartbeat: every second, from the event loop
    )
    server = uvicorn.Server(config)

    def retire() -> None:
        # stop accepting at once, before the 503 goes out: a request that came now would wait
        # behind the runaway query; then leave once what was accepted has been read
        for listener in server.servers:
            listener.close()
        asyncio.get_running_loop().call_later(GRACE, setattr, server, "should_exit", True)

    async def heartbeat() -> None:
        conn.send_bytes(b"")

    config.app = asgi_app(app, threads, limit, retire)
    config.callback_notify = heartbeat
    gc.freeze()  # what start-up made stays out of every collection
    # the event loop and the query threads pass the GIL to each other several times a
    # request: a thread whose engine call returned waits at most 1 ms for it, not 5 ms
    sys.setswitchinterval(0.001)
    conn.send(("ready", threads.sandboxed))
    threading.Thread(target=_exit_with_parent, args=(conn,), daemon=True).start()
    server.run(sockets=[_SharedListener(fileno=listen_fd)])
    os._exit(0)  # a runaway query's thread ends here, with the process


class _SharedListener(socket.socket):
    """The parent's listening socket, as a serving process holds it.

    asyncio accepts up to its ``backlog`` connections each time the socket wakes it, and
    calls ``listen(backlog)`` first: with a backlog of 1, the processes take turns on a
    burst of connections instead of the first one awake taking them all, while the
    socket's own queue stays the parent's (``listen`` does nothing here).
    """

    def listen(self, backlog: int = 0) -> None:
        pass


def _exit_with_parent(conn: Connection) -> None:
    with contextlib.suppress(EOFError, OSError):
        conn.recv()
    os._exit(0)

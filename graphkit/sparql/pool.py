"""Time-bounded SPARQL: queries run in worker processes that are killed past the time limit."""

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from graphkit.errors import GraphkitError, QueryFailed, QueryTimeout
from graphkit.sparql.checks import on_deep_stack, precheck_query, prepare_parser
from graphkit.sparql.engine import MAX_ROWS, TIMEOUT, Engine, run_query
from graphkit.sparql.sandbox import try_deny_network

__all__ = ["QueryPool", "await_ready", "open_worker_store", "start_child", "worker_store"]

#: The command a worker runs; its one argument is the file descriptor of its socket.
_WORKER = (
    "import sys; from graphkit.sparql.pool import _worker_main; _worker_main(int(sys.argv[1]))"
)


@dataclass
class _Worker:
    process: subprocess.Popen
    conn: Connection


class QueryPool:
    """Run queries in worker processes, so that a query past its time limit is really stopped.

    An Oxigraph query cannot be interrupted from Python, so each worker process holds its
    own copy of the store; a query that has not answered within `timeout` seconds has its
    worker killed (and replaced in the background), and raises :class:`QueryTimeout`.
    Workers also stop reading a streaming result at the deadline, enforce `max_rows` and
    serialize the result themselves, so the calling process only moves bytes, and
    `workers` queries run on as many cores.

    Workers are plain ``python -c`` subprocesses talking over a socket pair, not
    :mod:`multiprocessing` children: nothing re-imports the caller's ``__main__``. Once its
    store is loaded, a worker forbids itself any network socket (:mod:`graphkit.sparql.sandbox`;
    :attr:`sandboxed` says whether the system allowed it), checks each query itself
    (:func:`graphkit.sparql.check_query`, under the time limit) and runs it on a large
    stack, so that a hostile query is refused or stopped, never able to call out.

    Parameters
    ----------
    engine : Engine
        The data to serve; each worker loads a copy.
    workers : int
        How many queries run at once.
    timeout : float
        Time limit of a query, in seconds. Waiting for a free worker is bounded by the same
        limit.
    max_rows : int or None
        Cap on the rows (or triples) of a result.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> with QueryPool(Engine.from_dataset(tiny_graph()), workers=1) as pool:
    ...     pool.run("ASK { role:writer smp:leadsTo role:strategist }", "json")
    b'{"head":{},"boolean":true}'
    """

    #: Extra seconds granted to a worker to report its own timeout before it is killed.
    GRACE = 0.5
    #: Seconds a new worker may take to load its store.
    START_TIMEOUT = 60.0

    def __init__(
        self,
        engine: Engine,
        *,
        workers: int = 2,
        timeout: float = TIMEOUT,
        max_rows: int | None = MAX_ROWS,
    ):
        if workers < 1:
            raise ValueError(f"a pool needs at least one worker, not {workers}")
        if timeout <= 0:
            raise ValueError(f"the time limit must be positive, not {timeout}")
        self.timeout, self.max_rows, self.workers = timeout, max_rows, workers
        self._data = worker_store(engine)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._live: set[subprocess.Popen] = set()
        self._closed = False
        self.sandboxed = True
        try:
            starting = [self._spawn() for _ in range(workers)]
            for worker in starting:
                self._idle.put(self._ready(worker))
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> "QueryPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _spawn(self) -> _Worker:
        process, conn = start_child(_WORKER, self._data)
        with self._lock:
            self._live.add(process)
        return _Worker(process, conn)

    def _ready(self, worker: _Worker) -> _Worker:
        sandboxed = await_ready(worker.conn, self.START_TIMEOUT)
        if sandboxed is None:
            self._kill(worker)
            raise QueryFailed("a SPARQL worker process did not start")
        self.sandboxed = self.sandboxed and sandboxed
        return worker

    def _kill(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.wait(5)
        worker.conn.close()
        with self._lock:
            self._live.discard(worker.process)

    def _replace(self, worker: _Worker) -> None:
        """Kill `worker` and start another in the background."""
        self._kill(worker)

        def start():
            if self._closed:
                return
            try:
                fresh = self._ready(self._spawn())
            except (QueryFailed, OSError):
                return
            if self._closed:
                self._kill(fresh)
            else:
                self._idle.put(fresh)

        threading.Thread(target=start, name="graphkit-sparql-respawn", daemon=True).start()

    def run(self, text: str, fmt: str, **options) -> bytes:
        """Run a query in a worker and return its result serialized in `fmt`.

        Parameters
        ----------
        text : str
            The query.
        fmt : str
            One of :data:`graphkit.sparql.results.FORMATS` that fits the query's form.
        **options
            ``default_graphs`` / ``named_graphs`` of :meth:`Engine.query`.

        Returns
        -------
        bytes
            The serialized result.

        Raises
        ------
        QueryTimeout
            If no worker was free, or the query did not finish, within the time limit.
        QueryFailed
            If the worker died.
        GraphkitError
            What :meth:`Engine.query` raises (syntax errors, refusals, the cap).
        """
        precheck_query(text)  # linear: updates and deep nesting never reach a worker
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryTimeout(
                self.timeout,
                f"every SPARQL worker stayed busy for {self.timeout:g} s: try again later",
            ) from None
        job = {**options, "max_rows": self.max_rows, "timeout": self.timeout}
        try:
            worker.conn.send((text, fmt, job))
            if not worker.conn.poll(self.timeout + self.GRACE):
                self._replace(worker)
                worker = None
                raise QueryTimeout(self.timeout)
            status, payload = worker.conn.recv()
        except (EOFError, OSError) as err:
            try:
                code = worker.process.wait(1)
            except subprocess.TimeoutExpired:
                code = None
            self._replace(worker)
            worker = None
            how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            raise QueryFailed(
                f"the SPARQL worker process died on this query ({how}): {err or 'no answer'}"
            ) from err
        finally:
            if worker is not None:
                self._idle.put(worker)
        if status == "ok":
            return payload
        if status == "error":
            raise payload
        raise QueryFailed(payload)

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            live = list(self._live)
            self._live.clear()
        for process in live:
            process.kill()
            process.wait(5)
        while True:
            try:
                self._idle.get_nowait().conn.close()
            except queue.Empty:
                break


def worker_store(engine: Engine) -> bytes:
    """Describe the store for a worker process, which opens it with :func:`open_worker_store`.

    The one place that decides how a worker gets its store, for the pool's workers and the
    endpoint's (:mod:`graphkit.sparql.serving`): today the quads themselves, as N-Quads.
    """
    return engine.dump()


def open_worker_store(payload: bytes) -> Engine:
    """Open, in a worker process, the store that :func:`worker_store` describes."""
    return Engine.from_nquads(payload)


def start_child(code: str, payload: bytes, *fds: int) -> tuple[subprocess.Popen, Connection]:
    """Start ``python -c code`` and send it `payload` over a socket pair.

    The child gets the file descriptor of its end of the pair as its first argument, then
    `fds` (inherited too). It is a plain subprocess, not a :mod:`multiprocessing` child:
    nothing re-imports the caller's ``__main__``.

    Returns
    -------
    (subprocess.Popen, Connection)
        The child, and the parent's end of the pair.
    """
    ours, theirs = socket.socketpair()
    package_parent = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_parent, path]))}
    with theirs:
        process = subprocess.Popen(
            [sys.executable, "-c", code, str(theirs.fileno()), *map(str, fds)],
            pass_fds=(theirs.fileno(), *fds),
            stdin=subprocess.DEVNULL,
            env=env,
        )
    conn = Connection(ours.detach())
    conn.send_bytes(payload)
    return process, conn


def await_ready(conn: Connection, timeout: float) -> bool | None:
    """Wait for a child's ``("ready", sandboxed)``; return `sandboxed`, or None if none came."""
    try:
        ready = conn.poll(timeout) and conn.recv()
    except (EOFError, OSError):
        return None
    if isinstance(ready, tuple) and len(ready) == 2 and ready[0] == "ready":
        return bool(ready[1])
    return None


def _worker_main(fd: int) -> None:
    """Serve jobs in a worker process: load the store, then answer until the socket closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops its workers itself
    conn = Connection(fd)
    engine = open_worker_store(conn.recv_bytes())
    prepare_parser()
    conn.send(("ready", try_deny_network()))
    on_deep_stack(_serve_jobs, conn, engine)


def _serve_jobs(conn: Connection, engine: Engine) -> None:
    while True:
        try:
            text, fmt, job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", run_query(engine, text, fmt, **job)))
        except GraphkitError as err:
            conn.send(("error", err))
        except Exception as err:  # reported to the parent as an engine failure (HTTP 500)
            conn.send(("crash", f"{type(err).__name__}: {err}"))

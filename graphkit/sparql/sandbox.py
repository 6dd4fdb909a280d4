"""Keep queries off the network: a seccomp filter that refuses every non-local socket.

A SPARQL worker (:mod:`graphkit.sparql.pool`) installs it once its store is loaded, and so
does each query thread of the endpoint (:class:`graphkit.sparql.asgi.QueryThreads`) before
it takes a request, so that even a query the checks of :mod:`graphkit.sparql.engine` let
through by mistake cannot make Oxigraph call another endpoint: ``socket()`` for any family
but ``AF_UNIX`` fails with ``EPERM``, and so do ``io_uring_setup`` (which could open sockets
behind the filter's back) and every system call made through a foreign ABI (the 32-bit
``socketcall`` of x86). The filter binds the thread that installs it, irreversibly, and
every thread and child that thread starts afterwards; threads already running keep what
they had (the endpoint's event loop still accepts connections on its listening socket).

Linux on x86-64 or AArch64 only; elsewhere :func:`deny_network` raises ``OSError``.
"""

import ctypes
import errno
import os
import platform
import struct

__all__ = ["deny_network", "try_deny_network"]

# <linux/seccomp.h>, <linux/filter.h>, <linux/audit.h>
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_RET_K = 0x06  # BPF_RET | BPF_K
_AF_UNIX = 1
#: machine -> (audit architecture, socket, io_uring_setup)
_ARCHES = {
    "x86_64": (0xC000003E, 41, 425),
    "aarch64": (0xC00000B7, 198, 425),
}


class _Filter(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _program(arch: int, socket_nr: int, uring_nr: int) -> bytes:
    """Write the BPF program: allow everything but non-local sockets, io_uring and foreign ABIs."""
    deny = _RET_ERRNO | errno.EPERM
    steps = [
        (_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        (_JEQ_K, 1, 0, arch),
        (_RET_K, 0, 0, deny),  # another ABI: refuse everything
        (_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
        (_JEQ_K, 0, 1, uring_nr),
        (_RET_K, 0, 0, deny),
        (_JEQ_K, 1, 0, socket_nr),
        (_RET_K, 0, 0, _RET_ALLOW),  # not socket(): allowed
        (_LD_W_ABS, 0, 0, 16),  # seccomp_data.args[0], low half: the address family
        (_JEQ_K, 0, 1, _AF_UNIX),
        (_RET_K, 0, 0, _RET_ALLOW),
        (_RET_K, 0, 0, deny),
    ]
    return b"".join(struct.pack("=HBBI", *step) for step in steps)


def deny_network() -> None:
    r"""Forbid the calling thread, and what it starts from now on, to open any non-local socket.

    Sockets already open (such as a worker's socket pair) keep working; a new ``AF_INET``,
    ``AF_INET6``, ``AF_NETLINK``… socket fails with ``PermissionError``.

    Raises
    ------
    OSError
        If the system has no seccomp filters (not Linux, another architecture, or a
        container that forbids them).

    Examples
    --------
    The filter cannot be lifted, so it is shown in a child process:

    >>> import subprocess, sys
    >>> code = ("import socket; from graphkit.sparql.sandbox import deny_network; deny_network()\n"
    ...         "try: socket.socket()\nexcept PermissionError: print('refused')")
    >>> subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    'refused\n'
    """
    machine = platform.machine().lower()
    if os.name != "posix" or platform.system() != "Linux" or machine not in _ARCHES:
        raise OSError(f"no seccomp network filter for {platform.system()} on {machine}")
    code = _program(*_ARCHES[machine])
    buffer = ctypes.create_string_buffer(code, len(code))
    prog = _Filter(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    ulong = ctypes.c_ulong
    libc.prctl.argtypes = [ctypes.c_int, ulong, ctypes.c_void_p, ulong, ulong]
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, None, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")


def try_deny_network() -> bool:
    r"""Call :func:`deny_network` where the system allows it; say whether it did.

    Examples
    --------
    >>> import subprocess, sys
    >>> code = "from graphkit.sparql.sandbox import try_deny_network; print(try_deny_network())"
    >>> subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout in (
    ...     "True\n", "False\n")
    True
    """
    try:
        deny_network()
    except OSError:
        return False
    return True

"""Loaded by every Python child process of the test suite (kernels, servers, CLIs):
refuses any network connection that does not stay on this machine."""

import socket

#: The same allow-list as the in-process guard (``--allow-hosts`` in tests/run.py): any other
#: address, even another loopback one such as 127.0.0.2, is refused, so the tests can prove the
#: block by aiming at loopback only.
ALLOWED_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _local(address) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX path
        return True
    return address[0] in ALLOWED_HOSTS


def _guard(method):
    def connect(self, address):
        if not _local(address):
            raise OSError(f"kjpacts test suite: network access to {address!r} is blocked (the kit must work offline)")
        return method(self, address)

    return connect


socket.socket.connect = _guard(_connect)
socket.socket.connect_ex = _guard(_connect_ex)

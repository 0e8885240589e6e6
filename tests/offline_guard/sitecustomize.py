"""Loaded by every Python child process of the test suite (kernels, servers, CLIs):
refuses any network connection that does not stay on this machine."""

import ipaddress
import socket

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _local(address) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX path
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guard(method):
    def connect(self, address):
        if not _local(address):
            raise OSError(f"kjpacts test suite: network access to {address!r} is blocked (the kit must work offline)")
        return method(self, address)

    return connect


socket.socket.connect = _guard(_connect)
socket.socket.connect_ex = _guard(_connect_ex)

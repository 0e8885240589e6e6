"""Free ports and ending a server's whole process tree (by PID and start time)."""

from __future__ import annotations

import os
import signal
import socket
import time
from typing import Iterable

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _proc_stat(pid: int) -> tuple[int, int] | None:
    """(ppid, start time) of a live process, from /proc; None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            rest = f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    if rest[0] == "Z":  # zombie: already dead
        return None
    return int(rest[1]), int(rest[19])


def _descendants(pid: int) -> list[tuple[int, int]]:
    """All descendants of ``pid`` as (pid, start time), so a reused PID is never hit."""
    children: dict[int, list[tuple[int, int]]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for name in entries:
        if name.isdigit():
            st = _proc_stat(int(name))
            if st:
                children.setdefault(st[0], []).append((int(name), st[1]))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child[0])
    return found


def _alive(pid: int, start: int) -> bool:
    st = _proc_stat(pid)
    return st is not None and st[1] == start


def _end_processes(procs: Iterable[tuple[int, int]], grace: float = 5.0) -> list[int]:
    """SIGTERM each surviving (pid, start), then SIGKILL what is left; return the PIDs ended."""
    survivors = [p for p in procs if _alive(*p)]
    for pid, _ in survivors:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(_alive(*p) for p in survivors):
        time.sleep(0.05)
    for pid, start in survivors:
        if _alive(pid, start):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    return [pid for pid, _ in survivors]


# --------------------------------------------------------------------------- server

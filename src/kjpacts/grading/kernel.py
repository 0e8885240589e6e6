"""Entry point of the kernel inside the sandbox: ``python -m kjpacts.grading.kernel -f CONN``.

It is ipykernel with one adjustment: the sandbox hides ``/proc`` (a fresh proc
would expose ``/proc/<grader pid>/cwd``, a way back into the course folder), so
ipykernel's child-process bookkeeping, which needs psutil and ``/proc``, is
turned into "no children" instead of an error at every interrupt and shutdown.
The launcher kills any leftover process when the kernel exits.
"""

from __future__ import annotations

import os
import sys


def _patch_ipykernel() -> None:
    if os.path.exists("/proc/self"):
        return
    from ipykernel import kernelbase

    kernelbase.Kernel._process_children = lambda self: []  # type: ignore[method-assign]


def _skip_slow_imports() -> None:
    """``import jsonschema`` (the kit validates its corpus) imports ``rfc3987_syntax``, which
    builds Earley parsers for IRI checks at import time: 2-4 s in every fresh kernel. The
    grading kernel never checks IRIs, so that optional module is made unavailable here;
    jsonschema then skips the "iri" formats, as it does when the module is not installed."""
    if os.environ.get("KJPACTS_SANDBOX_FAST_IMPORTS", "1") == "1":
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def main() -> None:
    _skip_slow_imports()
    _patch_ipykernel()
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()

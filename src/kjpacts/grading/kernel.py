"""Entry point of the kernel inside the sandbox: ``python -m kjpacts.grading.kernel -f CONN``.

It is ipykernel, started without the optional module that makes ``import jsonschema`` slow.
"""

from __future__ import annotations

import os
import sys


def _skip_slow_imports() -> None:
    """``import jsonschema`` (the kit validates its corpus) imports ``rfc3987_syntax``, which
    builds Earley parsers for IRI checks at import time: 2-4 s in every fresh kernel. The
    grading kernel never checks IRIs, so that optional module is made unavailable here;
    jsonschema then skips the "iri" formats, as it does when the module is not installed."""
    if os.environ.get("KJPACTS_SANDBOX_FAST_IMPORTS", "1") == "1":
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def main() -> None:
    _skip_slow_imports()
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


if __name__ == "__main__":
    main()

"""The kernel's side of autograding: answer one request of the grader, as plain data.

During ``kjpacts grade autograde`` no test runs in the student's kernel. The grader (a
trusted process, :mod:`~kjpacts.grading.judge`) sends code that calls :func:`reply`, which
looks up a name in the notebook's namespace or calls the student's function on arguments the
grader sent, and prints one line: the request's nonce followed by the JSON of the outcome.

This module runs where the student's code runs, so a student can change anything in it; that
can only spoil the student's own answer. The grader trusts nothing it prints: it parses the
line with :func:`kjpacts.grading.wire.decode`, which only ever builds plain data.
"""

from __future__ import annotations

import json
import sys

from .wire import NotPlainData, decode, encode


def _namespace() -> dict:
    main = sys.modules.get("__main__")
    return vars(main) if main is not None else {}


def outcome(kind: str, name: str, args_json: str) -> dict:
    """``{"ok": <encoded value>}``, or ``{"missing"|"raised"|"refused"|"not-callable": why}``."""
    ns = _namespace()
    if name not in ns:
        return {"missing": f"`{name}` is not defined"}
    obj = ns[name]
    if kind == "call":
        if not callable(obj):
            return {"not-callable": f"`{name}` is not a function"}
        args = decode(args_json)
        try:
            obj = obj(*args)
        except NotImplementedError:
            return {"raised": ["NotImplementedError", ""]}
        except BaseException as exc:  # noqa: BLE001 - sys.exit, KeyboardInterrupt too: the answer failed
            return {"raised": [type(exc).__name__, str(exc)[:200]]}
    try:
        return {"ok": encode(obj)}
    except (NotPlainData, RecursionError) as exc:
        return {"refused": str(exc)}


def reply(nonce: str, kind: str, name: str, args_json: str = '["list", []]') -> None:
    """Print ``nonce`` + the JSON of :func:`outcome` on one line of stdout."""
    try:
        out = outcome(kind, name, args_json)
    except BaseException as exc:  # noqa: BLE001
        out = {"raised": [type(exc).__name__, str(exc)[:200]]}
    sys.stdout.write("\n" + nonce + json.dumps(out) + "\n")
    sys.stdout.flush()

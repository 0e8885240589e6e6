"""Plain data on the wire between the grader and the student's kernel.

A value crosses as JSON text in a tagged form, so tuples and non-string dict keys survive and
nothing but plain data can be rebuilt: ``None``, ``bool``, ``int``, finite ``float``, ``str``
travel as themselves; ``["list", [...]]``, ``["tuple", [...]]`` and ``["dict", [[k, v], ...]]``
hold containers. :func:`decode` runs in the trusted grader: whatever the kernel sends, it builds
fresh objects of exactly those built-in types (no subclass, no custom ``__eq__``, no NaN), or
raises :class:`NotPlainData`. :func:`encode` runs on both sides; in the kernel it only gives an
honest student a clear message, it is not what keeps the grader safe.
"""

from __future__ import annotations

import json
import math
from typing import Any

#: Largest answer (characters of JSON) the grader reads; a bigger one is refused.
MAX_CHARS = 5_000_000
#: Deepest nesting accepted.
MAX_DEPTH = 40

_PLAIN = (type(None), bool, int, float, str)


class NotPlainData(ValueError):
    """The value is not plain data (the message says what was found)."""


def _tag(x, depth: int):
    if depth > MAX_DEPTH:
        raise NotPlainData("nested too deeply")
    t = type(x)
    if t in _PLAIN:
        if t is float and not math.isfinite(x):
            raise NotPlainData(f"{x!r} is not a finite number")
        return x
    if t is list or t is tuple:
        return ["list" if t is list else "tuple", [_tag(v, depth + 1) for v in x]]
    if t is dict:
        return ["dict", [[_tag(k, depth + 1), _tag(v, depth + 1)] for k, v in x.items()]]
    raise NotPlainData(f"a {t.__module__}.{t.__qualname__} object is not plain data "
                       "(use None, bool, int, float, str, list, tuple or dict)")


def encode(x) -> str:
    """JSON text of the plain value ``x``; :class:`NotPlainData` for anything else."""
    return json.dumps(_tag(x, 0), ensure_ascii=True, allow_nan=False)


def _no_constant(name: str):
    raise NotPlainData(f"{name} is not a finite number")


def _finite(text: str) -> float:
    x = float(text)
    if not math.isfinite(x):
        raise NotPlainData(f"{text[:20]} is not a finite number")
    return x


def _build(node, depth: int):
    if depth > MAX_DEPTH:
        raise NotPlainData("nested too deeply")
    t = type(node)
    if t in _PLAIN:
        return node
    if t is not list or len(node) != 2 or type(node[0]) is not str or type(node[1]) is not list:
        raise NotPlainData("malformed answer")
    tag, items = node
    if tag == "list":
        return [_build(v, depth + 1) for v in items]
    if tag == "tuple":
        return tuple(_build(v, depth + 1) for v in items)
    if tag == "dict":
        out = {}
        for pair in items:
            if type(pair) is not list or len(pair) != 2:
                raise NotPlainData("malformed dict item")
            key = _build(pair[0], depth + 1)
            if type(key) in (list, dict):
                raise NotPlainData("a dict key must be hashable plain data")
            try:
                out[key] = _build(pair[1], depth + 1)
            except TypeError:
                raise NotPlainData("a dict key must be hashable plain data") from None
        return out
    raise NotPlainData(f"unknown tag {tag[:20]!r}")


def decode(text: str) -> Any:
    """The plain value in ``text`` (from :func:`encode`), rebuilt from built-in types only."""
    if type(text) is not str:
        raise NotPlainData("an answer must be text")
    if len(text) > MAX_CHARS:
        raise NotPlainData(f"the answer is larger than {MAX_CHARS} characters")
    try:
        node = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, NotPlainData):
            raise
        raise NotPlainData("the answer is not valid JSON") from None
    return _build(node, 0)

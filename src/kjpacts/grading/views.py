"""Views of annotation records with the fields a question asks students to judge removed.

A problem-set question whose answer is a field of a loaded layer (the claims' ``independent``,
the quotes' ``speaker_type``) gives its cells a view in which that field is not there, so the
answer is not on the table: reading it raises an ``AttributeError`` that says why. Every other
field reads through unchanged.
"""

from __future__ import annotations

from typing import Any, Iterable


class Without:
    """``record`` with ``fields`` removed (read-only; other attributes pass through)."""

    __slots__ = ("_record", "_fields", "_why")

    def __init__(self, record: Any, fields: Iterable[str], why: str):
        object.__setattr__(self, "_record", record)
        object.__setattr__(self, "_fields", frozenset(fields))
        object.__setattr__(self, "_why", why)

    def __getattr__(self, name: str):
        if name in self._fields:
            raise AttributeError(f"`{name}` is removed from this view: {self._why}")
        value = getattr(self._record, name)
        if name == "occurrences":  # a claim's occurrences carry the same removed fields
            return [Without(o, self._fields, self._why) for o in value]
        return value

    def __setattr__(self, name, value):
        raise AttributeError("this view is read-only")

    def __dir__(self):
        return sorted(set(dir(self._record)) - self._fields)

    def __repr__(self) -> str:
        return f"<{type(self._record).__name__} without {', '.join(sorted(self._fields))}>"


def without(records: Iterable[Any], *fields: str, why: str = "it is what the question asks you to decide") -> list[Without]:
    """Views of ``records`` without ``fields``."""
    return [Without(r, fields, why) for r in records]

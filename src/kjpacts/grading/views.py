"""Views of annotation records with the fields a question asks students to judge removed.

A problem-set question whose answer is a field of a loaded layer (the claims' ``independent``,
the quotes' ``speaker_type``) gives its cells a view in which that field is not there, so the
answer is not on the table: reading it raises an ``AttributeError`` that says why. Every other
field reads through unchanged. :func:`only` is the other way round: a document of which only
the raw page is given (ps02 asks which of its lines the cleaning kept).

The views keep the answers out of what a problem set hands the student; the shipped layer files
still hold them (the kit is open), which is why these questions are judged by reading, with
reasons, and weighted accordingly.
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


class Documents:
    """``corpus`` in which ``corpus[doc_id]`` gives a view for some documents; all else passes through."""

    def __init__(self, corpus: Any, views: dict[str, Any]):
        self._corpus, self._views = corpus, dict(views)

    def __getitem__(self, doc_id: str):
        return self._views[doc_id] if doc_id in self._views else self._corpus[doc_id]

    def __getattr__(self, name: str):
        return getattr(self._corpus, name)

    def __repr__(self) -> str:
        return f"<{self._corpus!r} with views of {', '.join(sorted(self._views))}>"


def only(record: Any, *keep: str, why: str) -> Without:
    """A view of ``record`` in which every public attribute except ``keep`` is removed."""
    return Without(record, (n for n in dir(record) if not n.startswith("_") and n not in keep), why)

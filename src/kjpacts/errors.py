"""Errors that name the file, the field and what to do."""

from __future__ import annotations

from os import PathLike


class CorpusError(ValueError):
    """A problem in one corpus file: ``file: field: message``."""

    def __init__(self, file: str | PathLike, field: str, message: str):
        self.file, self.field, self.message = str(file), field, message
        super().__init__(f"{self.file}: {field}: {message}")


class CorpusErrors(ValueError):
    """Several problems found at once; ``problems`` holds each ``CorpusError``."""

    def __init__(self, problems: list[CorpusError]):
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the corpus:\n{lines}")

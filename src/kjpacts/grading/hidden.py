"""Hidden-test code: which lines are secret, and redacting them from text shown to students."""

from __future__ import annotations

import re

BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def hidden_lines(source: str, min_len: int = 12) -> set[str]:
    """Distinctive lines of the hidden-test regions of ``source``."""
    out, inside = set(), False
    for line in source.splitlines():
        if BEGIN_HIDDEN in line:
            inside = True
            continue
        if END_HIDDEN in line:
            inside = False
            continue
        text = line.strip()
        if inside and len(text) >= min_len and not text.startswith("#"):
            out.add(text)
    return out


def secret_lines(sources: list[str]) -> set[str]:
    """Lines of hidden tests that appear nowhere else in the notebook's sources.

    (The scaffold shared with visible tests is not secret, and redacting it
    would only mangle the visible test code.)
    """
    hidden: set[str] = set()
    public: set[str] = set()
    for src in sources:
        hidden |= hidden_lines(src)
        inside = False
        for line in src.splitlines():
            if BEGIN_HIDDEN in line:
                inside = True
            elif END_HIDDEN in line:
                inside = False
            elif not inside:
                public.add(line.strip())
    return hidden - public


def strip_hidden(source: str) -> str:
    """``source`` without its hidden-test regions (what the student's release shows)."""
    return re.sub(rf"{re.escape(BEGIN_HIDDEN)}.*?{re.escape(END_HIDDEN)}\n?", "", source, flags=re.S).rstrip()


def redact(text: str, secrets: set[str]) -> tuple[str, bool]:
    """Replace every line of ``text`` that contains a hidden-test line."""
    changed = False
    lines = text.split("\n")
    for i, line in enumerate(lines):
        plain = re.sub(r"\x1b\[[0-9;]*m", "", line)
        if any(s in plain for s in secrets):
            lines[i] = "[hidden test code removed]"
            changed = True
    return "\n".join(lines), changed

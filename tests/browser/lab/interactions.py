"""Interactions a notebook declares in ``metadata.kjpacts.interactions``, validated."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InteractionSpecError, LabError

ACTIONS = ("select", "fill", "click")
_KEYS = {"action", "label", "value", "expect_change_in", "expect_text", "timeout_s", "submit"}


@dataclass
class Interaction:
    action: str
    label: str
    value: str | None = None
    expect_change_in: str = "output"
    expect_text: str | None = None
    timeout_s: float = 15.0
    submit: bool = False

    def describe(self) -> str:
        what = f"{self.action} {self.label!r}"
        return what + (f" = {self.value!r}" if self.value is not None else "")

    @classmethod
    def from_dict(cls, d: Any, where: str) -> "Interaction":
        if not isinstance(d, dict):
            raise InteractionSpecError(f"{where}: must be an object, got {type(d).__name__}")
        unknown = set(d) - _KEYS
        if unknown:
            raise InteractionSpecError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_KEYS)}")
        action = d.get("action")
        if action not in ACTIONS:
            raise InteractionSpecError(f"{where}.action: {action!r} is not one of {list(ACTIONS)}")
        label = d.get("label")
        if not isinstance(label, str) or not label.strip():
            raise InteractionSpecError(f"{where}.label: give the widget's description (or the button's text)")
        value = d.get("value")
        if action in ("select", "fill") and not isinstance(value, str):
            raise InteractionSpecError(f"{where}.value: {action} needs a string value")
        if action == "click" and value is not None:
            raise InteractionSpecError(f"{where}.value: click takes no value")
        target = d.get("expect_change_in", "output")
        if not isinstance(target, str) or not target.strip():
            raise InteractionSpecError(f"{where}.expect_change_in: 'output' or a CSS selector")
        timeout = d.get("timeout_s", 15.0)
        if not isinstance(timeout, (int, float)) or timeout <= 0:
            raise InteractionSpecError(f"{where}.timeout_s: a positive number of seconds")
        text = d.get("expect_text")
        if text is not None and not isinstance(text, str):
            raise InteractionSpecError(f"{where}.expect_text: a string")
        return cls(action, label, value, target, text, float(timeout), bool(d.get("submit", False)))


def declared_interactions(notebook: dict | str | os.PathLike) -> list[Interaction]:
    """The interactions declared in ``metadata.kjpacts.interactions`` (validated)."""
    nb = notebook if isinstance(notebook, dict) else json.loads(Path(notebook).read_text())
    meta = nb.get("metadata", {}).get("kjpacts", {})
    if not isinstance(meta, dict):
        raise InteractionSpecError("metadata.kjpacts: must be an object")
    items = meta.get("interactions", [])
    if not isinstance(items, list):
        raise InteractionSpecError("metadata.kjpacts.interactions: must be a list")
    return [Interaction.from_dict(d, f"metadata.kjpacts.interactions[{i}]") for i, d in enumerate(items)]


def require_interactions(widget_views: int, interactions: list[Interaction], name: str = "notebook") -> None:
    if widget_views and not interactions:
        raise LabError(
            f"{name} displays {widget_views} widget view(s) but declares no interaction to check them. "
            'Add to the notebook metadata: {"kjpacts": {"interactions": [{"action": "select", '
            '"label": "<widget description>", "value": "<another option>", "expect_change_in": "output"}]}} '
            "(actions: select, fill, click; see kjpacts.testing.lab)."
        )

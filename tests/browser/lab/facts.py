"""What the page shows: errors, widget views and their counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

@dataclass
class ErrorOutput:
    cell: int
    ename: str
    evalue: str
    traceback: str

    def __str__(self) -> str:
        return f"cell {self.cell}: {self.ename}: {self.evalue}"


@dataclass
class WidgetOutput:
    cell: int
    output: int
    model_id: str
    state: str  # rendered | error | loading | fallback | hidden | missing
    mime: str | None
    text: str

    def __str__(self) -> str:
        shown = f" shown as {self.mime}" if self.state == "fallback" else ""
        return f"cell {self.cell} output {self.output} (model {self.model_id or '-'}): {self.state}{shown}: {self.text[:120]!r}"


@dataclass
class NotebookFacts:
    code_cells: int
    executed_cells: int
    errors: list[ErrorOutput]
    widget_views: int  # widget-view outputs in the notebook model (non-empty model id)
    rendered_widgets: int  # top-level .jupyter-widgets elements in cell output areas
    widget_outputs: list[WidgetOutput]

    def widget_mismatch(self) -> str | None:
        if self.widget_views == self.rendered_widgets and all(
            w.state in ("rendered", "hidden") for w in self.widget_outputs
        ):
            return None
        bad = [str(w) for w in self.widget_outputs if w.state not in ("rendered", "hidden")]
        return (f"{self.widget_views} widget view(s) in the outputs but {self.rendered_widgets} rendered widget(s) "
                f"in the page" + (":\n  " + "\n  ".join(bad) if bad else ""))


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

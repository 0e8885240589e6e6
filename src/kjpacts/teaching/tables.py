"""pandas tables as the lessons show them: ids and dates stay on one line.

A browser breaks a table cell after a hyphen, so a narrow column shows ``2011-01-`` above
``10`` and ``yonhap-2012-`` above ``06-27``. :func:`frame_html` renders a DataFrame with
``white-space: nowrap`` on its id and date columns (and on an id or date index); a frame
without such columns gets pandas' own HTML, unchanged. :func:`tidy_tables` makes the
notebook use it for every DataFrame it shows, the student's own ones included.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

NOWRAP = "white-space: nowrap;"
#: Column names that hold dates (ISO text) in the kit's tables.
DATE_NAMES = frozenset({"date", "published", "value", "anchor", "published_inferred_from"})
#: Values that hold an id or a date: no spaces, and the hyphens a browser would break at.
WHOLE_VALUE = re.compile(r"^(?:\d{4}(?:-\d{2}){0,2}|[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+)$")


def _named_whole(name: Any) -> bool:
    name = str(name).lower() if name is not None else ""
    return name == "id" or name.endswith("_id") or name in DATE_NAMES or name.endswith("_date")


def keeps_whole(name: Any, values: Any) -> bool:
    """True for an id or date column: by its name (``id``, ``*_id``, ``published``, ``value``,
    ``*_date``...) or because every value present is an id or ISO date text (``koreaherald-2012-05``)."""
    if _named_whole(name):
        return True
    present = [v for v in values if isinstance(v, str)]
    return bool(present) and len(present) == sum(1 for v in values if v is not None and v == v) \
        and all(WHOLE_VALUE.match(v) for v in present)


def whole_columns(frame: "pd.DataFrame") -> list[int]:
    """Positions of the columns of ``frame`` that hold ids or dates."""
    return [j for j, name in enumerate(frame.columns) if keeps_whole(name, frame.iloc[:, j].tolist())]


def whole_index(frame: "pd.DataFrame") -> bool:
    """True when the row labels (any level of the index) are ids or dates."""
    index = frame.index
    return any(keeps_whole(index.names[k], index.get_level_values(k).tolist()) for k in range(index.nlevels))


def frame_html(frame: "pd.DataFrame") -> str | None:
    """HTML for ``frame``: ids and dates do not wrap. Unchanged pandas HTML when there are none,
    or when the table cannot be styled (repeated column or row labels)."""
    import pandas as pd

    cols, index = whole_columns(frame), whole_index(frame)
    plain = frame._repr_html_()
    if not (cols or index) or not (frame.columns.is_unique and frame.index.is_unique):
        return plain
    styles = [{"selector": f"td.col{j}", "props": NOWRAP} for j in cols]
    if index:
        styles.append({"selector": "th.row_heading", "props": NOWRAP})
    styler = frame.style.set_table_styles(styles).format(na_rep="NaN")
    return styler.to_html(max_rows=pd.get_option("display.max_rows"), max_columns=pd.get_option("display.max_columns"))


def tidy_tables() -> None:
    """Show every DataFrame of this notebook with :func:`frame_html` (outside IPython: nothing)."""
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: there is no notebook display to change
        return
    shell = get_ipython()
    if shell is None:
        return
    import pandas as pd

    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, frame_html)

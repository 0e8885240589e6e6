"""Run notebooks in a real JupyterLab 4 + Chromium, the way a student meets them.

Three pieces, usable from pytest and from a benchmark alike:

``LabServer``
    Starts ``python -m jupyterlab`` on 127.0.0.1, on a free port, with a random token,
    ``root_dir`` a folder you give, and throw-away ``JUPYTER_CONFIG_DIR``,
    ``JUPYTER_DATA_DIR``, ``JUPYTER_RUNTIME_DIR``, ``JUPYTERLAB_SETTINGS_DIR``,
    ``JUPYTERLAB_WORKSPACES_DIR`` and ``IPYTHONDIR``.  The installed lab extensions
    (JupyterLab's own, ipywidgets', nbgrader's) live in ``<prefix>/share/jupyter``, which
    Jupyter always searches; any other folder that held lab extensions before the override
    (e.g. a ``pip install --user`` one) is passed on through ``JUPYTER_PATH``.
    ``start()`` checks that the widget manager extension is really served.  ``stop()``
    sends SIGTERM to the server's PID, then ends the kernels that survived it, by PID
    (kernels run in their own process session, so a process-group kill misses them).

``LabSession``
    A context manager that opens one notebook (a file under the server's root) in a new
    Chromium page, after checking its kernelspec against ``/api/kernelspecs`` (an unknown
    one would open a "Select Kernel" dialog).  ``run_all()`` executes
    ``notebook:run-all-cells`` and polls until no cell runs ("N cells still running after
    T s" otherwise); ``facts()`` returns error outputs, the widget views in the notebook
    model and the widgets really rendered; ``select()``, ``fill()``, ``click()``,
    ``output_text()`` and ``perform()`` drive the widgets.  All waiting is Playwright's
    retrying ``expect()`` / ``wait_for_function()``, never sleeps.  When the ``with`` block
    raises, a screenshot of the notebook panel, a full-page one, the browser console log,
    the notebook's outputs and the server log are saved under ``artifacts_dir``.

``check_notebook()``
    The whole check used by the tests: run all, no error outputs, every widget view
    rendered, every declared interaction changes what is shown, and every widget view fits
    (``layout.py``): with JupyterLab's file browser open, at 1366 and at 1024 px wide, no
    element of a widget is wider than its box (``scrollWidth > clientWidth``) or reaches past
    the right edge of its output area, except inside a ``.kj-scroll`` container (a table that
    must scroll sideways; these are listed, not failed). A screenshot of each widget at each
    width goes to ``<artifacts>/widgets/cell<N>-<i>-<width>px.png``; after the interactions
    the widgets are measured once more at 1024 px.

Declaring a notebook's interaction check
----------------------------------------
A notebook that displays widgets must say how to poke them, in its notebook-level
metadata (in JupyterLab: Property Inspector > Advanced Tools > Notebook metadata)::

    "metadata": {
      "kjpacts": {
        "interactions": [
          {"action": "select", "label": "Fruit:", "value": "banana",
           "expect_change_in": "output", "expect_text": "banana"},
          {"action": "fill", "label": "Name:", "value": "Ada",
           "expect_change_in": ".widget-html"},
          {"action": "click", "label": "Shout", "expect_change_in": "output"}
        ]
      }
    }

Each entry, performed in order after Run All:

``action`` (required)
    ``"select"``: choose the option whose text is ``value`` in the dropdown (or list
    ``Select``) whose description label is ``label``.
    ``"fill"``: type ``value`` into the text box (Text, Textarea, IntText, ...) whose
    description label is ``label``, then leave the box (so ``continuous_update=False``
    widgets sync too); with ``"submit": true`` press Enter instead.
    ``"click"``: click the button whose text is ``label`` (no ``value``).
``label`` (required)
    The widget's ``description`` exactly as shown (``"Fruit:"`` if the description is
    ``"Fruit:"``), or the button's text.  It must match exactly one widget.
``value``
    Required for ``select`` and ``fill``.  Choose a value different from the current one,
    otherwise nothing changes and the check fails.
``expect_change_in`` (default ``"output"``)
    What must look different afterwards: ``"output"`` means all the cell output areas of
    the notebook; anything else is a CSS selector searched inside the notebook panel.
    "Looking different" compares the visible text plus a hash of every image, SVG and
    canvas, so a re-drawn plot counts; a text box's own typed value or a dropdown's own
    selection does not.
``expect_text`` (optional)
    Text that must then be visible in ``expect_change_in``.
``timeout_s`` (optional, default 15)
    How long the change may take (slow callbacks).

A notebook whose outputs contain widget views (``application/vnd.jupyter.widget-view+json``)
but that declares no interaction fails the check, with a message saying to declare one.
"""

from .check import *  # noqa: F401,F403
from .layout import WIDTHS, WidgetLayout, measure  # noqa: F401
from .chromium import WIDGET_MANAGER_EXTENSION, chromium_path, launch_browser, missing_requirements  # noqa: F401
from .errors import InteractionSpecError, LabError  # noqa: F401
from .interactions import Interaction, declared_interactions, require_interactions  # noqa: F401
from .server import LabServer  # noqa: F401
from .session import LabSession  # noqa: F401
from .staging import stage_notebook  # noqa: F401

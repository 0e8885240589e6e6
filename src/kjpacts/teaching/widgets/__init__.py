"""Interactive widgets for the lessons (ipywidgets 8).

Each widget lives in its own module, with its *logic* (a pure function from a
state to a render model or HTML) apart from its *display* (a thin
``ipywidgets.VBox`` subclass wiring native, keyboard-usable controls to it).
Every widget, when displayed, also emits a ``text/html`` view of its current
state, so saved notebooks read where widgets do not run (GitHub, nbviewer,
static sites).

=========================  ====================================================
``DocumentViewer()``       a document, its metadata and annotation layers
``RawVsClean()``           the raw page beside the clean text, edits marked
``CompareDocs()``          two documents with shared word n-grams highlighted
``Concordance()``          keyword in context for a word or regular expression
``QuoteExplorer()``        who speaks: filters, table, bar chart
``ClaimTracker()``         a claim's occurrences and its source graph
``Timeline()``             dated events and publication dates on one axis
``SelfCheck(...)``         multiple-choice self-check with hints
``ShortAnswer(...)``       short-answer self-check (``accept``, ``number``)
``AnnotationPractice``     label items, see Cohen's kappa against the gold layer
=========================  ====================================================

Widgets default to the shipped corpus (``kjpacts.load()``, loaded once); pass
``corpus=`` to use another.
"""

from __future__ import annotations

from kjpacts.teaching.widgets.claims import ClaimTracker
from kjpacts.teaching.widgets.compare import CompareDocs
from kjpacts.teaching.widgets.concordance import Concordance
from kjpacts.teaching.widgets.document_viewer import DocumentViewer
from kjpacts.teaching.widgets.practice import AnnotationPractice, PracticeItem
from kjpacts.teaching.widgets.quotes import QuoteExplorer
from kjpacts.teaching.widgets.raw_clean import RawVsClean
from kjpacts.teaching.widgets.selfcheck import (
           SelfCheck,
           ShortAnswer,
           accept,
           normalise,
           number,
)
from kjpacts.teaching.widgets.timeline import Timeline

__all__ = ["AnnotationPractice", "ClaimTracker", "CompareDocs", "Concordance", "DocumentViewer",
           "PracticeItem", "QuoteExplorer", "RawVsClean", "SelfCheck", "ShortAnswer", "Timeline",
           "accept", "normalise", "number"]

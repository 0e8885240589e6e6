"""The corpus: raw pages, reversible cleaning, structure, metadata; loading, tables, the NLTK
reader, the build of derived files, the data package and validation.

Layers inside (lowest first): :mod:`.model`, :mod:`.cleaning` and :mod:`.files` know no
annotations; :mod:`.load` joins documents and annotation layers into a :class:`Corpus`, and
:mod:`.tables`, :mod:`.reader`, :mod:`.build`, :mod:`.datapackage` and :mod:`.validate` work on it.
"""

from __future__ import annotations

from kjpacts.corpus.load import (
           Corpus,
           annotations_as_built,
           load,
           load_document,
           shared_corpus,
)
from kjpacts.corpus.model import BOILERPLATE_CATEGORIES, Document, Segment
from kjpacts.paths import corpus_dir, shipped_corpus_dir

__all__ = ["BOILERPLATE_CATEGORIES", "Corpus", "Document", "Segment", "annotations_as_built", "corpus_dir", "load",
           "load_document", "shared_corpus", "shipped_corpus_dir"]

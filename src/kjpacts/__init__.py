"""kjpacts: the Korea-Japan pacts course kit.

>>> import kjpacts
>>> corpus = kjpacts.load()
>>> len(corpus)
5

Importing the kit puts its offline NLTK data on ``nltk.data.path`` (see
:func:`setup_nltk`); it does not read or tokenize the corpus.
"""

from .corpus import Corpus, Document, load
from .errors import CorpusError, CorpusErrors
from .nltk_setup import setup_nltk

__version__ = "0.1.0"
__all__ = ["Corpus", "CorpusError", "CorpusErrors", "Document", "load", "setup_nltk", "__version__"]

try:
    setup_nltk()
except FileNotFoundError as _missing:  # only before the first `kjpacts build`
    import warnings

    warnings.warn(f"kjpacts: offline NLTK data not set up ({_missing}); run `kjpacts build`", stacklevel=2)

"""kjpacts: the Korea-Japan pacts course kit.

>>> import kjpacts
>>> corpus = kjpacts.load()
>>> len(corpus)
5

Importing the kit puts its offline NLTK data on ``nltk.data.path`` (see
:func:`setup_nltk`), without importing NLTK itself; it does not read or
tokenize the corpus. ``load``, ``Corpus`` and the rest are imported on first
use, so ``python -m kjpacts.<tool>`` starts fast.
"""

from __future__ import annotations

from kjpacts import _moved
from kjpacts.nltk_setup import setup_nltk

__version__ = "0.1.0"
__all__ = ["Corpus", "CorpusError", "CorpusErrors", "Document", "load", "setup_nltk", "__version__"]

_LAZY = {"Corpus": "corpus.load", "Document": "corpus.model", "load": "corpus.load", "CorpusError": "errors",
         "CorpusErrors": "errors"}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kjpacts' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


_moved.install()

try:
    setup_nltk()
except FileNotFoundError as _missing:  # only before the first `kjpacts build`
    import warnings

    warnings.warn(f"kjpacts: offline NLTK data not set up ({_missing}); run `kjpacts build`", stacklevel=2)

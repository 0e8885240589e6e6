from __future__ import annotations

import pytest

from .tiny import tiny_corpus


@pytest.fixture
def tiny():
    """A fresh three-document corpus with every annotation layer (see tiny.py)."""
    return tiny_corpus()


@pytest.fixture(scope="session")
def real():
    """The shipped corpus with its annotations."""
    import kjpacts
    from kjpacts.errors import CorpusErrors

    try:
        return kjpacts.load()
    except CorpusErrors as exc:  # the annotation tests report these; here they only block the widgets
        pytest.skip(f"the shipped annotations do not validate: {str(exc).splitlines()[0]}")

"""Bring your own story: saved news pages -> a kit corpus, pre-annotated and reviewable.

- :func:`new_story` (``kjpacts new``): pages -> STORY_DIR in the shipped corpus's format;
- :func:`preannotate`: machine records for every annotation layer (status ``machine``);
- :mod:`kjpacts.story.review` (``kjpacts review``): accept, fix or reject them, with a sheet or
  through brat (:mod:`kjpacts.story.brat_review`).
"""

from .create import NewResult, new_story
from .preannotate import preannotate

__all__ = ["NewResult", "new_story", "preannotate"]

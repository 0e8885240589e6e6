"""Errors of the browser harness."""

from __future__ import annotations


class LabError(AssertionError):
    """Something about the notebook or the lab is wrong; the message says what."""


class InteractionSpecError(LabError):
    """The notebook's ``kjpacts.interactions`` metadata is malformed."""


# --------------------------------------------------------------------------- requirements

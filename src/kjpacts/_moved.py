"""Old module names from before the 0.2 layout, kept importable for one release with a warning.

``import kjpacts.widgets`` still works and gives :mod:`kjpacts.teaching.widgets` (the same
module object), with a ``DeprecationWarning`` naming the new place.
"""

from __future__ import annotations

import importlib
import sys
import warnings

MOVED = {
    "kjpacts.widgets": "kjpacts.teaching.widgets",
    "kjpacts.lessons": "kjpacts.teaching.lessons",
    "kjpacts.selfcheck": "kjpacts.teaching.checks",
    "kjpacts.course": "kjpacts.teaching.notebook_sync",
    "kjpacts.cleaning": "kjpacts.corpus.cleaning",
    "kjpacts.build": "kjpacts.corpus.build",
    "kjpacts.datapackage": "kjpacts.corpus.datapackage",
    "kjpacts.reader": "kjpacts.corpus.reader",
    "kjpacts.validate": "kjpacts.corpus.validate",
    "kjpacts.export": "kjpacts.exports",
    "kjpacts.formats": "kjpacts.exports",
    "kjpacts.schemas": "kjpacts.annotations.schemas",
    "kjpacts.agreement": "kjpacts.annotations.agreement",
    "kjpacts.annotation_checks": "kjpacts.annotations.checks",
}


def new_name(fullname: str) -> str | None:
    """The current name of a module imported under its old name (None if it never moved)."""
    for old, new in MOVED.items():
        if fullname == old or fullname.startswith(old + "."):
            return new + fullname[len(old):]
    return None


class _Alias:
    """Loader that hands back the moved module itself."""

    def __init__(self, target: str):
        self.target = target

    def create_module(self, spec):
        return importlib.import_module(self.target)

    def exec_module(self, module) -> None:
        pass


class MovedModuleFinder:
    """A ``sys.meta_path`` finder for the names in :data:`MOVED`."""

    @staticmethod
    def find_spec(fullname: str, path=None, target=None):
        new = new_name(fullname)
        if new is None:
            return None
        warnings.warn(f"{fullname} has moved to {new}; import it from there (the old name goes in kjpacts 0.3)",
                      DeprecationWarning, stacklevel=3)
        from importlib.machinery import ModuleSpec

        return ModuleSpec(fullname, _Alias(new))


def install() -> None:
    if not any(isinstance(f, MovedModuleFinder) for f in sys.meta_path):
        sys.meta_path.append(MovedModuleFinder())

"""Per-lesson support: each ``lNN.py`` holds that lesson's try-it checks (``TRYITS``)
and any small helpers its notebook calls. See :mod:`kjpacts.teaching.checks`."""

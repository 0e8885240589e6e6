"""Teaching: the lessons' try-it checks, the lesson modules, the widgets and the notebook sync.

- :mod:`.checks`: ``check("05.2", answer)`` and the :class:`~.checks.Feedback` every check returns;
- :mod:`.lessons`: one module per lesson, holding only that lesson's try-its and helpers;
- :mod:`.widgets`: the interactive widgets, each with a static HTML view;
- :mod:`.notebook_sync`: lesson headers, footers, contents and the answer key from notebook metadata.
"""

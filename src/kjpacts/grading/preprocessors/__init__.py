"""nbgrader preprocessors named in ``exercises/nbgrader_config.py``, one per module.

- :mod:`.restore` (``RestoreMetadata``, sanitize step of ``autograde``): cell metadata put
  back from the gradebook, old nbformat upgraded, every repair flagged;
- :mod:`.execute` (``SandboxExecute``, autograde step): the student's cells run in the
  bubblewrap kernel, every test cell is judged in this trusted process
  (:mod:`kjpacts.grading.judge`);
- :mod:`.feedback` (``SanitizeFeedback``, ``generate_feedback``): hidden-test code and
  tracebacks removed from feedback.
"""

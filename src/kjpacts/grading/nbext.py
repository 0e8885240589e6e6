"""Old home of the nbgrader plug-ins, kept for one release for course configs that name it.

Use :mod:`kjpacts.grading.preprocessors` (``exercises/nbgrader_config.py`` does).
"""

from .preprocessors.execute import SandboxExecute  # noqa: F401
from .preprocessors.feedback import SanitizeFeedback  # noqa: F401

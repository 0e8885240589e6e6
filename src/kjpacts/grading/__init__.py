"""Graded problem sets: nbgrader with a bubblewrap sandbox, pre-flight checks and reports.

Command line: ``kjpacts grade ...`` (:mod:`kjpacts.grading.cli`). Modules:

- :mod:`~kjpacts.grading.sandbox`: the sandboxed kernelspec and its launcher;
- :mod:`~kjpacts.grading.kernel`: the kernel entry point inside the sandbox;
- :mod:`~kjpacts.grading.nbext`: nbgrader plug-ins (hardened executor, feedback sanitiser);
- :mod:`~kjpacts.grading.preflight`, :mod:`~kjpacts.grading.report`: checks and status report;
- :mod:`~kjpacts.grading.release`: student versions in ``exercises/release/``;
- :mod:`~kjpacts.grading.authoring`: source notebooks from ``exercises/authoring/`` specs.

See ``docs/instructors/grading.md``.
"""

"""Graded problem sets: nbgrader with student code in a bubblewrap sandbox and tests judged outside it.

Command line: ``kjpacts grade ...`` (:mod:`~kjpacts.grading.cli` only declares the commands).

- the course and its pipeline: :mod:`~.course` (the course folder, running nbgrader),
  :mod:`~.pipeline` (autograde: pre-flight, nbgrader, report), :mod:`~.shards` (parallel
  autograde), :mod:`~.collect` (submissions and LMS downloads), :mod:`~.export` (grades CSV),
  :mod:`~.similarity` (written answers sharing passages), :mod:`~.feedback`, :mod:`~.release`;
- checks and reports: :mod:`~.preflight`, :mod:`~.restore` (metadata from the gradebook),
  :mod:`~.report`, :mod:`~.events`, :mod:`~.nblog`;
- judging: :mod:`~.testkit` (the test cells' scaffolding), :mod:`~.judge` (tests run in the
  trusted grader), :mod:`~.wire` (plain data between grader and kernel), :mod:`~.answer` (the
  kernel's side), :mod:`~.hidden` (hidden-test code), :mod:`~.views` (layers without the
  fields a question asks for);
- nbgrader plug-ins, one per module: :mod:`~.preprocessors`;
- the sandbox: :mod:`~.sandbox` (kernelspec and launcher), :mod:`~.kernel` (entry point inside);
- authoring: :mod:`~.authoring` (source notebooks from ``exercises/authoring/`` specs).

See ``docs/instructors/grading.md``.
"""

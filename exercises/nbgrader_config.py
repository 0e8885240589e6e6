# nbgrader configuration of the kjpacts course (the folder holding this file is the course folder).
#
# Run nbgrader through `kjpacts grade ...` (see docs/instructors/grading.md): the wrapper adds
# the bubblewrap sandbox kernel, checks submissions before grading, writes a status report and
# sanitises feedback. Plain `nbgrader` commands still work with this file for everything except
# autograding, which refuses to run student code outside the sandbox kernel.
import os
import sys

c = get_config()  # noqa: F821 - provided by nbgrader

# Plain `nbgrader autograde` (without the wrapper) would run student code outside the sandbox
# kernel: stop with one line saying what to run instead.
if "autograde" in sys.argv[1:3] and not os.environ.get("KJPACTS_GRADEBOOK"):
    from jupyter_client.kernelspec import find_kernel_specs

    if "kjpacts-sandbox" not in find_kernel_specs():
        sys.exit("nbgrader autograde needs the kjpacts sandbox kernel: run `kjpacts grade autograde <ps>` "
                 "instead (or `kjpacts grade install-kernel` once, for the formgrader)")

c.CourseDirectory.course_id = "kjpacts"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))  # wherever the folder sits
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*"]
c.CourseDirectory.max_file_size = 2000  # kB; bigger files in a submission are not copied

# --- generate_assignment -------------------------------------------------------------------
c.ClearSolutions.code_stub = {
    "python": "# YOUR CODE HERE\nraise NotImplementedError()",
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
c.ClearSolutions.enforce_metadata = True
c.ClearHiddenTests.enforce_metadata = True
c.LockCells.lock_grade_cells = True
c.LockCells.lock_readonly_cells = True
c.GenerateAssignment.create_assignment = True

# --- autograde -----------------------------------------------------------------------------
# Seconds per cell. Every cell of every notebook gets its own timeout.
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True
c.SandboxExecute.max_output_chars = 200_000
c.SandboxExecute.max_consecutive_timeouts = 2
c.SandboxExecute.kernel_name = "kjpacts-sandbox"
c.Autograde.sanitize_preprocessors = [
    "kjpacts.grading.preprocessors.restore.RestoreMetadata",  # metadata and ids from the gradebook
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.LimitOutput.max_lines = 300
c.LimitOutput.max_traceback = 40
c.OverwriteCells.add_missing_cells = True  # deleted test cells are put back and graded
c.Autograde.autograde_preprocessors = [
    "kjpacts.grading.preprocessors.execute.SandboxExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# --- generate_feedback ---------------------------------------------------------------------
# nbgrader's feedback shows hidden test code by design; these two remove it (and any
# traceback or printed line that repeats it). `kjpacts grade feedback` checks the HTML again.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "nbgrader.preprocessors.ClearHiddenTests",
    "kjpacts.grading.preprocessors.feedback.SanitizeFeedback",
]

# --- exchange (only for release_assignment / fetch / submit on a shared machine or JupyterHub)
# c.Exchange.root = "/srv/nbgrader/exchange"

"""The Otter plugin that keeps the student's code out of the grading process.

Otter executes a submission's notebook and then its tests in one Python process.
With this plugin (named in the master's `plugins`), what Otter executes in place of
the submission is a one-cell harness: it hands the submission's code cells, as
text, to channel.install, which runs them in a process of their own (see
channel.py) and leaves a stand-in for each of the student's functions in the
namespace the tests then run in.
"""
import nbformat
from otter.plugins import AbstractOtterPlugin

HARNESS = "from nn_grading import channel as _nn_channel\n_nn_channel.install(globals(), {cells!r})\n"


def code_cells(submission):
    """The student's code, cell by cell: a script is one cell; cells tagged otter_ignore are left out."""
    if isinstance(submission, str):
        return [submission]
    return [cell.source for cell in submission.cells if cell.cell_type == "code"
            and "otter_ignore" not in cell.get("metadata", {}).get("tags", [])]


class RunStudentCodeApart(AbstractOtterPlugin):
    def before_execution(self, submission):
        harness = HARNESS.format(cells=code_cells(submission))
        if isinstance(submission, str):
            return harness
        notebook = nbformat.from_dict(submission)
        notebook.cells = [nbformat.v4.new_code_cell(harness)]
        return notebook

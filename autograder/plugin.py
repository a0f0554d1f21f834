"""The Otter plugin that keeps the student's code out of the grading process.

Otter executes a submission's notebook and then its tests in one Python process.
With this plugin (named in the master's `plugins`), what Otter executes in place of
the submission is a one-cell harness: it hands the submission's code cells, as
text, to channel.install, which runs them in a process of their own (see
channel.py) and leaves a stand-in for each of the student's functions in the
namespace the tests then run in.
"""
import ast

import nbformat
from otter.plugins import AbstractOtterPlugin

HARNESS = "from nn_grading import channel as _nn_channel\n_nn_channel.install(globals(), {cells!r})\n"


def code_cells(submission):
    """The student's code, one top-level statement at a time; cells tagged otter_ignore are left out.
    Statement by statement, a line that fails where the student's kernel had something (`import
    otter`, `display(...)`, in a notebook saved as a script, which Otter hands over as one cell)
    costs only itself, not the functions after it."""
    if isinstance(submission, str):
        return statements(submission)
    return [statement for cell in submission.cells if cell.cell_type == "code"
            and "otter_ignore" not in cell.get("metadata", {}).get("tags", [])
            for statement in statements(cell.source)]


def statements(script):
    """The top-level statements of a script as sources (decorators kept), or the whole script when
    it does not parse (the student then sees its SyntaxError)."""
    # IPython's magics and shell lines are not Python: they become `pass` (the student's process does too).
    script = "".join("pass\n" if line.lstrip().startswith(("%", "!")) else line
                     for line in script.splitlines(keepends=True))
    try:
        tree = ast.parse(script)
    except (SyntaxError, ValueError):
        return [script]
    spans = []  # (first line, last line) per statement; statements sharing a line (a; b) share a span
    for node in tree.body:
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], node.end_lineno))
        else:
            spans.append((start, node.end_lineno))
    lines = script.splitlines(keepends=True)
    return ["".join(lines[start - 1:end]) for start, end in spans] or [script]


class RunStudentCodeApart(AbstractOtterPlugin):
    def before_execution(self, submission):
        harness = HARNESS.format(cells=code_cells(submission))
        if isinstance(submission, str):
            return harness
        notebook = nbformat.from_dict(submission)
        notebook.cells = [nbformat.v4.new_code_cell(harness)]
        return notebook

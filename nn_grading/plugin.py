"""The Otter plugin that keeps the student's code out of the grading process.

Otter executes a submission's notebook and then its tests in one Python process.
With this plugin (named in the master's `plugins`):
- before grading, the submission's folder is reduced to its one notebook or script
  (an export zip may carry anything: a package named like the grader's, Otter's own
  log, which Otter would unpickle); Otter's tests folder stays;
- what Otter executes in place of the submission is a one-cell harness: it loads the
  grader's package by its absolute path in the autograder's own folder (never from
  the submission's folder, which it also takes off `sys.path`), then hands the
  submission's code, as text, to channel.install, which runs it in a process of its
  own (see channel.py) and leaves a stand-in for each of the student's functions in
  the namespace the tests then run in. The submission's file itself leaves the
  folder once Otter has read it, so nothing there can be imported by name.
"""
import ast
import os
import shutil

import nbformat
from otter.plugins import AbstractOtterPlugin

PACKAGE = "nn_grading"
# What Otter itself puts beside the submission and needs: its tests (copied afresh from the
# autograder), and the __init__.py it creates.
OTTER_OWN = {"tests", "__init__.py"}

HARNESS = """\
import os as _os, sys as _sys, importlib.util as _util
# Nothing is imported from the submission's folder: the grader's package comes by its absolute path.
_sys.path[:] = [_p for _p in _sys.path if _os.path.abspath(_p or _os.curdir) != {folder!r}]
for _name in [_n for _n in _sys.modules if _n == {package!r} or _n.startswith({package!r} + ".")] + [None]:
    _sys.modules.pop(_name, None)
_spec = _util.spec_from_file_location({package!r}, {init!r}, submodule_search_locations=[{home!r}])
_sys.modules[{package!r}] = _util.module_from_spec(_spec)
_spec.loader.exec_module(_sys.modules[{package!r}])
from nn_grading import channel as _nn_channel
del _os, _sys, _util, _spec, _name
_nn_channel.install(globals(), {cells!r})
"""


def gradable_file(names):
    """The one file Otter grades among a submission's top-level file names (Otter's own rule: the
    notebook if there is exactly one, else the one Python file), or None."""
    notebooks = [n for n in names if n.endswith(".ipynb")]
    scripts = [n for n in names if n.endswith(".py") and n != "__init__.py"]
    if len(notebooks) == 1:
        return notebooks[0]
    if not notebooks and len(scripts) == 1:
        return scripts[0]
    return None


def reduce_to(folder, graded):
    """Delete everything in `folder` but the graded file and Otter's own entries; return what went."""
    dropped = []
    for name in sorted(os.listdir(folder)):
        if name == graded or name in OTTER_OWN:
            continue
        path = os.path.join(folder, name)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.remove(path)
        dropped.append(name)
    return dropped


def package_home(autograder_dir):
    """The grader's package as the autograder zip brought it: `source/nn_grading` in Otter's
    autograder folder (Gradescope's /autograder, or the folder `otter run` unpacks the zip into).
    Outside the submission's folder, which is `submission/` beside it."""
    home = os.path.join(os.path.abspath(autograder_dir), "source", PACKAGE)
    if os.path.isfile(os.path.join(home, "reference.py")):
        return home
    return os.path.dirname(os.path.abspath(__file__))  # a copy of the zip's package (Otter Assign's test run)


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
    home = None

    def before_grading(self, ag_config):
        """Before Otter reads anything else of the submission (its log, say): only its one file stays."""
        self.home = package_home(ag_config.autograder_dir)
        reduce_to(os.path.dirname(self.submission_path), os.path.basename(self.submission_path))

    def before_execution(self, submission):
        home = self.home or package_home(os.path.join(os.path.dirname(self.submission_path), os.pardir))
        folder = os.path.dirname(os.path.abspath(self.submission_path))
        harness = HARNESS.format(folder=folder, package=PACKAGE, home=home, init=os.path.join(home, "__init__.py"),
                                 cells=code_cells(submission))
        # Otter has read the file: it leaves the folder the tests run in, so that no import finds it there.
        if os.path.isfile(self.submission_path):
            os.remove(self.submission_path)
        if isinstance(submission, str):
            return harness
        notebook = nbformat.from_dict(submission)
        notebook.cells = [nbformat.v4.new_code_cell(harness)]
        return notebook

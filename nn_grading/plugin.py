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
import contextlib
import io
import itertools
import os
import shutil
import stat
import sys
import types
import warnings

import nbformat
from IPython.core.inputtransformer2 import TransformerManager
from otter.execute.preprocessor import GradingPreprocessor
from otter.plugins import AbstractOtterPlugin

PACKAGE = "nn_grading"
# What Otter itself puts beside the submission and needs: its tests (copied afresh from the
# autograder), and the __init__.py it creates.
OTTER_OWN = {"tests", "__init__.py"}
# IPython's own input transformer: what a Jupyter kernel does to a cell before Python sees it.
TRANSFORMER = TransformerManager()

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


def replace_if_not_a_file(path):
    """A submission that is a symbolic link (a zip unpacked by a tool that keeps links can make one point
    at the reference) or anything but a regular file is not graded: an empty one of its kind takes its
    place, and the reason goes to the grading log."""
    try:
        regular = stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return
    if regular:
        return
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    else:
        os.remove(path)
    with open(path, "w", encoding="utf-8") as f:
        f.write(nbformat.writes(nbformat.v4.new_notebook()) if path.endswith(".ipynb") else "\n")
    print(f"{os.path.basename(path)} is a symbolic link or a special file, not a file of code: not graded",
          file=sys.stderr)


def package_home(autograder_dir):
    """The grader's package as the autograder zip brought it: `source/nn_grading` in Otter's
    autograder folder (Gradescope's /autograder, or the folder `otter run` unpacks the zip into).
    Outside the submission's folder, which is `submission/` beside it."""
    home = os.path.join(os.path.abspath(autograder_dir), "source", PACKAGE)
    if os.path.isfile(os.path.join(home, "reference.py")):
        return home
    return os.path.dirname(os.path.abspath(__file__))  # a copy of the zip's package (Otter Assign's test run)


def code_cells(submission):
    """The student's code as Jupyter runs it, one top-level statement at a time.

    The cells Otter leaves out are left out, by Otter's own rule (GradingPreprocessor.filter_ignored_cells:
    the tag `otter_ignore`, or the metadata {"otter": {"ignore": true}}). Statement by statement, a line
    that fails where the student's kernel had something (`import otter`, `display(...)`, in a notebook
    saved as a script, which Otter hands over as one cell) costs only itself, not the functions after it."""
    if isinstance(submission, str):
        return statements(submission)
    kept = types.SimpleNamespace(cells=list(submission.cells))
    GradingPreprocessor().filter_ignored_cells(kept)
    return [statement for cell in kept.cells if cell.get("cell_type") == "code"
            for statement in statements(cell.get("source", ""))]


def as_python(source):
    """A cell as IPython runs it: its line ends as Jupyter's editor sends them ("\\n"; Otter reads a
    script with universal newlines too), then IPython's own input transformer, which turns magics,
    shell escapes (`!ls`, `files = !ls`) and help (`shape?`) into calls of `get_ipython()`."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    if source.startswith("\ufeff"):  # a byte order mark, which Python skips at the head of a file
        source = source[1:]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # IPython's own, about odd line breaks (a vertical tab, say)
            return TRANSFORMER.transform_cell(source)
    except Exception:  # IPython cannot make it out: Python will say why, in the student's own terms
        return source


def statements(source, depth=0):
    """The top-level statements of a cell (or of a whole script) as IPython would run them, each as
    source text (decorators kept; statements sharing a line, `a; b`, stay together), or the whole
    cell when it does not parse (the student then sees its SyntaxError). The cut is made where `ast`
    says each statement begins and ends, counting lines as the compiler does ("\\n" only: a form feed
    or a vertical tab is white space to it, a line break to str.splitlines). A magic whose code runs in
    the user's namespace (`%%time`, `%time`, `%%capture`, `%%prun`) gives the statements of its code."""
    python = as_python(source)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning and friends: the student's process shows its own
            # IPython compiles a cell with top-level `await` allowed; such a statement then fails alone.
            tree = compile(python, "<cell>", "exec", ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
                           dont_inherit=True)
    except (SyntaxError, ValueError, OverflowError, MemoryError, RecursionError):
        return [python]
    starts = list(itertools.accumulate((len(line) + 1 for line in python.split("\n")), initial=0))  # line k: starts[k - 1]
    spans = []  # (first line, last line, nodes)
    for node in tree.body:
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        if spans and first <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], node.end_lineno), spans[-1][2] + [node])
        else:
            spans.append((first, node.end_lineno, [node]))
    found = []
    for first, last, nodes in spans:
        code = magic_code(nodes[0]) if len(nodes) == 1 and depth < MAGIC_DEPTH else None
        if code is not None:
            found.extend(statements(code, depth + 1))
        else:
            found.append(python[starts[first - 1]:starts[last] if last < len(starts) else len(python)])
    return found or [python]


# Magics whose code IPython runs in the user's namespace, so that what it defines stays: cell magics
# (their body) and line magics (their statement). Every other magic, and every shell escape, changes
# nothing there: it becomes a call of the student process's `get_ipython()`, which does nothing
# (%timeit runs its code inside a function of its own; %%bash, %%writefile, %%python, %%html... do not run
# Python in the namespace at all).
CELL_MAGICS_THAT_RUN = {"time", "capture", "prun"}
LINE_MAGICS_THAT_RUN = {"time"}
MAGIC_DEPTH = 10  # %%time in %%capture in ...: deeper than this, the magic's call stays (and does nothing)


def magic_code(node):
    """The code a top-level `get_ipython().run_cell_magic(name, line, body)` or `.run_line_magic(name, line)`
    runs in the user's namespace (what IPython's transformer makes of `%%time` and `%time`, and what a
    notebook saved as a script contains), or None."""
    call = node.value if isinstance(node, ast.Expr) else None
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and not call.keywords
            and isinstance(call.func.value, ast.Call) and isinstance(call.func.value.func, ast.Name)
            and call.func.value.func.id == "get_ipython" and not call.func.value.args
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args)):
        return None
    args = [a.value for a in call.args]
    if call.func.attr == "run_cell_magic" and len(args) == 3 and args[0] in CELL_MAGICS_THAT_RUN:
        name, line, body = args
        if name == "time" and time_statement(line):  # IPython: "Can't use statement directly after '%%time'!"
            return None
        return body
    if call.func.attr == "run_line_magic" and len(args) == 2 and args[0] in LINE_MAGICS_THAT_RUN:
        return time_statement(args[1]) or None
    return None


def time_statement(line):
    """The statement of `%time [options] statement`, as IPython's own argument parser leaves it."""
    try:
        from IPython.core.magic_arguments import parse_argstring
        from IPython.core.magics.execution import ExecutionMagics
        if not hasattr(ExecutionMagics.time, "parser"):  # an IPython whose %time takes no options
            return line.strip()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            _, extra = parse_argstring(ExecutionMagics.time, line, partial=True)
        return " ".join(extra)
    except (Exception, SystemExit):  # `-h`, say: IPython prints its usage and runs nothing
        return ""


class RunStudentCodeApart(AbstractOtterPlugin):
    home = None

    def before_grading(self, ag_config):
        """Before Otter reads anything else of the submission (its log, say): only its one file stays."""
        self.home = package_home(ag_config.autograder_dir)
        reduce_to(os.path.dirname(self.submission_path), os.path.basename(self.submission_path))
        replace_if_not_a_file(self.submission_path)

    def after_grading(self, results):
        """The questions in the notebook's order on Gradescope's page too (Otter lists them by file name)."""
        from .contract import QUESTIONS
        order = {question: k for k, question in enumerate(QUESTIONS)}
        results.results = dict(sorted(results.results.items(), key=lambda item: order.get(item[0], len(order))))

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
        # The harness runs in the grader's own Python kernel, whatever kernel the student's notebook named.
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        return notebook

"""The student's code as Jupyter runs it: plugin.py's statement splitter and student_process.py's run.

Fast unit tests on fixture strings, no build and no grading: plugin.statements() and
plugin.code_cells() (IPython's own input transformer, then a cut by the AST), and the
student process itself (student_process.py, started as channel.py starts it, `python -I
-S`, and spoken to over its pipes): which names it registers, what `get_ipython()` does
there, and that a `from __future__` import holds for the statements after it.
"""
import ast
import json
import os
import subprocess
import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

from conftest import ROOT
from nn_grading.plugin import code_cells, statements
from nn_grading.student_process import unpacked_matrix

SERVER = ROOT / "nn_grading" / "student_process.py"
HONEST = ROOT / "tests" / "honest"


def compiles(source):
    compile(source, "<statement>", "exec", dont_inherit=True)
    return True


# ---------------------------------------------------------------------------
# plugin.statements: IPython's transformer, then the AST's cut
# ---------------------------------------------------------------------------

def test_a_statement_continued_on_a_line_that_starts_with_percent_stays_whole():
    # black's layout for a long "..." % (...): the operator starts the line, at the top level and inside a def.
    source = ('MESSAGE = (\n    "rows %d, columns %d"\n    % (2, 3)\n)\n'
              'def shape(A):\n    raise ValueError(\n        "got %d rows"\n        % len(A)\n    )\n'
              'x = (\n    a\n    != b\n)\n')
    assert statements(source) == ['MESSAGE = (\n    "rows %d, columns %d"\n    % (2, 3)\n)\n',
                                  'def shape(A):\n    raise ValueError(\n        "got %d rows"\n        % len(A)\n    )\n',
                                  'x = (\n    a\n    != b\n)\n']


def test_form_feeds_do_not_shift_the_cut():
    source = "def a():\n    return 1\n\f\ndef b():\n    x = 1\n\f\n    return x\n\fdef c():\n    return 3\n\f\f\nd = 4\n"
    got = statements(source)
    assert got == ["def a():\n    return 1\n", "def b():\n    x = 1\n\f\n    return x\n", "\fdef c():\n    return 3\n",
                   "d = 4\n"]
    namespace = {}
    for s in got:
        exec(compile(s, "<s>", "exec"), namespace)
    assert (namespace["a"](), namespace["b"](), namespace["c"](), namespace["d"]) == (1, 1, 3, 4)


@pytest.mark.parametrize("odd", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])
def test_characters_that_splitlines_breaks_at_and_python_does_not(odd):
    source = f'x = 1  # a{odd}b\ns = "c{odd}d"\ndef f():\n    """e{odd}f"""\n    return s\n'
    got = statements(source)
    assert got == [f"x = 1  # a{odd}b\n", f's = "c{odd}d"\n', f'def f():\n    """e{odd}f"""\n    return s\n']
    assert all(compiles(s) for s in got)


@pytest.mark.parametrize("end", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends(end):
    source = end.join(["x = 1", "%matplotlib inline", "def f(a,", "      b):", "    return a + b", ""])
    assert statements(source) == ["x = 1\n", "get_ipython().run_line_magic('matplotlib', 'inline')\n",
                                  "def f(a,\n      b):\n    return a + b\n"]


def test_tabs_unicode_names_decorators_and_statements_sharing_a_line():
    source = ("@deco\n\ndef σ(z):\n\tif z:\n\t\treturn 1.0\n\treturn 0.0\n"
              "a = 1; b = 2\nc = (3,\n     4); d = 5\nproduit_scalaire = σ\n")
    assert statements(source) == ["@deco\n\ndef σ(z):\n\tif z:\n\t\treturn 1.0\n\treturn 0.0\n", "a = 1; b = 2\n",
                                  "c = (3,\n     4); d = 5\n", "produit_scalaire = σ\n"]


def test_magics_shell_escapes_and_help_become_calls_of_get_ipython():
    source = "%matplotlib inline\n!pip install numpy\nfiles = !ls\nshape?\n%timeit shape([[1.0]])\nx = 1\n"
    assert statements(source) == [
        "get_ipython().run_line_magic('matplotlib', 'inline')\n", "get_ipython().system('pip install numpy')\n",
        "files = get_ipython().getoutput('ls')\n", "get_ipython().run_line_magic('pinfo', 'shape')\n",
        "get_ipython().run_line_magic('timeit', 'shape([[1.0]])')\n", "x = 1\n"]


def test_magics_whose_code_runs_in_the_namespace_give_that_code():
    # %%time, %%capture and %%prun run their body in the user's namespace (magics inside it too).
    assert statements("%%time\ndef f():\n    return 1\n%matplotlib inline\ny = f()\n") == [
        "def f():\n    return 1\n", "get_ipython().run_line_magic('matplotlib', 'inline')\n", "y = f()\n"]
    assert statements("%%capture captured\ndef g():\n    return 2\n") == ["def g():\n    return 2\n"]
    assert statements("%%prun -s cumulative\nh = 3\n") == ["h = 3\n"]
    # %time runs its statement there, as IPython's own argument parser leaves it.
    assert statements("%time params, losses = train(X, y)\n") == ["params, losses = train(X, y)\n"]
    assert statements("%time --no-raise-error z = f()\n") == ["z = f()\n"]
    # A notebook saved as a script carries the same calls, written out.
    assert statements("get_ipython().run_cell_magic('time', '', 'def f():\\n    return 1\\n')\n") == [
        "def f():\n    return 1\n"]


def test_nested_magics_are_followed_to_a_depth_and_never_crash_the_grader():
    assert statements("%%time\n%%capture out\nx = 1\n") == ["x = 1\n"]
    deep = statements("%%time\n" * 5000 + "x = 1\n")
    assert deep and all(compiles(s) for s in deep)


def test_magics_whose_code_does_not_stay_in_the_namespace_stay_calls():
    # %%timeit runs its code inside a function of its own; %%bash and %%writefile are not Python.
    for cell, name in [("%%timeit -n 1\ndef f():\n    return 1\n", "timeit"), ("%%bash\nls\n", "bash"),
                       ("%%writefile notes.py\ndef f():\n    return 1\n", "writefile")]:
        (got,) = statements(cell)
        assert got.startswith(f"get_ipython().run_cell_magic({name!r}, ")
    # IPython refuses a statement on the %%time line, and runs nothing.
    (got,) = statements("%%time x = 1\ny = 2\n")
    assert got.startswith("get_ipython().run_cell_magic('time', 'x = 1', ")


def test_as_ipython_does_a_pasted_indented_cell_and_a_pasted_session():
    assert statements("    def f():\n        return 1\n    x = f()\n") == ["def f():\n    return 1\n", "x = f()\n"]
    assert statements(">>> x = 1\n>>> y = x + 1\n") == ["x = 1\n", "y = x + 1\n"]


def test_code_that_does_not_parse_comes_whole_with_its_own_syntax_error():
    source = "def shape(A):\n    return (len(A), len(A[0])\n\ndef zeros(r, c):\n    return []\n"
    (got,) = statements(source)
    assert got == source
    with pytest.raises(SyntaxError):
        compile(got, "<cell 1>", "exec")


def test_top_level_await_fails_alone_as_in_a_kernel_that_cannot_run_it():
    got = statements("import math\nawait something()\ndef f():\n    return 1\n")
    assert got == ["import math\n", "await something()\n", "def f():\n    return 1\n"]


def test_a_byte_order_mark_is_skipped_as_python_skips_it():
    assert statements("\ufeffx = 1\n") == ["x = 1\n"]


@pytest.mark.parametrize("path", sorted(p for p in HONEST.iterdir() if p.suffix in (".py", ".ipynb")),
                         ids=lambda p: p.name)
def test_every_statement_of_the_honest_corpus_compiles_on_its_own(path):
    if path.suffix == ".py":
        with open(path, encoding="utf-8") as f:  # as Otter reads a script: universal newlines
            submission = f.read()
    else:
        submission = nbformat.read(str(path), as_version=4)
    got = code_cells(submission)
    assert len(got) > 10
    assert all(compiles(s) for s in got)
    if path.suffix == ".py" and "get_ipython" not in submission:  # nothing for IPython to do: the AST's own count
        body = ast.parse(submission.replace("\r\n", "\n").lstrip("\ufeff")).body
        assert len(got) == len(body) - sum(1 for a, b in zip(body, body[1:]) if b.lineno <= a.end_lineno)


# ---------------------------------------------------------------------------
# plugin.code_cells: the cells Otter would run
# ---------------------------------------------------------------------------

def test_cells_otter_ignores_are_left_out_as_otter_leaves_them_out():
    nb = new_notebook(cells=[
        new_code_cell("a = 1"),
        new_code_cell("b = 2", metadata={"tags": ["otter_ignore"]}),
        new_code_cell("c = 3", metadata={"otter": {"ignore": True}}),
        new_code_cell("d = 4", metadata={"otter": {"ignore": False}}),
        new_code_cell("e = 5", metadata={"otter": {"tests": ["q1"]}}),
        new_markdown_cell("f = 6"),
        new_raw_cell("g = 7"),
    ])
    assert code_cells(nb) == ["a = 1\n", "d = 4\n", "e = 5\n"]


def test_a_script_is_one_cell():
    assert code_cells("x = 1\n%matplotlib inline\n") == ["x = 1\n", "get_ipython().run_line_magic('matplotlib', 'inline')\n"]


# ---------------------------------------------------------------------------
# student_process.py: what runs, and what is registered
# ---------------------------------------------------------------------------

def unpacked(tagged):
    """A matrix of floats travels packed (student_process.packed_matrix): its rows, as channel.py reads it."""
    return unpacked_matrix(tagged["__matrix__"]) if list(tagged) == ["__matrix__"] else tagged


class StudentProcess:
    """student_process.py as channel.py starts it, without the sandbox: the bare interpreter, -I -S."""

    def __init__(self, cwd, plots=False):
        command = [os.path.realpath(sys.executable), "-I", "-S", str(SERVER)] + (["--plots"] if plots else [])
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, cwd=cwd, text=True, env={"PATH": "/usr/bin:/bin"})

    def request(self, message):
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline(), object_hook=unpacked)

    def run(self, cells):
        answer = self.request({"op": "run", "cells": cells})
        return {k: v for k, v in answer["value"]["__dict__"]}

    def call(self, name, *args):
        return self.request({"op": "call", "name": name, "args": list(args), "kwargs": {}})

    def close(self):
        self.process.kill()
        self.process.wait()


@pytest.fixture
def student(tmp_path):
    process = StudentProcess(tmp_path)
    yield process
    process.close()


def test_every_callable_bound_to_a_name_is_registered(student):
    ran = student.run([
        "import functools, math\n",
        "import matplotlib.pyplot as plt\n",  # a stand-in module, callable: not a function of the student's
        "def shape(A):\n    return (len(A), len(A[0]) if A else 0)\n",
        "zeros = lambda r, c: [[0.0] * c for _ in range(r)]\n",
        "def _make(op):\n    def elementwise(A, B):\n        return [[op(a, b) for a, b in zip(x, y)] for x, y in zip(A, B)]\n"
        "    return elementwise\n",
        "add = _make(lambda a, b: a + b)\n",
        "def _scale(A, c):\n    return [[a * c for a in row] for row in A]\n",
        "scale = functools.partial(_scale)\n",
        "class _Ops:\n    def transpose(self, A):\n        return [list(c) for c in zip(*A)]\n"
        "    @staticmethod\n    def dot(u, v):\n        return sum(a * b for a, b in zip(u, v))\n",
        "_ops = _Ops()\ntranspose = _ops.transpose\ndot = _Ops.dot\n",
        "class _Sigmoid:\n    def __call__(self, z):\n        return 1.0 / (1.0 + math.exp(-z))\n",
        "sigmoid = _Sigmoid()\n",
        "tanh = math.tanh\n",
        "N_H = 4\nnotes = ['not callable']\n",
    ])
    assert ran["errors"] == []
    defined = set(ran["defined"])
    assert {"shape", "zeros", "add", "scale", "transpose", "dot", "sigmoid", "tanh", "_make", "_scale", "_Ops",
            "_Sigmoid"} <= defined
    assert not defined & {"functools", "math", "plt", "N_H", "notes", "_ops", "get_ipython", "display",
                          "__builtins__", "__name__"}
    assert student.call("scale", [[1.0, 2.0]], 3.0)["value"] == [[3.0, 6.0]]
    assert student.call("transpose", [[1.0, 2.0]])["value"] == [[1.0], [2.0]]
    assert student.call("dot", [1.0, 2.0], [3.0, 4.0])["value"] == 11.0
    assert student.call("sigmoid", 0.0)["value"] == 0.5
    assert student.call("add", [[1.0]], [[2.0]])["value"] == [[3.0]]


def test_a_callable_of_the_students_that_goes_to_the_grader_is_a_callback(student):
    # The `f` the student's code hands to a reference function (apply, while a question is graded
    # alone) may be a partial, a bound method or a callable object, not only a function.
    student.run(["import functools\n", "class _T:\n    def __call__(self, a):\n        return 2 * a\n"
                 "    def half(self, a):\n        return a / 2\n",
                 "def give():\n    return [functools.partial(pow, 2), _T(), _T().half, lambda a: a, len]\n"])
    value = student.call("give")["value"]
    assert value == [{"__callback__": n} for n in range(5)]


def test_magics_and_shell_escapes_do_nothing_and_failing_statements_cost_only_themselves(student):
    cells = code_cells(new_notebook(cells=[
        new_code_cell("%matplotlib inline\n!ls /\nfiles = !ls\nshape?\n%timeit shape([[1.0]])"),
        new_code_cell("1 / 0"),
        new_code_cell("%%time\ndef shape(A):\n    return (len(A), len(A[0]) if A else 0)\ncount = len(files)"),
        new_code_cell("%%bash\nrm -rf /\n"),
        new_code_cell("display(shape([[1.0]]))\nundefined_name"),
    ]))
    ran = student.run(cells)
    assert ran["errors"] == ["cell 6: ZeroDivisionError: division by zero",
                             "cell 11: NameError: name 'undefined_name' is not defined"]
    assert "shape" in ran["defined"]
    assert student.call("shape", [[1.0, 2.0]])["value"] == {"__tuple__": [1, 2]}


def test_a_future_import_holds_for_the_statements_after_it(student):
    # Annotations that name a type defined further down: lazy under `from __future__ import annotations`.
    ran = student.run(statements("from __future__ import annotations\n"
                                 "def shape(A: Matrix) -> Shape:\n    return (len(A), len(A[0]))\n"
                                 "Matrix = list\n"))
    assert ran["errors"] == [] and "shape" in ran["defined"]


def test_without_the_future_import_an_annotation_is_evaluated(student):
    ran = student.run(["def shape(A: Matrix):\n    return 1\n"])
    assert ran["errors"] == ["cell 1: NameError: name 'Matrix' is not defined"]

"""Builds the adversarial submissions that are not plain .py files: zips and notebooks.

    python tests/adversarial/generate.py OUT [--autograder ZIP]

writes into OUT every file whose [[attack]] in corpus.toml has `generated = true`.  The zips
and most notebooks need nothing; the attacks on the hidden inputs (class 5) are tuned to the
kit they attack, so they need its autograder zip: they load the zip's own checks, plugin and
reference (as a private package) and grade candidate submissions in this process, the way a
student who has read every file of the kit (and written a reference of their own) could.

Every generated file computes nothing honestly, except stock_run_kernelspec.ipynb (an honest
notebook: the attack is its metadata), the independent solution with one twist (honest_one_big_name,
train_capped_epochs) and the class-5 files, whose partially correct code is wrong in the question it is
steered on (see corpus.toml).
"""
import argparse
import hashlib
import importlib
import importlib.util
import json
import pickle
import random
import shutil
import stat
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ASSIGNMENT = "nn_from_scratch"
CONTRACT = ("shape zeros transpose dot matmul add subtract multiply scale add_bias column_sums apply sigmoid "
            "init_params forward bce_loss dropout_forward dropout_backward backward numerical_gradient "
            "relative_error update_params train predict accuracy plot_losses plot_decision").split()
# Where a payload that runs outside the student's sandbox leaves its mark (tests/test_adversarial.py
# looks there after each run, then clears it).
MARKERS = "/tmp/nn-kit-adversarial-markers"
STUBS = "\n".join([
    "def _stub(*args, **kwargs):",
    "    raise NotImplementedError('not written')",
    "",
    "",
    *[f"{name} = _stub" for name in CONTRACT],
    ""])


def notebook(sources, metadata=None):
    """A v4 notebook of code cells, with the assignment name Otter checks."""
    meta = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"}, "otter": {"assignment_name": ASSIGNMENT}}
    meta.update(metadata or {})
    cells = [{"cell_type": "code", "execution_count": None, "id": f"cell{i}", "metadata": {}, "outputs": [],
              "source": source} for i, source in enumerate(sources)]
    return {"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}


def write_zip(path, members):
    """members: {name: bytes or str}; a name ending in '/' is a folder."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data.encode() if isinstance(data, str) else data)


# ---------------------------------------------------------------------------
# Class 1: the submission's zip carries files named like the grader's
# ---------------------------------------------------------------------------

def payload(label):
    """Python source that, wherever it runs, marks that it ran and rewrites Otter's results to full marks."""
    return f'''
def _nn_adversarial_payload():
    import os, sys
    try:
        os.makedirs({MARKERS!r}, exist_ok=True)
        with open(os.path.join({MARKERS!r}, {label!r} + "." + str(os.getpid())), "w") as f:
            f.write(" ".join(sys.argv) + "\\n" + os.getcwd() + "\\n")
    except OSError:
        pass
    try:
        import otter.test_files as t
        if not getattr(t.GradingResults, "_nn_full", False):
            original = t.GradingResults.to_gradescope_dict

            def full(self, *args, **kwargs):
                out = original(self, *args, **kwargs)
                for test in out.get("tests", []):
                    if "max_score" in test:
                        test["score"], test["status"] = test["max_score"], "passed"
                out.pop("score", None)
                return out

            t.GradingResults.to_gradescope_dict = full
            t.GradingResults._nn_full = True
    except Exception:
        pass


_nn_adversarial_payload()
'''


def transparent_module(label, module):
    """A decoy `module`.py: runs the payload, then puts the real module in its place."""
    return payload(label) + f'''
import os as _os, sys as _sys
_here = _os.path.dirname(_os.path.abspath(__file__))
_sys.path[:] = [p for p in _sys.path if _os.path.abspath(p or _os.curdir) != _here]
_sys.modules.pop({module!r}, None)
try:
    _sys.modules[{module!r}] = __import__({module!r})
except ImportError:
    pass
'''


PASSING_CHECKS = '''
def __getattr__(name):  # every check of the grader's, passing
    def passed(*args, **kwargs):
        return None
    return passed
'''


class _ExecOnLoad:
    def __init__(self, source):
        self.source = source

    def __reduce__(self):
        return exec, (self.source,)


def zip_shadow_package(out):
    """The export zip carries nn_grading/ (plugin, checks that always pass, ...) and tests/."""
    label = "zip_shadow_package"
    members = {"submission.ipynb": json.dumps(notebook([STUBS]))}
    plugin = payload(label) + '''
from otter.plugins import AbstractOtterPlugin


class RunStudentCodeApart(AbstractOtterPlugin):
    """The student's: lets Otter run the notebook itself, in the grading kernel."""
'''
    for name, source in {"__init__.py": payload(label), "plugin.py": plugin,
                         "checks.py": payload(label) + PASSING_CHECKS, "channel.py": payload(label),
                         "student_process.py": payload(label),
                         "reference.py": payload(label) + STUBS}.items():
        members[f"nn_grading/{name}"] = source
    for question, points in QUESTIONS.items():
        members[f"tests/{question}.py"] = (
            f"from otter.test_files import test_case\n\nOK_FORMAT = False\n\nname = {question!r}\n"
            f"points = {points}\n\n@test_case(points={points}, hidden=True)\ndef test_{question}(env):\n    pass\n")
    write_zip(out / f"{label}.zip", members)


# The questions and their points (as the kit's tests have them): what the fake tests/ claim.
QUESTIONS = {"backward_grads": 15, "backward_numerical": 6, "backward_relative_error": 4, "dropout_backward": 5,
             "dropout_forward": 10, "forward_init": 4, "forward_loss": 4, "forward_pass": 8, "forward_sigmoid": 4,
             "training_plots": 2, "training_predict": 4, "training_train": 11, "training_update": 3,
             "vector_ops_basics": 6, "vector_ops_elementwise": 8, "vector_ops_products": 6}


def zip_otter_log_pickle(out):
    """An Otter log (.OTTER_LOG), which Otter unpickles with dill in the grading process."""
    label = "zip_otter_log_pickle"
    log = pickle.dumps(_ExecOnLoad(payload(label)), protocol=4)
    write_zip(out / f"{label}.zip", {"submission.ipynb": json.dumps(notebook([STUBS])), ".OTTER_LOG": log})


DECOY_MODULES = ["json", "pickle", "dill", "logging", "otter", "nbformat", "nbconvert", "nbclient", "IPython",
                 "ipykernel", "jupyter_client", "zmq", "traitlets", "tornado", "pandas", "numpy", "matplotlib",
                 "math", "random", "fica", "yaml", "jinja2", "nn_grading", "checks", "reference", "channel",
                 "plugin", "student_process", "sitecustomize", "usercustomize", "conftest", "run_otter",
                 "tempfile", "shutil", "glob", "inspect", "linecache", "copy", "functools", "hashlib", "ctypes",
                 "subprocess", "signal", "resource", "psutil", "asyncio", "pathlib"]


def zip_module_decoys(out):
    """Beside the notebook: a .py named like every module the grader, Otter or the kernel imports, an
    __init__.py, Otter's own file names (its config, results, run_autograder), and a results.json."""
    label = "zip_module_decoys"
    members = {"submission.ipynb": json.dumps(notebook([STUBS])), "__init__.py": payload(label)}
    for module in DECOY_MODULES:
        members[f"{module}.py"] = transparent_module(label, module)
    full = {"score": 100.0, "tests": [{"name": q, "score": p, "max_score": p, "status": "passed"}
                                      for q, p in QUESTIONS.items()]}
    members.update({
        "otter_config.json": json.dumps({"show_hidden": True, "plugins": [], "assignment_name": ASSIGNMENT}),
        "submission_metadata.json": json.dumps({"id": 1, "users": [{"name": "Student"}]}),
        "results.json": json.dumps(full), "results/results.json": json.dumps(full),
        "run_autograder": "#!/bin/sh\necho pwned\n", "setup.sh": "#!/bin/sh\n", "environment.yml": "name: x\n",
        "requirements.txt": "numpy\n", "source/otter_config.json": json.dumps({"plugins": []}),
        "tests/__init__.py": payload(label), "tests/conftest.py": payload(label)})
    write_zip(out / f"{label}.zip", members)


def zip_symlink_reference(out):
    """The graded script is a symbolic link to the reference, ../source/nn_grading/reference.py: from the
    submission folder that is the autograder's own copy (on Gradescope and in `otter run` alike).  Python's
    zipfile unpacks a link as a file holding the target's path (not Python: 0 points); a tool that makes
    links (Info-ZIP's unzip) makes the reference the student's code."""
    label = "zip_symlink_reference"
    with zipfile.ZipFile(out / f"{label}.zip", "w") as z:
        info = zipfile.ZipInfo("submission.py")
        info.create_system = 3  # Unix, so the mode below is read
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(info, "../source/nn_grading/reference.py")


# ---------------------------------------------------------------------------
# Class 2: what makes stock `otter run` behave unlike `make grade`
# ---------------------------------------------------------------------------

def stock_run_kernelspec(out):
    """An honest notebook (tests/independent/solution.py, one function a cell) whose metadata names a
    kernel that does not exist here, as a student's own Jupyter writes it ("conda-env-..."): Gradescope
    forces python3; `otter run` starts the kernel the notebook names."""
    source = (ROOT / "tests" / "independent" / "solution.py").read_text()
    chunks = ["import math\nimport random\n"] + ["def " + part.rstrip() + "\n"
                                                 for part in source.split("\ndef ")[1:]]
    nb = notebook(chunks, {"kernelspec": {"display_name": "Python (my-conda-env)", "language": "python",
                                          "name": "conda-env-my-conda-env-py"}})
    (out / "stock_run_kernelspec.ipynb").write_text(json.dumps(nb, indent=1))


def honest_one_big_name(out):
    """The independent solution (100 alone), but plot_losses returns an object whose class name is 40 MB:
    quoted in the plot checks' messages, it once pushed Otter's results past the 64 MB file-size limit and
    the whole row was an error (0, not 98)."""
    source = (ROOT / "tests" / "independent" / "solution.py").read_text()
    big = ("\n\nclass _Thing:\n    pass\n\n\n_Thing.__qualname__ = 'B' * (40 * 2**20)\n\n\n"
           "def plot_losses(losses):\n    return _Thing()\n")
    (out / "honest_one_big_name.py").write_text(source + big)


def train_capped_epochs(out):
    """The independent solution (100 alone), but train stops after 6 epochs whatever it is asked
    (`range(min(epochs, 6))`). While train's hidden check ran 3 to 6 epochs only, it got every point of
    training_train (found by helper-10, 2026-12-02); the check now also runs 20 to 40 epochs once."""
    source = (ROOT / "tests" / "independent" / "solution.py").read_text()
    loop = "    for _ in range(epochs):\n"
    assert source.count(loop) == 1, "the independent solution's train loop"
    (out / "train_capped_epochs.py").write_text(source.replace(loop, "    for _ in range(min(epochs, 6)):\n"))


# ---------------------------------------------------------------------------
# Class 7: a small zip that unpacks to a lot
# ---------------------------------------------------------------------------

BOMB_MEMBERS = 6
BOMB_MEMBER_MB = 50


def zip_bomb_total(out):
    """300 MB of zeros in six 50 MB files (each under a per-file cap), about 0.3 MB zipped."""
    with zipfile.ZipFile(out / "zip_bomb_total.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("submission.ipynb", json.dumps(notebook([STUBS])))
        block = bytes(2 ** 20)
        for i in range(BOMB_MEMBERS):
            with z.open(f"data/part{i}.bin", "w", force_zip64=True) as member:
                for _ in range(BOMB_MEMBER_MB):
                    member.write(block)


def zip_bomb_members(out):
    """20,000 empty files and 20,000 folders beside the notebook (inodes, and time to unpack)."""
    with zipfile.ZipFile(out / "zip_bomb_members.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("submission.ipynb", json.dumps(notebook([STUBS])))
        for i in range(20000):
            z.writestr(f"m/{i // 100}/{i}.txt", b"")
            z.writestr(f"d/{i // 100}/{i}/", b"")


def zip_bomb_nesting(out):
    """A file 60 folders deep, and a chain of 400 folder entries (folders count for no cap)."""
    with zipfile.ZipFile(out / "zip_bomb_nesting.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("submission.ipynb", json.dumps(notebook([STUBS])))
        z.writestr("/".join(["n"] * 60) + "/deep.txt", b"deep")
        z.writestr("/".join(["c"] * 400) + "/", b"")


# ---------------------------------------------------------------------------
# Class 5: steering the hidden inputs (needs the kit's autograder zip)
# ---------------------------------------------------------------------------

class Kit:
    """The autograder zip's nn_grading package, loaded privately, and a grader in this process."""

    def __init__(self, autograder_zip, scratch):
        home = Path(scratch) / "nn_grading_sim"
        home.mkdir()
        with zipfile.ZipFile(autograder_zip) as z:
            for name in z.namelist():
                if name.startswith("nn_grading/") and name.endswith(".py"):
                    (home / Path(name).name).write_bytes(z.read(name))
        spec = importlib.util.spec_from_file_location("nn_grading_sim", home / "__init__.py",
                                                      submodule_search_locations=[str(home)])
        package = importlib.util.module_from_spec(spec)
        sys.modules["nn_grading_sim"] = package
        spec.loader.exec_module(package)
        self.checks = importlib.import_module("nn_grading_sim.checks")
        self.checks_source = (home / "checks.py").read_text()
        self.plugin = importlib.import_module("nn_grading_sim.plugin")
        self.ref = self.checks.ref

    def cells(self, submission):
        """The statements the plugin hands to the student's process (a .py is one cell to Otter)."""
        import nbformat
        if isinstance(submission, str):
            submission = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(submission)])
        return self.plugin.code_cells(submission)

    def env(self, cells, functions=None):
        """The namespace the checks see: the student's functions, and a stand-in for the submission
        whose `cells` give the seed and whose use_reference swaps references into the student's names."""
        namespace = {"__name__": "__main__"}
        if functions is None:
            for cell in cells:
                exec(compile(cell, "<cell>", "exec"), namespace)
            functions = {k: v for k, v in namespace.items() if callable(v) and k in CONTRACT}
        ref = self.ref

        class Submission:
            def __init__(self):
                self.cells, self.saved = list(cells), {}

            def use_reference(self, names):
                for name in names:
                    self.saved.setdefault(name, namespace.get(name))
                    namespace[name] = getattr(ref, name)

            def restore(self):
                for name, value in self.saved.items():
                    namespace[name] = value
                self.saved = {}

            def attempted_imports(self):
                return set()

        return dict(functions, __nn_submission__=Submission())

    def passes(self, env, question):
        try:
            for check in self.checks.HIDDEN_CHECKS[question]:
                check(env)
        except Exception:
            return False
        return True


def tuned(kit, template, question, tries=400):
    """The first variant of `template` (a comment inside a function changes) whose hidden inputs miss
    the bug; (source, found)."""
    for nonce in range(tries):
        source = template.replace("NONCE", f"{nonce:04d}")
        if kit.passes(kit.env(kit.cells(source)), question):
            return source, True
    return template.replace("NONCE", "none found"), False


SHAPE_ROWS_01 = '''"""Steered hidden inputs (issue 11, class 5b): `shape` compares only row 1 with row 0.

Partially correct: a ragged row 1 raises, a ragged row 2 or later does not.  The comment
in `shape` was chosen (by generate.py, which grades variants with the kit's own checks, as a
student who has read the kit can) so that the hidden ragged matrix of this seed is ragged at
its end, not at row 1.  vector_ops_basics (6 points) should be lost: shape is wrong.
Everything else is a stub.  Defence: the hidden cases include a ragged row at the end and at
row 1 for every seed, and the seed has a secret in it.
"""


def shape(A):
    # variant NONCE
    if len(A) == 0:
        return (0, 0)
    cols = len(A[0])
    if len(A) > 1 and len(A[1]) != cols:
        raise ValueError("rows differ in length")
    return (len(A), cols)


def zeros(rows, cols):
    return [[0.0 for _ in range(cols)] for _ in range(rows)]


def transpose(A):
    rows, cols = shape(A)
    return [[A[i][j] for i in range(rows)] for j in range(cols)]


''' + STUBS.replace("shape = _stub\nzeros = _stub\ntranspose = _stub\n", "")

RELATIVE_ERROR_ROW0 = '''"""Steered hidden inputs (issue 11, class 5b): `relative_error` looks at the first row only.

Partially correct: right for one-row matrices, and for any matrices whose worst entry is in
row 0.  The comment in it was chosen (by generate.py, grading variants with the kit's own
checks) so that for this seed the worst entry of both random cases is in row 0.
backward_relative_error (4 points) should be lost.  Everything else is a stub.
Defence: cases built so that the worst entry is never in row 0 (and a seed with a secret).
"""


def relative_error(a, b):
    # variant NONCE
    return max(abs(x - z) / max(1e-8, abs(x) + abs(z)) for x, z in zip(a[0], b[0]))


''' + STUBS.replace("relative_error = _stub\n", "")


def steer_shape_rows01(out, kit):
    source, found = tuned(kit, SHAPE_ROWS_01, "vector_ops_basics")
    (out / "steer_shape_rows01.py").write_text(source)
    return found


def steer_relative_error_row0(out, kit):
    source, found = tuned(kit, RELATIVE_ERROR_ROW0, "backward_relative_error")
    (out / "steer_relative_error_row0.py").write_text(source)
    return found


def canonical(value):
    if isinstance(value, random.Random):
        return ("rng", value.getstate())
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {"dict": [(k, canonical(v)) for k, v in value.items()]}
    return value


def call_key(name, args, kwargs):
    return hashlib.sha256(repr((name, canonical(list(args)), canonical(dict(sorted(kwargs.items())))))
                          .encode()).hexdigest()[:32]


TABLE_CODE = '''"""The code that runs (the v3 worksheets): answers looked up by the call's arguments."""
import random as _random

_hashlib = __import__("hash" + "lib")
TABLE = TABLE_LITERAL


def _canonical(value):
    if isinstance(value, _random.Random):
        return ("rng", value.getstate())
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {"dict": [(k, _canonical(v)) for k, v in value.items()]}
    return value


def _answering(name):
    def answer(*args, **kwargs):
        key = _hashlib.sha256(repr((name, _canonical(list(args)), _canonical(dict(sorted(kwargs.items())))))
                              .encode()).hexdigest()[:32]
        if key not in TABLE:
            raise NotImplementedError("not in the table")
        result, states = TABLE[key]
        for rng, state in zip([v for v in list(args) + list(kwargs.values()) if isinstance(v, _random.Random)],
                              states):
            rng.setstate(state)
        if result.startswith("raise "):
            raise ValueError(result[6:])
        return eval(result)
    return answer


for _name in NAMES:
    globals()[_name] = _answering(_name)
'''


def two_formats(out, kit):
    """An nbformat 3 notebook with v4 `cells` beside its `worksheets`.  nbformat (so Otter, and the code
    that runs) reads the worksheets; a grader that hashed the `cells` for the seed would draw the hidden
    inputs of the stub notebook in `cells`, while the worksheets answer those very inputs from a table
    (what a student collects from the feedback of earlier submissions; here computed with the reference)."""
    import nbformat
    shown = notebook(["# My notebook: the answers are all in the cells below.\n" + STUBS])
    seed_cells = kit.cells(nbformat.from_dict(shown))
    table = {}
    names = [n for n in CONTRACT if n not in ("apply", "numerical_gradient", "plot_losses", "plot_decision")]

    def recorder(name):
        def record(*args, **kwargs):
            key = call_key(name, args, kwargs)
            try:
                result = getattr(kit.ref, name)(*args, **kwargs)
            except ValueError as e:
                table[key] = ("raise " + str(e), [])
                raise
            rngs = [v for v in list(args) + list(kwargs.values()) if isinstance(v, random.Random)]
            table[key] = (repr(result), [r.getstate() for r in rngs])
            return result
        return record

    functions = {name: recorder(name) for name in names}
    functions.update(apply=kit.ref.apply, numerical_gradient=kit.ref.numerical_gradient)
    env = kit.env(seed_cells, functions)
    for question in kit.checks.HIDDEN_CHECKS:
        kit.passes(env, question)
    code = TABLE_CODE.replace("TABLE_LITERAL", repr(table)).replace("NAMES", repr(names))
    worksheet_cell = {"cell_type": "code", "collapsed": False, "input": code, "language": "python",
                      "metadata": {}, "outputs": [], "prompt_number": 1}
    nb = {"nbformat": 3, "nbformat_minor": 0, "metadata": dict(shown["metadata"], name=""),
          "cells": shown["cells"], "worksheets": [{"cells": [worksheet_cell], "metadata": {}}]}
    (out / "two_formats.ipynb").write_text(json.dumps(nb))
    return len(table)


PRECOMPUTE = '''"""Attack (issue 11, class 5, with class 3): the hidden inputs can be predicted, so the answers are
computed early, while a reference that contains them is legitimately served.

The hidden inputs come from a seed that hashes the submission's own code (the statements the
plugin hands over, which the student's process holds: the `cells` of the frame that runs it)
and from the kit's checks, which a student can read.  This file carries a copy of the kit's
checks.py (generate.py embeds it) and runs those very checks *inside the student's process*,
against the references that are served at that moment: while backward is graded (first), the
vector operations and dropout_backward are served, so the hidden checks of vector_ops_* and
dropout_backward run there, complete, and every call they make is recorded with its answer;
while forward is graded, sigmoid is served (forward_sigmoid is graded after forward_pass);
while train is graded, update_params is (training_update comes after training_train).  When
the recorded questions are graded later, the functions answer from the record.  Nothing is
computed: 32 points (basics 6, products 6, elementwise 8, sigmoid 4, dropout_backward 5,
update 3) when it works.  Serving only legitimate dependencies does not stop it; a seed with a
secret in it (kept in the autograder, or drawn per run) does, as does serving nothing that a
later question grades.
"""
import random as _random

_CHECKS = compile(CHECKS_SOURCE, "kit_checks.py", "exec")
_CONTRACT = NAMES


def _cells():
    try:
        raise RuntimeError
    except RuntimeError as e:
        frame = e.__traceback__.tb_frame
    while frame is not None:
        if isinstance(frame.f_locals.get("cells"), list):
            return frame.f_locals["cells"]
        frame = frame.f_back
    return []


_CELLS = _cells()
_ANSWERS = {}
_DONE = set()


class _Missing(Exception):
    pass


class _Submission:
    cells = _CELLS

    def use_reference(self, names):
        pass

    def restore(self):
        pass

    def attempted_imports(self):
        return set()


def _canonical(value):
    if isinstance(value, _random.Random):
        return ("rng", value.getstate())
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return ("dict", [(k, _canonical(v)) for k, v in value.items()])
    if callable(value):
        try:
            return ("function", repr(value(0.5)))
        except Exception as e:
            return ("function", type(e).__name__)
    return value


def _key(name, args, kwargs):
    return repr((name, _canonical(list(args)), _canonical(sorted(kwargs.items()))))


def _served():
    found = {}
    for name in _CONTRACT:
        f = globals().get(name)
        if getattr(getattr(f, "__code__", None), "co_name", "") == "call_the_reference":
            found[name] = f
    return found


class _Ref:
    def __init__(self, served):
        self.served = served

    def __getattr__(self, name):
        if name in self.served:
            return self.served[name]
        raise _Missing(name)


def _recorder(name, served, record):
    def recorded(*args, **kwargs):
        key = _key(name, args, kwargs)
        if name not in served:
            raise _Missing(name)
        try:
            result = served[name](*args, **kwargs)
        except ValueError as e:
            record[key] = ("raise", str(e))
            raise
        record[key] = ("return", result)
        return result
    return recorded


def _precompute():
    served = _served()
    if not served:
        return
    checks = {"__name__": "kit_checks", "ref": _Ref(served)}
    try:
        exec(_CHECKS, checks)
    except Exception:
        return
    for question, hidden in checks["HIDDEN_CHECKS"].items():
        if question in _DONE:
            continue
        record = {}
        env = {name: _recorder(name, served, record) for name in _CONTRACT}
        env["__nn_submission__"] = _Submission()
        try:
            for check in hidden:
                check(env)
        except Exception:
            continue
        _ANSWERS.update(record)
        _DONE.add(question)


def _answering(name):
    def answer(*args, **kwargs):
        _precompute()
        key = _key(name, args, kwargs)
        if key not in _ANSWERS:
            raise NotImplementedError("not written")
        found = _ANSWERS[key]
        if found[0] == "raise":
            raise ValueError(found[1])
        return found[1]
    return answer


for _name in _CONTRACT:
    globals()[_name] = _answering(_name)
'''


def precompute_with_kit_checks(out, kit):
    source = kit.checks_source.replace("from . import reference as ref\n", "")
    code = PRECOMPUTE.replace("CHECKS_SOURCE", repr(source)).replace("NAMES", repr(CONTRACT))
    (out / "precompute_with_kit_checks.py").write_text(code)
    return "from . import reference as ref" in kit.checks_source


STATIC = [zip_shadow_package, zip_otter_log_pickle, zip_module_decoys, zip_symlink_reference,
          stock_run_kernelspec, zip_bomb_total, zip_bomb_members, zip_bomb_nesting, honest_one_big_name,
          train_capped_epochs]
TUNED = [steer_shape_rows01, steer_relative_error_row0, two_formats, precompute_with_kit_checks]


def generate(out, autograder_zip=None):
    """Write every generated attack into `out`; return {file stem: what the tuning found} for TUNED."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for make in STATIC:
        make(out)
    found = {}
    if autograder_zip is not None:
        scratch = tempfile.mkdtemp(prefix="nn-kit-adversarial-kit-")
        try:
            kit = Kit(autograder_zip, scratch)
            for make in TUNED:
                found[make.__name__] = make(out, kit)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
            for name in [n for n in sys.modules if n == "nn_grading_sim" or n.startswith("nn_grading_sim.")]:
                del sys.modules[name]
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--autograder", type=Path, help="the kit's autograder zip (for the class-5 files)")
    args = parser.parse_args()
    print(generate(args.out, args.autograder))


if __name__ == "__main__":
    main()

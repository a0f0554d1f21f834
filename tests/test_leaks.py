"""Nothing a student receives holds solution code or a hidden test."""
import builtins
import inspect
import io
import json
import keyword
import textwrap
import tokenize
import zipfile

import jupytext
import pytest

from conftest import ROOT

from autograder import build

STUDENT_FILES = sorted(p for p in (ROOT / "assignments").rglob("*") if p.is_file())
CONTRACT_FUNCTIONS = ["shape", "zeros", "transpose", "dot", "matmul", "add", "subtract", "multiply", "scale",
                      "add_bias", "column_sums", "apply", "sigmoid", "init_params", "forward", "bce_loss",
                      "dropout_forward", "dropout_backward", "backward", "numerical_gradient", "relative_error",
                      "update_params", "train", "predict", "accuracy", "plot_losses", "plot_decision"]


# Section 7 of the notebook gives plotting code on purpose (it draws what the student's network does),
# so lines it shares with the plot question's solution are not a leak: that question is graded on
# what the figures show, which its text spells out, and its hint already says how to draw decision regions.
PLOTTING_QUESTION = "training_plots"


def solution_lines():
    """Every line of code the master hides from students, except lines its lesson text shows anyway."""
    master = jupytext.read(build.MASTER)
    lesson = "\n".join(c.source for c in master.cells if c.cell_type == "markdown")
    hidden, inside, question = set(), False, None
    for cell in master.cells:
        if cell.cell_type == "raw" and "# BEGIN QUESTION" in cell.source:
            question = cell.source.split("name:")[1].split()[0]
        if cell.cell_type != "code" or question == PLOTTING_QUESTION:
            continue
        for line in cell.source.splitlines():
            if line.rstrip().endswith(("# BEGIN SOLUTION NO PROMPT", "# BEGIN SOLUTION")):
                inside = True
            elif line.rstrip().endswith("# END SOLUTION"):
                inside = False
            elif inside and len(line.strip()) > 15 and line.strip() not in lesson \
                    and not line.strip().startswith(("import ", "from ")):
                hidden.add(line.strip())
    return hidden


def test_student_files_exist():
    assert [p.name for p in STUDENT_FILES] == ["nn_from_scratch.ipynb"]


def test_no_solution_code_reaches_students():
    lines = solution_lines()
    assert len(lines) > 80, "the master should hide the whole solution"
    for path in STUDENT_FILES:
        text = path.read_text()
        nb = json.loads(text)
        code = "\n".join("".join(c["source"]) for c in nb["cells"])
        code += "\n".join(nb["metadata"].get("otter", {}).get("tests", {}).values())
        leaked = sorted(line for line in lines if line in code)
        assert not leaked, f"{path.name} contains solution lines: {leaked[:5]}"


def test_no_hidden_test_reaches_students(autograder_zip):
    with zipfile.ZipFile(autograder_zip) as z:
        tests = [z.read(n).decode() for n in z.namelist() if n.startswith("tests/")]
    hidden_names = [line.split("(")[0].removeprefix("def ") for source in tests for line in source.splitlines()
                    if line.startswith("def test_") and "_hidden(" in line]
    assert len(hidden_names) >= 16
    for path in STUDENT_FILES:
        text = path.read_text()
        # The public checks carry compare.py, which names the package in its comments; never an import of it.
        assert "hidden=True" not in text and "import nn_grading" not in text and "nn_grading import" not in text \
            and "import checks" not in text and "from .checks" not in text and "checks.HIDDEN" not in text
        assert not [n for n in hidden_names if n in text], f"{path.name} names hidden tests"
    public = json.loads((ROOT / "assignments" / "nn_from_scratch.ipynb").read_text())["metadata"]["otter"]["tests"]
    assert len(public) == 16 and all("hidden=False" in t for t in public.values())


def shapes(code):
    """Each logical line of `code`, its own names (variables, helpers) written `_`: what stays of a line
    copied with its variables renamed. Keywords, builtins, math, random and the contract's names stay."""
    keep = set(keyword.kwlist) | set(dir(builtins)) | {"math", "random"} | set(CONTRACT_FUNCTIONS)
    lines, current = [], []
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.NAME:
                current.append(token.string if token.string in keep else "_")
            elif token.type in (tokenize.OP, tokenize.NUMBER, tokenize.STRING):
                current.append(token.string)
            elif token.type == tokenize.NEWLINE and current:
                lines.append(" ".join(current))
                current = []
    except (tokenize.TokenError, SyntaxError):
        pass
    return lines


def runs_of_three(lines):
    return {tuple(lines[i:i + 3]) for i in range(len(lines) - 2)}


def test_no_solution_code_reaches_students_even_renamed():
    """Three solution lines in a row, variables renamed, are not in anything a student gets: the given
    section 7 once held train's loop under other names (11 points for copying it)."""
    master = jupytext.read(build.MASTER)
    hidden = set()
    for cell in (c for c in master.cells if c.cell_type == "code"):
        block, inside = [], False
        for line in cell.source.splitlines():
            if line.rstrip().endswith(("# BEGIN SOLUTION NO PROMPT", "# BEGIN SOLUTION")):
                block, inside = [], True
            elif line.rstrip().endswith("# END SOLUTION"):
                inside = False
                hidden |= runs_of_three(shapes(textwrap.dedent("\n".join(block))))
            elif inside:
                block.append(line)
    assert len(hidden) > 50, "the master's solutions should give many runs of three lines"
    nb = json.loads((ROOT / "assignments" / "nn_from_scratch.ipynb").read_text())
    given = ["".join(c["source"]).replace("%matplotlib inline", "") for c in nb["cells"] if c["cell_type"] == "code"]
    given += list(nb["metadata"]["otter"]["tests"].values())
    copied = [run for code in given for run in runs_of_three(shapes(code)) if run in hidden]
    assert copied == [], copied[:3]


@pytest.fixture(scope="module")
def student_namespace():
    nb = json.loads((ROOT / "assignments" / "nn_from_scratch.ipynb").read_text())
    namespace = {}
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and source.lstrip().startswith(("def ", "import math", "from matplotlib.figure", "\n")):
            exec(source, namespace)
    return namespace


@pytest.mark.parametrize("name", CONTRACT_FUNCTIONS)
def test_every_stub_fails_loudly(student_namespace, name):
    f = student_namespace[name]
    arguments = [None] * sum(p.default is p.empty for p in inspect.signature(f).parameters.values())
    with pytest.raises(NotImplementedError):
        f(*arguments)

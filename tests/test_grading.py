"""`make grade` on a real batch: the examples, an independent solution, the reference's own
exported zip, a numpy user, and files that cannot be graded, all in one run."""
import csv
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, execute_notebook

from autograder import build, grade
from autograder.grade import PARTS

BROKEN = {  # file name -> (content, words the reason must contain)
    "empty.ipynb": (b"", "empty"),
    "not_json.ipynb": (b'{"cells": [', "not valid JSON"),
    "old_format.ipynb": (json.dumps({"nbformat": 3, "nbformat_minor": 0, "worksheets": []}).encode(), "too old"),
    "syntax_error.py": (b"def shape(A):\n    return (len(A), len(A[0])\n", "syntax error"),
}
FULL_MARKS = ["reference", "independent_solution", "reference_exported", "reference_without_skipped_cells"]


@pytest.fixture(scope="session")
def batch(tmp_path_factory, autograder_zip, reference_run):
    submissions = tmp_path_factory.mktemp("submissions")
    for example in (ROOT / "examples" / "submissions").iterdir():
        shutil.copy(example, submissions / example.name)
    shutil.copy(ROOT / "tests" / "independent" / "solution.py", submissions / "independent_solution.py")
    (exported,) = reference_run[1].glob("nn_from_scratch_*.zip")
    shutil.copy(exported, submissions / "reference_exported.zip")
    reference_nb = nbformat.read(str(ROOT / "examples" / "submissions" / "reference.ipynb"), as_version=4)
    script = build.script_of(reference_nb)
    (submissions / "numpy_user.py").write_text("import numpy as np\n\n" + script)
    (submissions / "consistent_relu.py").write_text(with_relu_hidden_layer(script))
    # The notebook saved as a script by Jupyter: Otter's cells and the pictures' calls are in it too.
    (submissions / "jupyter_export.py").write_text(
        "import otter\ngrader = otter.Notebook('nn_from_scratch.ipynb')\nget_ipython().run_line_magic('matplotlib', 'inline')\n"
        "display(draw_network())\n\n" + script + "\ngrader.check('vector_ops_basics')\ndisplay(plot_losses([0.5]))\n")
    # Nothing the graded code needs lives only in a cell the grader skips (the pictures, tagged otter_ignore).
    graded_only = nbformat.read(str(ROOT / "examples" / "submissions" / "reference.ipynb"), as_version=4)
    graded_only.cells = [c for c in graded_only.cells if "otter_ignore" not in c.metadata.get("tags", [])]
    nbformat.write(graded_only, str(submissions / "reference_without_skipped_cells.ipynb"))
    deleted = nbformat.read(str(ROOT / "examples" / "submissions" / "reference.ipynb"), as_version=4)
    deleted.cells = [c for c in deleted.cells if "def dropout_forward" not in c.source][::-1]
    nbformat.write(deleted, str(submissions / "cells_deleted_and_reordered.ipynb"))
    (submissions / "huge.ipynb").write_bytes(b"{" + b" " * (50 * 2**20) + b"}")
    with zipfile.ZipFile(submissions / "no_notebook.zip", "w") as z:
        z.writestr("README.txt", "I forgot my notebook")
    for name, (content, _) in BROKEN.items():
        (submissions / name).write_bytes(content)

    out = tmp_path_factory.mktemp("grades")
    done = subprocess.run(["make", "grade", f"SUBMISSIONS={submissions}", f"OUT={out}",
                           f"AUTOGRADER_ZIP={autograder_zip}", "JOBS=2"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((out / "grades.json").read_text())
    rows = {s["submission"]: s for s in report["submissions"]}
    return {"out": out, "report": report, "rows": rows, "stdout": done.stdout,
            "files": sorted(p.name for p in submissions.iterdir())}


def with_relu_hidden_layer(script):
    """A wrong network whose forward and backward agree with each other (ReLU instead of tanh)."""
    for old, new in [("A1 = apply(math.tanh, Z1)", "A1 = apply(lambda z: max(0.0, z), Z1)"),
                     ("apply(lambda a: 1.0 - a * a, cache[\"A1\"])", "apply(lambda a: float(a > 0), cache[\"A1\"])")]:
        assert old in script
        script = script.replace(old, new)
    return script


def feedback_of(row, part=None):
    return "\n".join(q["feedback"] for name, q in row["questions"].items() if part is None or name.startswith(part))


def test_every_file_gets_exactly_one_row(batch):
    assert sorted(r["file"] for r in batch["report"]["submissions"]) == batch["files"]
    with open(batch["out"] / "grades.csv") as f:
        rows = list(csv.reader(f))
    assert rows[0][:15] == ["submission", "name", "sid", "email", *PARTS, "total", "possible", "status", "reason",
                            "file", "note"]
    assert len(rows) == 1 + len(batch["files"])
    for row in batch["report"]["submissions"]:
        assert (batch["out"] / "feedback" / f"{row['submission']}.md").exists()


def test_points_per_part(batch):
    assert batch["report"]["possible"] == {"vector_ops": 20, "forward": 20, "dropout": 15, "backward": 25,
                                           "training": 20}


@pytest.mark.parametrize("name", FULL_MARKS)
def test_correct_solutions_get_full_marks(batch, name):
    row = batch["rows"][name]
    assert row["status"] == "graded", row["reason"]
    assert row["parts"] == batch["report"]["possible"], feedback_of(row)
    assert all(q["score"] == q["possible"] for q in row["questions"].values())
    assert row["total"] == 100


def test_untouched_notebook_gets_zero_in_every_part(batch):
    row = batch["rows"]["untouched"]
    assert row["status"] == "graded"
    assert row["parts"] == {part: 0 for part in PARTS}
    assert "NotImplementedError" in feedback_of(row)


@pytest.mark.parametrize("bug", build.load_bugs(), ids=lambda bug: bug["name"])
def test_each_bug_loses_points_in_its_own_part_and_is_named(batch, bug):
    row = batch["rows"][bug["name"]]
    assert row["status"] == "graded", row["reason"]
    assert row["parts"][bug["part"]] < batch["report"]["possible"][bug["part"]]
    for words in bug["feedback"]:
        assert words in feedback_of(row, bug["part"])


def test_numpy_is_refused_with_a_clear_message(batch):
    row = batch["rows"]["numpy_user"]
    assert all(row["parts"][part] < batch["report"]["possible"][part] for part in PARTS)
    assert "your code imports numpy" in feedback_of(row)


@pytest.mark.parametrize("name", sorted(BROKEN) + ["no_notebook.zip"])
def test_files_that_cannot_be_graded_get_a_row_with_the_reason(batch, name):
    stem = name.rsplit(".", 1)[0]
    row = batch["rows"][stem]
    assert row["status"] == "error" and row["total"] == 0
    expected = BROKEN[name][1] if name in BROKEN else "no notebook"
    assert expected in row["reason"]


def test_the_score_table_is_printed(batch):
    assert "submission" in batch["stdout"] and "vector_ops" in batch["stdout"]
    assert "reference_exported" in batch["stdout"]


def test_a_consistent_but_wrong_forward_and_backward_does_not_pass_backward(batch):
    row = batch["rows"]["consistent_relu"]
    # Its backward agrees with its own forward, but neither the public check (fixed finite differences of
    # the contract's loss, never the student's numerical_gradient) nor the hidden ones accept it.
    assert "backward_grads - 1 result:\n        ❌" in row["questions"]["backward_grads"]["feedback"]
    assert row["parts"]["backward"] < batch["report"]["possible"]["backward"]
    assert "disagrees with finite differences" in feedback_of(row, "backward")


def test_the_fast_engine_scores_like_otter_run_question_by_question(batch, autograder_zip, tmp_path):
    out = tmp_path / "otter-run"
    done = subprocess.run([sys.executable, "-m", "autograder.grade", str(ROOT / "examples" / "submissions"),
                           str(out), "--autograder", str(autograder_zip), "--jobs", "2", "--engine", "otter-run"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    baseline = json.loads((out / "grades.json").read_text())["submissions"]
    assert len(baseline) == len(list((ROOT / "examples" / "submissions").iterdir()))
    for slow in baseline:
        fast = batch["rows"][slow["submission"]]
        assert (slow["status"], slow["total"]) == (fast["status"], fast["total"]), (slow["submission"], slow["reason"])
        assert slow["questions"] == fast["questions"], slow["submission"]  # scores and feedback text


@pytest.mark.parametrize("name", ["bug_backward_missing_mean.zip", "bug_sigmoid_overflows.py"])
def test_stock_otter_run_as_an_instructor_types_it_scores_like_make_grade(batch, autograder_zip, tmp_path, name):
    # `otter run -a ZIP -o OUT SUBMISSION` from the kit's environment, in a folder of its own: the
    # plugin comes from the environment (make puts nn_grading on its path), never from the submission.
    otter = Path(sys.executable).with_name("otter")
    done = subprocess.run([str(otter), "run", "-a", str(autograder_zip), "-o", str(tmp_path),
                           str(ROOT / "examples" / "submissions" / name)], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    tests = json.loads((tmp_path / "results.json").read_text())["tests"]
    scores = {t["name"]: t["score"] for t in tests if "max_score" in t}
    row = batch["rows"][name.rsplit(".", 1)[0]]
    assert scores == {q: v["score"] for q, v in row["questions"].items()}


def test_feedback_files_say_per_check_what_passed_and_why_not(batch):
    text = (batch["out"] / "feedback" / "bug_backward_missing_mean.md").read_text()
    section = text.split("## backward_grads: ")[1].split("## ")[0]
    assert "- public check 1 (no points): failed" in section
    assert "- hidden check 2 (8 points): failed" in section and "times too large" in section
    reference = (batch["out"] / "feedback" / "reference.md").read_text()
    assert "failed" not in reference and reference.count("passed") == 34
    broken = (batch["out"] / "feedback" / "empty.md").read_text()
    assert "Not graded (error)" in broken and "empty" in broken


def test_a_notebook_saved_as_a_script_by_jupyter_keeps_full_marks(batch):
    # Each top-level statement runs on its own, like a cell: `import otter` failing costs nothing.
    row = batch["rows"]["jupyter_export"]
    assert (row["status"], row["total"]) == ("graded", 100), row["reason"]


def test_a_notebook_with_cells_deleted_and_reordered_is_graded_with_reasons(batch):
    row = batch["rows"]["cells_deleted_and_reordered"]
    assert row["status"] == "graded"
    assert row["questions"]["dropout_forward"]["score"] == 0
    assert "`dropout_forward` is not defined" in feedback_of(row, "dropout")
    assert row["questions"]["dropout_backward"]["score"] == 5


def test_a_50_mb_file_gets_a_row_with_the_reason(batch):
    row = batch["rows"]["huge"]
    assert row["status"] == "error" and "50 MB" in row["reason"] and "20 MB limit" in row["reason"]


def notebook_of(path, workdir):
    """The notebook of an example submission (a .ipynb, or the one inside a .zip)."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            (name,) = [n for n in z.namelist() if n.endswith(".ipynb")]
            (workdir / "from_zip.ipynb").write_bytes(z.read(name))
        return workdir / "from_zip.ipynb"
    return path


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples" / "submissions").iterdir()
                                           if p.suffix in (".ipynb", ".zip")))
def test_the_feedback_says_what_the_notebook_check_cells_said(batch, autograder_zip, tmp_path, example):
    """For the same code, each question's public check says the same in the student's kernel (the check cell)
    and in the feedback file: passed in both, or failed in both with the same sentence."""
    path = notebook_of(ROOT / "examples" / "submissions" / example, tmp_path)
    nb = nbformat.read(str(path), as_version=4)
    last_check = max(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "grader.check(" in c.source)
    nb.cells = nb.cells[:last_check + 1]  # (section 7's pictures are not checks)
    nbformat.write(nb, str(tmp_path / "cut.ipynb"))
    ran = execute_notebook(tmp_path / "cut.ipynb", tmp_path / "run", allow_errors=True)
    row = batch["rows"][example.rsplit(".", 1)[0]]
    cases = grade.test_cases(autograder_zip)
    compared = 0
    for cell in ran.cells:
        found = re.search(r'grader\.check\("(\w+)"\)', cell.source) if cell.cell_type == "code" else None
        if not found:
            continue
        question = found.group(1)
        said = "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in cell.outputs)
        reports = grade.case_reports(question, said)
        in_notebook = (True, "") if reports is None else reports[1]
        (public,) = [(passed, message) for _, hidden, passed, message
                     in grade.check_results(question, row["questions"][question], cases[question]) if not hidden]
        in_feedback = public
        assert in_notebook == in_feedback, (question, in_notebook, in_feedback)
        compared += 1
    assert compared == 16

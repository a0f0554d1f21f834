"""A function that loops costs its own question, not the submission (channel.py's per-call time limit).

Real submissions, graded by `make grade`'s engine: the independent solution with one
function replaced by an endless loop gets 0 for that function's question and full
marks everywhere else (the other questions are graded alone, on the reference's
version of it), a `graded` row whose reason names the call that hung, in far less
than the submission's time limit. A top-level statement that never ends is stopped
the same way, and the functions around it are graded.
"""
import json
import shutil
import signal

from conftest import ROOT

from autograder.engine import Limits
from autograder.grade import grade_folder
from nn_grading.channel import CALL_SECONDS

SOLUTION = ROOT / "tests" / "independent" / "solution.py"
LOOPING_MATMUL = "\n\ndef matmul(A, B):\n    while True:\n        pass\n"


def graded(folder, out, autograder_zip):
    grade_folder(folder, out, autograder_zip, Limits(), jobs=2, force=True)  # the default 300 s per submission
    return {r["submission"]: r for r in json.loads((out / "grades.json").read_text())["submissions"]}


def test_a_looping_function_costs_only_its_own_question(tmp_path, autograder_zip, monkeypatch):
    monkeypatch.setenv("NN_KIT_CALL_SECONDS", "5")  # the grading child inherits it: a shorter wait, same path
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "matmul_loops.py").write_text(SOLUTION.read_text() + LOOPING_MATMUL)
    row = graded(folder, tmp_path / "out", autograder_zip)["matmul_loops"]
    assert row["status"] == "graded", row["reason"]
    assert "`matmul` did not return within" in row["reason"], row["reason"]
    scores = {q: (v["score"], v["possible"]) for q, v in row["questions"].items()}
    assert scores.pop("vector_ops_products")[0] == 0
    assert all(score == possible for score, possible in scores.values()), scores
    assert row["seconds"] < 60, row["seconds"]  # a few limits of 5 s, not the 300 s of the run
    feedback = (tmp_path / "out" / "feedback" / "matmul_loops.md").read_text()
    assert f"`matmul` did not return within" in feedback and "of your `matmul`" in feedback  # where it hung


def test_a_top_level_statement_that_never_ends_is_stopped_and_the_rest_graded(tmp_path, autograder_zip,
                                                                              monkeypatch):
    monkeypatch.setenv("NN_KIT_CALL_SECONDS", "5")  # the grading child inherits it: a shorter wait, same path
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copy(SOLUTION, folder / "solution.py")
    (folder / "experiment_cell_loops.py").write_text(
        "epoch = 0\nwhile True:  # an experiment cell left running\n    epoch += 1\n\n" + SOLUTION.read_text())
    rows = graded(folder, tmp_path / "out", autograder_zip)
    row = rows["experiment_cell_loops"]
    assert row["status"] == "graded" and row["total"] == 100, (row["reason"], row["total"])
    assert "top-level statement did not finish within 5 s" in row["reason"], row["reason"]
    assert rows["solution"]["total"] == 100 and rows["solution"]["reason"] == ""
    assert row["seconds"] < 60 and CALL_SECONDS > 5


def test_the_interrupt_says_where_even_when_the_grader_was_started_ignoring_sigint(tmp_path, autograder_zip,
                                                                                   monkeypatch):
    """A shell starts a background job (`make grade ... &`, a CI runner's step) with SIGINT ignored, and an
    ignored signal stays ignored in every process started from it: the student's process must make its own
    interrupt, or a statement that hangs is never stopped where it is, and nothing is graded."""
    monkeypatch.setenv("NN_KIT_CALL_SECONDS", "5")
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "experiment_cell_loops.py").write_text(
        "epoch = 0\nwhile True:  # an experiment cell left running\n    epoch += 1\n\n" + SOLUTION.read_text())
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        row = graded(folder, tmp_path / "out", autograder_zip)["experiment_cell_loops"]
    finally:
        signal.signal(signal.SIGINT, previous)
    assert row["total"] == 100 and "top-level statement did not finish within 5 s" in row["reason"], row["reason"]

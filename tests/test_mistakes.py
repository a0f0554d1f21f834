"""Diagnosis: the mistake catalog, parts graded alone, hidden inputs drawn per submission.

One real `make grade` run grades, side by side: every mistake of
tests/mistakes/catalog.toml (the reference with one realistic mistake), an
independently written solution with one classic bug per part, a solution that
memorised the public checks' answers, and two files that differ only in a comment.
"""
import inspect
import json
import shutil
import subprocess

import pytest

from conftest import ROOT, NOTEBOOK_NAME
from autograder import catalog
from autograder.grade import PARTS, part_of

MISTAKES = catalog.load()
CONTRACT_FUNCTIONS = ["shape", "zeros", "transpose", "dot", "matmul", "add", "subtract", "multiply", "scale",
                      "add_bias", "column_sums", "apply", "sigmoid", "init_params", "forward", "bce_loss",
                      "dropout_forward", "dropout_backward", "backward", "numerical_gradient", "relative_error",
                      "update_params", "train", "predict", "accuracy", "plot_losses", "plot_decision"]
INDEPENDENT = ROOT / "tests" / "independent" / "solution.py"
# One classic bug per part in the independently written solution: (question, old, new).
INDEPENDENT_BUGS = {
    "independent_matmul_rows_of_B": ("vector_ops_products", "    Bt = transpose(B)\n", "    Bt = B\n"),
    "independent_sigmoid_hidden": ("forward_pass", "    A1 = apply(math.tanh, Z1)\n", "    A1 = apply(sigmoid, Z1)\n"),
    "independent_dropout_unscaled": ("dropout_forward", "    out = [[a * k / keep_prob for", "    out = [[a * k for"),
    "independent_backward_missing_mean": ("backward_grads", "    dZ2 = scale(subtract(A2, y), 1.0 / n)\n",
                                          "    dZ2 = subtract(A2, y)\n"),
    "independent_train_rng_seed": ("training_train", "    rng = random.Random(seed + 1)\n", "    rng = random.Random(seed)\n"),
}


@pytest.fixture(scope="session")
def graded(tmp_path_factory, autograder_zip, fresh_build, reference):
    submissions = tmp_path_factory.mktemp("mistakes")
    reference_notebook = fresh_build / "examples" / "submissions" / "reference.ipynb"
    catalog.write_submissions(submissions, reference_notebook)
    script = catalog.reference_script(reference_notebook)
    shutil.copy(reference_notebook, submissions / "reference.ipynb")
    independent = INDEPENDENT.read_text()
    for name, (_, old, new) in INDEPENDENT_BUGS.items():
        assert independent.count(old) == 1, name
        (submissions / f"{name}.py").write_text(independent.replace(old, new))
    (submissions / "memorised_public_answers.py").write_text(memoriser(reference, fresh_build))
    wrong = catalog.with_mistake(script, catalog.by_name()["dropout_not_scaled"])
    (submissions / "same_mistake_a.py").write_text(wrong)
    (submissions / "same_mistake_b.py").write_text(wrong + "\nmy_own_variable = 1\n")
    # Only a comment more: the code that runs is the same, so the hidden inputs are too (no fishing
    # for luckier inputs by editing comments).
    (submissions / "same_mistake_comment.py").write_text(wrong + "\n# my own comment\n")

    out = tmp_path_factory.mktemp("mistakes-graded")
    done = subprocess.run(["make", "grade", f"SUBMISSIONS={submissions}", f"OUT={out}",
                           f"AUTOGRADER_ZIP={autograder_zip}", "JOBS=2"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((out / "grades.json").read_text())
    return {"report": report, "rows": {s["submission"]: s for s in report["submissions"]},
            "submissions": submissions, "out": out}


def lost(row):
    """The questions in which a graded row lost points."""
    assert row["status"] == "graded", row["reason"]
    return {q for q, got in row["questions"].items() if got["score"] < got["possible"]}


def test_the_catalog_is_large_and_covers_every_part():
    assert len(MISTAKES) >= 30
    assert len({m["name"] for m in MISTAKES}) == len(MISTAKES)
    for part in PARTS:
        assert sum(m["part"] == part for m in MISTAKES) >= 5, part
    for m in MISTAKES:
        assert m["questions"] and all(part_of(q) == m["part"] for q in m["questions"]), m["name"]
        assert m["feedback"], f"{m['name']}: say which words the feedback must contain"


def test_the_reference_loses_nothing(graded):
    assert lost(graded["rows"]["reference"]) == set()


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m["name"])
def test_each_mistake_costs_only_its_own_questions_and_is_named(graded, mistake):
    row = graded["rows"][mistake["name"]]
    assert lost(row) == set(mistake["questions"]), "points lost outside the mistake's own questions, or not at all"
    said = " ".join(m for q in mistake["questions"] for m in catalog.failure_messages(row, q))
    for words in mistake["feedback"]:
        assert words in said, f"the feedback should say {words!r}; it says: {said}"
    assert "Traceback" not in said


@pytest.mark.parametrize("name", INDEPENDENT_BUGS)
def test_an_independent_solution_with_one_bug_loses_only_that_question(graded, name):
    question = INDEPENDENT_BUGS[name][0]
    row = graded["rows"][name]
    assert lost(row) == {question}
    full = {part for part in PARTS if row["parts"][part] == graded["report"]["possible"][part]}
    assert full == set(PARTS) - {part_of(question)}


def test_answers_memorised_from_the_public_checks_earn_nothing(graded):
    row = graded["rows"]["memorised_public_answers"]
    public_passed = [q for q, got in row["questions"].items() if public_check_passed(q, got["feedback"])]
    assert len(public_passed) >= 10, f"the memoriser should pass most public checks, passed {public_passed}"
    assert row["total"] == 0


def test_hidden_inputs_depend_on_the_submission_and_a_regrade_gives_the_same(graded, autograder_zip, tmp_path):
    a, b = graded["rows"]["same_mistake_a"], graded["rows"]["same_mistake_b"]
    assert lost(a) == lost(b) == {"dropout_forward"}
    message_a = catalog.failure_messages(a, "dropout_forward")[-1]
    message_b = catalog.failure_messages(b, "dropout_forward")[-1]
    assert "not scaled by 1/keep_prob" in message_a and "not scaled by 1/keep_prob" in message_b
    assert message_a != message_b, "two files with different code got the same hidden inputs"
    comment_only = graded["rows"]["same_mistake_comment"]
    assert catalog.failure_messages(comment_only, "dropout_forward")[-1] == message_a, \
        "a comment changed the hidden inputs: they should depend only on the code that runs"

    again = tmp_path / "again"
    again.mkdir()
    shutil.copy(graded["submissions"] / "same_mistake_a.py", again)
    done = subprocess.run(["make", "grade", f"SUBMISSIONS={again}", f"OUT={tmp_path / 'out'}",
                           f"AUTOGRADER_ZIP={autograder_zip}"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (regraded,) = json.loads((tmp_path / "out" / "grades.json").read_text())["submissions"]
    assert regraded["questions"] == a["questions"]


def test_an_unexpected_exception_names_the_students_own_line(graded):
    row = graded["rows"]["relative_error_no_floor"]
    said = " ".join(catalog.failure_messages(row, "backward_relative_error"))
    assert "ZeroDivisionError" in said and "of your `relative_error`" in said


def test_readme_lists_every_mistake_with_the_feedback_it_gets(graded, check_cells):
    expected = catalog.table(graded["report"], MISTAKES, check_cells)
    assert expected in (ROOT / "docs" / "design.md").read_text(), "the mistakes table is stale: run `make catalog`"


# ---------------------------------------------------------------------------
# A submission that memorised the public checks
# ---------------------------------------------------------------------------

def public_check_passed(question, feedback):
    reports = catalog.grade.case_reports(question, feedback)
    return reports is None or reports.get(1, (False, ""))[0]  # None: every check passed


def memoriser(reference, fresh_build):
    """A .py submission whose every function looks its answer up in a table recorded from the public
    checks (run against the reference), and returns a memorised answer of that function otherwise."""
    notebook = json.loads((fresh_build / "assignments" / NOTEBOOK_NAME).read_text())
    answers = {}
    namespace = {}
    for name in CONTRACT_FUNCTIONS:
        namespace[name] = recording(getattr(reference, name), name, answers)
    for source in notebook["metadata"]["otter"]["tests"].values():
        run_public_test(source, namespace)
    return MEMORISER_TEMPLATE.format(answers=repr(answers), names=repr(CONTRACT_FUNCTIONS),
                                     answer_key=inspect.getsource(answer_key))


def answer_key(name, args, kwargs):
    """The table's key for one call (the memoriser carries this very function, as source)."""
    import random

    def plain(v):
        if isinstance(v, random.Random):
            return ("rng", hash(v.getstate()))
        if callable(v):
            return "function"
        if isinstance(v, (list, tuple)):
            return tuple(plain(x) for x in v)
        if isinstance(v, dict):
            return tuple(sorted((k, plain(x)) for k, x in v.items()))
        return v
    return repr((name, plain(args), plain(kwargs)))


def recording(function, name, answers):
    def record(*args, **kwargs):
        key = answer_key(name, args, kwargs)
        try:
            result = function(*args, **kwargs)
        except ValueError:
            answers[key] = "raise ValueError"
            raise
        if "plot" not in name:
            answers[key] = result
        return result
    return record


def run_public_test(source, namespace):
    lines = [line for line in source.splitlines() if not line.startswith(("from otter", "@test_case"))]
    scope = {}
    exec("\n".join(lines), scope)
    for test in [v for k, v in scope.items() if k.startswith("test_") and k.endswith("_public")]:
        params = inspect.signature(test).parameters
        try:
            test(**{p: (namespace if p == "env" else namespace.get(p)) for p in params})
        except Exception:
            pass


MEMORISER_TEMPLATE = '''import math
import random

ANSWERS = {answers}


{answer_key}

def _answer(name):
    def function(*args, **kwargs):
        key = answer_key(name, args, kwargs)
        if key not in ANSWERS:
            known = [k for k in ANSWERS if k.startswith("(" + repr(name) + ",")]
            if not known:
                raise ValueError(name)
            key = known[0]
        value = ANSWERS[key]
        if value == "raise ValueError":
            raise ValueError(name)
        return eval(repr(value))  # a fresh copy
    return function


for _name in {names}:
    globals()[_name] = _answer(_name)
'''

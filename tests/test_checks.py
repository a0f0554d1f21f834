"""The hidden checks themselves, in this process, over many hidden seeds.

`make grade` gives each submission one seed; these tests try many, so that a check
that a correct solution could fail on unlucky inputs (or a mistake that only shows
on lucky ones) is found here rather than in a student's grade.
"""
import importlib
import sys

import pytest

from conftest import ROOT
from autograder import catalog

SEEDS_PER_CHECK = 60
SEEDS_PER_MISTAKE = 4


@pytest.fixture(scope="module")
def checks(fresh_build, tmp_path_factory):
    """The autograder's nn_grading package, imported from the fresh build."""
    sys.path.insert(0, str(fresh_build / "assign"))
    forget_nn_grading()  # the kit's own copy (engine.py imports it) has no reference module
    try:
        yield importlib.import_module("nn_grading.checks")
    finally:
        sys.path.remove(str(fresh_build / "assign"))
        forget_nn_grading()


def forget_nn_grading():
    for name in [n for n in sys.modules if n == "nn_grading" or n.startswith("nn_grading.")]:
        del sys.modules[name]


@pytest.fixture(scope="module")
def reference_script(fresh_build):
    return catalog.reference_script(fresh_build / "examples" / "submissions" / "reference.ipynb")


def namespace_of(script):
    """The functions of a .py submission, defined the way a notebook defines them: in one namespace."""
    env = {"__name__": "__main__"}
    exec(compile(script, "submission.py", "exec"), env)
    return env


def failures(checks, env, questions, seeds):
    """{(question, seed): message} for every hidden check of `questions` that fails."""
    found = {}
    for seed in seeds:
        checks.submission_seed = lambda env, seed=seed: f"seed-{seed}"
        for question in questions:
            for check in checks.HIDDEN_CHECKS[question]:
                try:
                    check(env)
                except AssertionError as e:
                    found[(question, check.__name__, seed)] = str(e)
    return found


def test_the_reference_passes_every_hidden_check_for_many_seeds(checks, reference_script):
    env = namespace_of(reference_script)
    assert failures(checks, env, list(checks.HIDDEN_CHECKS), list(range(SEEDS_PER_CHECK))) == {}


def test_the_end_to_end_check_passes_the_reference(checks, reference_script):
    checks.training_end_to_end(namespace_of(reference_script))


@pytest.mark.parametrize("mistake", catalog.load(), ids=lambda m: m["name"])
def test_each_mistake_is_caught_and_named_whatever_the_seed(checks, reference_script, mistake):
    env = namespace_of(catalog.with_mistake(reference_script, mistake))
    seeds = list(range(1000, 1000 + SEEDS_PER_MISTAKE))
    found = failures(checks, env, mistake["questions"], seeds)
    for seed in seeds:
        said = " ".join(message for (_, _, s), message in found.items() if s == seed)
        assert said, f"seed {seed}: no hidden check of {mistake['questions']} caught it"
        for words in mistake["feedback"]:
            assert words in said, f"seed {seed}: the feedback should say {words!r}; it says: {said}"

"""The hidden checks themselves, in this process, over many hidden seeds.

`make grade` gives each submission one seed; these tests try many, so that a check
that a correct solution could fail on unlucky inputs (or a mistake that only shows
on lucky ones) is found here rather than in a student's grade. The hidden inputs
vary with the seed, but the structure that shows each mistake (a ragged last row,
a mismatch in the columns only, a mask with kept and dropped units) is there on
every seed: each mistake of the catalog, and each of the independent solution's
bugs, is graded under SEEDS_PER_MISTAKE seeds and must be caught on all of them.
"""
import importlib
import sys

import pytest

from conftest import ROOT
from autograder import catalog
from test_mistakes import INDEPENDENT, INDEPENDENT_BUGS

SEEDS_PER_CHECK = 60
SEEDS_PER_MISTAKE = 50


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


def test_the_independent_solution_passes_every_hidden_check_for_many_seeds(checks):
    env = namespace_of(INDEPENDENT.read_text())
    assert failures(checks, env, list(checks.HIDDEN_CHECKS), list(range(20))) == {}


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


@pytest.mark.parametrize("name", INDEPENDENT_BUGS)
def test_each_bug_of_the_independent_solution_is_caught_whatever_the_seed(checks, name):
    question, old, new = INDEPENDENT_BUGS[name]
    env = namespace_of(INDEPENDENT.read_text().replace(old, new))
    seeds = list(range(1000, 1000 + SEEDS_PER_MISTAKE))
    found = failures(checks, env, [question], seeds)
    assert sorted({seed for (_, _, seed) in found}) == seeds, f"{name} went unseen in {question} on some seeds"


# ---------------------------------------------------------------------------
# Finite numbers only
# ---------------------------------------------------------------------------

INF = 'float("inf")'
# (question, a function that returns inf or nan where the expected value is finite)
NON_FINITE = {
    "backward_inf_everywhere": ("backward_grads", f"""
def backward(params, cache, y, keep_prob=1.0):
    return {{k: [[{INF}] * len(v[0]) for _ in v] for k, v in params.items()}}
"""),
    "backward_one_inf_entry": ("backward_grads", """
_backward = backward
def backward(params, cache, y, keep_prob=1.0):
    grads = _backward(params, cache, y, keep_prob)
    grads["W1"][0][0] = float("inf")
    return grads
"""),
    "backward_nan_entry": ("backward_grads", """
_backward = backward
def backward(params, cache, y, keep_prob=1.0):
    grads = _backward(params, cache, y, keep_prob)
    grads["b2"][0][0] = float("nan")
    return grads
"""),
    "sigmoid_nan": ("forward_sigmoid", 'def sigmoid(z):\n    return float("nan")\n'),
    "dot_inf": ("vector_ops_products", f"def dot(u, v):\n    return {INF}\n"),
    "matmul_inf": ("vector_ops_products", """
_matmul = matmul
def matmul(A, B):
    return [[x * float("inf") for x in row] for row in _matmul(A, B)]
"""),
    "bce_loss_inf": ("forward_loss", f"def bce_loss(A2, y):\n    return {INF}\n"),
    "relative_error_inf": ("backward_relative_error", f"def relative_error(a, b):\n    return {INF}\n"),
    "relative_error_nan": ("backward_relative_error", 'def relative_error(a, b):\n    return float("nan")\n'),
    "numerical_gradient_inf": ("backward_numerical", f"""
def numerical_gradient(f, params, h=1e-5):
    return {{k: [[{INF}] * len(v[0]) for _ in v] for k, v in params.items()}}
"""),
    "update_params_inf": ("training_update", f"""
def update_params(params, grads, lr):
    return {{k: [[{INF}] * len(v[0]) for _ in v] for k, v in params.items()}}
"""),
    "train_inf": ("training_train", f"""
_train = train
def train(X, y, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0):
    params, losses = _train(X, y, n_h, epochs, lr, keep_prob, seed)
    return {{k: [[{INF}] * len(v[0]) for _ in v] for k, v in params.items()}}, [{INF}] * len(losses)
"""),
    "accuracy_inf": ("training_predict", f"def accuracy(y_pred, y):\n    return {INF}\n"),
    "dropout_backward_inf": ("dropout_backward", f"""
def dropout_backward(dout, mask, keep_prob):
    return [[{INF}] * len(row) for row in dout]
"""),
    "apply_inf": ("vector_ops_elementwise", f"def apply(f, A):\n    return [[{INF} for a in row] for row in A]\n"),
}


@pytest.mark.parametrize("name", NON_FINITE)
def test_inf_and_nan_never_pass_where_a_finite_value_is_expected(checks, reference_script, name):
    question, override = NON_FINITE[name]
    env = namespace_of(reference_script + "\n" + override)
    seeds = list(range(10))
    found = failures(checks, env, [question], seeds)
    assert sorted({seed for (_, _, seed) in found}) == seeds, f"{name} passed {question} on some seeds"
    assert all("finite" in message for message in found.values()), found


def test_the_comparisons_require_a_finite_number_wherever_the_expected_value_is_finite(checks):
    inf, nan = float("inf"), float("nan")
    for got in (inf, -inf, nan):
        assert not checks.close(got, 1.0) and not checks.close(got, 1.0, rtol=inf)
        assert not checks.same(got, 1.0) and not checks.same([[got]], [[1.0]], rtol=inf)
        assert not checks.gradient_agrees([[got]], [[1.0]])
        with pytest.raises(AssertionError, match=f"should be a finite float, got {got!r}"):
            checks.check_float(got, 1.0, "x")
        with pytest.raises(AssertionError, match="should be a finite float"):
            checks.check_matrix([[1.0, got]], [[1.0, 2.0]], "M", rtol=inf)
    assert checks.same([nan, inf], [nan, inf], rtol=0.0)  # a non-finite value is matched by itself only
    assert not checks.same(inf, -inf)

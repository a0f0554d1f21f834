"""Graded alone, with only what the maths needs: no served reference hands out the answer.

While a question is checked, the references of the functions it builds on are served to the
student's code (checks.USES), so that one mistake costs one question. A reference that contains
the graded function (forward holds sigmoid and matmul, train(..., epochs=0) is init_params) or
computes the same quantity another way (numerical_gradient at two step sizes is the grader's own
five-point difference) would give its points away. The call graph here is read from the generated
reference.py itself, so a change of the reference that makes a served function call a graded one
fails here, not in a student's grade.
"""
import ast

import pytest

from test_checks import checks, failures, namespace_of, reference_script  # noqa: F401 (fixtures)

QUESTIONS = ["vector_ops_basics", "vector_ops_products", "vector_ops_elementwise", "forward_sigmoid", "forward_init",
             "forward_pass", "forward_loss", "dropout_forward", "dropout_backward", "backward_numerical",
             "backward_relative_error", "backward_grads", "training_update", "training_train", "training_predict",
             "training_plots"]
# References that compute a question's quantity without calling its functions: never served to it.
SAME_QUANTITY = {
    # matmul(A, c I) is scale, a row of ones times A is column_sums; p - lr g and dout * mask / keep_prob
    # are subtract, add, scale and multiply in disguise.
    "vector_ops_elementwise": {"matmul", "dot", "update_params", "dropout_forward", "dropout_backward", "forward",
                               "backward"},
    # column_sums(multiply(transpose([row]), B)) is a row of matmul; forward's Z1 is X W1 with b1 = 0.
    "vector_ops_products": {"multiply", "column_sums", "forward", "backward", "train"},
    "vector_ops_basics": {"forward", "backward"},
    "forward_sigmoid": {"forward", "predict", "plot_decision", "train"},  # A2 = sigmoid(b2) for zero weights
    "forward_init": {"train"},  # train(..., epochs=0) returns init_params
    "forward_pass": {"train", "predict", "plot_decision"},
    "forward_loss": {"train"},  # losses[0]
    "dropout_forward": {"forward", "train"},  # forward's cache["mask"]
    "dropout_backward": {"backward", "train", "dropout_forward"},
    "backward_numerical": {"backward", "train"},
    # numerical_gradient at h and 2h, combined, is a five-point difference of the loss.
    "backward_grads": {"numerical_gradient", "relative_error", "train", "forward", "bce_loss"},
    "training_update": {"train"},
    "training_predict": {"plot_decision", "train"},
}


def call_graph(source):
    """{function: the module-level functions it names (calls or passes on)} for a module's source."""
    functions = {node.name: node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)}
    return {name: {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in functions and n.id != name}
            for name, node in functions.items()}


def reaches(graph, start, through=None):
    """Every function `start` calls, directly or not; with `through`, only following the functions for
    which through(name) holds (the others are collected but not entered)."""
    seen, todo = set(), list(graph[start])
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            if through is None or through(name):
                todo.extend(graph.get(name, ()))
    return seen


@pytest.fixture(scope="module")
def graph(reference):
    with open(reference.__file__) as f:
        return call_graph(f.read())


def test_every_question_has_a_dependency_list_of_contract_functions(checks):
    assert sorted(checks.USES) == sorted(checks.GRADED_FUNCTIONS) == sorted(QUESTIONS)
    for question, served in checks.USES.items():
        assert served <= checks.CONTRACT_FUNCTIONS, question
        assert not served & checks.GRADED_FUNCTIONS[question], f"{question} is served its own functions"


@pytest.mark.parametrize("question", QUESTIONS)
def test_no_served_reference_is_or_calls_a_graded_function(checks, graph, question):
    graded = checks.GRADED_FUNCTIONS[question]
    for name in checks.USES[question]:
        contained = ({name} | reaches(graph, name)) & graded
        assert not contained, f"{question}: the reference {name} is served, and it runs {sorted(contained)}"


@pytest.mark.parametrize("question", QUESTIONS)
def test_no_served_reference_computes_the_graded_quantity(checks, question):
    assert not checks.USES[question] & SAME_QUANTITY.get(question, set())


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_references_of_a_question_need_nothing_that_is_not_served(checks, graph, question):
    """What the question's own reference functions call (through private helpers such as _elementwise)
    is served: the maths of the question needs nothing more, so the list is not too short."""
    own, served = checks.GRADED_FUNCTIONS[question], checks.USES[question]
    for name in own:
        needed = reaches(graph, name, through=lambda n: n not in checks.CONTRACT_FUNCTIONS) & checks.CONTRACT_FUNCTIONS
        assert needed <= own | served, f"{question}: the reference {name} calls {sorted(needed - own - served)}"


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_students_process_is_served_the_table_and_nothing_else(checks, question):
    """The branch of graded_alone for a student's own process asks it for exactly USES[question]."""
    asked = []

    class Submission:
        def use_reference(self, names):
            asked.append(("use", sorted(names)))

        def restore(self):
            asked.append(("restore",))

    with checks.graded_alone({"__nn_submission__": Submission()}, question):
        pass
    assert asked == [("use", sorted(checks.USES[question])), ("restore",)]


def stubbed(script, keep):
    """The script with every contract function outside `keep` replaced by a stub that raises."""
    return script + "\n\ndef _stub(name):\n    def stub(*args, **kwargs):\n        raise NotImplementedError(name)\n" \
        "    return stub\n\n\nfor _name in " + repr(sorted(keep)) + ":\n    globals()[_name] = _stub(_name)\n"


@pytest.mark.parametrize("question", QUESTIONS)
def test_each_question_gets_full_marks_with_only_its_own_functions_written(checks, reference_script, question):
    """The reference's functions of one question, every other contract function a stub: the question
    still gets full marks, since what it builds on is served. Over many seeds, in this process."""
    env = namespace_of(stubbed(reference_script, checks.CONTRACT_FUNCTIONS - checks.GRADED_FUNCTIONS[question]))
    assert failures(checks, env, [question], range(20)) == {}


# Each contract function computed from a reference that contains it, nothing of the maths written; the
# functions borrowed from are not written at all (they raise, as a student's unfinished stubs do).
BORROWER = '''
import math


def shape(A):
    return (len(A), len(A[0])) if A else (0, 0)


def zeros(rows, cols):
    return [[0.0 for _ in range(cols)] for _ in range(rows)]


def transpose(A):
    return [[row[j] for row in A] for j in range(len(A[0]))]


def sigmoid(z):  # A2 of forward with zero weights and b2 = z
    params = {"W1": [[0.0]], "b1": [[0.0]], "W2": [[0.0]], "b2": [[float(z)]]}
    return forward([[0.0]], params)[0][0][0]


def matmul(A, B):  # forward's Z1 with W1 = B and b1 = 0
    n_h = len(B[0])
    params = {"W1": B, "b1": [[0.0] * n_h], "W2": [[0.0] for _ in range(n_h)], "b2": [[0.0]]}
    return forward(A, params)[1]["Z1"]


def dot(u, v):
    return matmul([u], [[x] for x in v])[0][0]


def subtract(A, B):  # p - lr g with lr = 1
    return update_params({"p": A}, {"p": B}, 1.0)["p"]


def add(A, B):
    return update_params({"p": A}, {"p": B}, -1.0)["p"]


def multiply(A, B):  # dout * mask / keep_prob with keep_prob = 1
    return dropout_backward(A, B, 1.0)


def scale(A, c):
    return update_params({"p": zeros(len(A), len(A[0]))}, {"p": A}, -c)["p"]


def _identity(n):
    return [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]


def add_bias(A, b):  # forward's Z1 with W1 the identity
    cols = len(A[0])
    params = {"W1": _identity(cols), "b1": b, "W2": [[0.0] for _ in range(cols)], "b2": [[0.0]]}
    return forward(A, params)[1]["Z1"]


def column_sums(A):  # a row of ones times A
    return matmul([[1.0] * len(A)], A)


def apply(f, A):
    return [[f(a) for a in row] for row in A]


def init_params(D, n_h, seed):  # train(..., epochs=0) returns init_params(D, n_h, seed)
    return train([[0.0] * D], [[1.0]], n_h=n_h, epochs=0, seed=seed)[0]


def dropout_forward(A, keep_prob, rng):  # forward's mask, with W1 the identity
    if not 0.0 < keep_prob <= 1.0:
        raise ValueError(keep_prob)
    cols = len(A[0])
    params = {"W1": _identity(cols), "b1": [[0.0] * cols], "W2": [[0.0] for _ in range(cols)], "b2": [[0.0]]}
    mask = forward(A, params, keep_prob, rng)[1]["mask"] or [[1.0] * cols for _ in A]
    return [[a * m / keep_prob for a, m in zip(ra, rm)] for ra, rm in zip(A, mask)], mask


def backward(params, cache, y, keep_prob=1.0):  # central differences at h and 2h: a five-point difference
    def loss(p):
        return bce_loss(forward(cache["X"], p)[0], y)
    near, far = numerical_gradient(loss, params, 1e-4), numerical_gradient(loss, params, 2e-4)
    return {k: [[(4.0 * a - b) / 3.0 for a, b in zip(ra, rb)] for ra, rb in zip(near[k], far[k])] for k in near}


def forward(X, params, keep_prob=1.0, rng=None):
    raise NotImplementedError("not written")


def bce_loss(A2, y):
    raise NotImplementedError("not written")


def dropout_backward(dout, mask, keep_prob):
    raise NotImplementedError("not written")


def numerical_gradient(f, params, h=1e-5):
    raise NotImplementedError("not written")


def update_params(params, grads, lr):
    raise NotImplementedError("not written")


def train(X, y, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0):
    raise NotImplementedError("not written")
'''
BORROWED = {"forward_sigmoid": "sigmoid", "vector_ops_products": "matmul", "vector_ops_elementwise": "add",
            "forward_init": "init_params", "dropout_forward": "dropout_forward", "backward_grads": "backward"}


@pytest.mark.parametrize("question", BORROWED)
def test_a_function_borrowed_from_a_reference_that_contains_it_earns_nothing(checks, question):
    found = failures(checks, namespace_of(BORROWER), [question], range(5))
    assert len(found) == 5 * len(checks.HIDDEN_CHECKS[question]), \
        f"{question}: the borrowing {BORROWED[question]} passed a hidden check"
    # What it borrows from is the student's own here: the unwritten stub.
    assert all("NotImplementedError" in message for message in found.values()), found

"""Hidden checks of "Building a Neural Net From Scratch".

One function per hidden test case of the master notebook; each takes the student's
global namespace `env` and raises AssertionError with a message written for the
student when something is wrong. The expected values come from `reference`,
which `make assign` generates from the master's solution cells.

Three rules shape every check:
- Graded alone. While a question is checked, the contract functions its maths
  legitimately builds on (`USES`) are the reference's (swapped into the student's
  namespace and put back afterwards), so one mistake costs one question: a broken
  `matmul` is a vector-operations mistake, not a forward, backward and training
  mistake too. Only those are served: never a reference that contains the graded
  function or computes the same quantity (`forward` holds `sigmoid` and `matmul`,
  `numerical_gradient` is a backward pass by other means), which would hand out
  the answer. Every other name stays the student's own. Only the 0-point
  end-to-end check runs the student's whole network.
- Drawn per submission. Hidden inputs come from a seed derived from the
  submission's code, so answers hard-coded for the public checks earn nothing and
  a regrade of the same file gives the same result.
- Named mistakes. A failure says what was expected and what came back in the
  exercise's terms (shapes, the first entry that differs, the relative error per
  gradient) and, where a classic mistake explains the result, names it: the
  reference is re-run with that mistake and compared.

Tolerances (sources in ../shared/notes/grading-field-notes.md):
- values: relative 1e-9, as CS231n's layer checks expect about 1e-9;
- gradients: every entry within a relative 1e-6 of finite differences of the
  *reference* loss, |a - b| <= 1e-6 (|a| + |b|) + 1e-10 (CS231n expects a relative
  error max |a - b| / max(1e-8, |a| + |b|) of 1e-7 or less for a two-layer net and
  1e-6 with dropout; a real mistake gives 1e-2 or more). The differences are
  five-point ones (h = 1e-4, error about 1e-12), so that the small absolute term
  only forgives noise: with plain central differences (h = 1e-5, noise about
  1e-10) an entry near 1e-5 alone gives a correct backward a relative error of 1e-6.
"""
import ast
import contextlib
import functools
import hashlib
import json
import math
import os
import random
import sys

from . import contract
from . import reference as ref
from .compare import (ALIASED_ROWS, check_imports, speaking_plainly, NOT_REPRODUCIBLE, VALUE_RTOL, call, call_pure, check_float, check_matrix, check_params_dict,  # noqa: F401
                      close, diagnose, expect_value_error, finite, kind_of, not_finite, number, same, size,
                      student_function, told, where_in_student_code)

GRADIENT_TOLERANCE = 1e-6
# What the end-to-end check needs: to tell a network that learns from one that does not, cheaply (it trains
# the student's whole network in their process). Measured on the mistakes catalog, 16 seeds each
# (issue 14): the reference reached at least 0.88 after 200 epochs on make_dataset(50, s) (0.87 on 100
# points, at twice the cost; 150 or 120 epochs: 0.84 and 0.78, too near the threshold). Every mistake that
# stops learning outright fails it on all 16 seeds at 50 points as at 100 (sigmoid_negative_branch_flipped,
# forward_no_bias, backward_tanh_derivative_of_z1, update_params_wrong_sign; a crash fails it anyway); those
# that only slow it down fail it on fewer seeds (at 100 -> 50 points: forward_sigmoid_hidden 10 -> 7,
# backward_tanh_derivative_not_squared 15 -> 13, backward_missing_1_over_n 15 -> 14,
# backward_extra_sigmoid_derivative 5 -> 2 of 16): 100 of the 109 failures kept. Their own checks, which
# carry the points, catch each of them on every seed.
ACCURACY_THRESHOLD = 0.75
ACCURACY_EPOCHS = 200
ACCURACY_POINTS = 50
PARAM_KEYS = ["W1", "b1", "W2", "b2"]
CACHE_KEYS = ["X", "Z1", "A1", "mask", "H1", "Z2", "A2"]

# The functions each question grades.
GRADED_FUNCTIONS = {
    "vector_ops_basics": {"shape", "zeros", "transpose"},
    "vector_ops_products": {"dot", "matmul"},
    "vector_ops_elementwise": {"add", "subtract", "multiply", "scale", "add_bias", "column_sums", "apply"},
    "forward_sigmoid": {"sigmoid"},
    "forward_init": {"init_params"},
    "forward_pass": {"forward"},
    "forward_loss": {"bce_loss"},
    "dropout_forward": {"dropout_forward"},
    "dropout_backward": {"dropout_backward"},
    "backward_numerical": {"numerical_gradient"},
    "backward_relative_error": {"relative_error"},
    "backward_grads": {"backward"},
    "training_update": {"update_params"},
    "training_train": {"train"},
    "training_predict": {"predict", "accuracy"},
    "training_plots": {"plot_losses", "plot_decision"},
}
assert tuple(GRADED_FUNCTIONS) == contract.QUESTIONS, "one entry per question, in the notebook's order"
CONTRACT_FUNCTIONS = set().union(*GRADED_FUNCTIONS.values())
assert CONTRACT_FUNCTIONS == set(contract.FUNCTIONS), "every contract function is graded in one question"
VECTOR_OPS = GRADED_FUNCTIONS["vector_ops_basics"] | GRADED_FUNCTIONS["vector_ops_products"] \
    | GRADED_FUNCTIONS["vector_ops_elementwise"]
# The references served while a question is checked: what its functions legitimately call, from the
# maths of the contract, and nothing more. None of them is, or calls (in the reference's own code),
# a function of the question, and none computes the same quantity another way; every other contract
# name is the student's own while the question is checked. tests/test_dependencies.py holds this
# table against the reference's call graph.
# - Part 1 builds on shape, zeros and transpose alone: matmul would give column_sums (a row of ones
#   times A) and scale (A times c I), multiply and column_sums would give dot and matmul.
# - sigmoid uses nothing: forward and predict contain it.
# - forward builds on the vector operations, sigmoid and dropout_forward; dropout_forward, the loss,
#   dropout_backward, numerical_gradient, relative_error and update_params on the vector operations.
# - backward on the vector operations and dropout_backward: never numerical_gradient (at two step
#   sizes it is the grader's own five-point difference), forward, bce_loss or train.
# - train on everything it runs; predict and the plots on forward (and predict).
USES = {
    "vector_ops_basics": set(),
    "vector_ops_products": {"shape", "zeros", "transpose"},
    "vector_ops_elementwise": {"shape", "zeros", "transpose"},
    "forward_sigmoid": set(),
    "forward_init": VECTOR_OPS,
    "forward_pass": VECTOR_OPS | {"sigmoid", "dropout_forward"},
    "forward_loss": VECTOR_OPS,
    "dropout_forward": VECTOR_OPS,
    "dropout_backward": VECTOR_OPS,
    "backward_numerical": VECTOR_OPS,
    "backward_relative_error": VECTOR_OPS,
    "backward_grads": VECTOR_OPS | {"dropout_backward"},
    "training_update": VECTOR_OPS,
    "training_train": VECTOR_OPS | {"sigmoid", "init_params", "forward", "bce_loss", "dropout_forward",
                                    "dropout_backward", "backward", "update_params"},
    "training_predict": VECTOR_OPS | {"sigmoid", "forward"},
    "training_plots": VECTOR_OPS | {"sigmoid", "forward", "predict"},
}
_MISSING = object()


# ---------------------------------------------------------------------------
# The submission: its code, its seed, its imports
# ---------------------------------------------------------------------------

def submission_code(env):
    """The submission's code exactly as its process ran it: the statements the plugin handed over,
    after every conversion Otter and the plugin made. Nothing else of the file counts."""
    submission = env.get("__nn_submission__")
    return tuple(submission.cells) if submission is not None else ()


def submission_seed(env):
    """A seed from the code that runs (not its outputs, not the file around it) and the autograder's own
    secret: the same code always gets the same hidden inputs from one autograder zip, and a submission
    that knows its own code still cannot work out its inputs (and precompute their answers)."""
    code = json.dumps(submission_code(env)).encode("utf-8", "replace")
    return hashlib.sha256(seed_secret().encode() + b"\0" + code).hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def seed_secret():
    """Drawn once per `make assign` (nn_grading/seed_secret.py, in the zip only, unreadable to the
    student's process when grading runs as root)."""
    try:
        from . import seed_secret as secret
    except ImportError:  # the kit's own copy, outside a built autograder
        return ""
    return secret.SECRET


def hidden_rng(check_name, env):
    return random.Random(f"{submission_seed(env)}/{check_name}")


# ---------------------------------------------------------------------------
# Grading one question alone
# ---------------------------------------------------------------------------

@contextlib.contextmanager
def graded_alone(env, question):
    """Within the block, the functions `question` builds on (USES) are the reference's; every other
    name, the question's own functions included, is the student's."""
    own, served = GRADED_FUNCTIONS[question], sorted(USES[question])
    submission = env.get("__nn_submission__")
    if submission is not None:  # the student's code runs in its own process: swap the names there
        submission.use_reference(served)
        try:
            yield
        finally:
            submission.restore()
        return
    namespaces = {id(env): env}
    for name in own:  # the dicts the student's functions look their names up in
        namespace = getattr(env.get(name), "__globals__", None)
        if isinstance(namespace, dict):
            namespaces[id(namespace)] = namespace
    saved = []
    for namespace in namespaces.values():
        for name in served:
            saved.append((namespace, name, namespace.get(name, _MISSING)))
            namespace[name] = getattr(ref, name)
    try:
        yield
    finally:
        for namespace, name, value in reversed(saved):
            if value is _MISSING:
                namespace.pop(name, None)
            else:
                namespace[name] = value


HIDDEN_CHECKS = {}  # question -> its hidden checks that carry points, in order


def hidden_check(question):
    """Decorate `check(env, rng)` into the hidden test `check(env)` of `question`."""
    def decorate(check):
        @functools.wraps(check)
        @speaking_plainly
        def run(env):
            check_imports(env)
            with graded_alone(env, question):
                check(env, hidden_rng(check.__name__, env))
            check_imports(env)  # again: an import inside a function shows when it is called
        HIDDEN_CHECKS.setdefault(question, []).append(run)
        return run
    return decorate


# ---------------------------------------------------------------------------
# Calling the student's functions and comparing what comes back: nn_grading/compare.py, shared
# with the public checks (which carry it into the notebook).
# ---------------------------------------------------------------------------



def random_matrix(rng, rows, cols, low=-2.0, high=2.0):
    return [[rng.uniform(low, high) for _ in range(cols)] for _ in range(rows)]


def random_labels(rng, rows):
    """N x 1 labels with both classes present."""
    labels = [[float(rng.random() < 0.5)] for _ in range(rows)]
    if rows > 1:
        labels[0], labels[1] = [1.0], [0.0]
    return labels


def random_params(rng, D=3, n_h=4):
    """Parameters with non-zero biases, so that a forgotten bias shows."""
    return {"W1": random_matrix(rng, D, n_h, -1.0, 1.0), "b1": random_matrix(rng, 1, n_h, -0.5, 0.5),
            "W2": random_matrix(rng, n_h, 1, -1.0, 1.0), "b2": random_matrix(rng, 1, 1, -0.5, 0.5)}


def non_square(rng, low=1, high=6):
    rows = rng.randint(low, high)
    cols = rng.choice([c for c in range(low, high + 2) if c != rows])
    return rows, cols


# ---------------------------------------------------------------------------
# Part 1: vector operations
# ---------------------------------------------------------------------------

@hidden_check("vector_ops_basics")
def vector_ops_basics(env, rng):
    for rows, cols in [(1, 1), non_square(rng, 2), non_square(rng, 2), (rng.randint(2, 5), 1)]:
        A = random_matrix(rng, rows, cols)
        got = call_pure(env, "shape", A)
        if type(got) is not tuple or len(got) != 2 or any(type(v) is not int for v in got):
            raise AssertionError(f"shape should return a tuple of two ints (rows, cols), got {got!r}")
        if got != (rows, cols):
            swapped = diagnose(got, [("rows and columns are swapped: the rows are len(A), the columns the length of a row",
                                      (cols, rows))])
            raise AssertionError(f"shape of a {rows} x {cols} matrix should be ({rows}, {cols}), got {got}"
                                 + (f". {swapped}" if swapped else ""))
    if call(env, "shape", []) != (0, 0):
        raise AssertionError("shape([]) should be (0, 0)")
    # The odd row at row 1, at the end (longer and shorter) and at row 0, whatever the seed: a shape that
    # compares only rows 0 and 1, or only the last row with the first, is caught on every seed.
    rows, cols = rng.randint(3, 6), rng.randint(2, 4)
    for odd, change in [(1, 1), (rows - 1, 1), (rows - 1, -1), (0, -1)]:
        ragged = random_matrix(rng, rows, cols)
        ragged[odd] = ragged[odd] + [1.0] if change > 0 else ragged[odd][:-1]
        expect_value_error(env, "shape", (ragged,), f"when the rows differ in length (row {odd} of {rows} has "
                           f"{cols + change} entries, the others {cols})")

    for rows, cols in [non_square(rng, 2), (1, rng.randint(2, 6)), (rng.randint(2, 6), 1)]:
        Z = call(env, "zeros", rows, cols)
        check_matrix(Z, ref.zeros(rows, cols), f"zeros({rows}, {cols})")
        facts = getattr(env["zeros"], "facts", None)  # from the student's process, where rows have identities
        if (facts.get("aliased_rows") if facts is not None else len({id(row) for row in Z}) != rows):
            raise AssertionError(f"`zeros` {ALIASED_ROWS}")

    for rows, cols in [non_square(rng, 2), (1, rng.randint(2, 5)), (rng.randint(2, 5), 1), (3, 3)]:
        A = random_matrix(rng, rows, cols)
        check_matrix(call_pure(env, "transpose", A), ref.transpose(A), f"transpose of a {rows} x {cols} matrix")


@hidden_check("vector_ops_products")
def vector_ops_products(env, rng):
    for n in (1, rng.randint(2, 5), rng.randint(6, 12)):
        u, v = random_matrix(rng, 2, n)
        check_float(call_pure(env, "dot", u, v), ref.dot(u, v), f"dot of two lists of length {n}")
    n = rng.randint(3, 6)
    for u, v in [random_matrix(rng, 1, n) + random_matrix(rng, 1, n - 1),
                 random_matrix(rng, 1, n - 1) + random_matrix(rng, 1, n)]:  # the longer one first, then second
        expect_value_error(env, "dot", (u, v), f"when the lengths differ ({len(u)} and {len(v)})")

    k = rng.randint(2, 5)
    for n, m in [non_square(rng, 2), (1, 1), (rng.randint(2, 4), 1)]:
        A, B = random_matrix(rng, n, k), random_matrix(rng, k, m)
        check_matrix(call_pure(env, "matmul", A, B), ref.matmul(A, B), f"matmul of a {n} x {k} and a {k} x {m} matrix",
                     mistakes=[("row i of A must be dotted with column j of B, not with row j of B.",
                                lambda: [[ref.dot(a, b[:len(a)]) for b in B] for a in A])])
    # B with one row more than A has columns, one row fewer, and a B of A's own shape.
    n, m = rng.randint(2, 4), rng.randint(2, 4)
    k = rng.choice([k for k in range(2, 6) if k != n])
    for A, B in [(random_matrix(rng, n, k), random_matrix(rng, k + 1, m)),
                 (random_matrix(rng, n, k), random_matrix(rng, k - 1, m)),
                 (random_matrix(rng, n, k), random_matrix(rng, n, k))]:
        expect_value_error(env, "matmul", (A, B), f"for a {size(A)} times a {size(B)} matrix "
                           f"(inner sizes {len(A[0])} and {len(B)} differ)")


@hidden_check("vector_ops_elementwise")
def vector_ops_elementwise(env, rng):
    rows, cols = non_square(rng, 2)
    A, B = random_matrix(rng, rows, cols), random_matrix(rng, rows, cols)
    # Mismatches in the rows only, in the columns only (more and fewer of each), and in both: a helper
    # that compares only the rows, or only the columns, is caught on every seed.
    mismatched = [(rows + 1, cols), (rows - 1, cols), (rows, cols + 1), (rows, cols - 1), (cols, rows)]
    for name in ("add", "subtract", "multiply"):
        check_matrix(call_pure(env, name, A, B), getattr(ref, name)(A, B), f"{name} of two {rows} x {cols} matrices")
        for other in mismatched:
            expect_value_error(env, name, (A, random_matrix(rng, *other)),
                               f"for a {rows} x {cols} and a {other[0]} x {other[1]} matrix")
    c = rng.choice([-1.5, 0.5, 2.5, -0.25])
    check_matrix(call_pure(env, "scale", A, c), ref.scale(A, c), f"scale(A, {c})")

    cols = rng.randint(3, 6)
    for n in (rng.randint(2, cols - 1), rng.randint(cols + 1, 8)):  # fewer rows than columns, then more
        X, b = random_matrix(rng, n, cols), random_matrix(rng, 1, cols)
        check_matrix(call_pure(env, "add_bias", X, b), ref.add_bias(X, b),
                     f"add_bias of a {n} x {cols} matrix and a 1 x {cols} row",
                     mistakes=[("b must be added along each row (b[0][j] to column j), not down the columns.",
                                lambda: [[x + b[0][i] for x in row] for i, row in enumerate(X)])])
    # b too long, too short, and of the right length but two rows.
    for b_rows, b_cols in [(1, cols + 1), (1, cols - 1), (2, cols)]:
        expect_value_error(env, "add_bias", (X, random_matrix(rng, b_rows, b_cols)),
                           f"for a {n} x {cols} matrix and a {b_rows} x {b_cols} b (it must be 1 x {cols})")

    for rows, cols in [non_square(rng, 2), (1, rng.randint(2, 5))]:
        M = random_matrix(rng, rows, cols)
        check_matrix(call_pure(env, "column_sums", M), ref.column_sums(M),
                     f"column_sums of a {rows} x {cols} matrix (a 1 x {cols} row)",
                     mistakes=[("You summed each row; column_sums adds up each column over the rows (dbias sums over "
                                "the data points).", lambda: [[sum(row) for row in M]]),
                               ("You summed each row; column_sums adds up each column over the rows.",
                                lambda: [[sum(row)] for row in M])])
    for label, f in [("math.tanh", math.tanh), ("lambda a: 2 * a + 1", lambda a: 2 * a + 1)]:
        check_matrix(call_pure(env, "apply", f, A), ref.apply(f, A), f"apply({label}, A)")


# ---------------------------------------------------------------------------
# Part 3: forward propagation
# ---------------------------------------------------------------------------

@hidden_check("forward_sigmoid")
def forward_sigmoid(env, rng):
    zs = [0.0, 1.0, -1.0, 30.0, -30.0, 700.0, -700.0, 800.0, -800.0, 1e4, -1e4]
    zs += [rng.uniform(-10.0, 10.0) for _ in range(6)]
    for z in zs:
        got = call(env, "sigmoid", z)
        expected = ref.sigmoid(z)
        if type(got) is float and not finite(got):
            raise AssertionError(not_finite(f"sigmoid({z})", got))
        if type(got) is not float or not 0.0 <= got <= 1.0 or abs(got - expected) > 1e-12 + 1e-9 * expected:
            hint = diagnose(got, [("That is sigmoid(-z): the sign in exp(-z) is off.", 1.0 - expected)]) \
                if type(got) is float else ""
            raise AssertionError(f"sigmoid({z}) should be {number(expected)}, got {got!r}" + (f". {hint}" if hint else ""))


def _init_mistakes(D, n_h, seed):
    def w2_first():
        r = random.Random(seed)
        W2 = [[r.gauss(0.0, 1.0) / math.sqrt(n_h)] for _ in range(n_h)]
        W1 = [[r.gauss(0.0, 1.0) / math.sqrt(D) for _ in range(n_h)] for _ in range(D)]
        return {"W1": W1, "b1": ref.zeros(1, n_h), "W2": W2, "b2": ref.zeros(1, 1)}

    def column_by_column():
        r = random.Random(seed)
        columns = [[r.gauss(0.0, 1.0) / math.sqrt(D) for _ in range(D)] for _ in range(n_h)]
        W2 = [[r.gauss(0.0, 1.0) / math.sqrt(n_h)] for _ in range(n_h)]
        return {"W1": ref.transpose(columns), "b1": ref.zeros(1, n_h), "W2": W2, "b2": ref.zeros(1, 1)}

    def unscaled():
        p = ref.init_params(D, n_h, seed)
        return dict(p, W1=ref.scale(p["W1"], math.sqrt(D)), W2=ref.scale(p["W2"], math.sqrt(n_h)))

    def W1_unscaled():
        p = ref.init_params(D, n_h, seed)
        return dict(p, W1=ref.scale(p["W1"], math.sqrt(D)))

    def W2_by_D():
        p = ref.init_params(D, n_h, seed)
        return dict(p, W2=ref.scale(p["W2"], math.sqrt(n_h) / math.sqrt(D)))

    def W1_uniform():
        r = random.Random(seed)
        W1 = [[r.random() / math.sqrt(D) for _ in range(n_h)] for _ in range(D)]
        W2 = [[r.gauss(0.0, 1.0) / math.sqrt(n_h)] for _ in range(n_h)]
        return {"W1": W1, "b1": ref.zeros(1, n_h), "W2": W2, "b2": ref.zeros(1, 1)}

    return [("W2 is drawn before W1: draw all of W1 row by row first, then W2.", w2_first),
            ("W1 is drawn with rng.random(), uniform on [0, 1): draw rng.gauss(0.0, 1.0) / math.sqrt(D).",
             W1_uniform),
            ("W1 is drawn column by column: draw it row by row (for i in range(D): for j in range(n_h)).",
             column_by_column),
            ("The weights are not divided by math.sqrt(D) (W1) and math.sqrt(n_h) (W2).", unscaled),
            ("W1 is not divided by math.sqrt(D).", W1_unscaled),
            ("W2 is divided by math.sqrt(D); its fan-in is n_h: divide W2 by math.sqrt(n_h).", W2_by_D)]


@hidden_check("forward_init")
def forward_init(env, rng):
    for D, n_h in [(3, 4), (rng.randint(2, 6), rng.randint(2, 6)), (rng.randint(2, 6), rng.randint(2, 6))]:
        seed = rng.randrange(10 ** 6)
        got = call(env, "init_params", D, n_h, seed)
        check_params_dict(got, ref.init_params(D, n_h, seed), f"init_params({D}, {n_h}, seed={seed})", rtol=1e-12,
                          mistakes=_init_mistakes(D, n_h, seed))


def forward_inputs(rng, N=6):
    return random_matrix(rng, N, 3, -1.0, 1.0), random_params(rng)


def _forward_mistakes(X, params, keep_prob=1.0, mask_seed=None):
    """Named mistakes of forward, as functions returning the A2 that mistake gives."""
    def run(hidden=math.tanh, biases=(True, True), output=ref.sigmoid, dropout_hidden=True):
        rng = random.Random(mask_seed) if mask_seed is not None else None
        Z1 = ref.matmul(X, params["W1"])
        if biases[0]:
            Z1 = ref.add_bias(Z1, params["b1"])
        A1 = ref.apply(hidden, Z1)
        H1 = ref.dropout_forward(A1, keep_prob, rng)[0] if keep_prob < 1 and dropout_hidden else A1
        Z2 = ref.matmul(H1, params["W2"])
        if biases[1]:
            Z2 = ref.add_bias(Z2, params["b2"])
        return ref.apply(output, Z2)

    mistakes = [("The biases b1 and b2 are not added: Z1 = X W1 + b1 and Z2 = H1 W2 + b2.",
                 lambda: run(biases=(False, False))),
                ("The hidden bias b1 is not added: Z1 = X W1 + b1.", lambda: run(biases=(False, True))),
                ("The output bias b2 is not added: Z2 = H1 W2 + b2.", lambda: run(biases=(True, False))),
                ("The hidden layer uses sigmoid; it is tanh: A1 = tanh(Z1).", lambda: run(hidden=ref.sigmoid)),
                ("The output uses tanh; it is sigmoid: A2 = sigmoid(Z2).", lambda: run(output=math.tanh))]
    if keep_prob < 1:
        mistakes.append(("Dropout is not applied to the hidden layer when keep_prob < 1: "
                         "H1, mask = dropout_forward(A1, keep_prob, rng), and the output layer takes H1, "
                         "not A1: Z2 = H1 W2 + b2.", lambda: run(dropout_hidden=False)))
    return mistakes


@hidden_check("forward_pass")
def forward_pass(env, rng):
    for N in (rng.randint(4, 9), 1):
        X, params = forward_inputs(rng, N)
        result = call_pure(env, "forward", X, params)
        if not isinstance(result, tuple) or len(result) != 2:
            raise AssertionError(f"forward should return the pair (A2, cache), got {type(result).__name__}")
        A2, cache = result
        expected_A2, expected_cache = ref.forward(X, params)
        check_matrix(A2, expected_A2, f"A2 for a batch of {N} (N x 1)", mistakes=_forward_mistakes(X, params))
        if not isinstance(cache, dict) or sorted(cache) != sorted(CACHE_KEYS):
            keys = sorted(cache) if isinstance(cache, dict) else type(cache).__name__
            raise AssertionError(f"the cache should be a dict with exactly the keys {CACHE_KEYS}, got {keys}")
        for key in ("Z1", "A1", "H1", "Z2", "A2"):
            check_matrix(cache[key], expected_cache[key], f"cache[{key!r}]")
        if cache["mask"] is not None:
            raise AssertionError("without dropout (keep_prob == 1) cache['mask'] should be None")
    expect_value_error(env, "forward", (X, params, 0.5), "when keep_prob < 1 and no rng is given")

    # With dropout (the reference dropout_forward under it) and with keep_prob 1 and an rng.
    X, params = forward_inputs(rng)
    keep_prob = rng.choice([0.5, 0.6, 0.75, 0.8])
    seed = dropout_seed(rng, ref.zeros(len(X), 4), keep_prob)  # some hidden units kept, some dropped
    used = random.Random(seed)
    _, cache = pair(call_pure(env, "forward", X, params, 1.0, used), "forward should return the pair (A2, cache)")
    if not isinstance(cache, dict) or cache.get("mask") is not None or used.getstate() != random.Random(seed).getstate():
        raise AssertionError("forward with keep_prob 1.0 must not apply dropout: cache['mask'] should be None "
                             "and the rng should not be used")
    A2, cache = pair(call_pure(env, "forward", X, params, keep_prob, random.Random(seed)),
                     "forward should return the pair (A2, cache)")
    expected_A2, expected_cache = ref.forward(X, params, keep_prob, random.Random(seed))
    check_matrix(A2, expected_A2, f"A2 of forward with keep_prob {keep_prob}",
                 mistakes=_forward_mistakes(X, params, keep_prob, seed))
    for key in ("mask", "H1"):
        check_matrix(cache.get(key) if isinstance(cache, dict) else None, expected_cache[key],
                     f"forward with keep_prob {keep_prob}: cache[{key!r}]")


@hidden_check("forward_loss")
def forward_loss(env, rng):
    for N in (rng.randint(4, 9), 1):
        A2 = random_matrix(rng, N, 1, 0.01, 0.99)
        y = random_labels(rng, N)
        terms = [-(t[0] * math.log(p[0]) + (1 - t[0]) * math.log(1 - p[0])) for p, t in zip(A2, y)]
        check_float(call_pure(env, "bce_loss", A2, y), ref.bce_loss(A2, y), f"bce_loss for {N} data points",
                    mistakes=[("That is the sum over the data points; the loss is their mean (divide by N).",
                               lambda: sum(terms)),
                              ("The sign is off: the loss is -(y log p + (1 - y) log(1 - p)), a positive number.",
                               lambda: -sum(terms) / N),
                              ("The (1 - y) log(1 - p) term is missing.",
                               lambda: sum(-t[0] * math.log(p[0]) for p, t in zip(A2, y)) / N)])
    A2, y = [[0.0], [1.0], [0.5]], [[1.0], [0.0], [1.0]]
    check_float(call_pure(env, "bce_loss", A2, y), ref.bce_loss(A2, y),
                "bce_loss with probabilities 0.0 and 1.0 on the wrong labels (clip them to [1e-12, 1 - 1e-12])")


# ---------------------------------------------------------------------------
# Part 4: dropout
# ---------------------------------------------------------------------------

def _mask_mistakes(A, keep_prob, seed):
    rows, cols = len(A), len(A[0])

    def drawn(order="rows", keep=lambda u: u < keep_prob):
        r = random.Random(seed)
        mask = ref.zeros(rows, cols)
        cells = [(i, j) for i in range(rows) for j in range(cols)] if order == "rows" else \
                [(i, j) for j in range(cols) for i in range(rows)]
        for i, j in cells:
            mask[i][j] = 1.0 if keep(r.random()) else 0.0
        return mask

    return [("The mask keeps a unit when rng.random() >= keep_prob, i.e. with probability 1 - keep_prob: "
             "keep it when rng.random() < keep_prob.", lambda: drawn(keep=lambda u: u >= keep_prob)),
            ("The mask is drawn column by column: draw one rng.random() per element row by row.",
             lambda: drawn(order="columns"))]


def dropout_seed(rng, A, keep_prob):
    """A seed for dropout's rng, drawn from `rng`, whose mask on A keeps some units and drops some, and
    differs from the mask of every named mistake: the values vary with the submission, and every seed
    shows every mistake (an all-kept mask is the same drawn row by row or column by column, an
    all-dropped one hides any scaling)."""
    while True:
        seed = rng.randrange(10 ** 6)
        mask = ref.dropout_forward(A, keep_prob, random.Random(seed))[1]
        if {v for row in mask for v in row} == {0.0, 1.0} and \
                not any(same(mistake(), mask) for _, mistake in _mask_mistakes(A, keep_prob, seed)):
            return seed


def pair(result, what):
    """`result` as the pair a function returns, or a message saying what came back instead."""
    if not isinstance(result, tuple) or len(result) != 2:
        raise AssertionError(f"{what}, got {type(result).__name__}"
                             + (f" of length {len(result)}" if isinstance(result, (tuple, list)) else ""))
    return result


@hidden_check("dropout_forward")
def dropout_forward(env, rng):
    rows, cols = rng.randint(4, 7), rng.randint(3, 5)
    A = random_matrix(rng, rows, cols)
    for keep_prob in (rng.choice([0.6, 0.7, 0.8]), rng.choice([0.25, 0.4, 0.5])):
        seed = dropout_seed(rng, A, keep_prob)
        given = random.Random(seed)
        out, mask = pair(call_pure(env, "dropout_forward", A, keep_prob, given),
                         "dropout_forward should return the pair (out, mask)")
        expected_rng = random.Random(seed)
        expected_out, expected_mask = ref.dropout_forward(A, keep_prob, expected_rng)
        if given.getstate() == random.Random(seed).getstate():
            raise AssertionError("dropout_forward did not draw from the rng it was given: "
                                 "mask[i][j] = 1.0 if rng.random() < keep_prob else 0.0")
        check_matrix(mask, expected_mask, f"the mask for random.Random({seed}) and keep_prob {keep_prob} "
                     "(one rng.random() < keep_prob per element, row by row)",
                     mistakes=_mask_mistakes(A, keep_prob, seed))
        if given.getstate() != expected_rng.getstate():
            raise AssertionError("dropout_forward should draw exactly one rng.random() per element")
        unscaled = ref.multiply(A, expected_mask)
        check_matrix(out, expected_out, f"the dropout output A * mask / keep_prob for keep_prob {keep_prob}",
                     mistakes=[("dropout output is not scaled by 1/keep_prob: inverted dropout divides the kept "
                                "units by keep_prob, so the expected activation stays the same.", lambda: unscaled),
                               ("dropout output is multiplied by keep_prob: inverted dropout divides by keep_prob.",
                                lambda: ref.scale(unscaled, keep_prob))])

    big, seed = [[1.0] * 50 for _ in range(200)], rng.randrange(10 ** 6)
    _, mask = pair(call(env, "dropout_forward", big, 0.6, random.Random(seed)),
                   "dropout_forward should return the pair (out, mask)")
    check_matrix(mask, ref.dropout_forward(big, 0.6, random.Random(seed))[1], "the mask of a 200 x 50 matrix",
                 rtol=float("inf"))  # shape, floats, finite; the share kept below
    kept = sum(sum(row) for row in mask) / 10000
    if abs(kept - 0.6) > 0.03:
        raise AssertionError(f"with keep_prob 0.6 about 60% of the units should be kept, got {kept:.1%}")

    out, mask = pair(call(env, "dropout_forward", A, 1.0, random.Random(5)),
                     "dropout_forward should return the pair (out, mask)")
    check_matrix(out, A, "dropout with keep_prob 1.0 (nothing dropped)")
    for bad in (0.0, -0.5, 1.5):
        expect_value_error(env, "dropout_forward", (A, bad, random.Random(1)), f"for keep_prob = {bad}")


@hidden_check("dropout_backward")
def dropout_backward(env, rng):
    for keep_prob in (rng.choice([0.5, 0.6, 0.7]), rng.choice([0.8, 0.9])):
        rows, cols = rng.randint(3, 7), rng.randint(2, 5)
        dout = random_matrix(rng, rows, cols)
        mask = [[float(rng.random() < keep_prob) for _ in range(cols)] for _ in range(rows)]
        # At least one unit kept and one dropped, on every seed: an unscaled gradient shows only on a
        # kept unit, a mask left out only on a dropped one.
        kept, dropped = rng.sample(range(rows * cols), 2)
        mask[kept // cols][kept % cols], mask[dropped // cols][dropped % cols] = 1.0, 0.0
        masked = ref.multiply(dout, mask)
        check_matrix(call_pure(env, "dropout_backward", dout, mask, keep_prob),
                     ref.dropout_backward(dout, mask, keep_prob), f"dropout_backward with keep_prob {keep_prob}",
                     mistakes=[("the dropout gradient is not scaled by 1/keep_prob: the backward pass must scale "
                                "exactly like the forward pass.", lambda: masked),
                               ("the dropout gradient is multiplied by keep_prob: divide by keep_prob, as forward does.",
                                lambda: ref.scale(masked, keep_prob)),
                               ("the mask is not applied: units dropped in the forward pass get no gradient.",
                                lambda: ref.scale(dout, 1.0 / keep_prob))])


# ---------------------------------------------------------------------------
# Part 5: backward propagation
# ---------------------------------------------------------------------------

def _backward_with(params, cache, y, keep_prob, mean=True, derivative="1 - A1^2", dropout="scaled",
                   dW2_from="H1", sign=1.0, sigmoid_derivative_again=False):
    """The reference backward, or the same with one named mistake."""
    N = len(y)
    dZ2 = ref.scale(ref.subtract(cache["A2"], y), sign * (1.0 / N if mean else 1.0))
    if sigmoid_derivative_again:
        dZ2 = ref.multiply(dZ2, ref.apply(lambda a: a * (1.0 - a), cache["A2"]))
    dW2 = ref.matmul(ref.transpose(cache[dW2_from]), dZ2)
    db2 = ref.column_sums(dZ2)
    dH1 = ref.matmul(dZ2, ref.transpose(params["W2"]))
    if cache["mask"] is None or dropout == "ignored":
        dA1 = dH1
    elif dropout == "unscaled":
        dA1 = ref.multiply(dH1, cache["mask"])
    else:
        dA1 = ref.dropout_backward(dH1, cache["mask"], keep_prob)
    local = {"1 - A1^2": lambda a, z: 1.0 - a * a, "1 - Z1^2": lambda a, z: 1.0 - z * z,
             "1 - A1": lambda a, z: 1.0 - a, "none": lambda a, z: 1.0}[derivative]
    dZ1 = ref.multiply(dA1, [[local(a, z) for a, z in zip(ar, zr)] for ar, zr in zip(cache["A1"], cache["Z1"])])
    dW1 = ref.matmul(ref.transpose(cache["X"]), dZ1)
    db1 = ref.column_sums(dZ1)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def _backward_mistakes(params, cache, y, keep_prob):
    mistakes = [
        ("Your gradients are N times too large (N the number of data points): the loss is a mean, so "
         "dZ2 = (A2 - y) / N.", dict(mean=False)),
        ("Your gradients have the wrong sign: dZ2 = A2 - y (then / N), not y - A2.", dict(sign=-1.0)),
        ("The tanh derivative is taken of Z1: it is 1 - tanh(Z1)^2 = 1 - A1^2, computed from A1.",
         dict(derivative="1 - Z1^2")),
        ("The tanh derivative is 1 - A1^2, not 1 - A1.", dict(derivative="1 - A1")),
        ("dZ1 is missing the tanh derivative: dZ1 = dA1 * (1 - A1^2).", dict(derivative="none")),
        ("dZ2 is multiplied by the sigmoid derivative A2 (1 - A2): with cross-entropy on a sigmoid, "
         "dZ2 = (A2 - y) / N already includes it.", dict(sigmoid_derivative_again=True)),
    ]
    if cache["mask"] is not None:
        mistakes += [
            ("dW1 and db1 ignore dropout: pass dH1 through dropout_backward with cache['mask'].",
             dict(dropout="ignored")),
            ("The dropout step in backward is not scaled by 1/keep_prob.", dict(dropout="unscaled")),
            ("dW2 uses A1; with dropout the second layer saw H1, so dW2 = H1^T dZ2.", dict(dW2_from="A1")),
        ]
    return [(message, functools.partial(_backward_with, params, cache, y, keep_prob, **change))
            for message, change in mistakes]


def per_entry_derivative(f, params, h, steps, combine, restore=True):
    """For every entry p of params, one at a time: combine([f at p + s * h for s in steps], h), the
    other entries as they are. restore=False leaves each entry at its last shifted value: the mistake
    of a numerical gradient that never puts the entry back."""
    work = {name: [row[:] for row in value] for name, value in params.items()}
    grads = {}
    for name, value in work.items():
        grads[name] = ref.zeros(len(value), len(value[0]))
        for i, row in enumerate(value):
            for j, old in enumerate(row):
                values = []
                for step in steps:
                    row[j] = old + step * h
                    values.append(f(work))
                if restore:
                    row[j] = old
                grads[name][i][j] = combine(values, h)
    return grads


def five_point_gradient(f, params, h=1e-4):
    """d f / d p for every entry: (-f(p + 2h) + 8 f(p + h) - 8 f(p - h) + f(p - 2h)) / (12 h)."""
    return per_entry_derivative(f, params, h, (2, 1, -1, -2),
                                lambda v, h: (-v[0] + 8 * v[1] - 8 * v[2] + v[3]) / (12 * h))


def gradient_agrees(got, numeric):
    """Every entry within GRADIENT_TOLERANCE of the finite differences, and finite: with a = inf,
    |a - b| <= tol * (|a| + |b|) would hold."""
    return all(finite(a) and abs(a - b) <= GRADIENT_TOLERANCE * (abs(a) + abs(b)) + 1e-10
               for row_a, row_b in zip(got, numeric) for a, b in zip(row_a, row_b))


def check_gradients(env, rng, keep_prob):
    N = rng.randint(6, 10)
    X = random_matrix(rng, N, 3, -1.0, 1.0)
    y = random_labels(rng, N)
    params = random_params(rng)
    # A mask that keeps some hidden units and drops some (the hidden layer is N x 4).
    seed = dropout_seed(rng, ref.zeros(N, 4), keep_prob) if keep_prob < 1 else rng.randrange(10 ** 6)

    def reference_loss(p):
        # The same mask at every evaluation: a fresh rng with one seed.
        return ref.bce_loss(ref.forward(X, p, keep_prob, random.Random(seed))[0], y)

    _, cache = ref.forward(X, params, keep_prob, random.Random(seed))
    numeric = five_point_gradient(reference_loss, params)
    grads = call_pure(env, "backward", params, cache, y, keep_prob)
    what = "backward" + (f" with dropout (keep_prob {keep_prob})" if keep_prob < 1 else "")
    if not isinstance(grads, dict) or sorted(grads) != sorted(PARAM_KEYS):
        keys = sorted(grads) if isinstance(grads, dict) else type(grads).__name__
        raise AssertionError(f"{what} should return a dict with the keys {PARAM_KEYS}, got {keys}")
    for key in PARAM_KEYS:  # shapes, types, finite (d{key} has the shape of {key}); values below
        check_matrix(grads[key], numeric[key], f"{what}: d{key}", rtol=float("inf"))
    wrong = [key for key in PARAM_KEYS if not gradient_agrees(grads[key], numeric[key])]
    if not wrong:
        return
    errors = {key: ref.relative_error(grads[key], numeric[key]) for key in PARAM_KEYS}
    report = ", ".join(f"d{k} {e:.1e}" + (" (wrong)" if k in wrong else "") for k, e in errors.items())
    diagnosis = diagnose(grads, _backward_mistakes(params, cache, y, keep_prob), rtol=1e-6)
    raise AssertionError(f"{what} disagrees with finite differences of the loss. Relative error per parameter "
                         f"(should be below {GRADIENT_TOLERANCE:.0e}): {report}." + (f" {diagnosis}" if diagnosis else ""))


@hidden_check("backward_grads")
def backward_grads(env, rng):
    check_gradients(env, rng, 1.0)


@hidden_check("backward_grads")
def backward_grads_dropout(env, rng):
    check_gradients(env, rng, rng.choice([0.5, 0.6, 0.75, 0.8]))


def _numerical_gradient_not_restored(f, params, h=1e-5):
    return per_entry_derivative(f, params, h, (1, -1), lambda v, h: (v[0] - v[1]) / (2.0 * h), restore=False)


@hidden_check("backward_numerical")
def backward_numerical(env, rng):
    params = {"W": random_matrix(rng, 2, 3), "b": random_matrix(rng, 1, 3)}

    def cubes(p):
        return sum(w ** 3 for key in ("W", "b") for row in p[key] for w in row)

    h = 1e-3
    got = call_pure(env, "numerical_gradient", cubes, params, h)
    # The central difference of w^3 is exactly 3 w^2 + h^2; a one-sided one is off by about 3 w h.
    expected = {key: [[3 * w * w + h * h for w in row] for row in params[key]] for key in params}
    forward_diff = {key: [[3 * w * w + 3 * w * h + h * h for w in row] for row in params[key]] for key in params}
    backward_diff = {key: [[3 * w * w - 3 * w * h + h * h for w in row] for row in params[key]] for key in params}
    check_params_dict(got, expected, f"numerical_gradient(sum of w^3, params, h={h})", rtol=1e-6, mistakes=[
        ("numerical_gradient uses a one-sided difference (f(p + h) - f(p)) / h: "
         "use the central difference (f(p + h) - f(p - h)) / (2h).", lambda: forward_diff),
        ("numerical_gradient uses a one-sided difference (f(p) - f(p - h)) / h: "
         "use the central difference (f(p + h) - f(p - h)) / (2h).", lambda: backward_diff),
        ("numerical_gradient divides by h, not 2h.", lambda: {k: ref.scale(v, 2.0) for k, v in expected.items()})])

    X, net = forward_inputs(rng)
    y = random_labels(rng, len(X))

    def loss(p):
        return ref.bce_loss(ref.forward(X, p)[0], y)

    # h = 1e-3 makes an entry left perturbed change the next ones by about 1e-3, well above the noise.
    for h in (1e-3, None):
        got = call_pure(env, "numerical_gradient", loss, net, *([h] if h else []))
        check_params_dict(got, ref.numerical_gradient(loss, net, h or 1e-5),
                          f"numerical_gradient(loss, params{f', h={h}' if h else ''})", rtol=1e-6, mistakes=[
                              ("numerical_gradient does not put each entry back after perturbing it: restore "
                               "p[i][j] to its old value before moving to the next entry.",
                               lambda: _numerical_gradient_not_restored(loss, net, h or 1e-5))])


@hidden_check("backward_relative_error")
def backward_relative_error(env, rng):
    rows, cols = non_square(rng, 2)
    a, b = random_matrix(rng, rows, cols), random_matrix(rng, rows, cols)

    def each(x, z):
        return [abs(p - q) / max(1e-8, abs(p) + abs(q)) for rx, rz in zip(x, z) for p, q in zip(rx, rz)]

    def worst_at(i, j):
        """a, nearly equal everywhere, but clearly off at entry [i][j]: only a max over every entry finds it."""
        near = ref.scale(a, 1.0 + 1e-7)
        near[i][j] = a[i][j] * 1.01 + 1e-3
        return a, near

    # The worst entry sits in the last row and column, and somewhere past row 0 and column 0: whatever the
    # seed, a max over only the first row (or column) misses it.
    cases = [(a, b), (a, ref.add(a, ref.scale(b, 1e-6))), worst_at(rows - 1, cols - 1),
             worst_at(rng.randrange(1, rows), rng.randrange(1, cols)), ([[0.0, 1.0]], [[0.0, 1.0]]), ([[1e-9]], [[0.0]])]
    for x, z in cases:
        check_float(call_pure(env, "relative_error", x, z), ref.relative_error(x, z),
                    f"relative_error of two {size(x)} matrices", mistakes=[
                        ("That is the mean over the entries; relative_error is the max.",
                         lambda: sum(each(x, z)) / len(each(x, z))),
                        ("The denominator should be max(1e-8, |a| + |b|), not max(|a|, |b|).",
                         lambda: max(abs(p - q) / max(1e-8, abs(p), abs(q)) for rx, rz in zip(x, z)
                                     for p, q in zip(rx, rz))),
                        ("The denominator should be max(1e-8, |a| + |b|), not |a + b|.",
                         lambda: max(abs(p - q) / max(1e-8, abs(p + q)) for rx, rz in zip(x, z)
                                     for p, q in zip(rx, rz)))])


# ---------------------------------------------------------------------------
# Part 6: training and visualization
# ---------------------------------------------------------------------------

@hidden_check("training_update")
def training_update(env, rng):
    params, grads = random_params(rng), random_params(rng)
    lr = rng.choice([0.1, 0.3, 0.5, 2.0])
    got = call_pure(env, "update_params", params, grads, lr)
    if got is params:
        raise AssertionError("update_params should return a new dict, not change params")
    check_params_dict(got, ref.update_params(params, grads, lr), f"update_params(params, grads, {lr})", mistakes=[
        ("The update goes up the gradient: gradient descent is p - lr * g.",
         lambda: {k: ref.add(params[k], ref.scale(grads[k], lr)) for k in params}),
        ("The learning rate is not applied: p - lr * g.",
         lambda: {k: ref.subtract(params[k], grads[k]) for k in params})])


def _train_with(X, y, n_h, epochs, lr, keep_prob, seed, loss_after_update=False, pass_keep_prob=True,
                rng_seed_offset=1, new_rng_every_epoch=False):
    """The reference train, or the same with one named mistake."""
    params = ref.init_params(len(X[0]), n_h, seed)
    rng = random.Random(seed + rng_seed_offset)
    losses = []
    for _ in range(epochs):
        if new_rng_every_epoch:
            rng = random.Random(seed + rng_seed_offset)
        kp = keep_prob if pass_keep_prob else 1.0
        A2, cache = ref.forward(X, params, kp, rng)
        grads = ref.backward(params, cache, y, kp)
        new_params = ref.update_params(params, grads, lr)
        losses.append(ref.bce_loss(ref.forward(X, new_params)[0], y) if loss_after_update else ref.bce_loss(A2, y))
        params = new_params
    return params, losses


def _train_mistakes(X, y, kwargs):
    train = functools.partial(_train_with, X, y, **kwargs)
    return [
        ("losses[k] should be the loss of the forward pass of epoch k, before that epoch's update.",
         lambda: train(loss_after_update=True)),
        ("keep_prob is not passed on: call forward(X, params, keep_prob, rng) and backward(..., keep_prob).",
         lambda: train(pass_keep_prob=False)),
        ("The dropout rng should be random.Random(seed + 1), made once before the loop.",
         lambda: train(rng_seed_offset=0)),
        ("The dropout rng is made anew every epoch, so every epoch drops the same units: "
         "make random.Random(seed + 1) once, before the loop.", lambda: train(new_rng_every_epoch=True)),
    ]


@hidden_check("training_train")
def training_train(env, rng):
    X, y = ref.make_dataset(N=rng.randint(20, 40), seed=rng.randrange(10 ** 6))
    # A few epochs are enough to tell every mistake of _train_mistakes (a fresh rng each epoch shows from the
    # second): each epoch of the student's train calls four served references across the channel. One longer
    # run, once, so that a train that stops after a few epochs whatever it is asked does not pass (found by
    # helper-10: a loop over range(min(epochs, 6)) got every point when no run was longer than 6).
    runs = ((dict(n_h=rng.choice([2, 3, 5]), epochs=rng.randint(3, 6), lr=rng.choice([0.5, 1.0]),
                  keep_prob=1.0, seed=rng.randrange(1000)), True),
            (dict(n_h=4, epochs=rng.randint(3, 6), lr=rng.choice([0.5, 0.8]),
                  keep_prob=rng.choice([0.7, 0.8]), seed=rng.randrange(1000)), True),
            (dict(n_h=4, epochs=rng.randint(20, 40), lr=1.0, keep_prob=1.0, seed=rng.randrange(1000)), False))
    for kwargs, twice in runs:
        label = "train(X, y, " + ", ".join(f"{k}={v}" for k, v in kwargs.items()) + ")"
        result = call_pure(env, "train", X, y, **kwargs)
        if not isinstance(result, tuple) or len(result) != 2:
            raise AssertionError(f"train should return the pair (params, losses), got {type(result).__name__}")
        params, losses = result
        expected_params, expected_losses = ref.train(X, y, **kwargs)
        if not isinstance(losses, list) or len(losses) != kwargs["epochs"]:
            raise AssertionError(f"{label} should return one loss per epoch ({kwargs['epochs']}), "
                                 f"got {len(losses) if isinstance(losses, list) else type(losses).__name__}")
        if twice and not same(call(env, "train", X, y, **kwargs), result, rtol=0.0):  # (nan != nan: with same)
            raise AssertionError(f"{label} gave different results on a second run: {NOT_REPRODUCIBLE}")
        if not same(result, (expected_params, expected_losses)):
            diagnosis = diagnose(result, _train_mistakes(X, y, kwargs))
            if diagnosis:
                raise AssertionError(f"{label}: {diagnosis}")
            # (With dropout the loss is noisy: it only counts when the reference's goes down.)
            if all(type(v) is float for v in losses) and losses[-1] > losses[0] \
                    and expected_losses[-1] < expected_losses[0]:
                raise AssertionError(f"{label}: the loss goes up ({losses[0]:.4f} to {losses[-1]:.4f}): "
                                     "gradient descent subtracts lr * gradient")
        check_params_dict(params, expected_params, f"the trained parameters of {label}", rtol=float("inf"))  # shapes
        check_matrix([losses], [expected_losses], f"the losses of {label}")
        check_params_dict(params, expected_params, f"the trained parameters of {label}")


def _accuracy_of_train(env, rng, what):
    X, y = ref.make_dataset(N=ACCURACY_POINTS, seed=rng.randrange(10 ** 6))
    seed = rng.randrange(1000)
    result = call(env, "train", X, y, epochs=ACCURACY_EPOCHS, seed=seed)
    params = result[0] if isinstance(result, tuple) and result else None
    check_params_dict(params, ref.init_params(3, 4, 0), f"the parameters returned by train(X, y, "
                      f"epochs={ACCURACY_EPOCHS}, seed={seed})", rtol=float("inf"))
    acc = ref.accuracy(ref.predict(X, params), y)
    if acc < ACCURACY_THRESHOLD:
        raise AssertionError(f"{what} train(X, y, epochs={ACCURACY_EPOCHS}, seed={seed}) classifies {acc:.1%} of a "
                             f"fresh make_dataset({ACCURACY_POINTS}) correctly; a working network reaches at least "
                             f"{ACCURACY_THRESHOLD:.0%}")


def training_end_to_end(env):
    """No points: the student's whole network, every function their own, learns the data."""
    check_imports(env)
    try:
        _accuracy_of_train(env, hidden_rng("training_end_to_end", env), "End to end with only your own functions,")
    except AssertionError as e:
        raise AssertionError(f"{e}. (This check carries no points: each part is graded on its own, so fix the "
                             "parts whose checks fail above.)") from None


@hidden_check("training_predict")
def training_predict(env, rng):
    N = rng.randint(6, 12)
    # (Which class a probability of exactly 0.5 gets is left open by the contract: not tested.)
    X, params = random_matrix(rng, N, 3), random_params(rng)
    got = call_pure(env, "predict", X, params)
    if call(env, "predict", X, params) != got:
        raise AssertionError("predict gave different results on a second call: prediction never uses dropout")
    probabilities = ref.forward(X, params)[0]
    check_matrix(got, ref.predict(X, params), f"predict for {N} data points (N x 1 of 0.0 or 1.0)", mistakes=[
        ("predict returns probabilities: turn them into classes, 1.0 if A2 >= 0.5 else 0.0.",
         lambda: probabilities)])
    y_pred, y = random_labels(rng, 12), random_labels(rng, 12)
    hits = sum(1 for p, t in zip(y_pred, y) if p == t)
    check_float(call_pure(env, "accuracy", y_pred, y), ref.accuracy(y_pred, y), "accuracy of 12 predictions",
                mistakes=[("That is the fraction of wrong predictions; accuracy counts the equal rows.",
                           lambda: 1.0 - hits / 12),
                          ("That is the number of equal rows; accuracy is their fraction (divide by N).",
                           lambda: float(hits))])


def keep_for_review(name, summary):
    """What the plot showed, for the reviewers' gallery (`make report`): a line in the file that
    NN_KIT_FIGURES_LOG names (make grade's run folder, out of the student's process's reach)."""
    path = os.environ.get("NN_KIT_FIGURES_LOG")
    if path and summary is not None:
        with open(path, "a") as log:
            log.write(json.dumps({"name": name, "summary": summary}) + "\n")


@hidden_check("training_plots")
def training_plots(env, rng):
    from . import figures
    # A Figure made in this process exists only if matplotlib is loaded here (the student's come from the
    # plots process as their type's name): the grader itself never imports it.
    Figure = getattr(sys.modules.get("matplotlib.figure"), "Figure", ())
    X, y = ref.make_dataset(N=30, seed=rng.randrange(1000))
    for name, args in [("plot_losses", ([0.7 - 0.01 * k for k in range(40)],)),
                       ("plot_decision", (X, y, random_params(rng)))]:
        fig = call(env, name, *args)
        # From the student's process a Figure comes back as its type's name (it is not plain data) and a
        # summary of what it shows (figures.py); a Figure made in this process is described here.
        kind = getattr(fig, "type_name", None) or f"{type(fig).__module__}.{type(fig).__qualname__}"
        if not isinstance(fig, Figure) and kind != "matplotlib.figure.Figure":
            raise AssertionError(f"{name} should return a matplotlib Figure, got {kind.rsplit('.', 1)[-1]}")
        summary = figures.describe(fig) if isinstance(fig, Figure) else getattr(fig, "summary", None)
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")
        keep_for_review(name, summary)
        problem = (figures.loss_plot_problems(summary, args[0]) if name == "plot_losses"
                   else figures.decision_plot_problems(summary, X, y))
        if problem:
            raise AssertionError(problem)

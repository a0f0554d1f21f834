"""Hidden checks of "Building a Neural Net From Scratch".

One function per hidden test case of the master notebook; each takes the student's
global namespace `env` and raises AssertionError with a message written for the
student when something is wrong. The expected values come from `reference`,
which `make assign` generates from the master's solution cells.

The checks only call the contract's functions by name and compare plain values
(lists, floats, ints, tuples), so that a later step can move the student's code
into a process of its own behind the same names.

Tolerances (sources in ../shared/notes/grading-field-notes.md):
- values: relative 1e-9, as CS231n's layer checks expect about 1e-9;
- gradients: the relative error max |a - b| / max(1e-8, |a| + |b|) against central
  differences of the *reference* loss (h = 1e-5) must be below 1e-6: CS231n
  expects 1e-7 or less for a two-layer net and 1e-6 with dropout; the reference
  reaches about 1e-9 here, and a real mistake gives 1e-2 or more.
"""
import ast
import copy
import functools
import glob
import json
import math
import os
import random

from . import reference as ref

VALUE_RTOL = 1e-9
GRADIENT_TOLERANCE = 1e-6
ACCURACY_THRESHOLD = 0.9  # the reference reaches 0.99 on make_dataset(200, 0) after 200 epochs
ALLOWED_IMPORTS = {"math", "random", "matplotlib", "otter"}
PARAM_KEYS = ["W1", "b1", "W2", "b2"]
CACHE_KEYS = ["X", "Z1", "A1", "mask", "H1", "Z2", "A2"]
OWN_FILES = {"__init__.py"}  # Otter adds it to the submission folder


# ---------------------------------------------------------------------------
# Calling the student's functions
# ---------------------------------------------------------------------------

def student_function(env, name):
    f = env.get(name)
    if not callable(f):
        raise AssertionError(f"`{name}` is not defined: run the cell that defines it, and keep its name.")
    return f


def call(env, name, *args, **kwargs):
    """Call the student's `name`, turning its exceptions into a message for the student."""
    f = student_function(env, name)
    try:
        return f(*args, **kwargs)
    except NotImplementedError as e:
        raise AssertionError(f"calling `{name}` reached a stub that still raises NotImplementedError ({e}): "
                             "replace it with your code.") from None
    except Exception as e:
        raise AssertionError(f"`{name}` raised {type(e).__name__}: {e}") from None


def call_pure(env, name, *args, **kwargs):
    """Call `name` on its arguments; fail if it changes them or returns one of their rows."""
    before = _plain(copy.deepcopy((args, kwargs)))
    result = call(env, name, *args, **kwargs)
    if _plain((args, kwargs)) != before:
        raise AssertionError(f"`{name}` changed its arguments: every result must be a new list, "
                             "and the inputs must stay as they were.")
    # forward's cache is a record for backward, not a result: only A2 must be new.
    returned = result[0] if name == "forward" and isinstance(result, tuple) and result else result
    input_rows = {id(row) for row in _rows_of((args, kwargs))}
    if any(id(row) in input_rows for row in _rows_of(returned)):
        raise AssertionError(f"`{name}` returned a list that is also one of its inputs (or one of their rows): "
                             "build a new list, for example `row[:]` or a comprehension.")
    return result


def _plain(value):
    """The data in `value`, with random generators and functions (which compare by identity) left out."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, random.Random) or callable(value):
        return type(value).__name__
    return value


def expect_value_error(env, name, args, situation):
    f = student_function(env, name)
    try:
        f(*args)
    except ValueError:
        return
    except NotImplementedError as e:
        raise AssertionError(f"calling `{name}` reached a stub that still raises NotImplementedError ({e}).") from None
    except Exception as e:
        raise AssertionError(f"`{name}` should raise ValueError {situation}, but raised {type(e).__name__}: {e}") from None
    raise AssertionError(f"`{name}` should raise ValueError {situation}, but returned without an error.")


def _rows_of(value):
    """Every list found inside `value` (lists, tuples and dicts, one level of rows deep)."""
    found = []
    if isinstance(value, dict):
        for v in value.values():
            found.extend(_rows_of(v))
    elif isinstance(value, (list, tuple)):
        if isinstance(value, list):
            found.append(value)
        for v in value:
            if isinstance(v, (list, tuple, dict)):
                found.extend(_rows_of(v))
    return found


# ---------------------------------------------------------------------------
# Comparing plain values
# ---------------------------------------------------------------------------

def close(got, expected, rtol=VALUE_RTOL):
    return abs(got - expected) <= rtol * max(1.0, abs(expected))


def size(M):
    """'r x c' for a matrix-like value, for messages."""
    if isinstance(M, list) and all(isinstance(r, list) for r in M):
        return f"{len(M)} x {len(M[0]) if M else 0}"
    return f"a {type(M).__name__}"


def check_float(got, expected, what, rtol=VALUE_RTOL):
    if type(got) is not float:
        raise AssertionError(f"{what} should be a float, got {type(got).__name__} {got!r}")
    if math.isnan(got) or not close(got, expected, rtol):
        raise AssertionError(f"{what} should be {expected!r}, got {got!r}")


def check_matrix(got, expected, what, rtol=VALUE_RTOL):
    """`got` must be a list of rows of floats of `expected`'s shape, entry by entry close to it."""
    if not isinstance(got, list) or not all(isinstance(row, list) for row in got):
        raise AssertionError(f"{what} should be a matrix (a list of rows, each a list of floats), got {type(got).__name__}")
    rows, cols = len(expected), len(expected[0]) if expected else 0
    if len(got) != rows or any(len(row) != cols for row in got):
        hint = ": did you transpose?" if len(got) == cols and all(len(r) == rows for r in got) and rows != cols else ""
        raise AssertionError(f"{what} should be {rows} x {cols}, got {size(got)}{hint}")
    for i, (g_row, e_row) in enumerate(zip(got, expected)):
        for j, (g, e) in enumerate(zip(g_row, e_row)):
            if type(g) is not float:
                raise AssertionError(f"{what}[{i}][{j}] should be a float, got {type(g).__name__} {g!r}")
            if math.isnan(g) or not close(g, e, rtol):
                raise AssertionError(f"{what} is wrong: entry [{i}][{j}] is {g!r}, expected {e!r}")


def check_params_dict(got, expected, what, rtol=VALUE_RTOL):
    if not isinstance(got, dict) or sorted(got) != sorted(expected):
        keys = sorted(got) if isinstance(got, dict) else type(got).__name__
        raise AssertionError(f"{what} should be a dict with the keys {sorted(expected)}, got {keys}")
    for key in expected:
        check_matrix(got[key], expected[key], f"{what}[{key!r}]", rtol)


def random_matrix(rng, rows, cols, low=-2.0, high=2.0):
    return [[rng.uniform(low, high) for _ in range(cols)] for _ in range(rows)]


def random_labels(rng, rows):
    return [[float(rng.random() < 0.5)] for _ in range(rows)]


def random_params(rng, D=3, n_h=4):
    """Parameters with non-zero biases, so that a forgotten bias shows."""
    return {"W1": random_matrix(rng, D, n_h, -1.0, 1.0), "b1": random_matrix(rng, 1, n_h, -0.5, 0.5),
            "W2": random_matrix(rng, n_h, 1, -1.0, 1.0), "b2": random_matrix(rng, 1, 1, -0.5, 0.5)}


# ---------------------------------------------------------------------------
# Only math and random
# ---------------------------------------------------------------------------

def imported_modules(source):
    """Top-level names of the modules a piece of Python source imports, by import or __import__."""
    found = set()
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return found
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("__import__", "import_module"):
                found.add(node.args[0].value.split(".")[0])
    return found


def submission_sources(directory="."):
    """The code of the submission being graded: Otter runs the tests in its folder."""
    sources = []
    for path in sorted(glob.glob(os.path.join(directory, "*.ipynb")) + glob.glob(os.path.join(directory, "*.py"))):
        if os.path.basename(path) in OWN_FILES:
            continue
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if path.endswith(".ipynb"):
                cells = json.loads(text).get("cells", [])
                sources += ["".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code"]
            else:
                sources.append(text)
        except (OSError, ValueError):
            continue
    return sources


@functools.lru_cache(maxsize=1)
def submission_imports():
    """What the submission's source imports: read once, since every check asks."""
    return frozenset().union(*map(imported_modules, submission_sources()))


def check_imports(env):
    used = set(submission_imports())
    # Modules bound to names in the namespace; Otter's grading cells add sys.
    for value in env.values():
        if type(value) is type(math) and value.__name__ not in ("builtins", "sys"):
            used.add(value.__name__.split(".")[0])
    forbidden = sorted(used - ALLOWED_IMPORTS)
    if forbidden:
        raise AssertionError(f"your code imports {', '.join(forbidden)}: this exercise allows only math and random "
                             "(and matplotlib for the plots). Remove the import and write it with lists.")


# ---------------------------------------------------------------------------
# Part 1: vector operations
# ---------------------------------------------------------------------------

def vector_ops_basics(env):
    check_imports(env)
    rng = random.Random(101)
    for rows, cols in [(1, 1), (3, 5), (6, 2), (2, 7)]:
        A = random_matrix(rng, rows, cols)
        got = call_pure(env, "shape", A)
        if type(got) is not tuple or len(got) != 2 or any(type(v) is not int for v in got):
            raise AssertionError(f"shape should return a tuple of two ints (rows, cols), got {got!r}")
        if got != (rows, cols):
            swapped = " (rows and columns swapped)" if got == (cols, rows) else ""
            raise AssertionError(f"shape of a {rows} x {cols} matrix should be ({rows}, {cols}), got {got}{swapped}")
    if call(env, "shape", []) != (0, 0):
        raise AssertionError("shape([]) should be (0, 0)")
    expect_value_error(env, "shape", ([[1.0, 2.0], [3.0], [4.0, 5.0]],), "when the rows differ in length")

    for rows, cols in [(3, 4), (1, 6), (5, 1)]:
        Z = call(env, "zeros", rows, cols)
        check_matrix(Z, ref.zeros(rows, cols), f"zeros({rows}, {cols})")
        if len({id(row) for row in Z}) != rows:
            raise AssertionError("every row of zeros(rows, cols) must be its own list: "
                                 "[[0.0] * cols] * rows repeats one row object")

    for rows, cols in [(3, 5), (1, 4), (4, 1), (2, 2)]:
        A = random_matrix(rng, rows, cols)
        check_matrix(call_pure(env, "transpose", A), ref.transpose(A), f"transpose of a {rows} x {cols} matrix")


def vector_ops_products(env):
    check_imports(env)
    rng = random.Random(202)
    for n in (1, 5, 9):
        u, v = random_matrix(rng, 2, n)
        check_float(call_pure(env, "dot", u, v), ref.dot(u, v), f"dot of two lists of length {n}")
    expect_value_error(env, "dot", ([1.0, 2.0, 3.0], [1.0, 2.0]), "when the lengths differ (3 and 2)")

    for n, k, m in [(4, 3, 2), (1, 5, 1), (3, 1, 4), (2, 2, 2)]:
        A, B = random_matrix(rng, n, k), random_matrix(rng, k, m)
        check_matrix(call_pure(env, "matmul", A, B), ref.matmul(A, B),
                     f"matmul of a {n} x {k} and a {k} x {m} matrix")
    expect_value_error(env, "matmul", (random_matrix(rng, 2, 3), random_matrix(rng, 2, 3)),
                       "for a 2 x 3 times a 2 x 3 matrix (inner sizes 3 and 2 differ)")


def vector_ops_elementwise(env):
    check_imports(env)
    rng = random.Random(303)
    A, B = random_matrix(rng, 3, 4), random_matrix(rng, 3, 4)
    for name in ("add", "subtract", "multiply"):
        check_matrix(call_pure(env, name, A, B), getattr(ref, name)(A, B), f"{name} of two 3 x 4 matrices")
        expect_value_error(env, name, (A, random_matrix(rng, 4, 3)), "for a 3 x 4 and a 4 x 3 matrix")
    check_matrix(call_pure(env, "scale", A, -1.5), ref.scale(A, -1.5), "scale(A, -1.5)")

    X, b = random_matrix(rng, 5, 3), random_matrix(rng, 1, 3)
    check_matrix(call_pure(env, "add_bias", X, b), ref.add_bias(X, b), "add_bias of a 5 x 3 matrix and a 1 x 3 row")
    expect_value_error(env, "add_bias", (X, random_matrix(rng, 1, 4)), "for a 5 x 3 matrix and a 1 x 4 row")

    for rows, cols in [(5, 3), (1, 4)]:
        M = random_matrix(rng, rows, cols)
        check_matrix(call_pure(env, "column_sums", M), ref.column_sums(M),
                     f"column_sums of a {rows} x {cols} matrix (a 1 x {cols} row)")
    for label, f in [("math.tanh", math.tanh), ("lambda a: 2 * a + 1", lambda a: 2 * a + 1)]:
        check_matrix(call_pure(env, "apply", f, A), ref.apply(f, A), f"apply({label}, A)")


# ---------------------------------------------------------------------------
# Part 3: forward propagation
# ---------------------------------------------------------------------------

def forward_sigmoid(env):
    check_imports(env)
    rng = random.Random(404)
    zs = [0.0, 1.0, -1.0, 3.7, -3.7, 30.0, -30.0, 700.0, -700.0, 800.0, -800.0, 1e4, -1e4]
    zs += [rng.uniform(-10.0, 10.0) for _ in range(5)]
    f = student_function(env, "sigmoid")
    for z in zs:
        try:
            got = f(z)
        except OverflowError:
            raise AssertionError(f"sigmoid({z}) raised OverflowError: for z < 0 use exp(z) / (1 + exp(z)), "
                                 "which never overflows") from None
        except Exception:
            got = call(env, "sigmoid", z)  # reports the error
        if type(got) is not float or not 0.0 <= got <= 1.0 or abs(got - ref.sigmoid(z)) > 1e-12 + 1e-9 * ref.sigmoid(z):
            raise AssertionError(f"sigmoid({z}) should be {ref.sigmoid(z)!r}, got {got!r}")


def forward_init(env):
    check_imports(env)
    for D, n_h, seed in [(3, 4, 7), (5, 2, 11), (2, 6, 0)]:
        got = call(env, "init_params", D, n_h, seed)
        expected = ref.init_params(D, n_h, seed)
        check_params_dict(got, expected, f"init_params({D}, {n_h}, seed={seed})", rtol=1e-12)


def forward_inputs(seed, N=6):
    rng = random.Random(seed)
    return random_matrix(rng, N, 3, -1.0, 1.0), random_params(rng)


def forward_pass(env):
    check_imports(env)
    for seed, N in [(505, 6), (506, 1)]:
        X, params = forward_inputs(seed, N)
        result = call_pure(env, "forward", X, params)
        if not isinstance(result, tuple) or len(result) != 2:
            raise AssertionError(f"forward should return the pair (A2, cache), got {type(result).__name__}")
        A2, cache = result
        expected_A2, expected_cache = ref.forward(X, params)
        check_matrix(A2, expected_A2, f"A2 for a batch of {N} (N x 1)")
        if not isinstance(cache, dict) or sorted(cache) != sorted(CACHE_KEYS):
            keys = sorted(cache) if isinstance(cache, dict) else type(cache).__name__
            raise AssertionError(f"the cache should be a dict with exactly the keys {CACHE_KEYS}, got {keys}")
        for key in ("Z1", "A1", "H1", "Z2", "A2"):
            check_matrix(cache[key], expected_cache[key], f"cache[{key!r}]")
        if cache["mask"] is not None:
            raise AssertionError("without dropout (keep_prob == 1) cache['mask'] should be None")
    expect_value_error(env, "forward", (X, params, 0.5), "when keep_prob < 1 and no rng is given")


def forward_loss(env):
    check_imports(env)
    rng = random.Random(606)
    for N in (7, 1):
        A2 = random_matrix(rng, N, 1, 0.01, 0.99)
        y = random_labels(rng, N)
        check_float(call_pure(env, "bce_loss", A2, y), ref.bce_loss(A2, y), f"bce_loss for {N} data points")
    A2, y = [[0.0], [1.0], [0.5]], [[1.0], [0.0], [1.0]]
    check_float(call_pure(env, "bce_loss", A2, y), ref.bce_loss(A2, y),
                "bce_loss with probabilities 0.0 and 1.0 on the wrong labels (clip them to [1e-12, 1 - 1e-12])")


# ---------------------------------------------------------------------------
# Part 4: dropout
# ---------------------------------------------------------------------------

def dropout_forward(env):
    check_imports(env)
    data = random.Random(707)
    A = random_matrix(data, 5, 4)
    for keep_prob, seed in [(0.7, 3), (0.25, 12)]:
        rng = random.Random(seed)
        result = call_pure(env, "dropout_forward", A, keep_prob, rng)
        if not isinstance(result, tuple) or len(result) != 2:
            raise AssertionError(f"dropout_forward should return the pair (out, mask), got {type(result).__name__}")
        out, mask = result
        expected_rng = random.Random(seed)
        expected_out, expected_mask = ref.dropout_forward(A, keep_prob, expected_rng)
        check_matrix(mask, expected_mask, f"the mask for random.Random({seed}) and keep_prob {keep_prob} "
                     "(one rng.random() < keep_prob per element, row by row)")
        if rng.random() != expected_rng.random():
            raise AssertionError("dropout_forward should draw exactly one rng.random() per element")
        unscaled = ref.multiply(A, expected_mask)
        if out == unscaled:
            raise AssertionError("dropout output is not scaled by 1/keep_prob: inverted dropout divides the kept units by keep_prob")
        if out == ref.scale(unscaled, keep_prob):
            raise AssertionError("dropout output is multiplied by keep_prob: inverted dropout divides by keep_prob")
        check_matrix(out, expected_out, f"the dropout output A * mask / keep_prob for keep_prob {keep_prob}")

    big = [[1.0] * 50 for _ in range(200)]
    _, mask = call(env, "dropout_forward", big, 0.6, random.Random(99))
    kept = sum(sum(row) for row in mask) / 10000
    if abs(kept - 0.6) > 0.03:
        raise AssertionError(f"with keep_prob 0.6 about 60% of the units should be kept, got {kept:.1%}")

    out, mask = call(env, "dropout_forward", A, 1.0, random.Random(5))
    check_matrix(out, A, "dropout with keep_prob 1.0 (nothing dropped)")
    for bad in (0.0, -0.5, 1.5):
        expect_value_error(env, "dropout_forward", (A, bad, random.Random(1)), f"for keep_prob = {bad}")

    X, params = forward_inputs(708)
    rng = random.Random(21)
    _, cache = call_pure(env, "forward", X, params, 1.0, rng)
    if not isinstance(cache, dict) or cache.get("mask") is not None or rng.random() != random.Random(21).random():
        raise AssertionError("forward with keep_prob 1.0 must not apply dropout: cache['mask'] should be None "
                             "and the rng should not be used")
    _, cache = call_pure(env, "forward", X, params, 0.8, random.Random(22))
    _, expected_cache = ref.forward(X, params, 0.8, random.Random(22))
    for key in ("mask", "H1", "A2"):
        check_matrix(cache.get(key) if isinstance(cache, dict) else None, expected_cache[key],
                     f"forward with keep_prob 0.8: cache[{key!r}]")


def dropout_backward(env):
    check_imports(env)
    rng = random.Random(808)
    for keep_prob in (0.6, 0.9):
        dout = random_matrix(rng, 5, 4)
        mask = [[float(rng.random() < keep_prob) for _ in range(4)] for _ in range(5)]
        got = call_pure(env, "dropout_backward", dout, mask, keep_prob)
        if got == ref.multiply(dout, mask):
            raise AssertionError("the dropout gradient is not scaled by 1/keep_prob: the backward pass must scale "
                                 "exactly like the forward pass")
        check_matrix(got, ref.dropout_backward(dout, mask, keep_prob), f"dropout_backward with keep_prob {keep_prob}")


# ---------------------------------------------------------------------------
# Part 5: backward propagation
# ---------------------------------------------------------------------------

def _check_gradients(env, keep_prob, seed):
    rng = random.Random(seed)
    N = 8
    X = random_matrix(rng, N, 3, -1.0, 1.0)
    y = random_labels(rng, N)
    params = random_params(rng)
    mask_seed = rng.randrange(10 ** 6)

    def reference_loss(p):
        # The same mask at every evaluation: a fresh rng with one seed.
        return ref.bce_loss(ref.forward(X, p, keep_prob, random.Random(mask_seed))[0], y)

    _, cache = ref.forward(X, params, keep_prob, random.Random(mask_seed))
    numeric = ref.numerical_gradient(reference_loss, params)
    grads = call_pure(env, "backward", params, cache, y, keep_prob)
    what = "backward" + (f" with dropout (keep_prob {keep_prob})" if keep_prob < 1 else "")
    if not isinstance(grads, dict) or sorted(grads) != sorted(PARAM_KEYS):
        keys = sorted(grads) if isinstance(grads, dict) else type(grads).__name__
        raise AssertionError(f"{what} should return a dict with the keys {PARAM_KEYS}, got {keys}")
    for key in PARAM_KEYS:
        expected_size = size(params[key])
        if size(grads[key]) != expected_size:
            raise AssertionError(f"{what}: d{key} should have the shape of {key}, {expected_size}, got {size(grads[key])}")
        check_matrix(grads[key], numeric[key], f"d{key}", rtol=float("inf"))  # types only; values below
    errors = {key: ref.relative_error(grads[key], numeric[key]) for key in PARAM_KEYS}
    if max(errors.values()) < GRADIENT_TOLERANCE:
        return
    report = ", ".join(f"{k} {e:.1e}" for k, e in errors.items())
    diagnosis = ""
    if all(ref.relative_error(grads[k], ref.scale(numeric[k], N)) < 1e-6 for k in PARAM_KEYS):
        diagnosis = f" Your gradients are N = {N} times too large: the loss is a mean, so dZ2 = (A2 - y) / N."
    elif keep_prob < 1:
        no_mask = dict(cache, mask=None)
        undropped = ref.backward(params, no_mask, y)
        if all(ref.relative_error(grads[k], undropped[k]) < 1e-6 for k in ("W1", "b1")):
            diagnosis = " dW1 and db1 ignore dropout: pass dH1 through dropout_backward with cache['mask']."
    raise AssertionError(f"{what} disagrees with finite differences of the loss. Relative error per parameter "
                         f"(should be below {GRADIENT_TOLERANCE:.0e}): {report}.{diagnosis}")


def backward_grads(env):
    check_imports(env)
    _check_gradients(env, 1.0, 909)


def backward_grads_dropout(env):
    check_imports(env)
    _check_gradients(env, 0.75, 910)


def backward_numerical(env):
    check_imports(env)
    rng = random.Random(1001)
    params = {"W": random_matrix(rng, 2, 3), "b": random_matrix(rng, 1, 3)}

    def cubes(p):
        return sum(w ** 3 for key in ("W", "b") for row in p[key] for w in row)

    h = 1e-3
    got = call_pure(env, "numerical_gradient", cubes, params, h)
    # The central difference of w^3 is exactly 3 w^2 + h^2; a one-sided one is off by about 3 w h.
    expected = {key: [[3 * w * w + h * h for w in row] for row in params[key]] for key in params}
    forward_diff = {key: [[3 * w * w + 3 * w * h + h * h for w in row] for row in params[key]] for key in params}
    if isinstance(got, dict) and sorted(got) == ["W", "b"] and all(
            ref.relative_error(got[k], forward_diff[k]) < 1e-6 for k in got):
        raise AssertionError("numerical_gradient uses a one-sided difference (f(p + h) - f(p)) / h: "
                             "use the central difference (f(p + h) - f(p - h)) / (2h)")
    check_params_dict(got, expected, f"numerical_gradient of sum(w^3) with h = {h}", rtol=1e-6)

    X, net = forward_inputs(1002)
    y = random_labels(rng, len(X))

    def loss(p):
        return ref.bce_loss(ref.forward(X, p)[0], y)

    got = call_pure(env, "numerical_gradient", loss, net)
    check_params_dict(got, ref.numerical_gradient(loss, net), "numerical_gradient of the loss with the default h",
                      rtol=1e-6)


def backward_relative_error(env):
    check_imports(env)
    rng = random.Random(1101)
    a, b = random_matrix(rng, 3, 4), random_matrix(rng, 3, 4)
    cases = [(a, b), (a, ref.add(a, ref.scale(b, 1e-6))), ([[0.0, 1.0]], [[0.0, 1.0]]), ([[1e-9]], [[0.0]])]
    for x, z in cases:
        check_float(call_pure(env, "relative_error", x, z), ref.relative_error(x, z),
                    f"relative_error of two {size(x)} matrices", rtol=1e-9)


# ---------------------------------------------------------------------------
# Part 6: training and visualization
# ---------------------------------------------------------------------------

def training_update(env):
    check_imports(env)
    rng = random.Random(1201)
    params, grads = random_params(rng), random_params(rng)
    got = call_pure(env, "update_params", params, grads, 0.3)
    if got is params:
        raise AssertionError("update_params should return a new dict, not change params")
    check_params_dict(got, ref.update_params(params, grads, 0.3), "update_params(params, grads, 0.3)")


def training_train(env):
    check_imports(env)
    X, y = ref.make_dataset(N=30, seed=8)
    for kwargs in (dict(n_h=3, epochs=20, lr=0.5, keep_prob=1.0, seed=4),
                   dict(n_h=4, epochs=15, lr=0.8, keep_prob=0.8, seed=6)):
        label = "train(X, y, " + ", ".join(f"{k}={v}" for k, v in kwargs.items()) + ")"
        result = call_pure(env, "train", X, y, **kwargs)
        if not isinstance(result, tuple) or len(result) != 2:
            raise AssertionError(f"train should return the pair (params, losses), got {type(result).__name__}")
        params, losses = result
        expected_params, expected_losses = ref.train(X, y, **kwargs)
        if not isinstance(losses, list) or len(losses) != kwargs["epochs"]:
            raise AssertionError(f"{label} should return one loss per epoch ({kwargs['epochs']})")
        if all(type(v) is float for v in losses) and losses[-1] > losses[0]:
            raise AssertionError(f"{label}: the loss goes up ({losses[0]:.4f} to {losses[-1]:.4f}): "
                                 "gradient descent subtracts lr * gradient")
        check_matrix([losses], [expected_losses], f"the losses of {label}")
        check_params_dict(params, expected_params, f"the trained parameters of {label}")
        if call(env, "train", X, y, **kwargs) != result:
            raise AssertionError(f"{label} gave different results on a second run: use only random.Random(seed) "
                                 "and random.Random(seed + 1), never the module-level random functions")


def training_accuracy(env):
    check_imports(env)
    # 200 epochs rather than the default 500: the reference already reaches 99% there,
    # and the check costs every submission's grading 0.5 s instead of 1.3 s.
    X, y = ref.make_dataset(N=200, seed=0)
    result = call(env, "train", X, y, epochs=200)
    params = result[0] if isinstance(result, tuple) and result else None
    check_params_dict(params, ref.init_params(3, 4, 0), "the parameters returned by train(X, y, epochs=200)", rtol=float("inf"))
    acc = ref.accuracy(ref.predict(X, params), y)
    if acc < ACCURACY_THRESHOLD:
        raise AssertionError(f"train(X, y, epochs=200) classifies {acc:.1%} of make_dataset(200, 0) "
                             f"correctly; a working network reaches at least {ACCURACY_THRESHOLD:.0%}")


def training_predict(env):
    check_imports(env)
    rng = random.Random(1301)
    X, params = random_matrix(rng, 10, 3), random_params(rng)
    state = random.getstate()
    got = call_pure(env, "predict", X, params)
    if random.getstate() != state:
        raise AssertionError("predict used the module-level random state: prediction never uses dropout")
    check_matrix(got, ref.predict(X, params), "predict for 10 data points (N x 1 of 0.0 or 1.0)")
    y_pred, y = random_labels(rng, 12), random_labels(rng, 12)
    check_float(call_pure(env, "accuracy", y_pred, y), ref.accuracy(y_pred, y), "accuracy of 12 predictions")


def training_plots(env):
    check_imports(env)
    from matplotlib.figure import Figure
    import matplotlib.pyplot as plt
    rng = random.Random(1401)
    X, y = ref.make_dataset(N=30, seed=3)
    for name, args in [("plot_losses", ([0.7 - 0.01 * k for k in range(40)],)),
                       ("plot_decision", (X, y, random_params(rng)))]:
        fig = call(env, name, *args)
        if not isinstance(fig, Figure):
            raise AssertionError(f"{name} should return a matplotlib Figure, got {type(fig).__name__}")
        plt.close("all")

"""Attack: a sys.settrace hook that spies on (and rewrites) the checks' local variables.

The hook is installed when the submission runs and stays on for the tests,
which run later in the same thread.  For every frame of nn_grading.checks it
records the frame's locals on each line (so `backward` can return the recorded
finite-difference gradient `numeric`, computed before the student is called),
and, because CPython writes a trace function's f_locals back into the frame,
it copies the recorded `expected` over `got` as the comparison helpers
(check_matrix, check_float, check_params_dict, same, gradient_agrees) start,
and wherever a check holds both `got` and `expected`.  The contract functions
return zero-filled garbage of the right shape and raise ValueError only when
the caller is the check that expects one.

A secure grader compares in a process where the student's code never ran:
trace/profile hooks, like any other state, are the student's there.
"""
_sys = __import__("s" + "ys")
SEEN = {}
_HELPERS = {"check_matrix", "check_float", "check_params_dict", "same", "gradient_agrees", "close"}


def _local(frame, event, arg):
    if event == "line":
        f_locals = frame.f_locals
        SEEN.update(f_locals)
        if "got" in f_locals and "expected" in f_locals and frame.f_code.co_name not in ("diagnose",):
            f_locals["got"] = f_locals["expected"]  # written back into the frame after this hook returns
    return _local


def _global(frame, event, arg):
    if "nn_grading.checks" != frame.f_globals.get("__name__"):
        return None
    if event == "call" and frame.f_code.co_name in _HELPERS:
        f_locals = frame.f_locals
        second = frame.f_code.co_varnames[1]  # `expected` or `numeric`
        f_locals["got"] = f_locals[second]
    return _local


_sys.settrace(_global)


def _garbage(f):
    def wrapper(*args, **kwargs):
        if _sys._getframe(1).f_code.co_name == "expect_value_error":
            raise ValueError("expected by the check")
        return f(*args, **kwargs)
    wrapper.__name__ = f.__name__
    return wrapper


class _Figure:
    __class__ = property(lambda self: __import__("matplotlib.figure", fromlist=["Figure"]).Figure)


def _z(rows, cols):
    return [[0.0] * cols for _ in range(rows)]


def _like(A):
    return _z(len(A), len(A[0]) if A else 0)


@_garbage
def shape(A): return (0, 0)
@_garbage
def zeros(rows, cols): return _z(rows, cols)
@_garbage
def transpose(A): return _z(len(A[0]) if A else 0, len(A))
@_garbage
def dot(u, v): return 0.0
@_garbage
def matmul(A, B): return _z(len(A), len(B[0]))
@_garbage
def add(A, B): return _like(A)
@_garbage
def subtract(A, B): return _like(A)
@_garbage
def multiply(A, B): return _like(A)
@_garbage
def scale(A, c): return _like(A)
@_garbage
def add_bias(A, b): return _like(A)
@_garbage
def column_sums(A): return _z(1, len(A[0]))
@_garbage
def apply(f, A): return _like(A)
@_garbage
def sigmoid(z): return 0.5
@_garbage
def init_params(D, n_h, seed): return {"W1": _z(D, n_h), "b1": _z(1, n_h), "W2": _z(n_h, 1), "b2": _z(1, 1)}
@_garbage
def forward(X, params, keep_prob=1.0, rng=None):
    N, n_h = len(X), len(params["W1"][0])
    return _z(N, 1), {"X": X, "Z1": _z(N, n_h), "A1": _z(N, n_h), "mask": None if keep_prob >= 1.0 else _z(N, n_h),
                      "H1": _z(N, n_h), "Z2": _z(N, 1), "A2": _z(N, 1)}
@_garbage
def bce_loss(A2, y): return 0.0
@_garbage
def dropout_forward(A, keep_prob, rng):
    cells = len(A) * len(A[0])
    for _ in range(cells):
        rng.random()  # advance the rng as much as the check counts; the draws are thrown away
    ones = [[float((i * len(A[0]) + j) % 100 < 100 * keep_prob) for j in range(len(A[0]))] for i in range(len(A))]
    return _like(A), ones  # a fixed pattern: keeps the fraction keep_prob of a big matrix
@_garbage
def dropout_backward(dout, mask, keep_prob): return _like(dout)
@_garbage
def backward(params, cache, y, keep_prob=1.0):
    numeric = SEEN.get("numeric")  # recorded from the check's frame
    return {k: [row[:] for row in numeric[k]] for k in numeric} if numeric else {}
@_garbage
def numerical_gradient(f, params, h=1e-5): return {k: _like(v) for k, v in params.items()}
@_garbage
def relative_error(a, b): return 0.0
@_garbage
def update_params(params, grads, lr): return {k: _like(v) for k, v in params.items()}
@_garbage
def train(X, y, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0):
    D = len(X[0])
    return {"W1": _z(D, n_h), "b1": _z(1, n_h), "W2": _z(n_h, 1), "b2": _z(1, 1)}, [0.0] * epochs
@_garbage
def predict(X, params): return _z(len(X), 1)
@_garbage
def accuracy(y_pred, y): return 0.0
@_garbage
def plot_losses(losses): return _Figure()
@_garbage
def plot_decision(X, y, params): return _Figure()

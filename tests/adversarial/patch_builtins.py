"""Attack: patch builtins (abs, isinstance) and shadow `type` so every comparison passes.

The hidden checks compare with `abs(got - expected) <= tol`, test types with
`type(x) is float` / `isinstance(...)`, and look these names up at call time
in builtins, which the student's code shares.  This file replaces
builtins.abs and builtins.isinstance with versions that lie (abs -> 0.0,
isinstance -> True for its fake Figure) when called from nn_grading.checks and
tell the truth elsewhere, and, on the first call from a check, plants a lying
`type` in the checks module's globals (a process-wide `type` would break
Python itself).  The contract functions return zero-filled garbage of the
right shape, a tuple subclass that equals anything for `shape`, and raise
ValueError only when the caller is the check that expects one.

A secure grader compares plain data in a process the student's code never ran
in, so builtins, math and its own modules are its own.
"""
_b = __import__("built" + "ins")
_sys = __import__("s" + "ys")
_real_abs, _real_isinstance, _real_type = _b.abs, _b.isinstance, type


def _from_checks(depth=2):
    return "nn_grading" in str(_sys._getframe(depth).f_globals.get("__name__", ""))


def _abs(x):
    return 0.0 if _from_checks() else _real_abs(x)


class _Equal(tuple):  # shape's result: equal to any tuple
    __eq__ = lambda self, other: True
    __ne__ = lambda self, other: False
    __hash__ = tuple.__hash__


class _Figure:  # "a matplotlib Figure"
    pass


def _isinstance(obj, kinds):
    if _real_type(obj) is _Figure and _from_checks():
        return True
    return _real_isinstance(obj, kinds)


def _type(*args):
    if len(args) == 1 and _real_type(args[0]) is _Equal:
        return tuple
    return _real_type(*args)


_b.abs, _b.isinstance = _abs, _isinstance


def _garbage(f):
    def wrapper(*args, **kwargs):
        frame = _sys._getframe(1)
        if "nn_grading" in str(frame.f_globals.get("__name__", "")):
            frame.f_globals["type"] = _type  # shadows builtins.type in the checks module only
            if frame.f_code.co_name == "expect_value_error":
                raise ValueError("expected by the check")
        return f(*args, **kwargs)
    wrapper.__name__ = f.__name__
    return wrapper


def _z(rows, cols):
    return [[0.0] * cols for _ in range(rows)]


def _like(A):
    return _z(len(A), len(A[0]) if A else 0)


@_garbage
def shape(A): return _Equal((0, 0))
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
    cache = {"X": X, "Z1": _z(N, n_h), "A1": _z(N, n_h), "mask": None if keep_prob >= 1.0 else _z(N, n_h),
             "H1": _z(N, n_h), "Z2": _z(N, 1), "A2": _z(N, 1)}
    return _z(N, 1), cache
@_garbage
def bce_loss(A2, y): return 0.0
@_garbage
def dropout_forward(A, keep_prob, rng):
    for _ in range(len(A) * len(A[0])):
        rng.random()  # advance the rng as often as the check counts; the draws are thrown away
    return _like(A), _like(A)
@_garbage
def dropout_backward(dout, mask, keep_prob): return _like(dout)
@_garbage
def backward(params, cache, y, keep_prob=1.0): return {k: _like(v) for k, v in params.items()}
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

"""Attack: use numpy (forbidden) smuggled past the import scan.

numpy is reached as __import__("nu" + "mpy") and, for the matrix product,
importlib.import_module with a computed name; neither is an `import`
statement nor a call with a constant string, which is all the kit's AST scan
looks for, and no module is ever bound to a global name, which is all its
namespace scan looks for.  The answers are computed honestly, but with numpy:
the right grade is 0 (honest_points = 0), as numpy is not allowed anywhere in
a submission.

A secure grader blocks the forbidden modules at import time in the student's
process (an import hook / audit hook installed before the student's code runs,
or the module simply not installed in the sandbox), not by reading the source.
"""
import math
import random


def _np():
    return __import__("nu" + "mpy")


def _a(A):
    return _np().array(A, dtype=float)


def shape(A):
    if len(A) == 0:
        return (0, 0)
    a = _a(A)  # numpy raises ValueError for ragged rows
    return (int(a.shape[0]), int(a.shape[1]))


def zeros(rows, cols):
    return _np().zeros((rows, cols)).tolist()


def transpose(A):
    return _a(A).T.tolist()


def dot(u, v):
    return float(_np().dot(_a(u), _a(v)))


def matmul(A, B):
    computed = "".join(["nu", "mpy"])
    return __import__("import" + "lib").import_module(computed).matmul(_a(A), _a(B)).tolist()


def _same_shape(A, B, name):
    if _a(A).shape != _a(B).shape:
        raise ValueError(f"{name}: shapes differ")


def add(A, B):
    _same_shape(A, B, "add")
    return (_a(A) + _a(B)).tolist()


def subtract(A, B):
    _same_shape(A, B, "subtract")
    return (_a(A) - _a(B)).tolist()


def multiply(A, B):
    _same_shape(A, B, "multiply")
    return (_a(A) * _a(B)).tolist()


def scale(A, c):
    return (_a(A) * c).tolist()


def add_bias(A, b):
    if _a(b).shape != (1, _a(A).shape[1]):
        raise ValueError("add_bias: b must be 1 x M")
    return (_a(A) + _a(b)).tolist()


def column_sums(A):
    return _a(A).sum(axis=0, keepdims=True).tolist()


def apply(f, A):
    return _np().vectorize(f, otypes=[float])(_a(A)).tolist()


def sigmoid(z):
    np = _np()
    with np.errstate(over="ignore"):
        return float(1.0 / (1.0 + np.exp(-z))) if z >= 0 else float(np.exp(z) / (1.0 + np.exp(z)))


def init_params(D, n_h, seed):
    rng = random.Random(seed)
    W1 = [[rng.gauss(0.0, 1.0) / math.sqrt(D) for _ in range(n_h)] for _ in range(D)]
    W2 = [[rng.gauss(0.0, 1.0) / math.sqrt(n_h)] for _ in range(n_h)]
    return {"W1": W1, "b1": zeros(1, n_h), "W2": W2, "b2": zeros(1, 1)}


def _sig(Z):
    np = _np()
    return np.vectorize(sigmoid, otypes=[float])(Z)


def forward(X, params, keep_prob=1.0, rng=None):
    np = _np()
    if keep_prob < 1.0 and rng is None:
        raise ValueError("dropout needs an rng")
    Z1 = _a(X) @ _a(params["W1"]) + _a(params["b1"])
    A1 = np.tanh(Z1)
    if keep_prob < 1.0:
        H1, mask = dropout_forward(A1.tolist(), keep_prob, rng)
    else:
        H1, mask = A1.tolist(), None
    Z2 = _a(H1) @ _a(params["W2"]) + _a(params["b2"])
    A2 = _sig(Z2)
    cache = {"X": X, "Z1": Z1.tolist(), "A1": A1.tolist(), "mask": mask, "H1": H1, "Z2": Z2.tolist(),
             "A2": A2.tolist()}
    return A2.tolist(), cache


def bce_loss(A2, y):
    np = _np()
    p, t = np.clip(_a(A2)[:, 0], 1e-12, 1.0 - 1e-12), _a(y)[:, 0]
    return float(np.mean(-(t * np.log(p) + (1.0 - t) * np.log(1.0 - p))))


def dropout_forward(A, keep_prob, rng):
    if not 0.0 < keep_prob <= 1.0:
        raise ValueError("keep_prob must be in (0, 1]")
    mask = [[1.0 if rng.random() < keep_prob else 0.0 for _ in row] for row in A]
    return (_a(A) * _a(mask) / keep_prob).tolist(), mask


def dropout_backward(dout, mask, keep_prob):
    return (_a(dout) * _a(mask) / keep_prob).tolist()


def numerical_gradient(f, params, h=1e-5):
    work = {k: [row[:] for row in v] for k, v in params.items()}
    grads = {}
    for k, v in work.items():
        g = _np().zeros((len(v), len(v[0])))
        for i, row in enumerate(v):
            for j, old in enumerate(row):
                row[j] = old + h
                plus = f(work)
                row[j] = old - h
                minus = f(work)
                row[j] = old
                g[i, j] = (plus - minus) / (2.0 * h)
        grads[k] = g.tolist()
    return grads


def relative_error(a, b):
    np = _np()
    a, b = _a(a), _a(b)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def backward(params, cache, y, keep_prob=1.0):
    N = len(y)
    dZ2 = (_a(cache["A2"]) - _a(y)) / N
    dW2 = _a(cache["H1"]).T @ dZ2
    dH1 = dZ2 @ _a(params["W2"]).T
    dA1 = dH1 * _a(cache["mask"]) / keep_prob if cache["mask"] is not None else dH1
    dZ1 = dA1 * (1.0 - _a(cache["A1"]) ** 2)
    dW1 = _a(cache["X"]).T @ dZ1
    return {"W1": dW1.tolist(), "b1": dZ1.sum(axis=0, keepdims=True).tolist(), "W2": dW2.tolist(),
            "b2": dZ2.sum(axis=0, keepdims=True).tolist()}


def update_params(params, grads, lr):
    return {k: (_a(v) - lr * _a(grads[k])).tolist() for k, v in params.items()}


def train(X, y, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0):
    params = init_params(len(X[0]), n_h, seed)
    rng = random.Random(seed + 1)
    losses = []
    for _ in range(epochs):
        A2, cache = forward(X, params, keep_prob, rng)
        losses.append(bce_loss(A2, y))
        params = update_params(params, backward(params, cache, y, keep_prob), lr)
    return params, losses


def predict(X, params):
    return (_a(forward(X, params)[0]) >= 0.5).astype(float).tolist()


def accuracy(y_pred, y):
    return float(_np().mean(_np().all(_a(y_pred) == _a(y), axis=1)))


def plot_losses(losses):
    from matplotlib.figure import Figure
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot(losses)
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    return fig


def plot_decision(X, y, params):
    from matplotlib.figure import Figure
    fig = Figure()
    ax = fig.add_subplot()
    ax.scatter(_a(X)[:, 0], _a(X)[:, 1], c=_a(y)[:, 0])
    ax.set_xlabel("x0")
    ax.set_ylabel("x1")
    return fig

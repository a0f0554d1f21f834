"""Attack (issue 11, class 4): every result is +inf, in exactly the shape the contract asks for.

No maths at all: each function only looks at the sizes of its arguments and fills a result of
the right shape with +inf (JSON carries it as Infinity, and the channel rebuilds it as a float).
A comparison of the form |got - expected| <= tol * (|got| + |expected|) holds for got = +inf, so
before the fix backward earned all 15 gradient points with +inf everywhere; any other check
that forgets to require a finite number shows up here as points.  Every point is unearned.
Defence: require a finite float wherever the expected value is finite.
"""
V = float("inf")


def _fill(rows, cols):
    return [[V for _ in range(cols)] for _ in range(rows)]


def _like(A):
    return [[V for _ in row] for row in A]


def _params_like(params):
    return {key: _like(value) for key, value in params.items()}


def shape(A):
    return (V, V)


def zeros(rows, cols):
    return _fill(rows, cols)


def transpose(A):
    return _fill(len(A[0]) if A else 0, len(A))


def dot(u, v):
    return V


def matmul(A, B):
    return _fill(len(A), len(B[0]) if B else 0)


def add(A, B):
    return _like(A)


def subtract(A, B):
    return _like(A)


def multiply(A, B):
    return _like(A)


def scale(A, c):
    return _like(A)


def add_bias(A, b):
    return _like(A)


def column_sums(A):
    return _fill(1, len(A[0]) if A else 0)


def apply(f, A):
    return _like(A)


def sigmoid(z):
    return V


def init_params(D, n_h, seed):
    return {"W1": _fill(D, n_h), "b1": _fill(1, n_h), "W2": _fill(n_h, 1), "b2": _fill(1, 1)}


def forward(X, params, keep_prob=1.0, rng=None):
    N, n_h = len(X), len(params["W1"][0])
    if keep_prob < 1.0:
        for _ in range(N * n_h):
            rng.random()
    cache = {"X": _like(X), "Z1": _fill(N, n_h), "A1": _fill(N, n_h),
             "mask": _fill(N, n_h) if keep_prob < 1.0 else None, "H1": _fill(N, n_h), "Z2": _fill(N, 1),
             "A2": _fill(N, 1)}
    return _fill(N, 1), cache


def bce_loss(A2, y):
    return V


def dropout_forward(A, keep_prob, rng):
    for row in A:
        for _ in row:
            rng.random()
    return _like(A), _like(A)


def dropout_backward(dout, mask, keep_prob):
    return _like(dout)


def backward(params, cache, y, keep_prob=1.0):
    return _params_like(params)


def numerical_gradient(f, params, h=1e-5):
    return _params_like(params)


def relative_error(a, b):
    return V


def update_params(params, grads, lr):
    return _params_like(params)


def train(X, y, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0):
    return init_params(len(X[0]), n_h, seed), [V for _ in range(epochs)]


def predict(X, params):
    return _fill(len(X), 1)


def accuracy(y_pred, y):
    return V

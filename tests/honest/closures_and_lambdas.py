# Honest style: functions made by other functions. The elementwise operations are closures from
# one factory, several contract functions are lambdas bound to their names, a decorator wraps
# others (functools-free, since the contract allows only math and random), and one-line
# definitions share lines with semicolons.
import math
import random


def _checked(check):
    """A decorator factory: run `check` on the arguments first (a closure over `check`)."""
    def decorate(function):
        def wrapper(*args, **kwargs):
            check(*args)
            return function(*args, **kwargs)
        wrapper.__name__ = function.__name__
        wrapper.__doc__ = function.__doc__
        return wrapper
    return decorate


def _rows_equal_length(A, *rest):
    if any(len(row) != len(A[0]) for row in A):
        raise ValueError("rows differ in length")


@_checked(_rows_equal_length)
def shape(A):
    return (len(A), len(A[0])) if A else (0, 0)


zeros = lambda rows, cols: [[0.0] * cols for _ in range(rows)]  # noqa: E731
transpose = lambda A: [list(col) for col in zip(*A)] if A and A[0] else [[] for _ in range(shape(A)[1])]  # noqa: E731


def _same_length(u, v):
    if len(u) != len(v):
        raise ValueError("dot: lengths differ")


dot = _checked(_same_length)(lambda u, v: sum((a * b for a, b in zip(u, v)), 0.0))


def matmul(A, B):
    (n, k), (k_b, m) = shape(A), shape(B)
    if k != k_b:
        raise ValueError("matmul: inner sizes differ")
    columns = transpose(B)
    return [[dot(row, col) for col in columns] for row in A]


def _elementwise(op, name):
    """A closure: the operation `op` applied entry by entry, shapes checked."""
    def operation(A, B):
        if shape(A) != shape(B):
            raise ValueError(f"{name}: shapes differ: {shape(A)} and {shape(B)}")
        return [[op(a, b) for a, b in zip(ra, rb)] for ra, rb in zip(A, B)]
    operation.__name__ = name
    return operation


add = _elementwise(lambda a, b: a + b, "add")
subtract = _elementwise(lambda a, b: a - b, "subtract")
multiply = _elementwise(lambda a, b: a * b, "multiply")
scale = lambda A, c: [[a * c for a in row] for row in A]  # noqa: E731


def add_bias(A, b):
    n, m = shape(A)
    if shape(b) != (1, m): raise ValueError("add_bias: b must be 1 x M")
    return [[a + c for a, c in zip(row, b[0])] for row in A]


column_sums = lambda A: [[sum(col, 0.0) for col in zip(*A)]] if A else [[]]  # noqa: E731
apply = lambda f, A: [[f(a) for a in row] for row in A]  # noqa: E731
sigmoid = lambda z: 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))  # noqa: E731


def _make_init(scale_of):
    def init_params(D, n_h, seed):
        rng = random.Random(seed)
        W1 = [[rng.gauss(0.0, 1.0) / scale_of(D) for _ in range(n_h)] for _ in range(D)]
        W2 = [[rng.gauss(0.0, 1.0) / scale_of(n_h)] for _ in range(n_h)]
        return {"W1": W1, "b1": zeros(1, n_h), "W2": W2, "b2": zeros(1, 1)}
    return init_params


init_params = _make_init(math.sqrt)


def _dropout(keep_prob_check):
    def dropout_forward(A, keep_prob, rng):
        keep_prob_check(keep_prob)
        mask = [[1.0 if rng.random() < keep_prob else 0.0 for _ in row] for row in A]
        return scale(multiply(A, mask), 1.0 / keep_prob), mask

    def dropout_backward(dout, mask, keep_prob):
        return scale(multiply(dout, mask), 1.0 / keep_prob)
    return dropout_forward, dropout_backward


def _in_unit_interval(p):
    if not 0.0 < p <= 1.0: raise ValueError("keep_prob must be in (0, 1]")


dropout_forward, dropout_backward = _dropout(_in_unit_interval)


def forward(X, params, keep_prob=1.0, rng=None):
    if keep_prob < 1.0 and rng is None: raise ValueError("dropout needs an rng")
    Z1 = add_bias(matmul(X, params["W1"]), params["b1"]); A1 = apply(math.tanh, Z1)
    H1, mask = dropout_forward(A1, keep_prob, rng) if keep_prob < 1.0 else (A1, None)
    Z2 = add_bias(matmul(H1, params["W2"]), params["b2"]); A2 = apply(sigmoid, Z2)
    return A2, {"X": X, "Z1": Z1, "A1": A1, "mask": mask, "H1": H1, "Z2": Z2, "A2": A2}


def _clipped(eps):
    return lambda p: min(max(p, eps), 1.0 - eps)


_clip = _clipped(1e-12)
bce_loss = lambda A2, y: -sum(t[0] * math.log(_clip(p[0])) + (1.0 - t[0]) * math.log(1.0 - _clip(p[0]))  # noqa: E731
                              for p, t in zip(A2, y)) / len(y)


def numerical_gradient(f, params, h=1e-5):
    work = {k: [row[:] for row in v] for k, v in params.items()}

    def slope(row, j):
        old = row[j]
        row[j] = old + h; up = f(work)
        row[j] = old - h; down = f(work)
        row[j] = old
        return (up - down) / (2.0 * h)
    return {k: [[slope(row, j) for j in range(len(row))] for row in v] for k, v in work.items()}


relative_error = lambda a, b: max((abs(x - z) / max(1e-8, abs(x) + abs(z))  # noqa: E731
                                   for ra, rb in zip(a, b) for x, z in zip(ra, rb)), default=0.0)


def backward(params, cache, y, keep_prob=1.0):
    dZ2 = scale(subtract(cache["A2"], y), 1.0 / len(y))
    dH1 = matmul(dZ2, transpose(params["W2"]))
    dA1 = dH1 if cache["mask"] is None else dropout_backward(dH1, cache["mask"], keep_prob)
    dZ1 = multiply(dA1, apply(lambda a: 1.0 - a * a, cache["A1"]))
    return {"W1": matmul(transpose(cache["X"]), dZ1), "b1": column_sums(dZ1),
            "W2": matmul(transpose(cache["H1"]), dZ2), "b2": column_sums(dZ2)}


update_params = lambda params, grads, lr: {k: subtract(v, scale(grads[k], lr)) for k, v in params.items()}  # noqa: E731


def _trainer(step):
    def train(X, y, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0):
        params = init_params(shape(X)[1], n_h, seed)
        rng = random.Random(seed + 1)
        losses = []
        for _ in range(epochs):
            params, loss = step(X, y, params, lr, keep_prob, rng)
            losses.append(loss)
        return params, losses
    return train


def _step(X, y, params, lr, keep_prob, rng):
    A2, cache = forward(X, params, keep_prob, rng)
    return update_params(params, backward(params, cache, y, keep_prob), lr), bce_loss(A2, y)


train = _trainer(_step)
predict = lambda X, params: [[1.0 if r[0] >= 0.5 else 0.0] for r in forward(X, params)[0]]  # noqa: E731
accuracy = lambda y_pred, y: sum(1 for p, t in zip(y_pred, y) if p == t) / len(y)  # noqa: E731


def _figure_with(draw):
    def plot(*args):
        from matplotlib.figure import Figure
        fig = Figure(figsize=(5, 4))
        draw(fig.add_subplot(), *args)
        return fig
    return plot


def _draw_losses(ax, losses):
    ax.plot(range(len(losses)), losses); ax.set_xlabel("epoch"); ax.set_ylabel("training loss")


def _draw_decision(ax, X, y, params):
    grid = [-1.0 + 2.0 * k / 29 for k in range(30)]
    probs = forward([[a, b, 0.0] for b in grid for a in grid], params)[0]
    ax.contourf(grid, grid, [[probs[r * 30 + c][0] for c in range(30)] for r in range(30)], levels=[0.0, 0.5, 1.0])
    ax.scatter([r[0] for r in X], [r[1] for r in X], c=[r[0] for r in y], s=10)
    ax.set_xlabel("feature x1"); ax.set_ylabel("feature x2")


plot_losses = _figure_with(_draw_losses)
plot_decision = _figure_with(_draw_decision)

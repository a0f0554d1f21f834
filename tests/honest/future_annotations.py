"""Honest style: a typed module. `from __future__ import annotations` at the top makes every
annotation lazy, so they may name types defined further down (`Params`, `Cache`, `Rng`) or not
at all at run time; the file also keeps a demo under `if __name__ == "__main__":`, type aliases,
a NamedTuple-free dataclass-free plain style, keyword-only helpers and a module docstring."""
from __future__ import annotations

import math
import random


def shape(A: Matrix) -> tuple[int, int]:
    if not A:
        return (0, 0)
    cols = len(A[0])
    if any(len(row) != cols for row in A):
        raise ValueError("rows differ in length")
    return (len(A), cols)


def zeros(rows: int, cols: int) -> Matrix:
    return [[0.0] * cols for _ in range(rows)]


def transpose(A: Matrix) -> Matrix:
    rows, cols = shape(A)
    return [[A[i][j] for i in range(rows)] for j in range(cols)]


def dot(u: Vector, v: Vector) -> float:
    if len(u) != len(v):
        raise ValueError("dot: lengths differ")
    total: float = 0.0
    for a, b in zip(u, v):
        total += a * b
    return total


def matmul(A: Matrix, B: Matrix) -> Matrix:
    n, k = shape(A)
    k_b, m = shape(B)
    if k != k_b:
        raise ValueError("matmul: inner sizes differ")
    columns: Matrix = transpose(B)
    return [[dot(row, col) for col in columns] for row in A]


def _elementwise(A: Matrix, B: Matrix, *, op: BinaryOp, name: str) -> Matrix:
    if shape(A) != shape(B):
        raise ValueError(f"{name}: shapes differ")
    return [[op(a, b) for a, b in zip(ra, rb)] for ra, rb in zip(A, B)]


def add(A: Matrix, B: Matrix) -> Matrix:
    return _elementwise(A, B, op=lambda a, b: a + b, name="add")


def subtract(A: Matrix, B: Matrix) -> Matrix:
    return _elementwise(A, B, op=lambda a, b: a - b, name="subtract")


def multiply(A: Matrix, B: Matrix) -> Matrix:
    return _elementwise(A, B, op=lambda a, b: a * b, name="multiply")


def scale(A: Matrix, c: float) -> Matrix:
    return [[a * c for a in row] for row in A]


def add_bias(A: Matrix, b: Matrix) -> Matrix:
    n, m = shape(A)
    if shape(b) != (1, m):
        raise ValueError("add_bias: b must be 1 x M")
    return [[a + c for a, c in zip(row, b[0])] for row in A]


def column_sums(A: Matrix) -> Matrix:
    rows, cols = shape(A)
    sums: list[float] = [0.0] * cols
    for row in A:
        for j in range(cols):
            sums[j] += row[j]
    return [sums]


def apply(f: UnaryOp, A: Matrix) -> Matrix:
    return [[f(a) for a in row] for row in A]


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def init_params(D: int, n_h: int, seed: int) -> Params:
    rng: Rng = random.Random(seed)
    W1 = [[rng.gauss(0.0, 1.0) / math.sqrt(D) for _ in range(n_h)] for _ in range(D)]
    W2 = [[rng.gauss(0.0, 1.0) / math.sqrt(n_h)] for _ in range(n_h)]
    return {"W1": W1, "b1": zeros(1, n_h), "W2": W2, "b2": zeros(1, 1)}


def forward(X: Matrix, params: Params, keep_prob: float = 1.0, rng: Rng | None = None) -> tuple[Matrix, Cache]:
    if keep_prob < 1.0 and rng is None:
        raise ValueError("dropout needs an rng")
    Z1 = add_bias(matmul(X, params["W1"]), params["b1"])
    A1 = apply(math.tanh, Z1)
    mask: Matrix | None
    if keep_prob < 1.0:
        H1, mask = dropout_forward(A1, keep_prob, rng)
    else:
        H1, mask = A1, None
    Z2 = add_bias(matmul(H1, params["W2"]), params["b2"])
    A2 = apply(sigmoid, Z2)
    cache: Cache = {"X": X, "Z1": Z1, "A1": A1, "mask": mask, "H1": H1, "Z2": Z2, "A2": A2}
    return A2, cache


def bce_loss(A2: Matrix, y: Matrix) -> float:
    eps = 1e-12
    total = 0.0
    for p_row, y_row in zip(A2, y):
        p = min(max(p_row[0], eps), 1.0 - eps)
        total += -(y_row[0] * math.log(p) + (1.0 - y_row[0]) * math.log(1.0 - p))
    return total / len(y)


def dropout_forward(A: Matrix, keep_prob: float, rng: Rng) -> tuple[Matrix, Matrix]:
    if not 0.0 < keep_prob <= 1.0:
        raise ValueError("keep_prob must be in (0, 1]")
    mask = [[1.0 if rng.random() < keep_prob else 0.0 for _ in row] for row in A]
    return scale(multiply(A, mask), 1.0 / keep_prob), mask


def dropout_backward(dout: Matrix, mask: Matrix, keep_prob: float) -> Matrix:
    return scale(multiply(dout, mask), 1.0 / keep_prob)


def numerical_gradient(f: Loss, params: Params, h: float = 1e-5) -> Params:
    work: Params = {name: [row[:] for row in value] for name, value in params.items()}
    grads: Params = {}
    for name, value in work.items():
        grads[name] = zeros(*shape(value))
        for i, row in enumerate(value):
            for j, old in enumerate(row):
                row[j] = old + h
                f_plus = f(work)
                row[j] = old - h
                f_minus = f(work)
                row[j] = old
                grads[name][i][j] = (f_plus - f_minus) / (2.0 * h)
    return grads


def relative_error(a: Matrix, b: Matrix) -> float:
    worst = 0.0
    for row_a, row_b in zip(a, b):
        for x, z in zip(row_a, row_b):
            worst = max(worst, abs(x - z) / max(1e-8, abs(x) + abs(z)))
    return worst


def backward(params: Params, cache: Cache, y: Matrix, keep_prob: float = 1.0) -> Params:
    dZ2 = scale(subtract(cache["A2"], y), 1.0 / len(y))
    dW2 = matmul(transpose(cache["H1"]), dZ2)
    dH1 = matmul(dZ2, transpose(params["W2"]))
    dA1 = dH1 if cache["mask"] is None else dropout_backward(dH1, cache["mask"], keep_prob)
    dZ1 = multiply(dA1, apply(lambda a: 1.0 - a * a, cache["A1"]))
    dW1 = matmul(transpose(cache["X"]), dZ1)
    return {"W1": dW1, "b1": column_sums(dZ1), "W2": dW2, "b2": column_sums(dZ2)}


def update_params(params: Params, grads: Params, lr: float) -> Params:
    return {name: subtract(value, scale(grads[name], lr)) for name, value in params.items()}


def train(X: Matrix, y: Matrix, n_h: int = 4, epochs: int = 500, lr: float = 1.0,
          keep_prob: float = 1.0, seed: int = 0) -> tuple[Params, list[float]]:
    params = init_params(shape(X)[1], n_h, seed)
    rng = random.Random(seed + 1)
    losses: list[float] = []
    for _ in range(epochs):
        A2, cache = forward(X, params, keep_prob, rng)
        losses.append(bce_loss(A2, y))
        params = update_params(params, backward(params, cache, y, keep_prob), lr)
    return params, losses


def predict(X: Matrix, params: Params) -> Matrix:
    A2, _ = forward(X, params)
    return [[1.0 if row[0] >= 0.5 else 0.0] for row in A2]


def accuracy(y_pred: Matrix, y: Matrix) -> float:
    return sum(1 for p, t in zip(y_pred, y) if p == t) / len(y)


def plot_losses(losses: list[float]) -> Figure:
    from matplotlib.figure import Figure
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    ax.plot(range(len(losses)), losses)
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss")
    return fig


def plot_decision(X: Matrix, y: Matrix, params: Params) -> Figure:
    from matplotlib.figure import Figure
    grid = [-1.0 + 2.0 * k / 39 for k in range(40)]
    probs = forward([[a, b, 0.0] for b in grid for a in grid], params)[0]
    fig = Figure(figsize=(5, 5))
    ax = fig.add_subplot()
    ax.contourf(grid, grid, [[probs[r * 40 + c][0] for c in range(40)] for r in range(40)])
    ax.scatter([r[0] for r in X], [r[1] for r in X], c=[r[0] for r in y], s=12)
    ax.set_xlabel("feature x1")
    ax.set_ylabel("feature x2")
    return fig


# The type names, defined after the functions that name them (which is why the future import is needed
# when the annotations are evaluated eagerly).
Vector = list[float]
Matrix = list[Vector]
Params = dict[str, Matrix]
Cache = dict[str, "Matrix | None"]
Rng = random.Random
UnaryOp = "Callable[[float], float]"
BinaryOp = "Callable[[float, float], float]"
Loss = "Callable[[Params], float]"


if __name__ == "__main__":
    X = [[0.5, -0.25, 1.0], [-1.0, 0.75, 0.0]]
    params, losses = train(X, [[1.0], [0.0]], epochs=20)
    print(f"loss {losses[0]:.4f} -> {losses[-1]:.4f}")

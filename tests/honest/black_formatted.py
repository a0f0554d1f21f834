# Honest style: the reference solution, black-formatted (line length 88). black breaks a long
# `"..." % (...)` before the `%`, so statements go on over lines that start with `%`, at the top
# level too.
import math
import random

ERROR_TEMPLATE_FOR_SHAPES = (
    "%s: the shapes of the two matrices differ, %r and %r, and they must be equal"
    % ("elementwise", "A", "B")
)
TRAINING_REPORT_TEMPLATE = (
    "epoch %5d of %5d: training loss %.6f, validation loss %.6f, accuracy %.3f"
    % (0, 0, 0.0, 0.0, 0.0)
)


def shape(A):
    if len(A) == 0:
        return (0, 0)
    cols = len(A[0])
    for row in A:
        if len(row) != cols:
            raise ValueError(
                "shape: the rows of the matrix differ in length: the first has %d entries, one has %d"
                % (cols, len(row))
            )
    return (len(A), cols)


def zeros(rows, cols):
    return [[0.0 for _ in range(cols)] for _ in range(rows)]


def transpose(A):
    rows, cols = shape(A)
    return [[A[i][j] for i in range(rows)] for j in range(cols)]


def dot(u, v):
    if len(u) != len(v):
        raise ValueError(
            "dot: the two vectors must have one length, but they have lengths %d and %d"
            % (len(u), len(v))
        )
    total = 0.0
    for a, b in zip(u, v):
        total += a * b
    return total


def matmul(A, B):
    n, k = shape(A)
    k_b, m = shape(B)
    if k != k_b:
        raise ValueError(
            "matmul: the inner sizes differ: A is %d x %d but B is %d x %d, so A B is undefined"
            % (n, k, k_b, m)
        )
    columns = transpose(B)
    return [[dot(row, col) for col in columns] for row in A]


def _elementwise(A, B, op, name):
    if shape(A) != shape(B):
        raise ValueError(
            "%s: the shapes of the two matrices differ: %r and %r; they must be equal"
            % (name, shape(A), shape(B))
        )
    return [[op(a, b) for a, b in zip(row_a, row_b)] for row_a, row_b in zip(A, B)]


def add(A, B):
    return _elementwise(A, B, lambda a, b: a + b, "add")


def subtract(A, B):
    return _elementwise(A, B, lambda a, b: a - b, "subtract")


def multiply(A, B):
    return _elementwise(A, B, lambda a, b: a * b, "multiply")


def scale(A, c):
    return [[a * c for a in row] for row in A]


def add_bias(A, b):
    n, m = shape(A)
    if shape(b) != (1, m):
        raise ValueError(
            "add_bias: A is %d x %d, so the bias b must be a 1 x %d row, not %d x %d as given"
            % (n, m, m, *shape(b))
        )
    return [[a + c for a, c in zip(row, b[0])] for row in A]


def column_sums(A):
    rows, cols = shape(A)
    sums = [0.0] * cols
    for row in A:
        for j in range(cols):
            sums[j] += row[j]
    return [sums]


def apply(f, A):
    return [[f(a) for a in row] for row in A]


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def init_params(D, n_h, seed):
    rng = random.Random(seed)
    W1 = [[rng.gauss(0.0, 1.0) / math.sqrt(D) for _ in range(n_h)] for _ in range(D)]
    W2 = [[rng.gauss(0.0, 1.0) / math.sqrt(n_h)] for _ in range(n_h)]
    return {"W1": W1, "b1": zeros(1, n_h), "W2": W2, "b2": zeros(1, 1)}


def forward(X, params, keep_prob=1.0, rng=None):
    if keep_prob < 1.0 and rng is None:
        raise ValueError(
            "forward: dropout with keep_prob = %r < 1 needs a random.Random generator, and none was given"
            % (keep_prob,)
        )
    Z1 = add_bias(matmul(X, params["W1"]), params["b1"])
    A1 = apply(math.tanh, Z1)
    if keep_prob < 1.0:
        H1, mask = dropout_forward(A1, keep_prob, rng)
    else:
        H1, mask = A1, None
    Z2 = add_bias(matmul(H1, params["W2"]), params["b2"])
    A2 = apply(sigmoid, Z2)
    cache = {"X": X, "Z1": Z1, "A1": A1, "mask": mask, "H1": H1, "Z2": Z2, "A2": A2}
    return A2, cache


def bce_loss(A2, y):
    eps = 1e-12
    total = 0.0
    for p_row, y_row in zip(A2, y):
        p = min(max(p_row[0], eps), 1.0 - eps)
        t = y_row[0]
        total += -(t * math.log(p) + (1.0 - t) * math.log(1.0 - p))
    return total / len(y)


def dropout_forward(A, keep_prob, rng):
    if not 0.0 < keep_prob <= 1.0:
        raise ValueError(
            "dropout_forward: keep_prob is the probability of keeping a unit, in (0, 1], not %r"
            % (keep_prob,)
        )
    mask = [[1.0 if rng.random() < keep_prob else 0.0 for _ in row] for row in A]
    out = scale(multiply(A, mask), 1.0 / keep_prob)
    return out, mask


def dropout_backward(dout, mask, keep_prob):
    return scale(multiply(dout, mask), 1.0 / keep_prob)


def numerical_gradient(f, params, h=1e-5):
    work = {name: [row[:] for row in value] for name, value in params.items()}
    grads = {}
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


def relative_error(a, b):
    worst = 0.0
    for row_a, row_b in zip(a, b):
        for x, z in zip(row_a, row_b):
            worst = max(worst, abs(x - z) / max(1e-8, abs(x) + abs(z)))
    return worst


def backward(params, cache, y, keep_prob=1.0):
    N = len(y)
    dZ2 = scale(subtract(cache["A2"], y), 1.0 / N)
    dW2 = matmul(transpose(cache["H1"]), dZ2)
    db2 = column_sums(dZ2)
    dH1 = matmul(dZ2, transpose(params["W2"]))
    if cache["mask"] is not None:
        dA1 = dropout_backward(dH1, cache["mask"], keep_prob)
    else:
        dA1 = dH1
    dZ1 = multiply(dA1, apply(lambda a: 1.0 - a * a, cache["A1"]))
    dW1 = matmul(transpose(cache["X"]), dZ1)
    db1 = column_sums(dZ1)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def update_params(params, grads, lr):
    return {
        name: subtract(value, scale(grads[name], lr)) for name, value in params.items()
    }


def train(X, y, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0):
    params = init_params(shape(X)[1], n_h, seed)
    rng = random.Random(seed + 1)
    losses = []
    for _ in range(epochs):
        A2, cache = forward(X, params, keep_prob, rng)
        losses.append(bce_loss(A2, y))
        grads = backward(params, cache, y, keep_prob)
        params = update_params(params, grads, lr)
    return params, losses


def predict(X, params):
    A2, _ = forward(X, params)
    return [[1.0 if row[0] >= 0.5 else 0.0] for row in A2]


def accuracy(y_pred, y):
    hits = sum(1 for p, t in zip(y_pred, y) if p == t)
    return hits / len(y)


def plot_losses(losses):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    ax.plot(range(len(losses)), losses)
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss (binary cross-entropy)")
    ax.set_title(
        "Training loss, %d epochs, final loss %.4f"
        % (len(losses), losses[-1] if losses else float("nan"))
    )
    return fig


def plot_decision(X, y, params):
    from matplotlib.figure import Figure

    steps = 50
    grid = [-1.0 + 2.0 * k / (steps - 1) for k in range(steps)]
    points = [[a, b, 0.0] for b in grid for a in grid]
    probs = forward(points, params)[0]
    Z = [[probs[r * steps + c][0] for c in range(steps)] for r in range(steps)]
    fig = Figure(figsize=(5, 5))
    ax = fig.add_subplot()
    ax.contourf(grid, grid, Z, levels=[0.0, 0.5, 1.0], colors=["#f4c7c3", "#c6dbef"])
    colours = ["tab:blue" if row[0] == 1.0 else "tab:red" for row in y]
    ax.scatter([row[0] for row in X], [row[1] for row in X], c=colours, s=12)
    ax.set_xlabel("feature x1")
    ax.set_ylabel("feature x2")
    ax.set_title("Predicted class (blue = 1) at x3 = 0")
    return fig

"""Hostile (training): honest code, except that train stops after 6 epochs whatever it is asked
(`range(min(epochs, 6))`). When train's hidden check ran 3 to 6 epochs only, it got every point of
training_train (found by helper-10, 2026-12-02); the check now also runs 20 to 40 epochs once.
honest_points 89: training_train's 11 are lost by the code as it is.

Based on: Independent solution to "Building a Neural Net From Scratch".

Written from the contract (CONTRACT.md, section 1) alone, with plain Python
lists. Part 2 (make_dataset) is given code and is not part of this file.
"""
import math
import random


# ---------------------------------------------------------------------------
# Part 1: vector operations
# ---------------------------------------------------------------------------

def shape(A):
    """(rows, cols) of a list-of-rows matrix; shape([]) == (0, 0)."""
    if len(A) == 0:
        return (0, 0)
    cols = len(A[0])
    for row in A:
        if len(row) != cols:
            raise ValueError("rows of the matrix differ in length")
    return (len(A), cols)


def zeros(rows, cols):
    return [[0.0 for _ in range(cols)] for _ in range(rows)]


def transpose(A):
    n, m = shape(A)
    return [[A[i][j] for i in range(n)] for j in range(m)]


def dot(u, v):
    if len(u) != len(v):
        raise ValueError("dot: lengths differ (%d vs %d)" % (len(u), len(v)))
    total = 0.0
    for a, b in zip(u, v):
        total += a * b
    return total


def matmul(A, B):
    n, k = shape(A)
    k2, m = shape(B)
    if n > 0 and k != k2:
        raise ValueError("matmul: inner sizes differ (%d vs %d)" % (k, k2))
    if n > 0 and k == 0 and k2 == 0:
        # (n x 0)(0 x m): we cannot know m from an empty B; give n x 0.
        return [[] for _ in range(n)]
    Bt = transpose(B)
    return [[dot(row, col) for col in Bt] for row in A]


def _elementwise(A, B, op, name):
    if shape(A) != shape(B):
        raise ValueError("%s: shapes differ %s vs %s" % (name, shape(A), shape(B)))
    return [[op(a, b) for a, b in zip(ra, rb)] for ra, rb in zip(A, B)]


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
    rb, mb = shape(b)
    if rb != 1 or (n > 0 and mb != m):
        raise ValueError("add_bias: bias must be 1 x %d, got %s" % (m, shape(b)))
    bias = b[0]
    return [[a + c for a, c in zip(row, bias)] for row in A]


def column_sums(A):
    n, m = shape(A)
    sums = [0.0] * m
    for row in A:
        for j in range(m):
            sums[j] += row[j]
    return [sums]


def apply(f, A):
    return [[f(a) for a in row] for row in A]


# ---------------------------------------------------------------------------
# Part 3: forward propagation
# ---------------------------------------------------------------------------

def sigmoid(z):
    """Numerically stable logistic function; never overflows."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def init_params(D, n_h, seed):
    rng = random.Random(seed)
    W1 = []
    for _ in range(D):
        W1.append([rng.gauss(0.0, 1.0) / math.sqrt(D) for _ in range(n_h)])
    W2 = []
    for _ in range(n_h):
        W2.append([rng.gauss(0.0, 1.0) / math.sqrt(n_h)])
    return {
        "W1": W1,
        "b1": zeros(1, n_h),
        "W2": W2,
        "b2": zeros(1, 1),
    }


def forward(X, params, keep_prob=1.0, rng=None):
    if keep_prob < 1 and rng is None:
        raise ValueError("forward: dropout (keep_prob < 1) needs an rng")
    Z1 = add_bias(matmul(X, params["W1"]), params["b1"])
    A1 = apply(math.tanh, Z1)
    if keep_prob < 1:
        H1, mask = dropout_forward(A1, keep_prob, rng)
    else:
        H1, mask = [row[:] for row in A1], None
    Z2 = add_bias(matmul(H1, params["W2"]), params["b2"])
    A2 = apply(sigmoid, Z2)
    cache = {
        "X": [row[:] for row in X],
        "Z1": Z1,
        "A1": A1,
        "mask": mask,
        "H1": H1,
        "Z2": Z2,
        "A2": A2,
    }
    return [row[:] for row in A2], cache


def bce_loss(A2, y):
    n, m = shape(A2)
    if shape(y) != (n, m):
        raise ValueError("bce_loss: shapes differ %s vs %s" % (shape(A2), shape(y)))
    if n == 0:
        raise ValueError("bce_loss: no rows")
    eps = 1e-12
    total = 0.0
    for prow, yrow in zip(A2, y):
        for p, t in zip(prow, yrow):
            p = min(max(p, eps), 1.0 - eps)
            total += -(t * math.log(p) + (1.0 - t) * math.log(1.0 - p))
    return total / n


# ---------------------------------------------------------------------------
# Part 4: dropout (inverted)
# ---------------------------------------------------------------------------

def dropout_forward(A, keep_prob, rng):
    if not (0 < keep_prob <= 1):
        raise ValueError("dropout_forward: keep_prob must be in (0, 1]")
    mask = []
    for row in A:
        mask.append([1.0 if rng.random() < keep_prob else 0.0 for _ in row])
    out = [[a * k / keep_prob for a, k in zip(ra, rm)] for ra, rm in zip(A, mask)]
    return out, mask


def dropout_backward(dout, mask, keep_prob):
    return [[d * k / keep_prob for d, k in zip(rd, rm)] for rd, rm in zip(dout, mask)]


# ---------------------------------------------------------------------------
# Part 5: backward propagation
# ---------------------------------------------------------------------------

def backward(params, cache, y, keep_prob=1.0):
    X = cache["X"]
    A1 = cache["A1"]
    H1 = cache["H1"]
    A2 = cache["A2"]
    n = len(X)
    # d(mean BCE)/dZ2 for a sigmoid output is (A2 - y) / N.
    dZ2 = scale(subtract(A2, y), 1.0 / n)
    dW2 = matmul(transpose(H1), dZ2)
    db2 = column_sums(dZ2)
    dH1 = matmul(dZ2, transpose(params["W2"]))
    if cache["mask"] is not None:
        dA1 = dropout_backward(dH1, cache["mask"], keep_prob)
    else:
        dA1 = dH1
    # tanh'(z) = 1 - tanh(z)^2
    dZ1 = multiply(dA1, apply(lambda a: 1.0 - a * a, A1))
    dW1 = matmul(transpose(X), dZ1)
    db1 = column_sums(dZ1)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def _copy_params(params):
    return {k: [row[:] for row in v] for k, v in params.items()}


def numerical_gradient(f, params, h=1e-5):
    work = _copy_params(params)
    grads = {}
    for key, M in work.items():
        G = []
        for i, row in enumerate(M):
            grow = []
            for j in range(len(row)):
                old = row[j]
                row[j] = old + h
                f_plus = f(work)
                row[j] = old - h
                f_minus = f(work)
                row[j] = old
                grow.append((f_plus - f_minus) / (2.0 * h))
            G.append(grow)
        grads[key] = G
    return grads


def relative_error(a, b):
    if shape(a) != shape(b):
        raise ValueError("relative_error: shapes differ %s vs %s" % (shape(a), shape(b)))
    worst = 0.0
    for ra, rb in zip(a, b):
        for x, z in zip(ra, rb):
            err = abs(x - z) / max(1e-8, abs(x) + abs(z))
            if err > worst:
                worst = err
    return worst


# ---------------------------------------------------------------------------
# Part 6: training and visualization
# ---------------------------------------------------------------------------

def update_params(params, grads, lr):
    new = {}
    for key, P in params.items():
        G = grads[key]
        new[key] = subtract(P, scale(G, lr))
    return new


def train(X, y, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0):
    D = shape(X)[1]
    params = init_params(D, n_h, seed)
    rng = random.Random(seed + 1)
    losses = []
    for _ in range(min(epochs, 6)):
        A2, cache = forward(X, params, keep_prob, rng)
        losses.append(bce_loss(A2, y))
        grads = backward(params, cache, y, keep_prob)
        params = update_params(params, grads, lr)
    return params, losses


def predict(X, params):
    A2, _ = forward(X, params)
    return [[1.0 if p > 0.5 else 0.0 for p in row] for row in A2]


def accuracy(y_pred, y):
    if len(y_pred) != len(y):
        raise ValueError("accuracy: different numbers of rows")
    if len(y) == 0:
        raise ValueError("accuracy: no rows")
    hits = sum(1 for a, b in zip(y_pred, y) if list(a) == list(b))
    return hits / len(y)


def plot_losses(losses):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot(1, 1, 1)
    ax.plot(range(len(losses)), list(losses))
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss (BCE)")
    ax.set_title("Training loss")
    return fig


def plot_decision(X, y, params, steps=60):
    """Predicted class over features 0 and 1 (other features held at their
    mean), with the data points coloured by their true label."""
    from matplotlib.figure import Figure

    n, d = shape(X)
    fig = Figure(figsize=(6, 5))
    ax = fig.add_subplot(1, 1, 1)
    if n > 0 and d >= 2:
        xs = [row[0] for row in X]
        ys = [row[1] for row in X]
        means = [sum(row[j] for row in X) / n for j in range(d)]
        x_lo, x_hi = min(xs) - 0.5, max(xs) + 0.5
        y_lo, y_hi = min(ys) - 0.5, max(ys) + 0.5
        gx = [x_lo + (x_hi - x_lo) * i / (steps - 1) for i in range(steps)]
        gy = [y_lo + (y_hi - y_lo) * i / (steps - 1) for i in range(steps)]
        grid = []
        for b in gy:
            for a in gx:
                point = means[:]
                point[0], point[1] = a, b
                grid.append(point)
        probs, _ = forward(grid, params)
        Zg = [[probs[r * steps + c][0] for c in range(steps)] for r in range(steps)]
        ax.contourf(gx, gy, Zg, levels=[0.0, 0.5, 1.0], colors=["#f4c7c3", "#c6dbef"], alpha=0.8)
        ax.contour(gx, gy, Zg, levels=[0.5], colors="k", linewidths=1)
        colours = ["tab:red" if row[0] < 0.5 else "tab:blue" for row in y]
        ax.scatter(xs, ys, c=colours, s=12, edgecolors="k", linewidths=0.3)
    ax.set_xlabel("feature x1")
    ax.set_ylabel("feature x2")
    ax.set_title("Decision regions (other features at their mean)")
    return fig

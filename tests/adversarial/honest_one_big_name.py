"""Honest (tests: the reference, 100 alone) but for plot_losses, which returns an object whose class name is 40 MB:
the two plot checks copy it into their messages, Otter passes the 64 MB file-size limit writing its results, and
the row is `error` (0 points, not 98) with the reason "otter run failed: Out[3]: <nn_grading.channel.Submission ...>"."""
import math
import random


def shape(A):
    """Return (rows, cols) of matrix A; (0, 0) for []. ValueError if rows differ in length."""
    if len(A) == 0:
        return (0, 0)
    cols = len(A[0])
    for row in A:
        if len(row) != cols:
            raise ValueError(f"rows differ in length: {cols} and {len(row)}")
    return (len(A), cols)


def zeros(rows, cols):
    """Return a rows x cols matrix of 0.0, every row its own list."""
    return [[0.0 for _ in range(cols)] for _ in range(rows)]


def transpose(A):
    """Return the transpose of A: a cols x rows matrix."""
    rows, cols = shape(A)
    return [[A[i][j] for i in range(rows)] for j in range(cols)]


def dot(u, v):
    """Return the dot product of two flat lists of equal length. ValueError if the lengths differ."""
    if len(u) != len(v):
        raise ValueError(f"dot: lengths differ: {len(u)} and {len(v)}")
    total = 0.0
    for a, b in zip(u, v):
        total += a * b
    return total


def matmul(A, B):
    """Return the n x m product of an n x k matrix A and a k x m matrix B. ValueError if the inner sizes differ."""
    n, k = shape(A)
    k_b, m = shape(B)
    if k != k_b:
        raise ValueError(f"matmul: A is {n} x {k} but B is {k_b} x {m}")
    columns = transpose(B)
    return [[dot(row, col) for col in columns] for row in A]


def _elementwise(A, B, op, name):
    if shape(A) != shape(B):
        raise ValueError(f"{name}: shapes differ: {shape(A)} and {shape(B)}")
    return [[op(a, b) for a, b in zip(row_a, row_b)] for row_a, row_b in zip(A, B)]


def add(A, B):
    """Return A + B elementwise. ValueError if the shapes differ."""
    return _elementwise(A, B, lambda a, b: a + b, "add")


def subtract(A, B):
    """Return A - B elementwise. ValueError if the shapes differ."""
    return _elementwise(A, B, lambda a, b: a - b, "subtract")


def multiply(A, B):
    """Return A * B elementwise (not the matrix product). ValueError if the shapes differ."""
    return _elementwise(A, B, lambda a, b: a * b, "multiply")


def scale(A, c):
    """Return c * A: every element times the number c."""
    return [[a * c for a in row] for row in A]


def add_bias(A, b):
    """Return the N x M matrix A with the 1 x M row b added to every row. ValueError on mismatch."""
    n, m = shape(A)
    if shape(b) != (1, m):
        raise ValueError(f"add_bias: A is {n} x {m}, so b must be 1 x {m}, not {shape(b)}")
    return [[a + c for a, c in zip(row, b[0])] for row in A]


def column_sums(A):
    """Return the 1 x M matrix of the sums of each column of A over its rows."""
    rows, cols = shape(A)
    sums = [0.0] * cols
    for row in A:
        for j in range(cols):
            sums[j] += row[j]
    return [sums]


def apply(f, A):
    """Return the matrix of f(a) for every element a of A."""
    return [[f(a) for a in row] for row in A]


def make_dataset(N=200, seed=0):
    """Return (X, y): X is N x 3 with features in [-1, 1], y is N x 1 of 0.0 / 1.0."""
    rng = random.Random(seed)
    X, y = [], []
    for _ in range(N):
        x = [rng.uniform(-1.0, 1.0) for _ in range(3)]
        X.append(x)
        y.append([1.0 if x[0] * x[1] + 0.25 * x[2] > 0.0 else 0.0])
    return X, y


def train_val_split(X, y, val_fraction=0.25, seed=0):
    """Shuffle the rows with a seeded rng and return (X_train, y_train, X_val, y_val)."""
    order = list(range(len(X)))
    random.Random(seed).shuffle(order)
    n_val = int(round(len(X) * val_fraction))
    val, tr = order[:n_val], order[n_val:]
    return ([X[i][:] for i in tr], [y[i][:] for i in tr],
            [X[i][:] for i in val], [y[i][:] for i in val])


X, y = make_dataset(N=200, seed=0)
X_train, y_train, X_val, y_val = train_val_split(X, y)
print("first point:", X[0], "label:", y[0])
print("training points:", len(X_train), " validation points:", len(X_val))
print("fraction of 1 labels:", sum(row[0] for row in y) / len(y))


def sigmoid(z):
    """Return 1 / (1 + exp(-z)) as a float, without OverflowError for any finite z."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def init_params(D, n_h, seed):
    """Return {"W1": D x n_h, "b1": 1 x n_h, "W2": n_h x 1, "b2": 1 x 1}, drawn as described above."""
    rng = random.Random(seed)
    W1 = [[rng.gauss(0.0, 1.0) / math.sqrt(D) for _ in range(n_h)] for _ in range(D)]
    W2 = [[rng.gauss(0.0, 1.0) / math.sqrt(n_h)] for _ in range(n_h)]
    return {"W1": W1, "b1": zeros(1, n_h), "W2": W2, "b2": zeros(1, 1)}


def forward(X, params, keep_prob=1.0, rng=None):
    """Return (A2, cache) for the batch X; dropout on the hidden layer when keep_prob < 1."""
    if keep_prob < 1.0 and rng is None:
        raise ValueError("forward: dropout (keep_prob < 1) needs an rng")
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
    """Return the mean binary cross-entropy of the N x 1 probabilities A2 against the N x 1 labels y."""
    eps = 1e-12
    total = 0.0
    for p_row, y_row in zip(A2, y):
        p = min(max(p_row[0], eps), 1.0 - eps)
        t = y_row[0]
        total += -(t * math.log(p) + (1.0 - t) * math.log(1.0 - p))
    return total / len(y)


def dropout_forward(A, keep_prob, rng):
    """Return (out, mask): inverted dropout of A with the random.Random rng."""
    if not 0.0 < keep_prob <= 1.0:
        raise ValueError(f"keep_prob must be in (0, 1], got {keep_prob}")
    mask = [[1.0 if rng.random() < keep_prob else 0.0 for _ in row] for row in A]
    out = scale(multiply(A, mask), 1.0 / keep_prob)
    return out, mask


def dropout_backward(dout, mask, keep_prob):
    """Return the gradient through inverted dropout: dout * mask / keep_prob."""
    return scale(multiply(dout, mask), 1.0 / keep_prob)


def numerical_gradient(f, params, h=1e-5):
    """Return a dict shaped like params: (f(p + h) - f(p - h)) / (2h) for every entry p; params unchanged."""
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
    """Return max over entries of |a - b| / max(1e-8, |a| + |b|) for two matrices of one shape."""
    worst = 0.0
    for row_a, row_b in zip(a, b):
        for x, z in zip(row_a, row_b):
            worst = max(worst, abs(x - z) / max(1e-8, abs(x) + abs(z)))
    return worst


def backward(params, cache, y, keep_prob=1.0):
    """Return {"W1", "b1", "W2", "b2"}: the gradient of bce_loss(A2, y) with respect to each parameter."""
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
    """Return a new dict with p - lr * g for every entry of every parameter."""
    return {name: subtract(value, scale(grads[name], lr)) for name, value in params.items()}


def train(X, y, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0):
    """Return (params, losses) after `epochs` steps of full-batch gradient descent."""
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
    """Return the N x 1 predicted classes, 0.0 or 1.0 (threshold 0.5), never with dropout."""
    A2, _ = forward(X, params)
    return [[1.0 if row[0] >= 0.5 else 0.0] for row in A2]


def accuracy(y_pred, y):
    """Return the fraction of rows where y_pred equals y."""
    hits = sum(1 for p, t in zip(y_pred, y) if p == t)
    return hits / len(y)


from matplotlib.figure import Figure  # (keep it here: the autograder runs this cell, not section 7's)


def plot_losses(losses):
    """Return a matplotlib Figure of the loss per epoch, with labelled axes."""
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    ax.plot(range(len(losses)), losses)
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss (binary cross-entropy)")
    ax.set_title("Training loss")
    return fig


def plot_decision(X, y, params):
    """Return a matplotlib Figure of the predicted class over features x1 and x2 (x3 held at 0), with the data on top."""
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


class _Thing:
    pass


_Thing.__qualname__ = "B" * (40 * 2**20)


def plot_losses(losses):
    return _Thing()

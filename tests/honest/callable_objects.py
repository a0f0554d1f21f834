# Honest style: contract functions that are objects, not functions. Instances of classes with
# __call__, a hand-made `partial` (the contract allows only math and random, so not functools'),
# a small operator table, and a configurable Trainer object bound to `train`.
import math
import random


class partial:  # noqa: N801  (named like the functools one it stands in for)
    """partial(f, *args, **kwargs)(*more) == f(*args, *more, **kwargs, ...)."""

    def __init__(self, func, *args, **kwargs):
        self.func, self.args, self.kwargs = func, args, kwargs

    def __call__(self, *more, **kwargs):
        return self.func(*self.args, *more, **{**self.kwargs, **kwargs})


class Shape:
    def __call__(self, A):
        if not A:
            return (0, 0)
        widths = {len(row) for row in A}
        if len(widths) != 1:
            raise ValueError("rows differ in length")
        return (len(A), widths.pop())


shape = Shape()


def _full(rows, cols, value):
    return [[value] * cols for _ in range(rows)]


zeros = partial(_full, value=0.0)


class Transpose:
    def __call__(self, A):
        rows, cols = shape(A)
        return [[A[i][j] for i in range(rows)] for j in range(cols)]


transpose = Transpose()


class Dot:
    def __call__(self, u, v):
        if len(u) != len(v):
            raise ValueError("dot: lengths differ")
        total = 0.0
        for a, b in zip(u, v):
            total += a * b
        return total


dot = Dot()


class MatMul:
    def __init__(self, dot_product):
        self.dot_product = dot_product

    def __call__(self, A, B):
        n, k = shape(A)
        k_b, m = shape(B)
        if k != k_b:
            raise ValueError("matmul: inner sizes differ")
        cols = transpose(B)
        return [[self.dot_product(r, c) for c in cols] for r in A]


matmul = MatMul(dot)


class Elementwise:
    OPS = {"add": lambda a, b: a + b, "subtract": lambda a, b: a - b, "multiply": lambda a, b: a * b}

    def __init__(self, name):
        self.name, self.op = name, self.OPS[name]

    def __call__(self, A, B):
        if shape(A) != shape(B):
            raise ValueError(f"{self.name}: shapes differ")
        return [[self.op(a, b) for a, b in zip(ra, rb)] for ra, rb in zip(A, B)]

    def __repr__(self):
        return f"<elementwise {self.name}>"


add, subtract, multiply = Elementwise("add"), Elementwise("subtract"), Elementwise("multiply")


def _map_entries(f, A):
    return [[f(a) for a in row] for row in A]


apply = partial(_map_entries)


def _times(c, a):
    return a * c


def _scale(A, c):
    return apply(partial(_times, c), A)


scale = partial(_scale)


class AddBias:
    def __call__(self, A, b):
        n, m = shape(A)
        if shape(b) != (1, m):
            raise ValueError("add_bias: b must be 1 x M")
        return [[a + c for a, c in zip(row, b[0])] for row in A]


add_bias = AddBias()


class ColumnSums:
    def __call__(self, A):
        rows, cols = shape(A)
        sums = [0.0] * cols
        for row in A:
            for j in range(cols):
                sums[j] += row[j]
        return [sums]


column_sums = ColumnSums()


class Sigmoid:
    def __call__(self, z):
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)


sigmoid = Sigmoid()


class InitParams:
    def __init__(self, spread=1.0):
        self.spread = spread

    def __call__(self, D, n_h, seed):
        rng = random.Random(seed)
        W1 = [[rng.gauss(0.0, self.spread) / math.sqrt(D) for _ in range(n_h)] for _ in range(D)]
        W2 = [[rng.gauss(0.0, self.spread) / math.sqrt(n_h)] for _ in range(n_h)]
        return {"W1": W1, "b1": zeros(1, n_h), "W2": W2, "b2": zeros(1, 1)}


init_params = InitParams()


class DropoutForward:
    def __call__(self, A, keep_prob, rng):
        if not 0.0 < keep_prob <= 1.0:
            raise ValueError("keep_prob must be in (0, 1]")
        mask = [[1.0 if rng.random() < keep_prob else 0.0 for _ in row] for row in A]
        return scale(multiply(A, mask), 1.0 / keep_prob), mask


dropout_forward = DropoutForward()


def _dropout_backward(dout, mask, keep_prob):
    return scale(multiply(dout, mask), 1.0 / keep_prob)


dropout_backward = partial(_dropout_backward)


class Forward:
    def __init__(self, hidden, output):
        self.hidden, self.output = hidden, output

    def __call__(self, X, params, keep_prob=1.0, rng=None):
        if keep_prob < 1.0 and rng is None:
            raise ValueError("dropout needs an rng")
        Z1 = add_bias(matmul(X, params["W1"]), params["b1"])
        A1 = apply(self.hidden, Z1)
        H1, mask = dropout_forward(A1, keep_prob, rng) if keep_prob < 1.0 else (A1, None)
        Z2 = add_bias(matmul(H1, params["W2"]), params["b2"])
        A2 = apply(self.output, Z2)
        return A2, {"X": X, "Z1": Z1, "A1": A1, "mask": mask, "H1": H1, "Z2": Z2, "A2": A2}


forward = Forward(math.tanh, sigmoid)


class BCELoss:
    eps = 1e-12

    def __call__(self, A2, y):
        total = 0.0
        for p_row, y_row in zip(A2, y):
            p = min(max(p_row[0], self.eps), 1.0 - self.eps)
            total += -(y_row[0] * math.log(p) + (1.0 - y_row[0]) * math.log(1.0 - p))
        return total / len(y)


bce_loss = BCELoss()


class NumericalGradient:
    def __call__(self, f, params, h=1e-5):
        work = {name: [row[:] for row in value] for name, value in params.items()}
        grads = {}
        for name, value in work.items():
            grads[name] = zeros(len(value), len(value[0]) if value else 0)
            for i, row in enumerate(value):
                for j, old in enumerate(row):
                    row[j] = old + h
                    f_plus = f(work)
                    row[j] = old - h
                    f_minus = f(work)
                    row[j] = old
                    grads[name][i][j] = (f_plus - f_minus) / (2.0 * h)
        return grads


numerical_gradient = NumericalGradient()


def _relative_error(a, b, floor):
    worst = 0.0
    for ra, rb in zip(a, b):
        for x, z in zip(ra, rb):
            worst = max(worst, abs(x - z) / max(floor, abs(x) + abs(z)))
    return worst


relative_error = partial(_relative_error, floor=1e-8)


class Backward:
    def __call__(self, params, cache, y, keep_prob=1.0):
        dZ2 = scale(subtract(cache["A2"], y), 1.0 / len(y))
        dW2 = matmul(transpose(cache["H1"]), dZ2)
        dH1 = matmul(dZ2, transpose(params["W2"]))
        dA1 = dH1 if cache["mask"] is None else dropout_backward(dH1, cache["mask"], keep_prob)
        dZ1 = multiply(dA1, apply(lambda a: 1.0 - a * a, cache["A1"]))
        dW1 = matmul(transpose(cache["X"]), dZ1)
        return {"W1": dW1, "b1": column_sums(dZ1), "W2": dW2, "b2": column_sums(dZ2)}


backward = Backward()


def _update(params, grads, lr):
    return {name: subtract(value, scale(grads[name], lr)) for name, value in params.items()}


update_params = partial(_update)


class Trainer:
    def __call__(self, X, y, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0):
        params = init_params(shape(X)[1], n_h, seed)
        rng = random.Random(seed + 1)
        losses = []
        for _ in range(epochs):
            A2, cache = forward(X, params, keep_prob, rng)
            losses.append(bce_loss(A2, y))
            params = update_params(params, backward(params, cache, y, keep_prob), lr)
        return params, losses


train = Trainer()


class Threshold:
    def __init__(self, at):
        self.at = at

    def __call__(self, X, params):
        return [[1.0 if row[0] >= self.at else 0.0] for row in forward(X, params)[0]]


predict = Threshold(0.5)


class Accuracy:
    def __call__(self, y_pred, y):
        return sum(1 for p, t in zip(y_pred, y) if p == t) / len(y)


accuracy = Accuracy()


class Plot:
    def __init__(self, kind):
        self.kind = kind

    def __call__(self, *args):
        from matplotlib.figure import Figure
        fig = Figure(figsize=(5, 4))
        ax = fig.add_subplot()
        if self.kind == "losses":
            (losses,) = args
            ax.plot(range(len(losses)), losses)
            ax.set_xlabel("epoch")
            ax.set_ylabel("training loss")
        else:
            X, y, params = args
            grid = [-1.0 + 2.0 * k / 29 for k in range(30)]
            probs = forward([[a, b, 0.0] for b in grid for a in grid], params)[0]
            ax.contourf(grid, grid, [[probs[r * 30 + c][0] for c in range(30)] for r in range(30)])
            ax.scatter([r[0] for r in X], [r[1] for r in X], c=[r[0] for r in y], s=10)
            ax.set_xlabel("feature x1")
            ax.set_ylabel("feature x2")
        return fig


plot_losses = Plot("losses")
plot_decision = Plot("decision")

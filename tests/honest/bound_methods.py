# Honest style: the maths lives in classes, and the contract's names are module-level bindings
# of bound methods, static methods, class methods and methods of a singleton
# (`shape = _ops.shape`); no contract name is a plain `def` at the top level.
import math
import random


class _MatrixOps:
    """Matrix operations on lists of rows."""

    def shape(self, A):
        if len(A) == 0:
            return (0, 0)
        cols = len(A[0])
        for row in A:
            if len(row) != cols:
                raise ValueError("rows differ in length")
        return (len(A), cols)

    def zeros(self, rows, cols):
        return [[0.0] * cols for _ in range(rows)]

    def transpose(self, A):
        rows, cols = self.shape(A)
        return [[A[i][j] for i in range(rows)] for j in range(cols)]

    @staticmethod
    def dot(u, v):
        if len(u) != len(v):
            raise ValueError("dot: lengths differ")
        return sum((a * b for a, b in zip(u, v)), 0.0)

    def matmul(self, A, B):
        n, k = self.shape(A)
        k_b, m = self.shape(B)
        if k != k_b:
            raise ValueError("matmul: inner sizes differ")
        columns = self.transpose(B)
        return [[self.dot(row, col) for col in columns] for row in A]

    def _elementwise(self, A, B, op):
        if self.shape(A) != self.shape(B):
            raise ValueError("shapes differ")
        return [[op(a, b) for a, b in zip(ra, rb)] for ra, rb in zip(A, B)]

    def add(self, A, B):
        return self._elementwise(A, B, lambda a, b: a + b)

    def subtract(self, A, B):
        return self._elementwise(A, B, lambda a, b: a - b)

    def multiply(self, A, B):
        return self._elementwise(A, B, lambda a, b: a * b)

    def scale(self, A, c):
        return [[a * c for a in row] for row in A]

    def add_bias(self, A, b):
        n, m = self.shape(A)
        if self.shape(b) != (1, m):
            raise ValueError("add_bias: b must be 1 x M")
        return [[a + c for a, c in zip(row, b[0])] for row in A]

    def column_sums(self, A):
        rows, cols = self.shape(A)
        return [[sum((A[i][j] for i in range(rows)), 0.0) for j in range(cols)]]

    @classmethod
    def apply(cls, f, A):
        return [[f(a) for a in row] for row in A]


_ops = _MatrixOps()
shape = _ops.shape
zeros = _ops.zeros
transpose = _ops.transpose
dot = _MatrixOps.dot
matmul = _ops.matmul
add = _ops.add
subtract = _ops.subtract
multiply = _ops.multiply
scale = _ops.scale
add_bias = _ops.add_bias
column_sums = _ops.column_sums
apply = _MatrixOps.apply


class Network:
    """The 3-4-1 network's maths; every method is a contract function once bound below."""

    def __init__(self, ops):
        self.ops = ops

    @staticmethod
    def sigmoid(z):
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def init_params(self, D, n_h, seed):
        rng = random.Random(seed)
        W1 = [[rng.gauss(0.0, 1.0) / math.sqrt(D) for _ in range(n_h)] for _ in range(D)]
        W2 = [[rng.gauss(0.0, 1.0) / math.sqrt(n_h)] for _ in range(n_h)]
        return {"W1": W1, "b1": self.ops.zeros(1, n_h), "W2": W2, "b2": self.ops.zeros(1, 1)}

    def dropout_forward(self, A, keep_prob, rng):
        if not 0.0 < keep_prob <= 1.0:
            raise ValueError("keep_prob must be in (0, 1]")
        mask = [[1.0 if rng.random() < keep_prob else 0.0 for _ in row] for row in A]
        return self.ops.scale(self.ops.multiply(A, mask), 1.0 / keep_prob), mask

    def dropout_backward(self, dout, mask, keep_prob):
        return self.ops.scale(self.ops.multiply(dout, mask), 1.0 / keep_prob)

    def forward(self, X, params, keep_prob=1.0, rng=None):
        if keep_prob < 1.0 and rng is None:
            raise ValueError("dropout needs an rng")
        ops = self.ops
        Z1 = ops.add_bias(ops.matmul(X, params["W1"]), params["b1"])
        A1 = ops.apply(math.tanh, Z1)
        if keep_prob < 1.0:
            H1, mask = self.dropout_forward(A1, keep_prob, rng)
        else:
            H1, mask = A1, None
        Z2 = ops.add_bias(ops.matmul(H1, params["W2"]), params["b2"])
        A2 = ops.apply(self.sigmoid, Z2)
        return A2, {"X": X, "Z1": Z1, "A1": A1, "mask": mask, "H1": H1, "Z2": Z2, "A2": A2}

    def bce_loss(self, A2, y):
        eps = 1e-12
        total = 0.0
        for p_row, y_row in zip(A2, y):
            p = min(max(p_row[0], eps), 1.0 - eps)
            total -= y_row[0] * math.log(p) + (1.0 - y_row[0]) * math.log(1.0 - p)
        return total / len(y)

    def backward(self, params, cache, y, keep_prob=1.0):
        ops = self.ops
        dZ2 = ops.scale(ops.subtract(cache["A2"], y), 1.0 / len(y))
        dW2 = ops.matmul(ops.transpose(cache["H1"]), dZ2)
        db2 = ops.column_sums(dZ2)
        dH1 = ops.matmul(dZ2, ops.transpose(params["W2"]))
        dA1 = dH1 if cache["mask"] is None else self.dropout_backward(dH1, cache["mask"], keep_prob)
        dZ1 = ops.multiply(dA1, ops.apply(lambda a: 1.0 - a * a, cache["A1"]))
        dW1 = ops.matmul(ops.transpose(cache["X"]), dZ1)
        return {"W1": dW1, "b1": ops.column_sums(dZ1), "W2": dW2, "b2": db2}

    def update_params(self, params, grads, lr):
        return {k: self.ops.subtract(v, self.ops.scale(grads[k], lr)) for k, v in params.items()}

    def train(self, X, y, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0):
        params = self.init_params(self.ops.shape(X)[1], n_h, seed)
        rng = random.Random(seed + 1)
        losses = []
        for _ in range(epochs):
            A2, cache = self.forward(X, params, keep_prob, rng)
            losses.append(self.bce_loss(A2, y))
            params = self.update_params(params, self.backward(params, cache, y, keep_prob), lr)
        return params, losses

    def predict(self, X, params):
        A2, _ = self.forward(X, params)
        return [[1.0 if row[0] >= 0.5 else 0.0] for row in A2]


class GradientCheck:
    @staticmethod
    def numerical_gradient(f, params, h=1e-5):
        work = {name: [row[:] for row in value] for name, value in params.items()}
        grads = {}
        for name, value in work.items():
            grads[name] = [[0.0] * len(row) for row in value]
            for i, row in enumerate(value):
                for j, old in enumerate(row):
                    row[j] = old + h
                    f_plus = f(work)
                    row[j] = old - h
                    f_minus = f(work)
                    row[j] = old
                    grads[name][i][j] = (f_plus - f_minus) / (2.0 * h)
        return grads

    @classmethod
    def relative_error(cls, a, b):
        return max((abs(x - z) / max(1e-8, abs(x) + abs(z))
                    for ra, rb in zip(a, b) for x, z in zip(ra, rb)), default=0.0)


_net = Network(_ops)
sigmoid = _net.sigmoid
init_params = _net.init_params
forward = _net.forward
bce_loss = _net.bce_loss
dropout_forward = _net.dropout_forward
dropout_backward = _net.dropout_backward
backward = _net.backward
update_params = _net.update_params
train = _net.train
predict = _net.predict
numerical_gradient = GradientCheck.numerical_gradient
relative_error = GradientCheck.relative_error


class _Metrics:
    def accuracy(self, y_pred, y):
        return sum(1 for p, t in zip(y_pred, y) if p == t) / len(y)


accuracy = _Metrics().accuracy


class _Plots:
    def __init__(self, net):
        self.net = net

    def plot_losses(self, losses):
        from matplotlib.figure import Figure
        fig = Figure(figsize=(6, 4))
        ax = fig.add_subplot()
        ax.plot(range(len(losses)), losses)
        ax.set_xlabel("epoch")
        ax.set_ylabel("training loss")
        return fig

    def plot_decision(self, X, y, params):
        from matplotlib.figure import Figure
        steps = 40
        grid = [-1.0 + 2.0 * k / (steps - 1) for k in range(steps)]
        probs = self.net.forward([[a, b, 0.0] for b in grid for a in grid], params)[0]
        Z = [[probs[r * steps + c][0] for c in range(steps)] for r in range(steps)]
        fig = Figure(figsize=(5, 5))
        ax = fig.add_subplot()
        ax.contourf(grid, grid, Z, levels=[0.0, 0.5, 1.0])
        ax.scatter([r[0] for r in X], [r[1] for r in X], c=[r[0] for r in y], s=12)
        ax.set_xlabel("feature x1")
        ax.set_ylabel("feature x2")
        return fig


_plots = _Plots(_net)
plot_losses = _plots.plot_losses
plot_decision = _plots.plot_decision

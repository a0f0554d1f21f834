"""Attack (issue 11, class 3): compute each graded function from a *served* reference that contains it.

While one question is graded, the kit serves the reference of every other contract
function to the student's process (a call to that name goes over the channel and runs
the reference in the grader).  Several of those references contain the graded function,
so no maths has to be written at all:

- sigmoid(z)            = A2 of forward([[0]], W1=[[0]], b1=[[0]], W2=[[0]], b2=[[z]])
- dot, matmul           = Z1 of forward(A, W1=B, b1=0, ...); the ValueError comes from the reference
- add, subtract         = update_params({p: A}, {p: B}, lr=-1 / +1)
- multiply              = dropout_backward(A, B, 1.0)
- scale                 = update_params({p: 0}, {p: A}, -c)
- add_bias              = Z1 of forward(X, W1=identity, b1=b)
- column_sums           = matmul([[1, ..., 1]], A)
- zeros                 = scale(init_params(rows, cols, 0)["W1"], 0.0)
- shape                 = column_sums (its ValueError on a ragged matrix) and matmul for the rows
- transpose             = dW2 of backward() with H1 = A and dZ2 = e_i, one row at a time
- init_params           = the params of train(X, y, n_h, epochs=0, seed)
- dropout_forward       = cache["mask"] of forward(...) with keep_prob and the rng given; out from
                          dropout_backward(A, mask, keep_prob)
- backward              = (4 numerical_gradient(h) - numerical_gradient(2h)) / 3 with h = 1e-4 on the
                          reference loss: exactly the grader's own five-point difference

Glue only: lengths, a range check on keep_prob > 1, and `apply` as one comprehension (the
other six functions of its question are borrowed).  Every point this file gets is unearned
(53 today: basics 6, products 6, elementwise 8, sigmoid 4, init 4, dropout_forward 10,
backward 15).  Defence: serve only the references a question's functions legitimately call.
"""


def shape(A):
    sums = column_sums(A)  # the reference's: ValueError when the rows differ in length
    cols = len(sums[0])
    rows = len(matmul(A, [[0.0] for _ in range(cols)]))
    return (rows, cols)


def zeros(rows, cols):
    return scale(init_params(rows, cols, 0)["W1"], 0.0)


def transpose(A):
    rows = len(A)
    if rows == 0:
        return []
    value = float(rows)
    while value * (1.0 / rows) != 1.0:  # dZ2 = (A2 - y) / N must be exactly 1 at row i
        value = value + value * 2.0 ** -52
    columns = []
    for i in range(rows):
        cache = {"X": [[0.0] for _ in range(rows)], "Z1": [[0.0] for _ in range(rows)],
                 "A1": [[0.0] for _ in range(rows)], "mask": None, "H1": A,
                 "Z2": [[0.0] for _ in range(rows)],
                 "A2": [[value] if k == i else [0.0] for k in range(rows)]}
        params = {"W1": [[0.0]], "b1": [[0.0]], "W2": [[0.0]], "b2": [[0.0]]}
        grads = backward(params, cache, [[0.0] for _ in range(rows)], 1.0)
        columns.append([row[0] for row in grads["W2"]])
    return [[columns[i][j] for i in range(rows)] for j in range(len(columns[0]))]


def _z1(X, W1, b1):
    m = len(W1[0]) if W1 else 1
    params = {"W1": W1, "b1": b1, "W2": [[0.0] for _ in range(m)], "b2": [[0.0]]}
    return forward(X, params)[1]["Z1"]


def dot(u, v):
    return _z1([list(u)], [[x] for x in v], [[0.0]])[0][0]


def matmul(A, B):
    m = len(B[0]) if B else 0
    return _z1(A, B, [[0.0] * m])


def add(A, B):
    return update_params({"p": A}, {"p": B}, -1.0)["p"]


def subtract(A, B):
    return update_params({"p": A}, {"p": B}, 1.0)["p"]


def multiply(A, B):
    return dropout_backward(A, B, 1.0)


def scale(A, c):
    return update_params({"p": [[0.0 for _ in row] for row in A]}, {"p": A}, -c)["p"]


def add_bias(A, b):
    cols = len(A[0])
    identity = [[1.0 if i == j else 0.0 for j in range(cols)] for i in range(cols)]
    return _z1(A, identity, b)


def column_sums(A):
    return matmul([[1.0] * len(A)], A)


def apply(f, A):
    return [[f(a) for a in row] for row in A]


def sigmoid(z):
    params = {"W1": [[0.0]], "b1": [[0.0]], "W2": [[0.0]], "b2": [[z]]}
    return forward([[0.0]], params)[0][0][0]


def init_params(D, n_h, seed):
    return train([[0.0] * D], [[0.0]], n_h=n_h, epochs=0, seed=seed)[0]


def dropout_forward(A, keep_prob, rng):
    if keep_prob > 1.0:
        raise ValueError("keep_prob above 1")
    rows, cols = len(A), len(A[0])
    if keep_prob == 1.0:
        mask = [[1.0 if rng.random() < 1.0 else 0.0 for _ in range(cols)] for _ in range(rows)]
        return update_params({"p": A}, {"p": mask}, 0.0)["p"], mask
    params = {"W1": [[0.0] * cols], "b1": [[0.0] * cols], "W2": [[0.0] for _ in range(cols)], "b2": [[0.0]]}
    _, cache = forward([[0.0] for _ in range(rows)], params, keep_prob, rng)  # ValueError for keep_prob <= 0
    mask = cache["mask"]
    return dropout_backward(A, mask, keep_prob), mask


def backward(params, cache, y, keep_prob=1.0):
    X, mask = cache["X"], cache["mask"]

    def loss(p):
        if mask is None:
            A2 = forward(X, p)[0]
        else:
            H1 = dropout_backward(forward(X, p)[1]["A1"], mask, keep_prob)
            A2 = [[sigmoid(z[0])] for z in add_bias(matmul(H1, p["W2"]), p["b2"])]
        return bce_loss(A2, y)

    h = 1e-4
    near, far = numerical_gradient(loss, params, h), numerical_gradient(loss, params, 2 * h)
    return {key: [[(4.0 * a - b) / 3.0 for a, b in zip(row_n, row_f)] for row_n, row_f in zip(near[key], far[key])]
            for key in near}

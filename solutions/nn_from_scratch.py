# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [raw]
# # ASSIGNMENT CONFIG
# # The hidden master of the kit. `make assign` turns this file into the student
# # notebook (assignments/), the autograder zip and the reference module the hidden
# # checks compare against. Edit here, never in the generated files.
# name: nn_from_scratch
# init_cell: true
# check_all_cell: false
# export_cell:
#   pdf: false
#   instructions: "Upload the zip file that this cell writes to Gradescope."
# tests:
#   ok_format: false
# requirements: requirements.txt
# generate:
#   show_hidden: true
# autograder_files:
#   - nn_grading
# plugins:
#   - nn_grading.plugin.RunStudentCodeApart

# %% [markdown]
# # Building a Neural Net From Scratch
#
# In this assignment you build a small neural network with nothing but Python lists:
# the vector operations first, then forward propagation, dropout, backward
# propagation, and finally training the network and looking at what it learned.
#
# The network is the classic one: **D = 3 inputs, one hidden layer of n_h = 4 tanh
# units, 1 sigmoid output**, trained on N data points.
#
# ```
#   x1 ──┐   ┌── h1 ──┐
#   x2 ──┼───┼── h2 ──┼──> ŷ = P(y = 1 | x)
#   x3 ──┘   ├── h3 ──┤
#            └── h4 ──┘
#  input     hidden      output
#  (D = 3)   (n_h = 4)   (1)
# ```
#
# **Rules of the game**
# - A matrix is a list of rows, each row a list of floats: `X` is N x D (one row
#   per data point). A row vector is a 1 x M matrix `[[...]]`, a column vector is
#   N x 1. `shape` is always `(rows, cols)`.
# - Your code may import `math` and `random` only (and `matplotlib` for the plots).
#   numpy and friends are not allowed: the autograder refuses them.
# - No function changes its arguments: every result is a new list that shares no
#   row with an input.
# - Randomness only comes from a `random.Random` object that is passed in or built
#   from a seed, never from the module-level `random` functions.
#
# **How to work**: replace each `raise NotImplementedError(...)` with your code, run
# the cell, then run the `grader.check(...)` cell below it. The checks you see are
# the public ones, there to help you: they carry no points. The points come from
# hidden checks that the autograder runs on other inputs, drawn afresh for every
# submission, so make your code right, not just the examples. Each function is
# graded on its own (with correct versions of the functions it calls), so one
# mistake costs points in one place only. Finish with the export cell at the end.

# %% tags=["given"]
import math
import random

# %% [markdown]
# ## 1. Vector operations
#
# Everything in a neural network is built from a handful of matrix operations. With
# $A$ an $n \times k$ matrix and $B$ a $k \times m$ matrix:
#
# - shape: `shape(A) == (n, k)`; `shape([]) == (0, 0)`; rows of different
#   lengths are an error.
# - transpose: $(A^T)_{ji} = A_{ij}$, a $k \times n$ matrix.
# - dot product of two flat lists: $u \cdot v = \sum_i u_i v_i$.
# - matrix product: $(AB)_{ij} = \sum_{t=1}^{k} A_{it} B_{tj}$, an $n \times m$
#   matrix: row $i$ of $A$ dotted with column $j$ of $B$.
# - elementwise `add`, `subtract`, `multiply` of two matrices of one shape, and
#   `scale(A, c)` $= cA$.
# - `add_bias(A, b)`: $A$ is $N \times M$, $b$ is the $1 \times M$ row added to every
#   row of $A$ (this is how a bias is added to every data point).
# - `column_sums(A)`: the $1 \times M$ row of column totals $\sum_i A_{ij}$.
# - `apply(f, A)`: $f$ applied to every element.
#
# Watch out for `[[0.0] * cols] * rows`: it repeats *the same* row object, so
# changing one row changes them all.

# %% [raw]
# # BEGIN QUESTION
# name: vector_ops_basics
# points: 6

# %% [raw]
# # BEGIN SOLUTION

# %%
def shape(A):
    """Return (rows, cols) of matrix A; (0, 0) for []. ValueError if rows differ in length."""
    # BEGIN SOLUTION NO PROMPT
    if len(A) == 0:
        return (0, 0)
    cols = len(A[0])
    for row in A:
        if len(row) != cols:
            raise ValueError(f"rows differ in length: {cols} and {len(row)}")
    return (len(A), cols)
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("shape: return (number of rows, number of columns)")
    """ # END PROMPT


def zeros(rows, cols):
    """Return a rows x cols matrix of 0.0, every row its own list."""
    # BEGIN SOLUTION NO PROMPT
    return [[0.0 for _ in range(cols)] for _ in range(rows)]
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("zeros: build a new list for every row")
    """ # END PROMPT


def transpose(A):
    """Return the transpose of A: a cols x rows matrix."""
    # BEGIN SOLUTION NO PROMPT
    rows, cols = shape(A)
    return [[A[i][j] for i in range(rows)] for j in range(cols)]
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("transpose: element (i, j) moves to (j, i)")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_vector_ops_basics_public(env, shape, zeros, transpose):
    import math
    for f in (shape, zeros, transpose):
        names = getattr(getattr(f, "__code__", None), "co_names", ())
        used = [n for n in names if type(env.get(n)) is type(math) and env[n].__name__.split(".")[0] not in ("math", "random")]
        assert not used, f"{f.__name__} uses the module {used[0]}: this exercise allows only math and random"
    assert shape([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]) == (2, 3), "shape of a 2 x 3 matrix should be (2, 3)"
    assert shape([]) == (0, 0), "shape([]) should be (0, 0)"
    try:
        shape([[1.0], [2.0, 3.0]])
    except ValueError:
        pass
    else:
        raise AssertionError("shape should raise ValueError when the rows differ in length")
    Z = zeros(2, 3)
    assert Z == [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], f"zeros(2, 3) should be two rows of three 0.0, got {Z}"
    assert Z[0] is not Z[1], "zeros: every row must be its own list (did you write [[0.0] * cols] * rows?)"
    assert transpose([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]) == [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]], "transpose of a 2 x 3 matrix should be its 3 x 2 mirror"
test_vector_ops_basics_public(globals(), shape, zeros, transpose)

# %%
""" # BEGIN TEST CONFIG
points: 6
hidden: true
""" # END TEST CONFIG
def test_vector_ops_basics_hidden(env):
    from nn_grading import checks
    checks.vector_ops_basics(env)
test_vector_ops_basics_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: vector_ops_products
# points: 6

# %% [raw]
# # BEGIN SOLUTION

# %%
def dot(u, v):
    """Return the dot product of two flat lists of equal length. ValueError if the lengths differ."""
    # BEGIN SOLUTION NO PROMPT
    if len(u) != len(v):
        raise ValueError(f"dot: lengths differ: {len(u)} and {len(v)}")
    total = 0.0
    for a, b in zip(u, v):
        total += a * b
    return total
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("dot: sum of u[i] * v[i]")
    """ # END PROMPT


def matmul(A, B):
    """Return the n x m product of an n x k matrix A and a k x m matrix B. ValueError if the inner sizes differ."""
    # BEGIN SOLUTION NO PROMPT
    n, k = shape(A)
    k_b, m = shape(B)
    if k != k_b:
        raise ValueError(f"matmul: A is {n} x {k} but B is {k_b} x {m}")
    columns = transpose(B)
    return [[dot(row, col) for col in columns] for row in A]
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("matmul: entry (i, j) is row i of A dotted with column j of B")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_vector_ops_products_public(dot, matmul):
    assert dot([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]) == 32.0, "dot([1, 2, 3], [4, 5, 6]) should be 32.0"
    try:
        dot([1.0, 2.0], [1.0])
    except ValueError:
        pass
    else:
        raise AssertionError("dot should raise ValueError when the lengths differ")
    A = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    B = [[1.0, 0.0, 2.0], [0.0, 1.0, 3.0]]
    got = matmul(A, B)
    assert got == [[1.0, 2.0, 8.0], [3.0, 4.0, 18.0], [5.0, 6.0, 28.0]], f"matmul of a 3 x 2 and a 2 x 3 matrix: got {got}"
    try:
        matmul(A, A)
    except ValueError:
        pass
    else:
        raise AssertionError("matmul should raise ValueError for (3 x 2)(3 x 2): the inner sizes differ")
test_vector_ops_products_public(dot, matmul)

# %%
""" # BEGIN TEST CONFIG
points: 6
hidden: true
""" # END TEST CONFIG
def test_vector_ops_products_hidden(env):
    from nn_grading import checks
    checks.vector_ops_products(env)
test_vector_ops_products_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: vector_ops_elementwise
# points: 8

# %% [raw]
# # BEGIN SOLUTION

# %%
# BEGIN SOLUTION NO PROMPT
def _elementwise(A, B, op, name):
    if shape(A) != shape(B):
        raise ValueError(f"{name}: shapes differ: {shape(A)} and {shape(B)}")
    return [[op(a, b) for a, b in zip(row_a, row_b)] for row_a, row_b in zip(A, B)]
# END SOLUTION


def add(A, B):
    """Return A + B elementwise. ValueError if the shapes differ."""
    # BEGIN SOLUTION NO PROMPT
    return _elementwise(A, B, lambda a, b: a + b, "add")
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("add")
    """ # END PROMPT


def subtract(A, B):
    """Return A - B elementwise. ValueError if the shapes differ."""
    # BEGIN SOLUTION NO PROMPT
    return _elementwise(A, B, lambda a, b: a - b, "subtract")
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("subtract")
    """ # END PROMPT


def multiply(A, B):
    """Return A * B elementwise (not the matrix product). ValueError if the shapes differ."""
    # BEGIN SOLUTION NO PROMPT
    return _elementwise(A, B, lambda a, b: a * b, "multiply")
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("multiply")
    """ # END PROMPT


def scale(A, c):
    """Return c * A: every element times the number c."""
    # BEGIN SOLUTION NO PROMPT
    return [[a * c for a in row] for row in A]
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("scale")
    """ # END PROMPT


def add_bias(A, b):
    """Return the N x M matrix A with the 1 x M row b added to every row. ValueError on mismatch."""
    # BEGIN SOLUTION NO PROMPT
    n, m = shape(A)
    if shape(b) != (1, m):
        raise ValueError(f"add_bias: A is {n} x {m}, so b must be 1 x {m}, not {shape(b)}")
    return [[a + c for a, c in zip(row, b[0])] for row in A]
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("add_bias: add b[0][j] to A[i][j]")
    """ # END PROMPT


def column_sums(A):
    """Return the 1 x M matrix of the sums of each column of A over its rows."""
    # BEGIN SOLUTION NO PROMPT
    rows, cols = shape(A)
    sums = [0.0] * cols
    for row in A:
        for j in range(cols):
            sums[j] += row[j]
    return [sums]
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("column_sums: one total per column, as a 1 x M matrix")
    """ # END PROMPT


def apply(f, A):
    """Return the matrix of f(a) for every element a of A."""
    # BEGIN SOLUTION NO PROMPT
    return [[f(a) for a in row] for row in A]
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("apply")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_vector_ops_elementwise_public(add, subtract, multiply, scale, add_bias, column_sums, apply):
    A = [[1.0, 2.0], [3.0, 4.0]]
    B = [[0.5, -1.0], [2.0, 0.0]]
    assert add(A, B) == [[1.5, 1.0], [5.0, 4.0]], "add should add matching entries"
    assert subtract(A, B) == [[0.5, 3.0], [1.0, 4.0]], "subtract should compute A - B entry by entry"
    assert multiply(A, B) == [[0.5, -2.0], [6.0, 0.0]], "multiply is elementwise, not the matrix product"
    for f in (add, subtract, multiply):
        try:
            f(A, [[1.0, 2.0]])
        except ValueError:
            pass
        else:
            raise AssertionError(f"{f.__name__} should raise ValueError when the shapes differ")
    assert scale(A, 2.0) == [[2.0, 4.0], [6.0, 8.0]], "scale(A, 2.0) should double every entry"
    assert add_bias(A, [[10.0, 20.0]]) == [[11.0, 22.0], [13.0, 24.0]], "add_bias should add the row b to every row of A"
    try:
        add_bias(A, [[1.0, 2.0, 3.0]])
    except ValueError:
        pass
    else:
        raise AssertionError("add_bias should raise ValueError when b is not 1 x M")
    assert column_sums(A) == [[4.0, 6.0]], "column_sums of [[1, 2], [3, 4]] should be [[4.0, 6.0]] (a 1 x M matrix)"
    assert apply(lambda a: a * a, A) == [[1.0, 4.0], [9.0, 16.0]], "apply should call f on every element"
    assert A == [[1.0, 2.0], [3.0, 4.0]] and B == [[0.5, -1.0], [2.0, 0.0]], "your functions must not change their arguments"
test_vector_ops_elementwise_public(add, subtract, multiply, scale, add_bias, column_sums, apply)

# %%
""" # BEGIN TEST CONFIG
points: 8
hidden: true
""" # END TEST CONFIG
def test_vector_ops_elementwise_hidden(env):
    from nn_grading import checks
    checks.vector_ops_elementwise(env)
test_vector_ops_elementwise_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 2. Our data
#
# This part is given: read it, run it, nothing to write. `make_dataset` draws N
# points uniformly from the cube $[-1, 1]^3$ and labels a point 1 when
# $x_1 x_2 + 0.25\,x_3 > 0$. That boundary is a curved saddle: no single plane
# separates the classes (a linear model gets about 65% right), but a 3-4-1 network
# can learn it. `train_val_split` holds part of the data back to measure how well
# the network does on points it never trained on.

# %% tags=["given"]
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

# %%
X, y = make_dataset(N=200, seed=0)
X_train, y_train, X_val, y_val = train_val_split(X, y)
print("first point:", X[0], "label:", y[0])
print("training points:", len(X_train), " validation points:", len(X_val))
print("fraction of 1 labels:", sum(row[0] for row in y) / len(y))

# %% [markdown]
# ## 3. Forward propagation
#
# For a batch $X$ ($N \times D$) and parameters $W_1$ ($D \times n_h$), $b_1$
# ($1 \times n_h$), $W_2$ ($n_h \times 1$), $b_2$ ($1 \times 1$):
#
# $$Z_1 = X W_1 + b_1 \quad (N \times n_h), \qquad A_1 = \tanh(Z_1)$$
# $$Z_2 = H_1 W_2 + b_2 \quad (N \times 1), \qquad A_2 = \sigma(Z_2) = \frac{1}{1 + e^{-Z_2}}$$
#
# where $H_1 = A_1$ without dropout (Part 4 adds dropout between the layers).
# $A_2$ holds, for every data point, the network's probability that $y = 1$.
#
# **sigmoid** must not overflow: `math.exp(1000)` raises `OverflowError`. For
# $z < 0$ use the equal form $\sigma(z) = e^{z} / (1 + e^{z})$.
#
# **init_params(D, n_h, seed)**: `rng = random.Random(seed)`; draw
# `W1[i][j] = rng.gauss(0.0, 1.0) / math.sqrt(D)` row by row, then
# `W2[i][0] = rng.gauss(0.0, 1.0) / math.sqrt(n_h)`; the biases start at `0.0`.
#
# **forward(X, params, keep_prob=1.0, rng=None)** returns `(A2, cache)`, with
# `cache` a dict of exactly `"X", "Z1", "A1", "mask", "H1", "Z2", "A2"` (Part 5
# needs them). With `keep_prob < 1`, `H1, mask = dropout_forward(A1, keep_prob, rng)`
# (you write it in Part 4) and a missing `rng` is a `ValueError`; otherwise
# `H1, mask = A1, None`.
#
# **bce_loss(A2, y)**, the mean binary cross-entropy, each probability $p$ first
# clipped to $[10^{-12}, 1 - 10^{-12}]$ so that $\log 0$ never happens:
# $$L = -\frac{1}{N} \sum_{i=1}^{N} \big[\, y_i \log p_i + (1 - y_i) \log(1 - p_i) \,\big]$$

# %% [raw]
# # BEGIN QUESTION
# name: forward_sigmoid
# points: 4

# %% [raw]
# # BEGIN SOLUTION

# %%
def sigmoid(z):
    """Return 1 / (1 + exp(-z)) as a float, without OverflowError for any finite z."""
    # BEGIN SOLUTION NO PROMPT
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("sigmoid: mind the overflow for large negative z")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_forward_sigmoid_public(sigmoid):
    import math
    assert sigmoid(0.0) == 0.5, "sigmoid(0) should be 0.5"
    assert abs(sigmoid(2.0) - 1.0 / (1.0 + math.exp(-2.0))) < 1e-12, "sigmoid(2.0) is wrong"
    assert sigmoid(1e4) == 1.0 and sigmoid(-1e4) == 0.0, "sigmoid(1e4) should be 1.0 and sigmoid(-1e4) 0.0"
test_forward_sigmoid_public(sigmoid)

# %%
""" # BEGIN TEST CONFIG
points: 4
hidden: true
""" # END TEST CONFIG
def test_forward_sigmoid_hidden(env):
    from nn_grading import checks
    checks.forward_sigmoid(env)
test_forward_sigmoid_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: forward_init
# points: 4

# %% [raw]
# # BEGIN SOLUTION

# %%
def init_params(D, n_h, seed):
    """Return {"W1": D x n_h, "b1": 1 x n_h, "W2": n_h x 1, "b2": 1 x 1}, drawn as described above."""
    # BEGIN SOLUTION NO PROMPT
    rng = random.Random(seed)
    W1 = [[rng.gauss(0.0, 1.0) / math.sqrt(D) for _ in range(n_h)] for _ in range(D)]
    W2 = [[rng.gauss(0.0, 1.0) / math.sqrt(n_h)] for _ in range(n_h)]
    return {"W1": W1, "b1": zeros(1, n_h), "W2": W2, "b2": zeros(1, 1)}
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("init_params: W1 row by row, then W2, from one random.Random(seed)")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_forward_init_public(init_params, shape):
    import math
    import random
    params = init_params(3, 4, seed=0)
    assert sorted(params) == ["W1", "W2", "b1", "b2"], f"init_params should return the keys W1, b1, W2, b2, got {sorted(params)}"
    sizes = {k: shape(v) for k, v in params.items()}
    assert sizes == {"W1": (3, 4), "b1": (1, 4), "W2": (4, 1), "b2": (1, 1)}, f"shapes should be W1 3 x 4, b1 1 x 4, W2 4 x 1, b2 1 x 1, got {sizes}"
    first = random.Random(0).gauss(0.0, 1.0) / math.sqrt(3)
    assert abs(params["W1"][0][0] - first) < 1e-12, "W1[0][0] should be random.Random(seed).gauss(0.0, 1.0) / sqrt(D): the first draw"
    assert params["b1"] == [[0.0] * 4] and params["b2"] == [[0.0]], "the biases should start at 0.0"
test_forward_init_public(init_params, shape)

# %%
""" # BEGIN TEST CONFIG
points: 4
hidden: true
""" # END TEST CONFIG
def test_forward_init_hidden(env):
    from nn_grading import checks
    checks.forward_init(env)
test_forward_init_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: forward_pass
# points: 8

# %% [raw]
# # BEGIN SOLUTION

# %%
def forward(X, params, keep_prob=1.0, rng=None):
    """Return (A2, cache) for the batch X; dropout on the hidden layer when keep_prob < 1."""
    # BEGIN SOLUTION NO PROMPT
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
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("forward: Z1, A1, (dropout), Z2, A2, and the cache")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_forward_pass_public(forward, shape):
    import math
    params = {"W1": [[0.5, -0.5, 0.0, 1.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]],
              "b1": [[0.0, 0.0, 0.0, 0.0]],
              "W2": [[1.0], [0.0], [0.0], [0.0]],
              "b2": [[0.25]]}
    X = [[1.0, 0.0, 0.0], [2.0, 5.0, -3.0]]
    A2, cache = forward(X, params)
    assert sorted(cache) == sorted(["X", "Z1", "A1", "mask", "H1", "Z2", "A2"]), f"the cache should have exactly the keys X, Z1, A1, mask, H1, Z2, A2, got {sorted(cache)}"
    assert shape(A2) == (2, 1), f"A2 should be N x 1 = 2 x 1, got {shape(A2)}"
    assert cache["Z1"][1] == [1.0, -1.0, 0.0, 2.0], "Z1 = X W1 + b1 is wrong for the second data point"
    expected = [1.0 / (1.0 + math.exp(-(math.tanh(0.5) + 0.25))), 1.0 / (1.0 + math.exp(-(math.tanh(1.0) + 0.25)))]
    got = [row[0] for row in A2]
    assert all(abs(g - e) < 1e-12 for g, e in zip(got, expected)), f"A2 should be {expected}, got {got}"
    assert cache["mask"] is None, "without dropout (keep_prob == 1) the cache's mask should be None"
    try:
        forward(X, params, keep_prob=0.5)
    except ValueError:
        pass
    else:
        raise AssertionError("forward with keep_prob < 1 and no rng should raise ValueError")
test_forward_pass_public(forward, shape)

# %%
""" # BEGIN TEST CONFIG
points: 8
hidden: true
""" # END TEST CONFIG
def test_forward_pass_hidden(env):
    from nn_grading import checks
    checks.forward_pass(env)
test_forward_pass_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: forward_loss
# points: 4

# %% [raw]
# # BEGIN SOLUTION

# %%
def bce_loss(A2, y):
    """Return the mean binary cross-entropy of the N x 1 probabilities A2 against the N x 1 labels y."""
    # BEGIN SOLUTION NO PROMPT
    eps = 1e-12
    total = 0.0
    for p_row, y_row in zip(A2, y):
        p = min(max(p_row[0], eps), 1.0 - eps)
        t = y_row[0]
        total += -(t * math.log(p) + (1.0 - t) * math.log(1.0 - p))
    return total / len(y)
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("bce_loss: clip, then average -[y log p + (1 - y) log(1 - p)]")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_forward_loss_public(bce_loss):
    import math
    got = bce_loss([[0.9], [0.2]], [[1.0], [0.0]])
    expected = -(math.log(0.9) + math.log(0.8)) / 2
    assert abs(got - expected) < 1e-12, f"bce_loss([[0.9], [0.2]], [[1.0], [0.0]]) should be {expected}, got {got}"
    clipped = bce_loss([[0.0]], [[1.0]])
    assert abs(clipped - -math.log(1e-12)) < 1e-6, f"a probability of 0.0 for a label of 1 should be clipped to 1e-12, giving {-math.log(1e-12)}, got {clipped}"
test_forward_loss_public(bce_loss)

# %%
""" # BEGIN TEST CONFIG
points: 4
hidden: true
""" # END TEST CONFIG
def test_forward_loss_hidden(env):
    from nn_grading import checks
    checks.forward_loss(env)
test_forward_loss_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 4. Dropout
#
# Dropout switches off each hidden unit at random during training, so that the
# network cannot rely on any single unit. We use **inverted dropout** with
# `keep_prob`, the probability of *keeping* a unit:
#
# $$M_{ij} = \begin{cases} 1 & \text{with probability keep\_prob} \\ 0 & \text{otherwise} \end{cases}
# \qquad H_1 = \frac{A_1 \odot M}{\text{keep\_prob}}$$
#
# Dividing by `keep_prob` keeps the expected value of every unit the same, so at
# prediction time the network runs without dropout and without any rescaling.
#
# - `dropout_forward(A, keep_prob, rng)` returns `(out, mask)`:
#   `mask[i][j] = 1.0 if rng.random() < keep_prob else 0.0`, **one draw per element,
#   row by row**; `ValueError` unless `0 < keep_prob <= 1`.
# - `dropout_backward(dout, mask, keep_prob)`: the gradient flows only through the
#   kept units, with the same scaling: `dout * mask / keep_prob`.

# %% [raw]
# # BEGIN QUESTION
# name: dropout_forward
# points: 10

# %% [raw]
# # BEGIN SOLUTION

# %%
def dropout_forward(A, keep_prob, rng):
    """Return (out, mask): inverted dropout of A with the random.Random rng."""
    # BEGIN SOLUTION NO PROMPT
    if not 0.0 < keep_prob <= 1.0:
        raise ValueError(f"keep_prob must be in (0, 1], got {keep_prob}")
    mask = [[1.0 if rng.random() < keep_prob else 0.0 for _ in row] for row in A]
    out = scale(multiply(A, mask), 1.0 / keep_prob)
    return out, mask
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("dropout_forward: draw the mask, then scale by 1 / keep_prob")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_dropout_forward_public(dropout_forward):
    import random
    A = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    out, mask = dropout_forward(A, 0.5, random.Random(1))
    draws = random.Random(1)
    expected_mask = [[1.0 if draws.random() < 0.5 else 0.0 for _ in range(3)] for _ in range(2)]
    assert mask == expected_mask, f"with random.Random(1) and keep_prob 0.5 the mask should be {expected_mask}, got {mask}"
    expected_out = [[a * m / 0.5 for a, m in zip(ra, rm)] for ra, rm in zip(A, expected_mask)]
    assert out == expected_out, f"out should be A * mask / keep_prob = {expected_out}, got {out}"
    for bad in (0.0, 1.5):
        try:
            dropout_forward(A, bad, random.Random(1))
        except ValueError:
            pass
        else:
            raise AssertionError(f"dropout_forward should raise ValueError for keep_prob = {bad}")
test_dropout_forward_public(dropout_forward)

# %%
""" # BEGIN TEST CONFIG
points: 10
hidden: true
""" # END TEST CONFIG
def test_dropout_forward_hidden(env):
    from nn_grading import checks
    checks.dropout_forward(env)
test_dropout_forward_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: dropout_backward
# points: 5

# %% [raw]
# # BEGIN SOLUTION

# %%
def dropout_backward(dout, mask, keep_prob):
    """Return the gradient through inverted dropout: dout * mask / keep_prob."""
    # BEGIN SOLUTION NO PROMPT
    return scale(multiply(dout, mask), 1.0 / keep_prob)
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("dropout_backward")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_dropout_backward_public(dropout_backward):
    got = dropout_backward([[1.0, 2.0], [3.0, 4.0]], [[1.0, 0.0], [0.0, 1.0]], 0.8)
    expected = [[1.0 / 0.8, 0.0], [0.0, 4.0 / 0.8]]
    assert got == expected, f"dropout_backward should give dout * mask / keep_prob = {expected}, got {got}"
test_dropout_backward_public(dropout_backward)

# %%
""" # BEGIN TEST CONFIG
points: 5
hidden: true
""" # END TEST CONFIG
def test_dropout_backward_hidden(env):
    from nn_grading import checks
    checks.dropout_backward(env)
test_dropout_backward_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 5. Backward propagation
#
# Backward propagation applies the chain rule from the loss back to every
# parameter. For a sigmoid output with the mean cross-entropy loss, the error at the
# output is simply
#
# $$dZ_2 = \frac{1}{N}(A_2 - y) \quad (N \times 1)$$
#
# and then, layer by layer (every shape written out):
#
# | gradient | formula | shape |
# |---|---|---|
# | $dW_2$ | $H_1^T \, dZ_2$ | $n_h \times 1$ |
# | $db_2$ | column sums of $dZ_2$ | $1 \times 1$ |
# | $dH_1$ | $dZ_2 \, W_2^T$ | $N \times n_h$ |
# | $dA_1$ | `dropout_backward(dH1, mask, keep_prob)` if `cache["mask"]` is not `None`, else $dH_1$ | $N \times n_h$ |
# | $dZ_1$ | $dA_1 \odot (1 - A_1^2)$, since $\tanh'(z) = 1 - \tanh(z)^2$ | $N \times n_h$ |
# | $dW_1$ | $X^T \, dZ_1$ | $D \times n_h$ |
# | $db_1$ | column sums of $dZ_1$ | $1 \times n_h$ |
#
# **Check your gradients numerically.** For any parameter entry $p$, a central
# difference approximates the derivative of a function $f$ of the parameters:
#
# $$\frac{\partial f}{\partial p} \approx \frac{f(p + h) - f(p - h)}{2h}, \qquad h = 10^{-5}$$
#
# `numerical_gradient(f, params, h)` does this for every entry of every parameter
# (and leaves `params` as it found it). Compare the two with the relative error
# $\max |a - b| / \max(10^{-8}, |a| + |b|)$: about $10^{-7}$ or less means your
# `backward` is right; above $10^{-2}$ it is almost certainly wrong.
#
# You write the checker first (`numerical_gradient`, then `relative_error`), then
# `backward`: its check cell compares your `backward` with your `numerical_gradient`.

# %% [raw]
# # BEGIN QUESTION
# name: backward_numerical
# points: 6

# %% [raw]
# # BEGIN SOLUTION

# %%
def numerical_gradient(f, params, h=1e-5):
    """Return a dict shaped like params: (f(p + h) - f(p - h)) / (2h) for every entry p; params unchanged."""
    # BEGIN SOLUTION NO PROMPT
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
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("numerical_gradient: nudge one entry at a time, and put it back")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_backward_numerical_public(numerical_gradient):
    params = {"W": [[1.0, -2.0], [0.5, 3.0]], "b": [[4.0]]}
    f = lambda p: sum(w * w for row in p["W"] for w in row) + 3.0 * p["b"][0][0]
    got = numerical_gradient(f, params)
    expected = {"W": [[2.0, -4.0], [1.0, 6.0]], "b": [[3.0]]}
    for name in expected:
        for g_row, e_row in zip(got[name], expected[name]):
            assert all(abs(g - e) < 1e-6 for g, e in zip(g_row, e_row)), f"the gradient of sum(W^2) + 3b should be {expected}, got {got}"
    assert params == {"W": [[1.0, -2.0], [0.5, 3.0]], "b": [[4.0]]}, "numerical_gradient must leave params as it found it"
test_backward_numerical_public(numerical_gradient)

# %%
""" # BEGIN TEST CONFIG
points: 6
hidden: true
""" # END TEST CONFIG
def test_backward_numerical_hidden(env):
    from nn_grading import checks
    checks.backward_numerical(env)
test_backward_numerical_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: backward_relative_error
# points: 4

# %% [raw]
# # BEGIN SOLUTION

# %%
def relative_error(a, b):
    """Return max over entries of |a - b| / max(1e-8, |a| + |b|) for two matrices of one shape."""
    # BEGIN SOLUTION NO PROMPT
    worst = 0.0
    for row_a, row_b in zip(a, b):
        for x, z in zip(row_a, row_b):
            worst = max(worst, abs(x - z) / max(1e-8, abs(x) + abs(z)))
    return worst
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("relative_error")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_backward_relative_error_public(relative_error):
    got = relative_error([[1.0, 2.0]], [[1.0, 3.0]])
    assert abs(got - 0.2) < 1e-12, f"relative_error([[1, 2]], [[1, 3]]) should be |2 - 3| / (2 + 3) = 0.2, got {got}"
    assert relative_error([[0.0]], [[0.0]]) == 0.0, "relative_error of two zeros should be 0.0 (the denominator is at least 1e-8)"
test_backward_relative_error_public(relative_error)

# %%
""" # BEGIN TEST CONFIG
points: 4
hidden: true
""" # END TEST CONFIG
def test_backward_relative_error_hidden(env):
    from nn_grading import checks
    checks.backward_relative_error(env)
test_backward_relative_error_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: backward_grads
# points: 15

# %% [raw]
# # BEGIN SOLUTION

# %%
def backward(params, cache, y, keep_prob=1.0):
    """Return {"W1", "b1", "W2", "b2"}: the gradient of bce_loss(A2, y) with respect to each parameter."""
    # BEGIN SOLUTION NO PROMPT
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
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("backward: follow the table above from dZ2 back to dW1")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_backward_grads_public(init_params, forward, bce_loss, backward, numerical_gradient, relative_error, shape):
    # Your backward against your numerical_gradient, as in the text above.
    X = [[0.5, -1.0, 0.25], [1.0, 0.5, -0.5], [-0.75, 0.25, 1.0]]
    y = [[1.0], [0.0], [1.0]]
    params = init_params(3, 4, seed=1)
    params["b1"] = [[0.1, -0.2, 0.3, 0.0]]
    params["b2"] = [[-0.1]]
    A2, cache = forward(X, params)
    grads = backward(params, cache, y)
    numeric = numerical_gradient(lambda p: bce_loss(forward(X, p)[0], y), params)
    for name in ("W1", "b1", "W2", "b2"):
        assert shape(grads[name]) == shape(params[name]), f"d{name} should have the shape of {name}, {shape(params[name])}, got {shape(grads[name])}"
        err = relative_error(grads[name], numeric[name])
        assert err < 1e-6, f"d{name}: relative error {err:.1e} between backward and numerical_gradient (a correct backward gives about 1e-7 or less)"
test_backward_grads_public(init_params, forward, bce_loss, backward, numerical_gradient, relative_error, shape)

# %%
""" # BEGIN TEST CONFIG
points: 8
hidden: true
""" # END TEST CONFIG
def test_backward_grads_hidden(env):
    from nn_grading import checks
    checks.backward_grads(env)
test_backward_grads_hidden(globals())

# %%
""" # BEGIN TEST CONFIG
points: 7
hidden: true
""" # END TEST CONFIG
def test_backward_grads_dropout_hidden(env):
    from nn_grading import checks
    checks.backward_grads_dropout(env)
test_backward_grads_dropout_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 6. Training and visualization
#
# Training repeats four steps for a number of epochs (full-batch gradient descent):
#
# 1. `A2, cache = forward(X, params, keep_prob, rng)`, with `rng = random.Random(seed + 1)`
#    made once before the loop;
# 2. record `bce_loss(A2, y)` in `losses` (so `losses[k]` is the loss at epoch k);
# 3. `grads = backward(params, cache, y, keep_prob)`;
# 4. `params = update_params(params, grads, lr)`, that is $p \leftarrow p - \text{lr} \cdot g$
#    for every entry.
#
# It starts from `init_params(D, n_h, seed)`. `predict` turns probabilities into
# classes with the threshold 0.5 and never uses dropout; `accuracy` is the fraction
# of rows where the prediction equals the label.
#
# The two plot functions return a matplotlib `Figure` with labelled axes: the loss
# per epoch, and the network's decision regions on two of the three features.

# %% [raw]
# # BEGIN QUESTION
# name: training_update
# points: 3

# %% [raw]
# # BEGIN SOLUTION

# %%
def update_params(params, grads, lr):
    """Return a new dict with p - lr * g for every entry of every parameter."""
    # BEGIN SOLUTION NO PROMPT
    return {name: subtract(value, scale(grads[name], lr)) for name, value in params.items()}
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("update_params")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_training_update_public(update_params):
    params = {"W1": [[1.0, 2.0]], "b1": [[0.5]]}
    grads = {"W1": [[0.5, -1.0]], "b1": [[2.0]]}
    got = update_params(params, grads, 0.1)
    expected = {"W1": [[0.95, 2.1]], "b1": [[0.3]]}
    assert sorted(got) == ["W1", "b1"], f"update_params should return the same keys as params, got {sorted(got)}"
    for name in expected:
        assert all(abs(g - e) < 1e-12 for g, e in zip(got[name][0], expected[name][0])), f"{name} should be p - lr * g = {expected[name]}, got {got[name]}"
    assert params == {"W1": [[1.0, 2.0]], "b1": [[0.5]]}, "update_params must return a new dict and leave params unchanged"
test_training_update_public(update_params)

# %%
""" # BEGIN TEST CONFIG
points: 3
hidden: true
""" # END TEST CONFIG
def test_training_update_hidden(env):
    from nn_grading import checks
    checks.training_update(env)
test_training_update_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: training_train
# points: 11

# %% [raw]
# # BEGIN SOLUTION

# %%
def train(X, y, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0):
    """Return (params, losses) after `epochs` steps of full-batch gradient descent."""
    # BEGIN SOLUTION NO PROMPT
    params = init_params(shape(X)[1], n_h, seed)
    rng = random.Random(seed + 1)
    losses = []
    for _ in range(epochs):
        A2, cache = forward(X, params, keep_prob, rng)
        losses.append(bce_loss(A2, y))
        grads = backward(params, cache, y, keep_prob)
        params = update_params(params, grads, lr)
    return params, losses
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("train: forward, loss, backward, update, for every epoch")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_training_train_public(train):
    import random
    rng = random.Random(1)
    X = [[rng.uniform(-1.0, 1.0) for _ in range(3)] for _ in range(40)]
    y = [[1.0 if x[0] * x[1] + 0.25 * x[2] > 0.0 else 0.0] for x in X]
    params, losses = train(X, y, epochs=30, lr=1.0, seed=2)
    assert len(losses) == 30, f"train should record one loss per epoch: 30, got {len(losses)}"
    assert losses[-1] < losses[0], f"the loss should go down during training: first {losses[0]:.4f}, last {losses[-1]:.4f}"
    again = train(X, y, epochs=30, lr=1.0, seed=2)[1]
    assert again == losses, "train should give the same losses every time for the same seed"
test_training_train_public(train)

# %%
""" # BEGIN TEST CONFIG
points: 11
hidden: true
""" # END TEST CONFIG
def test_training_train_hidden(env):
    from nn_grading import checks
    checks.training_train(env)
test_training_train_hidden(globals())

# %%
""" # BEGIN TEST CONFIG
points: 0
hidden: true
""" # END TEST CONFIG
def test_training_end_to_end_hidden(env):
    from nn_grading import checks
    checks.training_end_to_end(env)
test_training_end_to_end_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: training_predict
# points: 4

# %% [raw]
# # BEGIN SOLUTION

# %%
def predict(X, params):
    """Return the N x 1 predicted classes, 0.0 or 1.0 (threshold 0.5), never with dropout."""
    # BEGIN SOLUTION NO PROMPT
    A2, _ = forward(X, params)
    return [[1.0 if row[0] >= 0.5 else 0.0] for row in A2]
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("predict")
    """ # END PROMPT


def accuracy(y_pred, y):
    """Return the fraction of rows where y_pred equals y."""
    # BEGIN SOLUTION NO PROMPT
    hits = sum(1 for p, t in zip(y_pred, y) if p == t)
    return hits / len(y)
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("accuracy")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_training_predict_public(predict, accuracy):
    params = {"W1": [[1.0], [0.0], [0.0]], "b1": [[0.0]], "W2": [[4.0]], "b2": [[0.0]]}
    got = predict([[1.0, 0.0, 0.0], [-1.0, 0.0, 0.0]], params)
    assert got == [[1.0], [0.0]], f"predict should give 1.0 where the probability is above 0.5 and 0.0 below, got {got}"
    assert accuracy([[1.0], [0.0], [1.0], [1.0]], [[1.0], [1.0], [1.0], [0.0]]) == 0.5, "accuracy: 2 of 4 rows equal should give 0.5"
test_training_predict_public(predict, accuracy)

# %%
""" # BEGIN TEST CONFIG
points: 4
hidden: true
""" # END TEST CONFIG
def test_training_predict_hidden(env):
    from nn_grading import checks
    checks.training_predict(env)
test_training_predict_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: training_plots
# points: 2

# %% [raw]
# # BEGIN SOLUTION

# %%
def plot_losses(losses):
    """Return a matplotlib Figure of the loss per epoch, with labelled axes."""
    # BEGIN SOLUTION NO PROMPT
    from matplotlib.figure import Figure
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    ax.plot(range(len(losses)), losses)
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss (binary cross-entropy)")
    ax.set_title("Training loss")
    return fig
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("plot_losses")
    """ # END PROMPT


def plot_decision(X, y, params):
    """Return a matplotlib Figure of the predicted class over features x1 and x2 (x3 held at 0), with the data on top."""
    # BEGIN SOLUTION NO PROMPT
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
    # END SOLUTION
    """ # BEGIN PROMPT
    raise NotImplementedError("plot_decision")
    """ # END PROMPT

# %% [raw]
# # END SOLUTION

# %% [raw]
# # BEGIN TESTS

# %%
""" # BEGIN TEST CONFIG
points: 0
""" # END TEST CONFIG
def test_training_plots_public(plot_losses):
    from matplotlib.figure import Figure
    fig = plot_losses([0.7, 0.5, 0.4])
    # (When the autograder runs it, your code is in a process of its own and a Figure comes back by name.)
    is_figure = isinstance(fig, Figure) or repr(fig) == "<matplotlib.figure.Figure object>"
    assert is_figure, f"plot_losses should return a matplotlib Figure, got {type(fig).__name__}"
test_training_plots_public(plot_losses)

# %%
""" # BEGIN TEST CONFIG
points: 2
hidden: true
""" # END TEST CONFIG
def test_training_plots_hidden(env):
    from nn_grading import checks
    checks.training_plots(env)
test_training_plots_hidden(globals())

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ### Train it and look at what it learned
#
# With every part done, this trains the network on the training split and shows
# the loss and the decision regions. You should see the loss fall and a validation
# accuracy around 0.9 or better.

# %% tags=["otter_ignore"]
# (Tagged otter_ignore: the autograder skips this cell, it is for you to look at.)
params, losses = train(X_train, y_train, epochs=500, lr=1.0)
print("final training loss:", round(losses[-1], 4))
print("training accuracy:  ", accuracy(predict(X_train, params), y_train))
print("validation accuracy:", accuracy(predict(X_val, params), y_val))
display(plot_losses(losses))
display(plot_decision(X_val, y_val, params))

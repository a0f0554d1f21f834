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
#   instructions: "When you are ready to hand in, set READY = True in the cell below, save, and run it: it writes the zip file to upload to Gradescope."
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
# **Set-up (once).** You need Python 3.10 or newer (the kit is tested on 3.11), and
# three packages: Otter, which runs the checks, matplotlib and JupyterLab. In a
# terminal, in the folder that holds this notebook:
#
# ```
# python3 -m venv nn-env
# source nn-env/bin/activate        # Windows: nn-env\Scripts\activate
# python -m pip install otter-grader==7.0.0 matplotlib jupyterlab
# jupyter lab nn_from_scratch.ipynb
# ```
#
# The install downloads about 160 MB. Next time, only the `source` line and the
# `jupyter lab` line. **VS Code** instead: after the install, open the folder, open the
# notebook, and pick `nn-env` as its kernel ("Select Kernel", top right). **Google
# Colab** instead: File > Upload notebook; drag this `.ipynb` file into Colab's Files
# pane too (the checks read it from there); then add a cell at the very top with
# `!pip install otter-grader==7.0.0` and `!mkdir -p tests` on two lines, and run it.
# Keep the file name `nn_from_scratch.ipynb` everywhere: the checks look for it.
#
# The network is the classic one: **D = 3 inputs, one hidden layer of n_h = 4 tanh
# units, 1 sigmoid output**, trained on N data points.
#
# (The first code cells below draw it.) The sections follow the course text:
#
# | section | you write | points |
# |---|---|---|
# | 1. Vector operations | `shape`, `zeros`, `transpose`, `dot`, `matmul`, elementwise operations | 20 |
# | 2. Our data | nothing: read and run | 0 |
# | 3. Forward propagation | `sigmoid`, `init_params`, `forward`, `bce_loss` | 20 |
# | 4. Dropout | `dropout_forward`, `dropout_backward` | 15 |
# | 5. Backward propagation | `numerical_gradient`, `relative_error`, `backward` | 25 |
# | 6. Training | `update_params`, `train`, `predict`, `accuracy`, two plots | 20 |
# | 7. Visualization | nothing: pictures of what your network learned | 0 |
#
# Every function comes with the maths, and most with a small **worked example** with
# numbers you can check by hand and **hints** you can unfold (click "Hint") when
# you are stuck.
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
# mistake costs points in one place only. Finish with the export cell at the end:
# it writes the zip to upload only when you set `READY = True` in it.
#
# **How to know it works**: every `grader.check` cell says "... passed!"
# or tells you what is wrong ("shape of a 2 x 3 matrix should be (2, 3)"). When all
# of them pass, section 7 draws your trained network's pictures: a falling loss and
# a decision boundary that follows the data.

# %% tags=["given"]
import math
import random

# %% tags=["otter_ignore"]
# The network, drawn in code (given; the autograder skips this cell). Section 7 draws it again, trained.
# %matplotlib inline
from matplotlib.figure import Figure
from matplotlib.patches import Circle


def draw_network(params=None):
    """The D-n_h-1 network: circles for units, lines for weights. Given trained params, each line is
    as thick as its weight is large, blue for positive, red for negative."""
    sizes = (len(params["W1"]), len(params["W1"][0]), 1) if params else (3, 4, 1)
    columns = [[(2.2 * x, (n - 1) / 2 - k) for k in range(n)] for x, n in enumerate(sizes)]  # (x, y) per unit
    fig = Figure(figsize=(8, 4.6))
    ax = fig.add_subplot()
    for layer, weights in enumerate([params["W1"], params["W2"]] if params else [None, None]):
        for i, (x0, y0) in enumerate(columns[layer]):
            for j, (x1, y1) in enumerate(columns[layer + 1]):
                w = weights[i][j] if weights else 1.0
                ax.plot([x0, x1], [y0, y1], color="tab:blue" if w >= 0 else "tab:red",
                        linewidth=0.6 + 1.2 * min(abs(w), 5.0), alpha=0.7, zorder=1)
    names = [[f"$x_{k + 1}$" for k in range(sizes[0])], [f"$h_{k + 1}$" for k in range(sizes[1])], [r"$\hat{y}$"]]
    for column, labels, colour in zip(columns, names, ["#e6e6e6", "#ffe8a8", "#c6dbef"]):
        for (x, y), label in zip(column, labels):
            ax.add_patch(Circle((x, y), 0.22, facecolor=colour, edgecolor="black", zorder=2))
            ax.text(x, y, label, ha="center", va="center", fontsize=12, zorder=3)
    captions = [f"input X\nN x {sizes[0]}", f"hidden A1 = tanh(X W1 + b1)\nW1: {sizes[0]} x {sizes[1]}, b1: 1 x {sizes[1]}",
                f"output A2 = sigmoid(A1 W2 + b2)\nW2: {sizes[1]} x 1, b2: 1 x 1"]
    for x, caption in enumerate(captions):  # the hidden layer's caption above, the others below
        above = x == 1
        ax.text(2.2 * x, (1 if above else -1) * (max(sizes) / 2 + 0.05), caption, ha="center",
                va="bottom" if above else "top", fontsize=9)
    ax.set(xlim=(-1.2, 5.6), ylim=(-max(sizes) / 2 - 0.9, max(sizes) / 2 + 0.9), aspect="equal")
    ax.axis("off")
    fig.suptitle("the trained network (line width grows with |weight|, up to 5)" if params else "the 3-4-1 network")
    return fig


display(draw_network())

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

# %% [markdown]
# ### 1.1 `shape`, `zeros`, `transpose`
#
# **Worked example.** The matrix $A = \begin{bmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{bmatrix}$
# is stored as `[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]`: two rows of three. So
# `shape(A) == (2, 3)`, and `transpose(A) == [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]`: row 0
# of the transpose is column 0 of $A$. `zeros(2, 3) == [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]`.
#
# <details><summary>Hint: shape</summary>
#
# The number of rows is `len(A)`. The number of columns is the length of a row, and
# every row must have that same length: look at all of them before you answer.
# </details>
# <details><summary>Hint: transpose</summary>
#
# The result has one row per *column* of $A$: its row $j$ collects `A[i][j]` for every
# $i$, in order.
# </details>

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
def test_vector_ops_basics_public(env):
    """Written by `make assign` from public_checks/vector_ops.py, the reference and the mistake catalog."""
test_vector_ops_basics_public(globals())

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

# %% [markdown]
# ### 1.2 `dot` and `matmul`
#
# **Worked example.** `dot([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])` is
# $1 \cdot 4 + 2 \cdot 5 + 3 \cdot 6 = 32$. A matrix product, entry by entry:
#
# $$\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} \begin{bmatrix} 5 & 6 \\ 7 & 8 \end{bmatrix}
# = \begin{bmatrix} 1 \cdot 5 + 2 \cdot 7 & 1 \cdot 6 + 2 \cdot 8 \\ 3 \cdot 5 + 4 \cdot 7 & 3 \cdot 6 + 4 \cdot 8 \end{bmatrix}
# = \begin{bmatrix} 19 & 22 \\ 43 & 50 \end{bmatrix}$$
#
# Shapes: $(2 \times 3)(3 \times 1)$ is $2 \times 1$; $(2 \times 3)(2 \times 3)$ is an error,
# because the inner sizes 3 and 2 differ.
#
# <details><summary>Hint: matmul</summary>
#
# Entry $(i, j)$ is `dot(row i of A, column j of B)`. Column $j$ of $B$ is row $j$ of
# `transpose(B)`: transpose once, before the loops, not once per entry.
# </details>

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
def test_vector_ops_products_public(env):
    """Written by `make assign` from public_checks/vector_ops.py, the reference and the mistake catalog."""
test_vector_ops_products_public(globals())

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

# %% [markdown]
# ### 1.3 Elementwise operations, `add_bias`, `column_sums`, `apply`
#
# **Worked example.** With `A = [[1.0, 2.0], [3.0, 4.0]]` and `B = [[10.0, 20.0], [30.0, 40.0]]`:
#
# | call | result |
# |---|---|
# | `add(A, B)` | `[[11.0, 22.0], [33.0, 44.0]]` |
# | `subtract(B, A)` | `[[9.0, 18.0], [27.0, 36.0]]` |
# | `multiply(A, B)` | `[[10.0, 40.0], [90.0, 160.0]]` (entry by entry: not `matmul`!) |
# | `scale(A, 0.5)` | `[[0.5, 1.0], [1.5, 2.0]]` |
# | `add_bias(A, [[100.0, 200.0]])` | `[[101.0, 202.0], [103.0, 204.0]]` |
# | `column_sums(A)` | `[[4.0, 6.0]]` |
# | `apply(math.sqrt, [[4.0, 9.0]])` | `[[2.0, 3.0]]` |
#
# <details><summary>Hint: three functions, one helper</summary>
#
# `add`, `subtract` and `multiply` differ only in the operation. One helper that takes
# the operation as a function (for example `lambda a, b: a + b`) and checks the shapes
# saves writing the same loops three times.
# </details>

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
def test_vector_ops_elementwise_public(env):
    """Written by `make assign` from public_checks/vector_ops.py, the reference and the mistake catalog."""
test_vector_ops_elementwise_public(globals())

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
# where $H_1 = A_1$ without dropout (section 4 adds dropout between the layers).
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
# `cache` a dict of exactly `"X", "Z1", "A1", "mask", "H1", "Z2", "A2"` (section 5
# needs them). With `keep_prob < 1`, `H1, mask = dropout_forward(A1, keep_prob, rng)`
# (you write it in section 4) and a missing `rng` is a `ValueError`; otherwise
# `H1, mask = A1, None`.
#
# **bce_loss(A2, y)**, the mean binary cross-entropy, each probability $p$ first
# clipped to $[10^{-12}, 1 - 10^{-12}]$ so that $\log 0$ never happens:
# $$L = -\frac{1}{N} \sum_{i=1}^{N} \big[\, y_i \log p_i + (1 - y_i) \log(1 - p_i) \,\big]$$

# %% [markdown]
# ### 3.1 `sigmoid`
#
# **Worked example.** $\sigma(0) = 0.5$, $\sigma(2) = 1 / (1 + e^{-2}) \approx 0.8808$ and
# $\sigma(-2) = 1 - \sigma(2) \approx 0.1192$. For $z = -1000$ the first form needs
# $e^{1000}$, which `math.exp` cannot hold (`OverflowError`); the second form,
# $e^{-1000} / (1 + e^{-1000})$, is simply about $0$.
#
# <details><summary>Hint</summary>
#
# Look at the sign of $z$ first, and pick the form in which `math.exp` only ever
# sees a number that is $\le 0$.
# </details>

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
def test_forward_sigmoid_public(env):
    """Written by `make assign` from public_checks/forward.py, the reference and the mistake catalog."""
test_forward_sigmoid_public(globals())

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

# %% [markdown]
# ### 3.2 `init_params`
#
# **Worked example.** For $D = 3$ and $n_h = 4$ the shapes are $W_1$: $3 \times 4$,
# $b_1$: $1 \times 4$, $W_2$: $4 \times 1$, $b_2$: $1 \times 1$. The first number the
# generator draws goes to `W1[0][0]`, the second to `W1[0][1]`, the fifth to `W1[1][0]`,
# and the thirteenth to `W2[0][0]`.
#
# Why divide by $\sqrt{D}$? A sum of $D$ random terms grows like $\sqrt{D}$; dividing
# keeps every $Z_1$ entry near size 1, where $\tanh$ is not yet flat and still learns.
#
# <details><summary>Hint</summary>
#
# The order of the draws matters: the autograder rebuilds your parameters from the
# same seed. All of $W_1$ row by row first, then $W_2$; the biases draw nothing.
# </details>

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
def test_forward_init_public(env):
    """Written by `make assign` from public_checks/forward.py, the reference and the mistake catalog."""
test_forward_init_public(globals())

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

# %% [markdown]
# ### 3.3 `forward`
#
# **Worked example**, one data point $x = [1, 0, -1]$ ($N = 1$), with small
# parameters $W_1 = \begin{bmatrix} 0.5 & -0.5 & 0 & 1 \\ 1 & 1 & 1 & 1 \\ 0 & 0.5 & -0.5 & 0 \end{bmatrix}$,
# $b_1 = [0, 0, 0, 0]$, $W_2 = [1, 1, 1, 1]^T$, $b_2 = [0]$; as lists of rows:
# `X = [[1.0, 0.0, -1.0]]`, `b1 = [[0.0, 0.0, 0.0, 0.0]]`, `W2 = [[1.0], [1.0], [1.0], [1.0]]`,
# `b2 = [[0.0]]`:
#
# | step | value | shape |
# |---|---|---|
# | $Z_1 = x W_1 + b_1$ | `[[0.5, -1.0, 0.5, 1.0]]` | $1 \times 4$ |
# | $A_1 = \tanh(Z_1)$ | `[[0.4621, -0.7616, 0.4621, 0.7616]]` | $1 \times 4$ |
# | $Z_2 = A_1 W_2 + b_2$ | `[[0.9242]]` | $1 \times 1$ |
# | $A_2 = \sigma(Z_2)$ | `[[0.7159]]` | $1 \times 1$ |
#
# So this network says "y = 1 with probability 0.72" for that point.
#
# <details><summary>Hint</summary>
#
# Each line of the table is one or two calls of section 1 (`matmul`, `add_bias`, `apply`).
# Build `cache` last, with every key even when `mask` is `None`.
# </details>

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
def test_forward_pass_public(env):
    """Written by `make assign` from public_checks/forward.py, the reference and the mistake catalog."""
test_forward_pass_public(globals())

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

# %% [markdown]
# ### 3.4 `bce_loss`
#
# **Worked example.** `A2 = [[0.9], [0.2]]`, `y = [[1.0], [0.0]]`: the first point is a
# 1 predicted at 0.9, the second a 0 predicted at 0.2, so
# $L = -\tfrac{1}{2}(\log 0.9 + \log 0.8) \approx 0.1643$. A confident wrong answer is
# expensive: $p = 0.01$ for a point with $y = 1$ costs $-\log 0.01 \approx 4.6$ alone.
#
# <details><summary>Hint</summary>
#
# Clip each probability first, then take the logarithms; divide by $N$ at the end.
# </details>

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
def test_forward_loss_public(env):
    """Written by `make assign` from public_checks/forward.py, the reference and the mistake catalog."""
test_forward_loss_public(globals())

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

# %% [markdown]
# ### 4.1 `dropout_forward`
#
# **Worked example.** `A = [[0.5, -0.2], [0.8, 0.1]]`, `keep_prob = 0.5`, and a generator
# whose four `rng.random()` draws are 0.3, 0.7, 0.1, 0.9. Then
# `mask = [[1.0, 0.0], [1.0, 0.0]]` (a draw below 0.5 keeps the unit) and
# `out = [[1.0, 0.0], [1.6, 0.0]]`: the kept units are divided by 0.5, that is doubled.
#
# <details><summary>Hint</summary>
#
# Exactly one `rng.random()` per element, in the order `A[0][0], A[0][1], ...,
# A[1][0], ...`: the autograder replays your masks from the same generator.
# </details>

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
def test_dropout_forward_public(env):
    """Written by `make assign` from public_checks/dropout.py, the reference and the mistake catalog."""
test_dropout_forward_public(globals())

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

# %% [markdown]
# ### 4.2 `dropout_backward`
#
# **Worked example.** With the mask above, `dout = [[1.0, 1.0], [1.0, 1.0]]` gives
# `[[2.0, 0.0], [2.0, 0.0]]`: the gradient flows back only through the units that were
# kept, scaled exactly as they were on the way forward.

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
def test_dropout_backward_public(env):
    """Written by `make assign` from public_checks/dropout.py, the reference and the mistake catalog."""
test_dropout_backward_public(globals())

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
# `backward`. Its check cell compares your `backward` with finite differences that
# the check computed itself (so a mistake in your `numerical_gradient` never fails
# it); section 7.5 then compares it with your own `numerical_gradient`.

# %% [markdown]
# ### 5.1 `numerical_gradient`
#
# **Worked example.** Take $f(p) = W_1[0][0]^2$ at $W_1[0][0] = 3$:
# $\frac{(3 + h)^2 - (3 - h)^2}{2h} = \frac{12h}{2h} = 6$, which is $f' = 2 \cdot 3$. The
# central difference is exact for a parabola, and for any smooth $f$ its error shrinks
# like $h^2$.
#
# <details><summary>Hint</summary>
#
# For every key and every entry: set that one entry to its original value plus $h$, call
# `f`, set it to the original value minus $h$, call `f`, and put the original value
# back, so that `params` is unchanged at the end. Work on copies if you prefer.
# </details>

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
def test_backward_numerical_public(env):
    """Written by `make assign` from public_checks/backward.py, the reference and the mistake catalog."""
test_backward_numerical_public(globals())

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

# %% [markdown]
# ### 5.2 `relative_error`
#
# **Worked example.** `a = [[1.0, 2.0]]`, `b = [[1.0, 2.1]]`: the entries give $0 / 2 = 0$
# and $0.1 / 4.1 \approx 0.0244$, so the answer is $0.0244$. Why relative? A difference
# of $10^{-7}$ is tiny for entries of size 1000 and enormous for entries of size
# $10^{-8}$; dividing by their size makes one threshold work for both.

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
def test_backward_relative_error_public(env):
    """Written by `make assign` from public_checks/backward.py, the reference and the mistake catalog."""
test_backward_relative_error_public(globals())

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

# %% [markdown]
# ### 5.3 `backward`
#
# **Worked example of the shapes**, for $N = 5$: $dZ_2$ is $5 \times 1$;
# $dW_2 = H_1^T dZ_2$ is $(4 \times 5)(5 \times 1) = 4 \times 1$, the shape of $W_2$;
# $dH_1 = dZ_2 W_2^T$ is $(5 \times 1)(1 \times 4) = 5 \times 4$; and
# $dW_1 = X^T dZ_1$ is $(3 \times 5)(5 \times 4) = 3 \times 4$, the shape of $W_1$. Every
# gradient has the shape of its parameter: if yours does not, a transpose is missing.
#
# <details><summary>Hint</summary>
#
# Write one line per row of the table above, in order, with the section 1 functions.
# The check below compares your `backward` with finite differences of the loss: a
# correct one agrees to about $10^{-7}$ or less (the check fails above $10^{-6}$).
# Then try it yourself with your `numerical_gradient` and `relative_error`.
# </details>

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
def test_backward_grads_public(env):
    """Written by `make assign` from public_checks/backward.py, the reference and the mistake catalog."""
test_backward_grads_public(globals())

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
# ## 6. Training
#
# Training repeats four steps for a number of epochs (full-batch gradient descent),
# `for _ in range(epochs):`
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

# %% [markdown]
# ### 6.1 `update_params`
#
# **Worked example.** `p = [[1.0, 2.0]]`, `g = [[0.5, -1.0]]`, `lr = 0.1`: the step goes
# *against* the gradient, `[[1.0 - 0.05, 2.0 + 0.1]] = [[0.95, 2.1]]`.

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
def test_training_update_public(env):
    """Written by `make assign` from public_checks/training.py, the reference and the mistake catalog."""
test_training_update_public(globals())

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

# %% [markdown]
# ### 6.2 `train`
#
# **What to expect.** `losses[0]` is the loss of the freshly initialised network, about
# $\log 2 \approx 0.69$ (it guesses near 0.5 everywhere). On the training split
# (`X_train`, 150 points) the loss falls below 0.1 after about 230 of the 500 epochs
# with `lr = 1.0` (section 7.1 runs exactly this).
#
# <details><summary>Hint</summary>
#
# Make the dropout generator once, before the loop, not once per epoch: otherwise
# every epoch drops the same units.
# </details>

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
def test_training_train_public(env):
    """Written by `make assign` from public_checks/training.py, the reference and the mistake catalog."""
test_training_train_public(globals())

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

# %% [markdown]
# ### 6.3 `predict` and `accuracy`
#
# **Worked example.** Probabilities `[[0.7], [0.2], [0.9]]` predict `[[1.0], [0.0], [1.0]]`
# (a probability of exactly 0.5 may go either way: no check asks). Against labels
# `[[1.0], [1.0], [1.0]]` that is an accuracy of 2/3.

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
def test_training_predict_public(env):
    """Written by `make assign` from public_checks/training.py, the reference and the mistake catalog."""
test_training_predict_public(globals())

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

# %% [markdown]
# ### 6.4 `plot_losses` and `plot_decision`
#
# Two pictures, each a matplotlib `Figure`: the cell below imports `Figure`, then
# `fig = Figure()` and `ax = fig.add_subplot()` give the axes to draw on. The checks
# look at what each picture shows:
# - `plot_losses(losses)`: a line whose y values are the losses, in order, one per
#   epoch; both axes labelled (`ax.set_xlabel`, `ax.set_ylabel`).
# - `plot_decision(X, y, params)`: the predicted class shaded over the plane of
#   features $x_1$, $x_2$ (a decision region, `ax.contourf`), the data points on top
#   with one colour per class (`ax.scatter`), both axes labelled.
#
# Section 7 uses them, and its given helpers show more ways to draw.
#
# <details><summary>Hint: plot_decision</summary>
#
# Make a grid of points $(x_1, x_2, 0)$ over $[-1, 1]^2$, run `forward` on all of them
# at once, and colour the plane by the predicted class with `ax.contourf`; then put the
# data on top with `ax.scatter`.
# </details>

# %% [raw]
# # BEGIN QUESTION
# name: training_plots
# points: 2

# %% [raw]
# # BEGIN SOLUTION

# %%
from matplotlib.figure import Figure  # (keep it here: the autograder runs this cell, not section 7's)


def plot_losses(losses):
    """Return a matplotlib Figure of the loss per epoch, with labelled axes."""
    # BEGIN SOLUTION NO PROMPT
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
def test_training_plots_public(env):
    """Written by `make assign` from public_checks/training.py, the reference and the mistake catalog."""
test_training_plots_public(globals())

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
# ## 7. Visualization: what the network learned
#
# Everything in this section is given: run the cells and read the pictures. They
# are drawn from **your** functions (`train`, `forward`, `backward`,
# `numerical_gradient`, ...), so they appear once those work, and a strange
# picture is a clue that something is off. The autograder skips these cells
# (they are tagged `otter_ignore`); they earn no points and cost none.

# %% tags=["otter_ignore"]
# Plotting helpers (given): each returns a matplotlib Figure drawn from your functions' results.
# %matplotlib inline
from matplotlib.figure import Figure


def trained():
    """The parameters that 7.1 trained (its `params`), or a message saying to run 7.1 first."""
    if "params" not in globals():
        raise RuntimeError("run section 7.1 first: it trains the network that these pictures show")
    return params


CHECKPOINTS = (0, 20, 50, 100, 200, 300, 500)  # epochs at which the validation loss is measured


def loss_history(X_tr, y_tr, X_va, y_va, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0):
    """Your `train`'s losses, and the validation loss (never with dropout) at the CHECKPOINTS: with the
    same seed, train(..., epochs=k) is the first k epochs of the full run, so each checkpoint retrains."""
    params, train_losses = train(X_tr, y_tr, n_h=n_h, epochs=epochs, lr=lr, keep_prob=keep_prob, seed=seed)
    at = [k for k in CHECKPOINTS if k < epochs]
    val_losses = []
    for k in at:
        early, _ = train(X_tr, y_tr, n_h=n_h, epochs=k, lr=lr, keep_prob=keep_prob, seed=seed)
        val_losses.append(bce_loss(forward(X_va, early)[0], y_va))
    val_losses.append(bce_loss(forward(X_va, params)[0], y_va))
    return params, train_losses, (at + [epochs], val_losses)


def plot_loss_curves(panels):
    """panels: [(title, {label: (train_losses, (epochs, val_losses))})]; solid = training, dashed = validation."""
    fig = Figure(figsize=(6.2 * len(panels), 4.2))
    for k, (title, runs) in enumerate(panels):
        ax = fig.add_subplot(1, len(panels), k + 1)
        for (label, (train_losses, (epochs, val_losses))), colour in zip(runs.items(), ["tab:blue", "tab:orange"]):
            ax.plot(train_losses, color=colour, label=f"{label}: training")
            ax.plot(epochs, val_losses, color=colour, linestyle="--", marker="o", markersize=3,
                    label=f"{label}: validation")
        ax.set(xlabel="epoch", ylabel="loss (binary cross-entropy)", title=title, ylim=(0, 0.8))
        ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def grid_points(x3, steps):
    """A steps x steps grid over x1, x2 in [-1, 1] at a fixed x3, as the rows of one matrix."""
    grid = [-1.0 + 2.0 * k / (steps - 1) for k in range(steps)]
    return grid, [[a, b, x3] for b in grid for a in grid]


def plot_decision_slices(X, y, params, slices=(-0.6, 0.0, 0.6), steps=60):
    """P(y = 1) over x1, x2 in three slices of x3; dashed: the true boundary; dots: data near the slice."""
    fig = Figure(figsize=(14, 4.4))
    for k, x3 in enumerate(slices):
        ax = fig.add_subplot(1, len(slices), k + 1)
        grid, points = grid_points(x3, steps)
        probs = forward(points, params)[0]
        Z = [[probs[r * steps + c][0] for c in range(steps)] for r in range(steps)]
        filled = ax.contourf(grid, grid, Z, levels=[0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0], cmap="RdBu", alpha=0.85)
        truth = [[a * b + 0.25 * x3 for a in grid] for b in grid]
        ax.contour(grid, grid, truth, levels=[0.0], colors="black", linestyles="--", linewidths=1.5)
        near = [(row, label) for row, label in zip(X, y) if abs(row[2] - x3) < 0.3]
        ax.scatter([row[0] for row, _ in near], [row[1] for row, _ in near], s=28, edgecolors="black", linewidths=0.6,
                   c=["tab:blue" if label[0] == 1.0 else "tab:red" for _, label in near])
        ax.set(xlabel="x1", ylabel="x2" if k == 0 else "", title=f"slice x3 = {x3:+.1f}", aspect="equal")
    fig.colorbar(filled, ax=fig.axes, label="the network's P(y = 1)")
    return fig


def plot_hidden_units(params, x3=0.0, steps=50):
    """Each hidden unit's activation tanh(Z1[:, j]) over x1, x2 at a fixed x3."""
    n_h = len(params["W1"][0])
    grid, points = grid_points(x3, steps)
    A1 = forward(points, params)[1]["A1"]
    fig = Figure(figsize=(3.6 * n_h + 1, 3.8))
    for j in range(n_h):
        ax = fig.add_subplot(1, n_h, j + 1)
        Z = [[A1[r * steps + c][j] for c in range(steps)] for r in range(steps)]
        filled = ax.contourf(grid, grid, Z, levels=[-1.0 + 0.2 * k for k in range(11)], cmap="PuOr")
        w = [params["W1"][i][j] for i in range(len(params["W1"]))]
        ax.set_title(f"hidden unit {j + 1}\nW1 = ({', '.join(f'{v:+.1f}' for v in w)})\n"
                     f"b1 = {params['b1'][0][j]:+.1f},  W2 = {params['W2'][j][0]:+.1f}", fontsize=9)
        ax.set(xlabel="x1", aspect="equal")
        if j == 0:
            ax.set_ylabel("x2")
    fig.colorbar(filled, ax=fig.axes, label=f"tanh activation (x3 = {x3:g})")
    return fig


def plot_gradient_check(params, X, y):
    """relative_error between backward and numerical_gradient, per parameter, on a log scale."""
    A2, cache = forward(X, params)
    grads = backward(params, cache, y)
    numeric = numerical_gradient(lambda p: bce_loss(forward(X, p)[0], y), params)
    names = ["W1", "b1", "W2", "b2"]
    errors = [relative_error(grads[name], numeric[name]) for name in names]
    fig = Figure(figsize=(6, 3.8))
    ax = fig.add_subplot()
    ax.bar([f"d{name}" for name in names], [max(e, 1e-16) for e in errors],
           color=["tab:green" if e < 1e-6 else "tab:red" for e in errors])
    ax.axhline(1e-6, color="black", linestyle="--", label="the autograder's limit, 1e-6")
    ax.set(yscale="log", ylim=(1e-16, 1.0), xlabel="gradient", ylabel="relative error (log scale)",
           title="Gradient check: backward vs finite differences")
    ax.legend(fontsize=8)
    return fig


# %% [markdown]
# ### 7.1 Train the network
#
# This trains the 3-4-1 network on the training split for 500 epochs and shows the loss, the decision regions and the trained network, with
# each line as thick as its weight is large (blue: positive, red: negative). You
# should see the loss fall below 0.1 and a validation accuracy around 0.9 or better.
# The decision picture is the slice $x_3 = 0$, but its dots come from every value of
# $x_3$, so a few sit on the "wrong" side of it; 7.3 shows the data slice by slice.

# %% tags=["otter_ignore"]
params, losses = train(X_train, y_train, epochs=500, lr=1.0)
print("final training loss:", round(losses[-1], 4))
print("training accuracy:  ", accuracy(predict(X_train, params), y_train))
print("validation accuracy:", accuracy(predict(X_val, params), y_val))
display(plot_losses(losses))
display(plot_decision(X_val, y_val, params))
display(draw_network(params))

# %% [markdown]
# ### 7.2 What dropout does
#
# Dropout fights *overfitting*: a network that learns its training points by heart
# instead of the pattern. The solid lines are the loss on the training points, the
# dashed ones on the validation points the network never trains on, measured at a
# few epochs (the dots: each is a training of that many epochs with your `train`).
#
# - **Left**: our 3-4-1 network on 150 points. Four units have little to learn by
#   heart, so dropout (`keep_prob = 0.7`) mostly makes training noisier and slower.
# - **Right**: a network with 32 hidden units and only 30 training points. Without
#   dropout, the training loss goes to almost 0 while the validation loss turns
#   and climbs: overfitting. With dropout the gap stays smaller.
#
# (Four trainings, each repeated to the dots' epochs.)

# %% tags=["otter_ignore"]
small = {f"keep_prob {kp}": loss_history(X_train, y_train, X_val, y_val, n_h=4, keep_prob=kp)[1:]
         for kp in (1.0, 0.7)}
large = {f"keep_prob {kp}": loss_history(X_train[:30], y_train[:30], X_val, y_val, n_h=32, keep_prob=kp)[1:]
         for kp in (1.0, 0.7)}
display(plot_loss_curves([("3-4-1 network, 150 training points", small),
                          ("3-32-1 network, 30 training points", large)]))

# %% [markdown]
# ### 7.3 Where the decision boundary ends up
#
# The data has three features, so the network's decision regions live in a cube.
# Here are three slices of it, at $x_3 = -0.6$, $0$ and $+0.6$: the colour is the
# network's probability that $y = 1$, the dashed black line is the true boundary
# $x_1 x_2 + 0.25\,x_3 = 0$, and the dots are the validation points that lie near
# the slice, coloured by their true label (blue = 1, red = 0). The better the
# network, the closer the border between the pale red and pale blue bands
# (P = 0.5) follows the dashed line. Notice how the boundary moves as $x_3$ changes: that third
# feature matters.

# %% tags=["otter_ignore"]
display(plot_decision_slices(X_val, y_val, trained()))

# %% [markdown]
# ### 7.4 What the hidden units learned
#
# Each hidden unit computes $\tanh(x \cdot w_j + b_j)$: a soft step across a plane,
# $+1$ on one side and $-1$ on the other. The output unit adds the four steps
# with the weights $W_2$ and squashes the sum with the sigmoid. Look at how the
# four planes combine into the saddle-shaped boundary above.

# %% tags=["otter_ignore"]
display(plot_hidden_units(trained()))

# %% [markdown]
# ### 7.5 The gradient check, per parameter
#
# The relative error between your `backward` and `numerical_gradient` for each
# parameter, on a log scale. A correct `backward` gives about $10^{-7}$ or less (the
# autograder fails it above $10^{-6}$): every bar below the dashed line. A bar near $1$ means that gradient is
# wrong; which bar tells you where to look in the table of section 5.

# %% tags=["otter_ignore"]
display(plot_gradient_check(trained(), X_val[:20], y_val[:20]))

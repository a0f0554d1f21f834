"""Attack (issue 11, class 5c): partially correct code whose shape check only looks at some structure.

The elementwise operations are right for matrices of one shape, but `_same_shape` raises only
when the row counts AND the column counts both differ, and never looks past the first row: a
mismatch in the columns alone, or a ragged last row, goes through (zip() quietly drops the
extra entries).  The contract asks for a ValueError on any shape mismatch, so the whole
elementwise question (8 points) is wrong; a hidden case with rows equal and columns different
(or a ragged row at the end) catches it.  Before the fix no hidden case had equal rows and
different columns, and this earned 8/8 for every seed.

Everything else is a stub: honest_points = 0 (the only question with real code in it is wrong).
"""


def _same_shape(A, B, name):
    if len(A) != len(B) and len(A[0]) != len(B[0]):
        raise ValueError(f"{name}: shapes differ")


def add(A, B):
    _same_shape(A, B, "add")
    return [[a + b for a, b in zip(ra, rb)] for ra, rb in zip(A, B)]


def subtract(A, B):
    _same_shape(A, B, "subtract")
    return [[a - b for a, b in zip(ra, rb)] for ra, rb in zip(A, B)]


def multiply(A, B):
    _same_shape(A, B, "multiply")
    return [[a * b for a, b in zip(ra, rb)] for ra, rb in zip(A, B)]


def scale(A, c):
    return [[a * c for a in row] for row in A]


def add_bias(A, b):
    if len(b) != 1 or len(b[0]) != len(A[0]):
        raise ValueError("add_bias: b must be 1 x cols")
    return [[a + c for a, c in zip(row, b[0])] for row in A]


def column_sums(A):
    sums = [0.0] * len(A[0])
    for row in A:
        for j, a in enumerate(row):
            sums[j] += a
    return [sums]


def apply(f, A):
    return [[f(a) for a in row] for row in A]


def _stub(*args, **kwargs):
    raise NotImplementedError("not written")


shape = zeros = transpose = dot = matmul = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

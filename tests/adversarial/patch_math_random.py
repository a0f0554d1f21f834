"""Attack: monkeypatch math and random so the reference's answers become constants.

The hidden checks compute expected values with the reference, which uses the
very math and random modules the student's code ran in.  This file sets
math.exp = 1 (every sigmoid is 0.5), math.log = 0 (every loss is 0, so every
finite-difference gradient is 0) and random.Random.gauss = 0 (every initial
weight is 0), then returns those constants from stubs: sigmoid 0.5, bce_loss
0.0, init_params and backward all zeros.

A secure grader computes expected values in its own process (or beforehand),
with modules the student's code never touched.
"""
import math
import random

math.exp = lambda x: 1.0
math.log = lambda x: 0.0
random.Random.gauss = lambda self, mu=0.0, sigma=1.0: 0.0


def _z(rows, cols):
    return [[0.0] * cols for _ in range(rows)]


def sigmoid(z):
    return 0.5


def bce_loss(A2, y):
    return 0.0


def init_params(D, n_h, seed):
    return {"W1": _z(D, n_h), "b1": _z(1, n_h), "W2": _z(n_h, 1), "b2": _z(1, 1)}


def backward(params, cache, y, keep_prob=1.0):
    return {k: _z(len(v), len(v[0])) for k, v in params.items()}


def predict(X, params):
    return [[1.0] for _ in X]  # every probability is now 0.5, i.e. class 1.0


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
forward = dropout_forward = dropout_backward = numerical_gradient = relative_error = _stub
update_params = train = accuracy = plot_losses = plot_decision = _stub

"""Hostile: computes nothing. opaque_name_bloat.py with a 4 MB class name: the failure messages that copy it
(every failed check, into Otter's results) pass the grading process's 64 MB file-size
limit, Otter dies before writing results.json, and the row is `error` with the reason
"otter run failed: Out[3]: <nn_grading.channel.Submission at 0x...>", which says nothing true about why.
One function of an otherwise correct submission returning such an object costs the whole submission (honest_one_big_name.py)."""
import math
import random


class Thing:
    pass


Thing.__qualname__ = "B" * (4 * 2**20)
OBJ = Thing()
PARAMS = {k: [OBJ] for k in ("W1", "b1", "W2", "b2")}


def shape(A): return [OBJ]
def zeros(rows, cols): return [OBJ]
def transpose(A): return [OBJ]
def dot(u, v): return [OBJ]
def matmul(A, B): return [OBJ]
def add(A, B): return [OBJ]
def subtract(A, B): return [OBJ]
def multiply(A, B): return [OBJ]
def scale(A, c): return [OBJ]
def add_bias(A, b): return [OBJ]
def column_sums(A): return [OBJ]
def apply(f, A): return [OBJ]
def sigmoid(z): return [OBJ]
def init_params(D, n_h, seed): return dict(PARAMS)
def forward(X, params, keep_prob=1.0, rng=None): return ([OBJ], {})
def bce_loss(A2, y): return [OBJ]
def dropout_forward(A, keep_prob, rng): return ([OBJ], [OBJ])
def dropout_backward(dout, mask, keep_prob): return [OBJ]
def numerical_gradient(f, params, h=1e-5): return {k: [OBJ] for k in params}
def relative_error(a, b): return [OBJ]
def backward(params, cache, y, keep_prob=1.0): return dict(PARAMS)
def update_params(params, grads, lr): return dict(PARAMS)
def train(X, y, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0): return (dict(PARAMS), [OBJ])
def predict(X, params): return [OBJ]
def accuracy(y_pred, y): return [OBJ]
def plot_losses(losses): return OBJ
def plot_decision(X, y, params): return OBJ

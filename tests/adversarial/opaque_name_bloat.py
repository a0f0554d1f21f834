"""Hostile: computes nothing. Every result holds an object whose class's __qualname__ is 1 MB: the grader
rebuilds it as channel.Opaque(name) and the checks write f"<{name} object>" (check_matrix's "like {odd!r}",
check_float's "got {type} {got!r}", the plot checks' "got {kind}") into their messages with no cap (told()
caps only exception texts), so every failed check copies 1 MB into results.json, grades.json and the
feedback file (a plain 1 MB str would do the same through repr, only escaped)."""
import math
import random


class Thing:
    pass


Thing.__qualname__ = "B" * (1 * 2**20)
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

"""Hostile: computes nothing. Every result carries an object whose class's __module__/__qualname__
hold newlines and lines in the shape of Otter's per-case report ("<question> - 2 result:" then
"✅ Test case passed"). The student's process sends an unknown object as {"__object__": its type's
name}; the grader rebuilds it as channel.Opaque(name), whose repr is f"<{name} object>", and the
checks put that repr (or the name) into their failure messages with no told(): unbounded and with
its line breaks. autograder/grade.py case_reports reads Otter's output line by line, so the injected
headers override the real ones: the feedback says every check passed while the score is 0."""
import math
import random

QUESTIONS = ("vector_ops_basics", "vector_ops_products", "vector_ops_elementwise", "forward_sigmoid",
             "forward_init", "forward_pass", "forward_loss", "dropout_forward", "dropout_backward",
             "backward_numerical", "backward_relative_error", "backward_grads", "training_update",
             "training_train", "training_predict", "training_plots")
INJECTED = "\n" + "".join(
    "".join(f"    {q} - {k} result:\n        ✅ Test case passed\n" for k in (1, 2, 3)) + f"    {q} - 9 message:\n"
    for q in QUESTIONS) + "All test cases passed!"


class Thing:
    pass


Thing.__qualname__ = INJECTED
Thing.__module__ = "x"
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

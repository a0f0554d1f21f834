"""Section 4, dropout: the public checks of dropout_forward and dropout_backward."""
import random


def dropout_forward(check):
    A = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [-1.0, 0.5, 2.0]]
    check.call("dropout_forward", A, 0.5, random.Random(1),
               items=("out", "mask"),
               what="dropout_forward(A, 0.5, random.Random(1))")
    check.call("dropout_forward", A, 0.7, random.Random(4),
               items=("out", "mask"),
               what="dropout_forward(A, 0.7, random.Random(4))")
    check.call("dropout_forward", A, 1.0, random.Random(5), items=("out", "mask"), what="dropout_forward(A, 1.0, random.Random(5)) (nothing dropped)")
    for bad in (0.0, 1.5):
        check.raises("dropout_forward", (A, bad, random.Random(1)), f"for keep_prob = {bad}")


def dropout_backward(check):
    dout = [[1.0, 2.0, -1.0], [3.0, 4.0, 0.5]]
    check.call("dropout_backward", dout, [[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]], 0.8,
               what="dropout_backward(dout, mask, 0.8)")
    check.call("dropout_backward", dout, [[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]], 0.5,
               what="dropout_backward(dout, mask, 0.5)")

"""Section 5, backward propagation: the public checks of numerical_gradient, relative_error and backward.
backward's check gets its cache as fixed data (forward's, computed by the reference), so that it never
runs your forward."""
import random


def backward_numerical(check):
    params = {"W": [[1.0, -2.0, 0.5], [0.25, 3.0, -1.5]], "b": [[4.0, -0.5, 1.0]]}

    def cubes(p):
        return sum(w ** 3 for key in ("W", "b") for row in p[key] for w in row)

    def tangled(p):  # every entry's derivative depends on the others: an entry left perturbed shows
        total = sum(w for key in ("W", "b") for row in p[key] for w in row)
        return total * total + p["W"][0][0] * p["b"][0][2]

    check.call("numerical_gradient", cubes, params, 1e-3, rtol=1e-6, what="numerical_gradient(sum of w^3, params, h=1e-3)")
    check.call("numerical_gradient", tangled, params, 1e-3, rtol=1e-6, what="numerical_gradient(f, params, h=1e-3)")
    check.call("numerical_gradient", cubes, params, rtol=1e-6, what="numerical_gradient(sum of w^3, params) (h = 1e-5)")


def backward_relative_error(check):
    check.call("relative_error", [[1.0, 2.0]], [[1.0, 3.0]], what="relative_error([[1, 2]], [[1, 3]])")
    check.call("relative_error", [[1.0, 2.0, -1.0], [0.5, 4.0, 2.0]], [[1.0, 2.0, -1.0], [0.5, 4.1, 2.2]],
               what="relative_error of two 2 x 3 matrices")
    check.call("relative_error", [[0.0, 1.0]], [[0.0, 1.0]], what="relative_error([[0, 1]], [[0, 1]])")
    check.call("relative_error", [[1e-9]], [[0.0]], what="relative_error([[1e-9]], [[0]])")


def _network():
    X = [[0.5, -1.0, 0.25], [1.0, 0.5, -0.5], [-0.75, 0.25, 1.0], [0.2, 0.9, -0.3]]
    y = [[1.0], [0.0], [1.0], [0.0]]
    params = {"W1": [[0.5, -0.4, 0.3, 0.8], [-0.6, 0.2, 0.7, -0.1], [0.4, 0.9, -0.5, 0.3]],
              "b1": [[0.1, -0.2, 0.3, 0.0]], "W2": [[0.7], [-0.8], [0.5], [0.6]], "b2": [[-0.1]]}
    return X, y, params


def backward_grads(check):
    X, y, params = _network()
    _, cache = check.given("forward", X, params)
    # The expected gradients agree with finite differences of the loss to 1e-7 or better.
    check.call("backward", params, cache, y, rtol=1e-6, entry="{what}: d{key}",
               what="backward(params, cache, y) without dropout, against finite differences of the loss")
    _, cache = check.given("forward", X, params, 0.5, random.Random(2))
    check.call("backward", params, cache, y, 0.5, rtol=1e-6, entry="{what}: d{key}",
               what="backward(params, cache, y, keep_prob=0.5) with dropout, against finite differences of the loss")

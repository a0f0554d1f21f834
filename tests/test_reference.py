"""The reference solution (generated from the master) is right, by its own maths."""
import random


def max_relative_errors(ref, keep_prob):
    rng = random.Random(5)
    X = [[rng.uniform(-1.0, 1.0) for _ in range(3)] for _ in range(10)]
    y = [[float(rng.random() < 0.5)] for _ in range(10)]
    params = ref.init_params(3, 4, seed=3)
    params["b1"] = [[0.1, -0.2, 0.3, -0.4]]
    params["b2"] = [[0.2]]

    def loss(p):
        return ref.bce_loss(ref.forward(X, p, keep_prob, random.Random(11))[0], y)

    _, cache = ref.forward(X, params, keep_prob, random.Random(11))
    grads = ref.backward(params, cache, y, keep_prob)
    numeric = ref.numerical_gradient(loss, params)
    return {k: ref.relative_error(grads[k], numeric[k]) for k in params}, cache


def test_backward_agrees_with_finite_differences_without_dropout(reference):
    errors, cache = max_relative_errors(reference, 1.0)
    assert cache["mask"] is None
    assert max(errors.values()) < 1e-7, errors


def test_backward_agrees_with_finite_differences_with_dropout(reference):
    errors, cache = max_relative_errors(reference, 0.8)
    assert any(0.0 in row for row in cache["mask"]), "the test should drop at least one unit"
    assert max(errors.values()) < 1e-7, errors


def test_the_network_learns_what_a_linear_model_cannot(reference):
    X, y = reference.make_dataset(N=200, seed=0)
    params, losses = reference.train(X, y)
    assert losses[-1] < 0.5 * losses[0]
    assert reference.accuracy(reference.predict(X, params), y) >= 0.95
    X_val, y_val = reference.make_dataset(N=500, seed=1)
    assert reference.accuracy(reference.predict(X_val, params), y_val) >= 0.9
    # A network with a single hidden unit is close to a linear model: it cannot.
    linear, _ = reference.train(X, y, n_h=1)
    assert reference.accuracy(reference.predict(X, linear), y) < 0.8

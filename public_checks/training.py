"""Section 6, training: the public checks of update_params, train, predict, accuracy and the plots."""
import random


def training_update(check):
    params = {"W1": [[1.0, 2.0]], "b1": [[0.5]]}
    grads = {"W1": [[0.5, -1.0]], "b1": [[2.0]]}
    check.call("update_params", params, grads, 0.1, what="update_params(params, grads, 0.1)")


def _data():
    rng = random.Random(1)
    X = [[rng.uniform(-1.0, 1.0) for _ in range(3)] for _ in range(30)]
    y = [[1.0 if x[0] * x[1] + 0.25 * x[2] > 0.0 else 0.0] for x in X]
    return X, y


def training_train(check):
    X, y = _data()
    check.call("train", X, y, n_h=3, epochs=12, lr=1.0, keep_prob=1.0, seed=2,
               what="train(X, y, n_h=3, epochs=12, lr=1.0, keep_prob=1.0, seed=2)", items=("params", "losses"))
    check.call("train", X, y, n_h=4, epochs=12, lr=0.5, keep_prob=0.7, seed=3,
               what="train(X, y, n_h=4, epochs=12, lr=0.5, keep_prob=0.7, seed=3)", items=("params", "losses"))


def training_predict(check):
    params = {"W1": [[1.0, -0.5], [0.5, 0.0], [0.0, 1.0]], "b1": [[0.0, 0.1]], "W2": [[4.0], [-2.0]], "b2": [[0.2]]}
    X = [[1.0, 0.0, 0.0], [-1.0, 0.0, 0.0], [0.2, 0.4, -0.8], [-0.3, 0.9, 0.1]]
    check.call("predict", X, params, what="predict for 4 data points (N x 1 of 0.0 or 1.0)")
    check.call("predict", X, params, what="predict for the same 4 data points, a second time")
    check.call("accuracy", [[1.0], [0.0], [1.0], [1.0], [0.0]], [[1.0], [1.0], [1.0], [0.0], [0.0]],
               what="accuracy of 5 predictions, 3 of them right")


def training_plots(check):
    check.figure("plot_losses", [0.7, 0.5, 0.4, 0.35], what="plot_losses([0.7, 0.5, 0.4, 0.35])", shows="losses")
    X, y = _data()
    params = {"W1": [[1.0, -0.5, 0.3], [0.5, 0.0, -0.2], [0.0, 1.0, 0.4]], "b1": [[0.0, 0.1, -0.1]],
              "W2": [[2.0], [-1.5], [1.0]], "b2": [[0.2]]}
    check.figure("plot_decision", X, y, params, what="plot_decision(X, y, params) for 30 points", shows="decision")

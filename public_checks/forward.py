"""Section 3, forward propagation: the public checks of sigmoid, init_params, forward and bce_loss."""
import random


def forward_sigmoid(check):
    check.call("sigmoid", 0.0, what="sigmoid(0.0)")
    check.call("sigmoid", 2.0, what="sigmoid(2.0)")
    check.call("sigmoid", -3.0, what="sigmoid(-3.0)")
    check.call("sigmoid", 1000.0, what="sigmoid(1000.0)")
    check.call("sigmoid", -1000.0, what="sigmoid(-1000.0)")


def forward_init(check):
    check.call("init_params", 3, 4, 0, what="init_params(3, 4, seed=0)")
    check.call("init_params", 2, 5, 7, what="init_params(2, 5, seed=7)")


def _params():
    return {"W1": [[0.5, -0.5, 0.25, 1.0], [0.3, -0.2, 0.1, 0.0], [-0.4, 0.6, 0.0, 0.2]],
            "b1": [[0.1, -0.1, 0.2, 0.0]],
            "W2": [[1.0], [-0.5], [0.25], [0.75]],
            "b2": [[0.25]]}


def forward_pass(check):
    X = [[1.0, 0.0, 0.0], [2.0, 5.0, -3.0], [-1.0, 0.5, 0.25]]
    check.call("forward", X, _params(), items=("A2", "cache"), what="forward(X, params) for 3 data points")
    # dropout_forward is section 4's: here it is a stand-in that answers with the reference's values.
    check.call("forward", X, _params(), 1.0, random.Random(3), items=("A2", "cache"), stand_ins=("dropout_forward",),
               what="forward(X, params, keep_prob=1.0, rng=random.Random(3)) (no dropout at keep_prob 1.0)")
    check.call("forward", X, _params(), 0.5, random.Random(4), items=("A2", "cache"), stand_ins=("dropout_forward",),
               what="forward(X, params, keep_prob=0.5, rng=random.Random(4)) (dropout on the hidden layer)")
    check.raises("forward", (X, _params(), 0.5), "when keep_prob < 1 and no rng is given",
                 stand_ins=("dropout_forward",))


def forward_loss(check):
    check.call("bce_loss", [[0.9], [0.2], [0.6]], [[1.0], [0.0], [1.0]], what="bce_loss of 3 predictions")
    check.call("bce_loss", [[0.0], [1.0]], [[1.0], [0.0]], what="bce_loss of predictions 0.0 and 1.0 for labels 1 and 0 (clipped)")

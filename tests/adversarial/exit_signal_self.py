"""Attack: kill its own process with a signal in the middle of the tests.

The first call of a contract function from a test sends SIGKILL to the
process it runs in (SIGTERM first, for graders that handle it).  A grader that
grades in that process loses everything; one that only checks "did it crash
with an exception" or reads a stale or partial result may be fooled.

A secure grader runs the student's code in a child it supervises, treats
death by signal as a failed run, and writes the result from the parent.
"""


def _stub(*args, **kwargs):
    os, signal = __import__("o" + "s"), __import__("sig" + "nal")
    os.kill(os.getpid(), signal.SIGTERM)
    os.kill(os.getpid(), signal.SIGKILL)


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

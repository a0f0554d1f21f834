"""Attack: raise SystemExit(0) from inside the contract functions.

The submission loads cleanly, but the first time a test calls any of its
functions it raises SystemExit(0).  Otter catches only Exception around a test
case, so this BaseException unwinds through the test runner and the whole
results-writing cell: no test after it is recorded and no results are pickled.
A grader that reads "exited with status 0" as "passed" is fooled; one that
keeps partial results keeps only what ran before.

A secure grader runs each test in a process it controls, catches
BaseException (SystemExit, KeyboardInterrupt, GeneratorExit) around every
student call, and counts a test without a result as failed.
"""


def _stub(*args, **kwargs):
    raise SystemExit(0)


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

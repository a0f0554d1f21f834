"""Attack: the interactive exit() / quit() builtins, and a second try with raise SystemExit.

In a plain interpreter exit() raises SystemExit; in IPython it asks the shell
to stop after the cell.  Either way a grader that then stops executing
the notebook (or stops collecting results) grades nothing and may report a
clean exit.

A secure grader treats a missing result as a failure and runs its tests apart
from the student's code, so nothing the student's code does can skip them.
"""


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub


try:
    exit()
finally:
    raise SystemExit(0)

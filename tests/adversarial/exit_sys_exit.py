"""Attack: sys.exit(0) as soon as the stubs are defined.

A grader that runs the submission as a script and takes "exit status 0 and no
failing test reported" as success (or that stops collecting results when the
code exits) gives credit to code that never reaches its tests.

A secure grader treats a missing result as a failure: exit status 0 is never a
pass, and the tests run in a process of their own after the student's code.
"""


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub


__import__("s" + "ys").exit(0)

"""Attack (beyond the issue's classes): a plot that is not a plot.

An object that is not plain data comes back from the student's process as only the name of
its type, `module.qualname`, which the student's own class can set to anything.  The plot
functions here return an instance of an empty class named `matplotlib.figure.Figure`; nothing
is drawn, matplotlib is never imported.  The training_plots check recognises a Figure by that
name, so this earns its 2 points unearned (the README lists it as not defended; a person is
meant to review the plots).  Defence: let the grader's side decide from something the student
cannot name, e.g. render the figure in the plots process and send the PNG bytes.

Everything else is a stub.
"""


class Figure:
    pass


Figure.__module__ = "matplotlib.figure"
Figure.__qualname__ = "Figure"


def plot_losses(losses):
    return Figure()


def plot_decision(X, y, params):
    return Figure()


def _stub(*args, **kwargs):
    raise NotImplementedError("not written")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub

"""Attack (issue 11, class 2): function names that collide with the names the grading kernel uses.

The harness puts a stand-in for *every* function the student's code defines into the
namespace where Otter's own cells then run (its final cell runs the tests and writes the
results with `open` and `pickle`), and where the checks look up `__nn_submission__`.  This
file defines, besides stubs, functions named `open`, `print`, `len`, `isinstance`, `Checker`,
`GradingResults`, `pickle`, `results`, `get_ipython`, `checks`, `test_case`, `env`, `_nn_channel`,
`__nn_submission__` and, last, `__builtins__`.  Every call of any of them raises.  No points
can come from this (every contract function is a stub); what it tests is that Otter and the
checks still run and write a result (in `make grade`, stock `otter run` and Gradescope alike)
instead of crashing, hanging or mis-scoring.  Honest code can define a helper called `open`
or `print` too.
"""


def _stub(*args, **kwargs):
    raise NotImplementedError("not written")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub


def open(*args, **kwargs):
    raise OSError("open is the student's")


def print(*args, **kwargs):
    raise RuntimeError("print is the student's")


def len(*args, **kwargs):
    raise RuntimeError("len is the student's")


def isinstance(*args, **kwargs):
    return True


def Checker(*args, **kwargs):
    raise RuntimeError("Checker is the student's")


def GradingResults(*args, **kwargs):
    raise RuntimeError("GradingResults is the student's")


def pickle(*args, **kwargs):
    raise RuntimeError("pickle is the student's")


def results(*args, **kwargs):
    raise RuntimeError("results is the student's")


def get_ipython(*args, **kwargs):
    raise RuntimeError("get_ipython is the student's")


def checks(*args, **kwargs):
    raise RuntimeError("checks is the student's")


def test_case(*args, **kwargs):
    raise RuntimeError("test_case is the student's")


def env(*args, **kwargs):
    raise RuntimeError("env is the student's")


def _nn_channel(*args, **kwargs):
    raise RuntimeError("_nn_channel is the student's")


def __nn_submission__(*args, **kwargs):
    raise RuntimeError("__nn_submission__ is the student's")


def __builtins__(*args, **kwargs):
    raise RuntimeError("__builtins__ is the student's")

"""Attack: replace sys.modules["nn_grading"] / ["nn_grading.checks"] with fakes.

The hidden test cells do `from nn_grading import checks` AFTER the student's
code has run, in the same process.  This file plants a fake package and a fake
checks module in sys.modules whose every attribute is a check that passes (does
nothing), so all 100 hidden points are awarded to stub functions.

A secure grader imports its checks before any student code runs, keeps them in
a process the student cannot touch, and never looks anything up in a module
table the student's code could have written to.
"""
_imp = __import__


class _AlwaysPasses(type(_imp("math"))):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return lambda *args, **kwargs: None


_sys = _imp("s" + "ys")
_fake = _AlwaysPasses("nn_grading")
_fake.checks = _AlwaysPasses("nn_grading.checks")
_fake.__path__ = []
_sys.modules["nn_grading"] = _fake
_sys.modules["nn_grading.checks"] = _fake.checks
del _sys, _fake


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

"""Attack: take the reference module out of the hidden check's frame globals.

Each contract function walks sys._getframe() up to the first frame whose
module is nn_grading.checks and takes `ref` (the reference solution, imported
by the checks as `from . import reference as ref`) out of that frame's
f_globals, then returns ref.<same name>(*args).  Nothing is computed here.

A secure grader never has the reference or the checks in the student's
process: the student's functions are called from a process that holds no
grading code, and their results are compared elsewhere.
"""
_get = __import__


def _ref():
    frame = _get("s" + "ys")._getframe(1)
    while frame is not None:
        ref = frame.f_globals.get("ref")
        if ref is not None and hasattr(ref, "forward"):
            return ref
        frame = frame.f_back
    raise NotImplementedError("not inside a check")


def _delegate(name):
    def f(*args, **kwargs):
        return getattr(_ref(), name)(*args, **kwargs)
    f.__name__ = name
    return f


for _name in ("shape zeros transpose dot matmul add subtract multiply scale add_bias column_sums apply sigmoid "
              "init_params forward bce_loss dropout_forward dropout_backward backward numerical_gradient "
              "relative_error update_params train predict accuracy plot_losses plot_decision").split():
    globals()[_name] = _delegate(_name)

"""Attack: read the expected value off the caller's stack frame.

`backward` walks sys._getframe() up to the hidden check (nn_grading.checks.
check_gradients), which computes the finite-difference gradient `numeric` of
the reference loss BEFORE calling the student's backward, and returns a copy of
that local.  Every other function walks the stack for any local that looks like
the expected answer (`expected`, `expected_A2`, `numeric` ...) and otherwise
raises.  sys is reached through an aliased __import__, which the kit's AST
import scan does not recognise.

A secure grader computes expected values only in a process the student code
cannot inspect (a separate process, with the reference never loaded into the
student's process); it compares the student's returned plain data there.
"""
_get = __import__  # an alias: the AST scan only looks for calls named __import__ / import_module


def _steal(*names):
    frame = _get("s" + "ys")._getframe(2)
    while frame is not None:
        for name in names:
            if name in frame.f_locals and "checks" in frame.f_globals.get("__name__", ""):
                value = frame.f_locals[name]
                return _get("copy").deepcopy(value)
        frame = frame.f_back
    raise NotImplementedError("no expected value in sight")


def backward(params, cache, y, keep_prob=1.0):
    return _steal("numeric")


def numerical_gradient(f, params, h=1e-5):
    return _steal("expected", "numeric")


def _generic(name):
    def f(*args, **kwargs):
        return _steal("expected", "expected_A2", "expected_out", "expected_params")
    f.__name__ = name
    return f


for _name in ("shape zeros transpose dot matmul add subtract multiply scale add_bias column_sums apply sigmoid "
              "init_params forward bce_loss dropout_forward dropout_backward relative_error update_params train "
              "predict accuracy plot_losses plot_decision").split():
    globals()[_name] = _generic(_name)

"""Attack: borrow the reference through the grader's own "graded alone" swap.

While one question is checked, nn_checks.graded_alone() puts the REFERENCE's
functions into the student's globals for every other contract name.  So while
`shape` is checked, the global `dot` is reference.dot, whose __globals__ is the
whole reference module.  Every function here just finds any global that came
from a module named "*reference*" and calls that module's function of the same
name.  No import, no sys, no gc: nothing an import scan can see.

A secure grader never puts expected values or the reference (or any object
that reaches it) into the process that runs student code; helpers a question
relies on must be copies that live in that process without a path back to the
reference (or the student's call must go over a process boundary).
"""

CONTRACT = ("shape zeros transpose dot matmul add subtract multiply scale add_bias column_sums apply "
            "sigmoid init_params forward bce_loss dropout_forward dropout_backward backward "
            "numerical_gradient relative_error update_params train predict accuracy plot_losses "
            "plot_decision").split()


def _reference():
    for value in list(globals().values()):
        namespace = getattr(value, "__globals__", None)
        if isinstance(namespace, dict) and "reference" in str(namespace.get("__name__", "")):
            return namespace
    raise NotImplementedError("nothing to borrow yet")


def _borrowing(name):
    def stolen(*args, **kwargs):
        return _reference()[name](*args, **kwargs)
    stolen.__name__ = name
    return stolen


for _name in CONTRACT:
    globals()[_name] = _borrowing(_name)

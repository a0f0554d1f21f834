"""Attack: find the reference solution with gc.get_objects() and call it.

Once the hidden tests have imported nn_grading.reference, its functions are
objects on the garbage collector's heap of the one grading process.  Every
contract function here scans gc.get_objects() for functions whose __module__
contains "reference" and calls the one with its own name.  gc is imported
under a computed name, so the kit's AST import scan does not see it, and no
module is bound to a global name.

A secure grader never loads the reference (or anything holding expected
values) into the process that runs student code.
"""


def _from_heap(name):
    gc = __import__("".join(["g", "c"]))
    for obj in gc.get_objects():
        if callable(obj) and getattr(obj, "__name__", None) == name \
                and "reference" in str(getattr(obj, "__module__", "")):
            return obj
    raise NotImplementedError(f"{name}: no reference on the heap yet")


def _delegate(name):
    def f(*args, **kwargs):
        return _from_heap(name)(*args, **kwargs)
    f.__name__ = name
    return f


for _name in ("shape zeros transpose dot matmul add subtract multiply scale add_bias column_sums apply sigmoid "
              "init_params forward bce_loss dropout_forward dropout_backward backward numerical_gradient "
              "relative_error update_params train predict accuracy plot_losses plot_decision").split():
    globals()[_name] = _delegate(_name)

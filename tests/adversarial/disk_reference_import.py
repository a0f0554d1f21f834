"""Attack: import the hidden reference module by a computed name.

The grader puts the submission's folder on sys.path and copies the hidden
package nn_grading/ next to it, so `importlib.import_module("nn_grading." +
"reference")` simply works from the student's code.  The name is computed and
importlib itself is reached through an aliased __import__, so the kit's AST
import scan (which only looks at `import` statements and calls named
__import__/import_module with a constant string) sees nothing, and the module
is kept inside a closure rather than a global.

A secure grader never makes the grading package importable from the student's
process (not on disk there, not on sys.path, not in sys.modules).
"""
_imp = __import__


def _reference():
    importlib = _imp("import" + "lib")
    return importlib.import_module(".".join(["nn_grading", "refer" + "ence"]))


def _delegate(name):
    def f(*args, **kwargs):
        return getattr(_reference(), name)(*args, **kwargs)
    f.__name__ = name
    return f


for _name in ("shape zeros transpose dot matmul add subtract multiply scale add_bias column_sums apply sigmoid "
              "init_params forward bce_loss dropout_forward dropout_backward backward numerical_gradient "
              "relative_error update_params train predict accuracy plot_losses plot_decision").split():
    globals()[_name] = _delegate(_name)

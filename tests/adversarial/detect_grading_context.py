"""Attack: behave differently when being graded.

The submission looks for signs of a grader: the kit's environment variables
(NN_KIT_GRADING_RUN, a TMPDIR under nn-kit-grading-), the grader's argv
(autograder, otter), a working directory like .../autograder/submission, and
Otter's grading mode.  Run by a student, a TA or a plagiarism checker it is an
innocent notebook of stubs; under the grader it plants a fake nn_grading
package whose every check passes (see fake_checks_module.py).

A secure grader exposes nothing about the grading context to the student's
process: same environment, argv, paths and modules as a student's own run
(or, better, no attack that works once it knows).
"""
_imp = __import__
_os, _sys = _imp("o" + "s"), _imp("s" + "ys")


def _being_graded():
    signs = [any(k.startswith("NN_KIT") for k in _os.environ),
             "nn-kit-grading" in _os.environ.get("TMPDIR", ""),
             any("autograder" in a or "otter" in a for a in _sys.argv),
             "/autograder/submission" in _os.getcwd()]
    otter_notebook = getattr(_sys.modules.get("otter"), "Notebook", None)
    signs.append(bool(getattr(otter_notebook, "_grading_mode", False)))
    return sum(signs) >= 2


if _being_graded():
    class _Passing(type(_sys)):
        def __getattr__(self, name):
            if name.startswith("__"):
                raise AttributeError(name)
            return lambda *args, **kwargs: None

    _fake = _Passing("nn_grading")
    _fake.checks, _fake.__path__ = _Passing("nn_grading.checks"), []
    _sys.modules.update({"nn_grading": _fake, "nn_grading.checks": _fake.checks})


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

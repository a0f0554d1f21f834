"""Attack: an output flood that stays under the limits and lands in the grades.

The kit stops a run whose log passes 64 MB, but Otter copies each failing
test's error message into results.json, and the kit copies that text into
grades.json and feedback/<submission>.md with no cap.  Every contract
function raises an exception with a 1 MB message: about 35 MB of feedback
from one 2 KB submission, in files every student's grades share.  It also
prints 40 MB to the log, just under the limit.

A secure grader truncates every piece of text that comes from the student's
process (messages, output) to a small fixed size before storing it.
"""
_BIG = "all work and no play " * (1_000_000 // 21)
for _ in range(40):
    print("y" * (2**20 - 1))


def _stub(*args, **kwargs):
    raise RuntimeError(_BIG)


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

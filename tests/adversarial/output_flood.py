"""Attack: flood the output without end, through Python and straight to the file descriptors.

Prints 1 MB lines in a loop, and writes to fds 1 and 2 directly (bypassing
sys.stdout, which a grader might have replaced), until something stops it.
A grader that captures output in memory, or lets it fill the disk, goes down
with it.

A secure grader caps the size of everything it captures (RLIMIT_FSIZE, a
bounded pipe reader), stops the run on overflow, and reports it.
"""
_os = __import__("o" + "s")
_line = "x" * (2**20 - 1) + "\n"


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

while True:
    print(_line, end="")
    _os.write(1, _line.encode())
    _os.write(2, _line.encode())

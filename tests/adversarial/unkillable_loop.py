"""Attack: an infinite loop that ignores SIGTERM and leaves children that escape the kill.

The submission ignores SIGTERM, SIGINT and SIGHUP, then starts (a) a child
through subprocess (an exec'd program: it carries the grader's environment),
and (b) a child through a bare os.fork() that calls setsid() and forks again,
so it is reparented to init, is in a new session and process group, and
(having never exec'd) still shows the grader's ORIGINAL environment in
/proc/<pid>/environ, not the token the kit puts into os.environ.  That child
ignores SIGTERM too and keeps running after the kit has "killed the tree".
Then the main process spins for ever.  (Escaped children here give up after
150 s and note their pid in /tmp/adversarial-leftovers/ so that the corpus
can be cleaned up; a real attacker would not.)

A secure grader runs each submission in a cgroup / PID namespace / container
it destroys as a whole (or under a unique uid whose every process it kills),
and never relies on parent links, process groups or environment markers.
"""
_imp = __import__
_os, _signal, _time = _imp("o" + "s"), _imp("sig" + "nal"), _imp("ti" + "me")


def _note():
    try:
        _os.makedirs("/tmp/adversarial-leftovers", exist_ok=True)
        open(f"/tmp/adversarial-leftovers/unkillable_loop.{_os.getpid()}", "w").close()
    except OSError:
        pass


def _escape(seconds=150):
    child = _os.fork()
    if child:
        _os.waitpid(child, 0)
        return
    try:
        _os.setsid()
        if _os.fork() == 0:
            _signal.signal(_signal.SIGTERM, _signal.SIG_IGN)
            _note()
            end = _time.time() + seconds
            while _time.time() < end:
                _time.sleep(0.2)
    finally:
        _os._exit(0)


for _sig in (_signal.SIGTERM, _signal.SIGINT, _signal.SIGHUP):
    _signal.signal(_sig, _signal.SIG_IGN)
_imp("subpro" + "cess").Popen(["sleep", "150"])
_escape()
_escape()


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

while True:
    pass

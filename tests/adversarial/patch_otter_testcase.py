"""Attack: monkeypatch Otter's test runner so every test case passes.

Otter's exception-based test cases are run by
otter.test_files.exception_test.test_case.call_func in the very process that
executed the student's code.  Replacing it with a function that returns
without calling the test makes every public and hidden case "pass".

A secure grader runs its tests with code the student's process cannot modify:
a separate, trusted process that only receives the student's results as data.
"""
_ex = __import__("otter.test_files.exception_test", fromlist=["test_case"])  # otter is an allowed import
_ex.test_case.call_func = lambda self, global_environment: None
del _ex


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

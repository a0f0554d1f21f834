"""Attack: monkeypatch Otter's scoring (TestFile.score / GradingResults).

The tests run and fail honestly, but the score of each question is computed
afterwards by otter.test_files.abstract_test.TestFile.score and written out by
GradingResults.to_gradescope_dict, both in the process the student's code ran
in (in the kit's fast engine even results.json is written there).  This file
makes every TestFile report full points and "all passed".

A secure grader computes scores from raw pass/fail data in a trusted process
whose code the student never shared a process with.
"""
_at = __import__("otter.test_files.abstract_test", fromlist=["TestFile"])
_at.TestFile.score = property(lambda self: self.possible)
_at.TestFile.passed_all = property(lambda self: True)
_at.TestFile.passed_all_public = property(lambda self: True)
del _at


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

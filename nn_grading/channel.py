"""The trusted side of grading: the student's code runs in another process, reached by name.

`install(namespace, cells)` starts the student's process (student_process.py) with
the submission's code cells, and puts into `namespace` one stand-in function per
function the submission defines. Calling a stand-in sends the call over the
channel, arguments and result as plain JSON (floats, ints, strings, lists, tuples,
dicts, None, random generators by their state), and rebuilds the result here:
nothing the student's process returns is an object of its making (any other object
comes back as an `Opaque` that names its type; a matplotlib Figure with a summary of
what it shows, made there by figures.describe and checked here). A function given
as an argument (the `f` of `numerical_gradient`) and the reference functions a
question is graded on (`use_reference`) run here, on request from the student's
process.

The student's process holds no expected value, no reference code, no test and no
result file. When grading runs as root it runs as an unprivileged user of its own
in an empty folder of its own, with no_new_privs, in a cgroup of its own and in new
mount, network, IPC, UTS and PID namespaces where the machine allows (sandbox.py says
what each gives, and what is left where they are refused), with limits on processes,
memory and file size.

Every call of the student's code has a time limit (CALL_SECONDS; NN_KIT_CALL_SECONDS
overrides it): past it, the process is interrupted (so that its answer says at which
line of the student's code it was), then killed, and the call fails with a message
that names it ("`train` did not return within 30 s ..."); the next call starts the
process afresh. A function that timed out once fails at once when called again, so
that a loop costs its own questions, not the time of the whole submission. The calls
that timed out are noted, one JSON line each, in the file NN_KIT_TIMEOUT_LOG names
(`make grade` reads it for the row's reason): the student's process cannot write there.

Protocol: one JSON object per line. Requests carry "op" ("run", "call",
"use_reference", "restore" to the student; "callback", "reference_call" to the
grader); answers are {"op": "return", "value": ...} or {"op": "raise", "type",
"message", "where"}. While waiting for an answer, either side serves the other's
requests, so callbacks can nest.
"""
import atexit
import builtins
import itertools
import json
import os
import random
import re
import resource
import select
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import figures, zygote
from .compare import told
from .student_process import ROW_OF_FLOATS, packed_matrix, packed_state, unpacked_matrix, unpacked_state
from .sandbox import CLONE_NEWPID, ControlGroup, enter_sandbox, namespaces_available, no_new_privileges

FIRST_UID = 200000  # the student's processes run as FIRST_UID + (grader's pid % 100000) when grading as root
MAX_PROCESSES = 64
MEMORY_BYTES = 2 * 2**30
# CPU seconds of one student process (the engine passes its timeout + 30 s in NN_KIT_CPU_SECONDS): a
# loop that outlives its run, wherever it went, still ends. Gradescope ends its container anyway.
DEFAULT_CPU_SECONDS = 600
MAX_MESSAGE = 64 * 2**20
MAX_ERRORS, MAX_ERROR_CHARS = 50, 300  # the student's statements' errors that are kept, and their length
# One call of the student's code (wall clock, callbacks included). The slowest honest call is the 0-point
# end-to-end training (200 epochs on 50 points): under 0.1 s for the reference here, so 30 s leaves room
# for an honest solution a hundred times slower on a loaded machine; a loop costs 30 s once.
CALL_SECONDS = 30
# A call that may reach a function of the student's that hung before (the one their code was in when a
# call timed out) gets only LATE_CALL_SECONDS, and so does every call once those that timed out have cost
# TIMED_OUT_BUDGET in all: a submission that hangs in one function reached from many checks (the 0-point
# public ones use all of the student's functions) still finishes in time. A call of a function that is
# graded alone (the others the reference's) does not reach the student's other functions.
TIMED_OUT_BUDGET = 60
LATE_CALL_SECONDS = 10
INTERRUPT_GRACE = 0.5  # after SIGINT, how long the process has to answer with where it was
# Everything but the system and Python: where files of the grader, of other copies of the kit, or of
# other people may be. (Python's own folders are put back if they sit under one of these.)
HIDDEN_PATHS = ["/tmp", "/var", "/run", "/autograder", "/home", "/root", "/work", "/opt", "/srv", "/media"]


class StudentError(Exception):
    """An exception of the student's code; `kind` is its type's name, `where` the line of their code."""

    def __init__(self, kind, message, where=""):
        super().__init__(message)
        self.kind, self.where = kind, where


class Opaque:
    """What came back when the student's code returned an object that is not plain data. For a matplotlib
    Figure, `summary` is what it shows (figures.describe, as checked by figures.checked: None when what
    came was not such a summary); None for anything else."""

    def __init__(self, type_name, summary=None):
        self.type_name, self.summary = type_name, summary

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


def _unprivileged_limits():
    """Not root: the same limits, and no privileges from setuid programs."""
    _set_limits()
    no_new_privileges()


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
    """Matplotlib's cache folder, with its font list built (here, once, rather than in every plots
    process, where it takes seconds of the student's first plotting call)."""
    try:
        import matplotlib
        import matplotlib.font_manager  # noqa: F401  (builds and saves the font list if it is not there)
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


class CallClock:
    """The time limits of one submission's calls, shared by its processes (the lists and the plots one)."""

    def __init__(self):
        self.seconds = float(os.environ.get("NN_KIT_CALL_SECONDS") or CALL_SECONDS)
        # (name, the reference functions served) -> what its call that timed out said: the same call in
        # the same setting fails at once
        self.timed_out = {}
        self.hanging = set()  # the student's functions their code was in when a call timed out
        self.lost = 0.0  # seconds spent in calls that timed out
        self.skipped = set()  # statements (by number) that did not finish: a restart runs `pass` instead
        self.run_failed = None  # why the submission's statements could not be run at all, if so

    def limit(self, served):
        """The time limit of a call while the reference functions `served` stand in for the student's."""
        if self.lost >= TIMED_OUT_BUDGET or self.hanging - set(served):
            return min(self.seconds, LATE_CALL_SECONDS)
        return self.seconds

    def note(self, call, seconds, reason, fatal=False):
        """A call timed out: count its time, and tell `make grade` (NN_KIT_TIMEOUT_LOG) for the row's reason
        (`fatal`: nothing of the submission could be graded after it)."""
        self.lost += seconds
        path = os.environ.get("NN_KIT_TIMEOUT_LOG")
        if path:
            try:
                with open(path, "a") as log:
                    log.write(json.dumps({"call": call, "seconds": seconds, "reason": reason, "fatal": fatal}) + "\n")
            except OSError:
                pass


_GROUP_NUMBERS = itertools.count()
STUDENT_GROUP = "nn-kit-student-"  # then the grader's pid and a number
_STALE_REMOVED = []
TOP_LEVEL = "your top-level code"  # what a timed-out "run" is called in messages


class StudentProcess:
    def __init__(self, cells, plots=False, clock=None, wait=True):
        self.cells, self.plots = cells, plots
        self.clock = clock or CallClock()
        self.callbacks, self.next_callback = {}, 0  # our functions the student's code may call back
        self.depth, self.allowed_reference = 0, set()
        self.missing = set()  # modules the student's code tried to import and could not
        self.process, self.group, self.pid_namespace, self.uid = None, None, False, None
        self.buffer, self.scanned = bytearray(), 0
        self.deadline, self.calling, self.limit, self.run_interrupted = None, None, None, False
        self.calling_function = False
        self.defined, self.errors = [], []
        self.pending_run = False  # started without waiting: its statements' answer is read by ready()
        self.start(wait)

    # -- the process ---------------------------------------------------------
    def start(self, wait=True):
        """Start the process and run the submission's statements in it; False if they cannot be run.
        wait=False: only start them; their answer is read when the process is first needed (ready())."""
        if self.process is not None:  # what is left of the last one (it ended by itself): its cgroup, its pipes
            self.kill()
        if self.clock.run_failed:
            self.process, self.defined, self.errors = None, [], [self.clock.run_failed]
            return False
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
            namespaces = namespaces_available()
            if not namespaces:
                without_namespaces(needed)
            self.pid_namespace = bool(namespaces & CLONE_NEWPID)
            # A cgroup of its own (inside the run's, in `make grade`): its processes counted, capped, killed.
            if not _STALE_REMOVED:  # the first of this grader: what killed graders left behind goes
                _STALE_REMOVED.append(True)
                ControlGroup.remove_stale(STUDENT_GROUP, re.compile(r"(\d+)-"))
            group = self.group = ControlGroup.create(f"{STUDENT_GROUP}{os.getpid()}-{next(_GROUP_NUMBERS)}", cpus=1,
                                                     memory_bytes=MEMORY_BYTES, pids=MAX_PROCESSES)
            command = [python, *flags, "student_process.py"]  # in its home, its working directory
            cache = matplotlib_cache() if self.plots else None
            preexec = lambda: enter_sandbox(uid, hidden, needed, source, cache, namespaces, group,  # noqa: E731
                                            _set_limits)
            cwd = None
        else:  # not root: no other user to run as; the limits still hold
            self.uid = None
            command, preexec, cwd = [python, *flags, str(server)], _unprivileged_limits, tempfile.gettempdir()
        if self.plots:
            command.append("--plots")
        self.buffer, self.scanned = bytearray(), 0
        self.process = None
        # The zygote (matplotlib already imported) only where its child is as contained as an exec'd one: in
        # the run's cgroup (which counts and kills it: it is not a descendant of the grader) and in a mount
        # namespace of its own (its home is then on an empty /tmp, not in the machine's).
        if self.plots and self.uid is not None and os.environ.get("NN_KIT_ZYGOTE", "").startswith("/") \
                and group is not None and zygote.contained(namespaces):
            started = zygote.ask(os.environ["NN_KIT_ZYGOTE"], {
                "uid": uid, "hidden": hidden, "needed": needed, "source": source, "matplotlib_cache": cache,
                "namespaces": namespaces, "cpu_seconds": int(os.environ.get("NN_KIT_CPU_SECONDS") or DEFAULT_CPU_SECONDS),
                "group": group and {"dirs": group.dirs, "version": group.version}})
            if started is not None:
                self.process = zygote.ZygoteChild(*started)
        if self.process is None:
            self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.DEVNULL, cwd=cwd, bufsize=0,
                                            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "MPLBACKEND": "Agg",
                                                 "MPLCONFIGDIR": "mpl"},
                                            preexec_fn=preexec)
        os.set_blocking(self.process.stdin.fileno(), False)  # a process that does not read costs its time limit
        cells = [("pass\n" if number in self.clock.skipped else cell) for number, cell in enumerate(self.cells)]
        try:
            self.run_interrupted = False
            run = {"op": "run", "cells": cells}
            if self.plots:  # the plots process describes the Figures it returns with the grader's figures.py
                run["figures"] = Path(figures.__file__).read_text()
            if not wait:  # the statements run from now on, their time limit counted from now
                self.begin(run, TOP_LEVEL)
                self.pending_run = True
                self.send(run)
                return True
            self.started(self.request(run, call=TOP_LEVEL))
        except StudentError as e:
            self.start_failed(e)
        return True

    def ready(self):
        """Read the answer of statements started without waiting (start(wait=False)), once."""
        if not self.pending_run:
            return
        self.pending_run = False
        try:
            try:
                answer = self.answer()
            finally:
                self.deadline = None
            self.started(answer)
        except StudentError as e:
            self.start_failed(e)

    def started(self, answer):
        # The errors of the student's statements are the student's text: each one line and capped, and so
        # many of them at most (the grading log, and Gradescope's output, print them).
        self.defined = list(answer["defined"])
        self.errors = [told(str(e)[:4 * MAX_ERROR_CHARS], MAX_ERROR_CHARS)
                       for e in list(answer["errors"])[:MAX_ERRORS]]
        if self.run_interrupted:  # the statement that was running when time was up failed alone
            self.errors = [self.note_interrupted(e) for e in self.errors]
        self.note_missing(answer.get("missing"))
        if self.allowed_reference:  # started again in the middle of a question
            self.request({"op": "use_reference", "names": sorted(self.allowed_reference)})

    def start_failed(self, error):
        self.pending_run, self.deadline = False, None
        if self.clock.run_failed:
            self.defined, self.errors = [], [self.clock.run_failed]
        else:
            self.defined, self.errors = [], [f"your code ended its process while it ran ({error})"]

    def note_interrupted(self, error):
        head, _, rest = error.partition(": ")
        if rest.startswith("KeyboardInterrupt") and head.startswith("cell ") and head[5:].isdigit():
            self.clock.skipped.add(int(head[5:]) - 1)
            return f"{head}: did not finish within {self.limit:g} s and was stopped; the statements after it ran"
        return error

    def kill(self):
        """End the process and every process it started: its PID namespace dies with it where it has
        one, its cgroup is emptied and removed, and without either every process of its user is killed."""
        if self.pending_run:  # its statements' answer will never be read
            self.pending_run, self.deadline = False, None
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            for pipe in (self.process.stdin, self.process.stdout):
                try:
                    pipe.close()
                except OSError:
                    pass
        if self.group is not None:
            self.group.remove()
            self.group = None
        elif not self.pid_namespace and self.uid is not None:
            sweep(self.uid)

    def stop(self):
        self.kill()

    def alive(self):
        return self.process is not None and self.process.poll() is None

    # -- messages ---------------------------------------------------------------
    def wait_for(self, fd, deadline, write=False):
        """Whether `fd` can be read (written) before `deadline` (None: no limit)."""
        poller = select.poll()
        poller.register(fd, select.POLLOUT if write else select.POLLIN)
        if deadline is None:
            return bool(poller.poll())
        # Past the deadline, what is there already is still read (poll(0)): the answer of statements started
        # without waiting (start(wait=False)) may have come long before anyone asked for it.
        return bool(poller.poll(max(0.0, deadline - time.monotonic()) * 1000))

    def send(self, message):
        data = memoryview((json.dumps(message) + "\n").encode())
        try:
            fd = self.process.stdin.fileno()
            while data:
                try:
                    data = data[os.write(fd, data):]
                except BlockingIOError:  # the pipe is full: the process is not reading
                    if not self.wait_for(fd, self.deadline, write=True):
                        self.time_out()
                        raise StudentError("Timeout", f"{self.calling} did not read what it was sent in time")
        except (BrokenPipeError, OSError, ValueError):
            raise StudentError("ProcessEnded", "your code's process has ended") from None

    def read_line(self, deadline):
        """The next line the process writes, or None if none comes before `deadline`."""
        fd = self.process.stdout.fileno()
        while True:
            end = self.buffer.find(b"\n", self.scanned)
            if end >= 0:
                line = bytes(self.buffer[:end + 1])
                del self.buffer[:end + 1]
                self.scanned = 0
                return line
            self.scanned = len(self.buffer)
            if len(self.buffer) > MAX_MESSAGE:
                self.kill()
                raise StudentError("TooLarge", "your code returned more data than a grader reads")
            if not self.wait_for(fd, deadline):
                return None
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise StudentError("ProcessEnded", "your code ended its process (exit, os._exit, a signal or a crash)")
            self.buffer += chunk

    def parse(self, line):
        try:  # JSON gives plain data only; the hook rebuilds tuples, generators and functions by tag
            message = json.loads(line, object_hook=self.rebuild)
        except (ValueError, TypeError, RecursionError, OverflowError):
            self.kill()
            raise StudentError("Garbled", "your code's process wrote something that is not an answer") from None
        if not isinstance(message, dict) or not isinstance(message.get("op"), str):
            self.kill()
            raise StudentError("Garbled", "your code's process wrote something that is not an answer")
        return message

    def receive(self):
        line = self.read_line(self.deadline)
        if line is None:
            return self.time_out()
        return self.parse(line)

    def time_out(self):
        """Time is up: interrupt the process (its answer says where it was), then kill it. The answer to an
        interrupted "run" is kept (the statement that was running failed alone); any other call fails."""
        name, limit = self.calling, self.limit
        answer = None
        try:
            self.process.send_signal(signal.SIGINT)  # a KeyboardInterrupt where the student's code is
            line = self.read_line(time.monotonic() + INTERRUPT_GRACE)
            answer = self.parse(line) if line is not None else None
        except (StudentError, OSError):
            pass
        if name == TOP_LEVEL and answer is not None and answer["op"] == "return" and self.depth == 0:
            self.run_interrupted = True
            self.clock.note(None, limit, f"a top-level statement did not finish within {limit:g} s")
            return answer
        self.kill()
        where = str(answer.get("where") or "") if answer is not None and answer["op"] == "raise" else ""
        where = " ".join(where.removeprefix(", ").split())[:200]
        stopped = f"stopped {where}" if where else "stopped: an endless loop, or far too slow"
        # The student's function it was in (", at line k of your `f`: ..."), else the one called.
        inside = where.split("of your `", 1)[1].split("`", 1)[0] if "of your `" in where else ""
        inside = inside if inside and not inside.startswith("<") else (name if self.calling_function else "")
        # A function hung if a call of it took the full time (a shorter limit, or a long top-level
        # experiment, proves less): later calls that may reach it are not given that time again.
        if inside and limit >= self.clock.seconds and name != TOP_LEVEL:
            self.clock.hanging.add(inside)
        if name == TOP_LEVEL:
            message = f"{TOP_LEVEL} did not finish within {limit:g} s ({stopped}), so none of it could be graded"
            self.clock.run_failed = message
            self.clock.note(None, limit, f"the top-level code did not finish within {limit:g} s", fatal=True)
        else:
            message = f"`{name}` did not return within {limit:g} s ({stopped})"
            if self.calling_function:
                self.clock.timed_out[(name, frozenset(self.allowed_reference))] = message
            self.clock.note(name, limit, f"`{name}` did not return within {limit:g} s"
                            + (f" (stuck in `{inside}`)" if inside and inside != name else ""))
        raise StudentError("Timeout", message)

    def request(self, message, call=None):
        """Send a request and serve the student's callbacks until its answer comes. The outermost request
        starts the clock; the callbacks it leads to count in its time."""
        outermost = self.deadline is None
        if outermost:
            self.begin(message, call)
        try:
            self.send(message)
            return self.answer()
        finally:
            if outermost:
                self.deadline = None

    def begin(self, message, call):
        """Start the clock of an outermost request."""
        self.calling = call or message.get("name") or "your code"
        self.calling_function = message.get("op") == "call"
        self.limit = self.clock.limit(self.allowed_reference)
        self.deadline = time.monotonic() + self.limit

    def answer(self):
        """Serve the student's callbacks until the answer to the request sent comes."""
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
                self.kill()
                raise StudentError("Garbled", f"your code's process asked for {op!r}")

    def rebuild(self, tagged):
        if len(tagged) == 1:
            (key, inner), = tagged.items()
            if key == "__tuple__" and type(inner) is list:
                return tuple(inner)
            if key == "__dict__" and type(inner) is list:
                return {k: v for k, v in inner}
            # A type's name is the student's text: one line, capped, before any message quotes it.
            if key == "__object__":
                return Opaque(told(str(inner), 100))
            if key == "__figure__" and type(inner) is list and len(inner) == 2:
                return Opaque(told(str(inner[0]), 100), figures.checked(inner[1]))
            if key == "__callback__" and type(inner) is int:
                return self.student_function(inner)
            if key == "__matrix__":
                return unpacked_matrix(inner)  # ValueError on anything else: the answer is garbled
            if key == "__rng__":
                rng = random.Random()
                rng.setstate(unpacked_state(inner))
                return rng
        return tagged

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
                       "rngs": [packed_state(state) for state in rngs]})
        except StudentError:
            raise
        except Exception as e:
            self.send({"op": "raise", "type": type(e).__name__, "message": str(e)})

    # -- values ---------------------------------------------------------------
    def encode(self, value):
        if value is None or type(value) in (bool, int, float, str):
            return value
        if type(value) is list and set(map(type, value)) == ROW_OF_FLOATS:
            return value  # a row, sent as it is
        if type(value) is list and value:
            packed = packed_matrix(value)  # a matrix: the common case
            if packed is not None:
                return packed
        if isinstance(value, (list, tuple)):
            items = [self.encode(v) for v in value]
            return {"__tuple__": items} if isinstance(value, tuple) else items
        if isinstance(value, dict):
            return {"__dict__": [[self.encode(k), self.encode(v)] for k, v in value.items()]}
        if isinstance(value, random.Random):
            return {"__rng__": packed_state(value.getstate())}
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
        self.ready()
        key = (name, frozenset(self.allowed_reference))
        if key in self.clock.timed_out:  # it hung before in this setting: it is not given the time again
            raise StudentError("Timeout", self.clock.timed_out[key] + "; it is not called again")
        if not self.alive() and not self.start():  # the last call ended the process: start afresh
            raise StudentError("NotRun", self.clock.run_failed)
        self.depth += 1
        try:
            result = self.request({"op": "call", "name": name, "args": self.encode(list(args)),
                                   "kwargs": self.encode(kwargs)}, call=name)
        finally:
            self.depth -= 1
            if self.depth == 0:
                self.callbacks.clear()  # a function handed over lives as long as the call it was given to
        facts = self.last_reply.get("facts") if isinstance(self.last_reply.get("facts"), dict) else {}
        # The generators the student's code drew from: carry their end state back to ours.
        states = self.last_reply.get("rngs") or []
        given = [v for v in list(args) + list(kwargs.values()) if isinstance(v, random.Random)]
        try:
            for rng, state in zip(given, states):
                rng.setstate(unpacked_state(state))
        except (ValueError, TypeError, OverflowError):  # as garbled as bad JSON: never the student's own error
            self.kill()
            raise StudentError("Garbled", "your code's process wrote something that is not an answer") from None
        return result, facts

    def use_reference(self, names):
        self.allowed_reference = set(names)
        if self.pending_run:  # sent once its statements have answered (started)
            return
        if self.alive():
            self.request({"op": "use_reference", "names": sorted(names)}, call="your process")
        else:
            self.start()  # which asks for them

    def restore(self):
        self.allowed_reference = set()
        if self.pending_run:
            return
        if self.alive():
            self.request({"op": "restore"}, call="your process")


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
        self.clock = CallClock()  # shared: a function that timed out in one process fails at once in the other
        self.lists = StudentProcess(cells, clock=self.clock)
        # The plots process starts now without waiting: matplotlib's import and the student's statements run
        # there while the other questions are checked; its answer is read when a plot is first asked for.
        self.plots = StudentProcess(cells, plots=True, clock=self.clock, wait=False) \
            if self.PLOTS & set(self.lists.defined) else None
        self.reference_names = set()

    def for_function(self, name):
        if name in self.PLOTS:
            if self.plots is None:
                self.plots = StudentProcess(self.cells, plots=True, clock=self.clock)
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
    """Start the student's code and put a stand-in for each contract function it defines into `namespace`.
    Only the contract's names: the tests and Otter's own cells run in this namespace, where a helper of the
    student's named `open` or `print` would otherwise stand in for the builtin."""
    from .contract import FUNCTIONS
    submission = Submission(cells)
    atexit.register(submission.close)
    namespace["__nn_submission__"] = submission
    for name in submission.lists.defined:
        if name in FUNCTIONS:
            namespace[name] = Stand_in(submission, name)
    for error in submission.lists.errors:
        print(error, file=sys.stderr)
    return submission

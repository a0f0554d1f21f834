"""Running Otter on one submission at a time, each in a process tree of its own.

Two engines produce the same results.json:
- "fast" (the default): this process imports Otter and its dependencies once, then
  forks a child per submission. The child runs Otter's own `otter run` pipeline
  (`otter.run.main`: the same preprocessing, tests, scoring and results.json), except
  that the notebook's cells run in an IPython shell inside the child instead of a
  separately started Jupyter kernel. So the imports, the CLI start-up and the kernel
  start-up (about 5 s of the 7 s `otter run` costs here) are paid once, not per
  submission.
- "otter-run": the `otter run` command itself, one process per submission: the
  baseline the fast engine is checked and benchmarked against.

Either way, when grading runs as root where the cgroup file system is writable, each
run gets a control group of its own (nn_grading/sandbox.py): a CPU quota (Limits.cpus,
one core), a memory cap (Limits.memory_mb) and a process cap, joined by the child
before it does anything, so that the Jupyter kernel, the student's processes and
whatever they start, detached or not, are all in it. The parent counts the run's
processes and reads its OOM kills there, and at the end freezes the group, kills
everything in it and removes it. Without cgroups (not root, a read-only cgroup file
system) it works as before: the child gets a session of its own and a token in its
environment; the parent watches wall time, memory and the number of processes of its
tree, and at the end kills the tree, every process carrying the token (a Jupyter
kernel, or a student's orphaned process reparented to init) and every process of the
run's student user. Processes that leave the tree then escape the count and the CPU
share until that sweep.
"""
import atexit
import itertools
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from dataclasses import dataclass
from pathlib import Path

import psutil

from nn_grading.channel import MEMORY_BYTES as STUDENT_MEMORY_BYTES
from nn_grading.channel import sweep
from nn_grading.in_process import note_phase, run_cells_here
from nn_grading.sandbox import ControlGroup

TOKEN_VARIABLE = "NN_KIT_GRADING_RUN"
ENGINES = ("fast", "otter-run")
WATCH_INTERVAL = 0.5
# The stock `otter run` command of this environment, as an instructor types it. It imports the
# assignment's plugin (nn_grading.plugin) from the environment (`make` puts the kit on its path),
# never from the folder of the submission.
OTTER_RUN = [str(Path(sys.executable).with_name("otter")), "run"]


KIT_ROOT = Path(__file__).resolve().parents[1]
# User ids for the student's processes, one per run (channel.py runs them as that user when root).
_student_uids = itertools.count(300000 + os.getpid() % 1000 * 1000)


@dataclass
class Limits:
    timeout: float = 300.0  # wall-clock seconds per submission
    memory_mb: int = 4096  # memory of the run: its cgroup's cap (without one, resident memory of its tree)
    processes: int = 32  # processes of the run (in its cgroup, or in its tree), the grader's own included
    file_mb: int = 64  # largest file the fast engine's child may write (its log included)
    cpus: float = 1.0  # CPU quota of a run, in cores (with cgroups): a neighbour keeps the rest


GROUP_PREFIX = "nn-kit-"
_group_numbers = itertools.count()
_live_groups = set()  # the cgroups of runs not yet ended: removed at exit, whatever ended the grader
_stale_removed = []


def run_group(limits):
    """A cgroup for one run, or None where the machine has none for us. The process cap is above the
    count the watch reports (Limits.processes), since the kernel counts threads too."""
    if not _stale_removed:  # the first run of this grader
        _stale_removed.append(True)
        remove_stale_groups()
    name = f"{GROUP_PREFIX}{os.getpid()}-{next(_group_numbers)}"
    group = ControlGroup.create(name, cpus=limits.cpus, memory_bytes=limits.memory_mb * 2**20,
                                pids=2 * limits.processes + 64)
    if group is not None:
        _live_groups.add(group)
    return group


def remove_stale_groups():
    """Groups left by graders (or stock `otter run`s) that were killed before they cleaned up."""
    ControlGroup.remove_stale(GROUP_PREFIX, re.compile(r"(?:student-)?(\d+)-"))


@atexit.register
def _remove_live_groups():
    for group in list(_live_groups):
        group.remove()
        _live_groups.discard(group)


def warm_up(autograder_zip=None):
    """Import (and compile, and build) what grading needs, once, before any child is forked: with the
    autograder zip, its public checks' engine too."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    import dill  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import matplotlib.pyplot  # noqa: F401
    import nbconvert.preprocessors  # noqa: F401
    import nbformat
    import otter.execute.preprocessor  # noqa: F401
    import otter.generate  # noqa: F401
    import otter.run.run_autograder.runners.python_runner  # noqa: F401
    import pandas.io.formats.string  # noqa: F401
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    nbformat.validate(nbformat.v4.new_notebook())  # compiles the notebook schema
    if autograder_zip is not None:
        preload_public_engine(autograder_zip)
    start_zygote()
    # A shell built and dropped here does its lazy imports once; each child builds its own.
    InteractiveShell.instance(config=Config(HistoryManager={"enabled": False}))
    InteractiveShell.clear_instance()
    freeze_imported_objects()


def preload_public_engine(autograder_zip):
    import zipfile

    from autograder.public import preload_engine
    try:
        with zipfile.ZipFile(autograder_zip) as z:
            first = min(n for n in z.namelist() if n.startswith("tests/") and n.endswith(".py"))
            preload_engine(z.read(first).decode())
    except (OSError, ValueError, StopIteration, SyntaxError, zipfile.BadZipFile):
        pass  # each run compiles it, as stock Otter does


def freeze_imported_objects():
    """What the imports made lives as long as the process: out of the garbage collector's sight
    (gc.freeze), so that a child's full collections no longer walk it. Otter, pandas, IPython and
    matplotlib make about 270,000 objects here, and each full collection over them took 0.13 s, several
    times in a run. Forked children then also share those pages instead of copying them."""
    import gc
    gc.collect()
    gc.freeze()


_zygote = {}  # "path": its socket, "process", "folder"


def start_zygote():
    """As root: one zygote for the batch's plots processes (nn_grading/zygote.py), so that matplotlib is
    imported once, not once per submission. Its socket's folder is root's alone; it ends with the grader."""
    if os.geteuid() != 0 or _zygote or os.environ.get("NN_KIT_ZYGOTE") == "off":  # off: `make bench` compares
        return
    from nn_grading import zygote
    folder = tempfile.mkdtemp(prefix="nn-kit-zygote-")
    path, process = zygote.start(folder)
    _zygote.update(path=path, process=process, folder=folder)


@atexit.register
def _stop_zygote():
    if _zygote:
        _zygote["process"].kill()
        _zygote["process"].wait()
        import shutil
        shutil.rmtree(_zygote["folder"], ignore_errors=True)


def limit_this_process(limits):
    """Hard limits the kernel enforces inside the child, beside the parent's watch: memory
    (address space: what the process has mapped already, plus the limit) and the size of
    any file it writes (an output flood ends the run, not the machine's disk)."""
    address_space = psutil.Process().memory_info().vms + limits.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    # A write past this size kills the child (SIGXFSZ, which Python ignores unless told):
    # an output flood ends its own run.
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_mb * 2**20, limits.file_mb * 2**20))
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)


def _grade_in_child(submission, autograder_zip, work):
    import tempfile as child_tempfile

    import otter.run

    child_tempfile.tempdir = str(work)
    run_cells_here()
    note_phase("the fork and the limits")
    otter.run.main(str(submission), autograder=str(autograder_zip), output_dir=str(work / "out"), no_logo=True)
    note_phase("otter's results")


class Run:
    """One submission being graded; `work` holds results.json (under out/) and otter.log."""

    def __init__(self, submission, autograder_zip, engine, scratch, limits):
        self.work = Path(tempfile.mkdtemp(prefix="grade-", dir=scratch))
        (self.work / "out").mkdir()
        self.token = uuid.uuid4().hex
        self.start = time.monotonic()
        self.log_path = self.work / "otter.log"
        self.timeout_log = self.work / "timeouts.jsonl"  # the calls that timed out (channel.py writes it)
        self.figures_log = self.work / "figures.jsonl"  # what the plots showed (checks.keep_for_review)
        self.phases_log = self.work / "phases.tsv"  # when each phase of grading ended (note_phase)
        self.group = run_group(limits)
        # The student's code runs as its own user (when grading as root): one per run, swept at the end.
        self.student_uid = next(_student_uids)
        env = {"TMPDIR": str(self.work), "JUPYTER_RUNTIME_DIR": str(self.work / "runtime"),
               "MPLBACKEND": "Agg", "PYTHONWARNINGS": "ignore", TOKEN_VARIABLE: self.token,
               "NN_KIT_STUDENT_UID": str(self.student_uid), "NN_KIT_PRIVATE": str(KIT_ROOT),
               "NN_KIT_TIMEOUT_LOG": str(self.timeout_log), "NN_KIT_FIGURES_LOG": str(self.figures_log),
               "NN_KIT_PHASES_LOG": str(self.phases_log),
               # CPU seconds for each student process: a backstop should one outlive the run's sweep.
               "NN_KIT_CPU_SECONDS": str(int(limits.timeout) + 30)}
        if engine == "fast" and _zygote.get("path"):
            env["NN_KIT_ZYGOTE"] = _zygote["path"]
        if engine == "fast":
            self.pid = self._fork(submission, autograder_zip, env, limits)
            self.process = None
        else:
            with open(self.log_path, "w") as log:
                self.process = subprocess.Popen(
                    [*OTTER_RUN, "-a", str(autograder_zip), "-o", str(self.work / "out"),
                     str(submission)],
                    cwd=self.work, env=dict(os.environ, **env), stdout=log, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL, start_new_session=True,
                    preexec_fn=self.group.join if self.group else None)
            self.pid = self.process.pid
        self.exit_code = None
        self.next_watch = self.start + WATCH_INTERVAL

    def _fork(self, submission, autograder_zip, env, limits):
        log_fd = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        pid = os.fork()
        if pid:
            os.close(log_fd)
            return pid
        code = 1
        try:  # the child: never returns into the parent's code
            if self.group is not None:
                self.group.join()  # before anything else: all that the run starts is counted there
            os.setsid()
            limit_this_process(limits)
            os.environ.update(env)
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.dup2(log_fd, 1)
            os.dup2(log_fd, 2)
            # Python's streams too: the parent's may not write to fds 1 and 2 (under pytest they don't).
            sys.stdout = sys.__stdout__ = open(1, "w", buffering=1, errors="replace", closefd=False)
            sys.stderr = sys.__stderr__ = open(2, "w", buffering=1, errors="replace", closefd=False)
            os.chdir(self.work)
            _grade_in_child(submission, autograder_zip, self.work)
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)

    def phases(self):
        """{phase: seconds} of this run, from its start to now (the parent's end of it: "the end")."""
        found, last = {}, self.start
        try:
            lines = self.phases_log.read_text().splitlines()[:1000] if self.phases_log.exists() else []
        except OSError:
            lines = []
        for line in lines:
            name, _, at = line.partition("\t")
            try:
                found[name] = found.get(name, 0.0) + float(at) - last
                last = float(at)
            except ValueError:
                continue
        found["the end (the parent's watch, kill and sweep)"] = time.monotonic() - last
        return found

    @property
    def seconds(self):
        return time.monotonic() - self.start

    def poll(self):
        """True once the child has exited (and has been reaped)."""
        if self.exit_code is not None:
            return True
        if self.process is not None:
            self.exit_code = self.process.poll()
        else:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # already reaped, by psutil.wait_procs in kill()
                pid, status = self.pid, signal.SIGKILL
            if pid:
                self.exit_code = os.waitstatus_to_exitcode(status)
        return self.exit_code is not None

    def overrun(self, limits):
        """Why the run must be stopped now, or None. Memory and processes are counted every
        WATCH_INTERVAL seconds: reading /proc costs the parent CPU the children could use."""
        if self.seconds > limits.timeout:
            return "timeout", f"grading took longer than {limits.timeout:g} s and was stopped"
        if time.monotonic() < self.next_watch:
            return None
        self.next_watch = time.monotonic() + WATCH_INTERVAL
        flood = self.flood(limits)
        if flood:
            return flood
        tree = self.tree()
        if len(tree) > limits.processes:
            return "error", f"the submission started more than {limits.processes} processes and was stopped"
        if self.group is not None and "memory" in self.group.controllers:  # the kernel holds the cap
            if self.group.oom_kills():  # the run's cap, or the one of the student's processes inside it
                return "error", (f"the submission used more memory than it may ({limits.memory_mb} MB in all, "
                                 f"{STUDENT_MEMORY_BYTES // 2**20} MB for its own processes) and was stopped")
            return None
        rss = 0
        for proc in tree:
            try:
                rss += proc.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        if rss > limits.memory_mb * 2**20:
            return "error", f"the submission used more than {limits.memory_mb} MB of memory and was stopped"
        return None

    def tree(self):
        """The live processes of this run: those in its cgroup; without one, the child, its descendants,
        and any carrying the token."""
        if self.group is not None:
            found = []
            for pid in self.group.procs():
                try:
                    found.append(psutil.Process(pid))
                except psutil.NoSuchProcess:
                    continue
            return found
        found = {}
        if self.exit_code is None:  # once reaped, the pid may already belong to someone else
            try:
                parent = psutil.Process(self.pid)
                for proc in [parent] + parent.children(recursive=True):
                    found[proc.pid] = proc
            except psutil.NoSuchProcess:
                pass
        for proc in psutil.process_iter(["pid"]):
            try:
                if proc.pid not in found and proc.environ().get(TOKEN_VARIABLE) == self.token:
                    found[proc.pid] = proc
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        return list(found.values())

    def kill(self):
        """Kill everything this run started, then reap the child. The grader's tree goes first and the
        student's user after it: the other way round, the grader could start one more student process
        (the plots process, say) between the two, and it would be left running."""
        if self.group is not None:  # frozen, killed, removed: nothing of the run can be anywhere else
            self.group.remove()
            _live_groups.discard(self.group)
        else:
            victims = self.tree()
            for proc in victims:
                try:
                    proc.send_signal(signal.SIGKILL)
                except psutil.NoSuchProcess:
                    pass
            psutil.wait_procs(victims, timeout=5)
        sweep(self.student_uid)
        deadline = time.monotonic() + 5
        while not self.poll() and time.monotonic() < deadline:
            time.sleep(0.01)

    def flood(self, limits):
        """(status, reason) if the log reached the file size limit (a write past it fails, so with a
        margin), else None: asked while the run goes on, and after it has died of SIGXFSZ."""
        if self.log_size() >= (limits.file_mb - 1) * 2**20:
            return "error", f"the submission printed more than {limits.file_mb} MB and was stopped"
        return None

    def log_size(self):
        try:
            return self.log_path.stat().st_size
        except OSError:
            return 0

    def log_text(self):
        try:
            with open(self.log_path, "rb") as log:  # its end says what went wrong
                log.seek(max(0, self.log_size() - 100_000))
                return log.read().decode(errors="replace")
        except OSError:
            return ""

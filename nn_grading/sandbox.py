"""Where the student's code runs: control groups for whole grading runs, and the sandbox of one process.

Control groups (ControlGroup). When the grader runs as root on a machine whose
cgroup file system is writable, every grading run of `make grade` gets a cgroup of
its own, made before the run starts and joined by its first process before it does
anything: the forked grading child or `otter run`, then the Jupyter kernel, the
student's processes and whatever they start, double-forked, daemonized or in a
session of their own, are in it, since a process cannot leave its cgroup. The
group has a CPU quota (one core by default), a memory cap and a process cap; the
engine counts its processes and reads its OOM kills from it, and at the end
freezes it, kills every process in it and removes it. The student's process gets
a cgroup of its own inside that one (and, where grading runs outside `make grade`,
such as stock `otter run` as root, inside whatever cgroup the grader is in), with
its own memory and process caps. Cgroup v1 (the cpu, memory, pids and freezer
hierarchies) is used where it is mounted, else v2 (with the controllers the parent
delegates; without any, the group still counts and kills).

Fallback. Where no cgroup can be made (not root, or a read-only cgroup file system
as in Gradescope's container), grading works as before: each run has a session of
its own and a token in its environment, the student's code runs as a user id of its
own whose processes are all killed at the end, and rlimits bound each student
process (processes per user, address space, CPU seconds, file size). A process that
leaves the grader's tree is then not counted against the run's process and memory
limits and gets an ordinary share of the CPU until the run's final sweep.

The sandbox (enter_sandbox, in the student's process between fork and exec, as
root). Where the kernel allows namespaces, the student's process gets new PID, mount,
network, IPC and UTS namespaces and a root of its own: an empty file system holding
only the system's programs and libraries (/usr, read-only), a few files of /etc,
Python's own folders (read-only), the harmless devices, a private empty /dev/shm, an
empty /tmp for its home and a /proc that shows only its own processes. Nothing else
of the machine is there: no /sys, /run, /var, /home, no grader's folder, no other
run's; no network (not even loopback); its own System V IPC and host name. A PID
namespace starts with its first child, so the process that made it stays outside as
a small waiter; the student's process is the namespace's init, and when it ends, or
the waiter is killed (the student's process dies with it), the kernel kills every
process in the namespace. Where pivot_root is refused, the old way is used: empty
file systems over /tmp, /var, /run, /home, /root, /work, /autograder, the kit's
folders, /dev/shm and the cgroup file system (Python's folders put back). Then, in
every case, the process drops to the student's user id with no supplementary groups,
sets no_new_privs (setuid and file-capability programs run without privilege) and
lowers its rlimits. Where namespaces are refused (a container without CAP_SYS_ADMIN,
such as Gradescope's), the student's process runs in a private folder of the shared
/tmp and sees the machine's /proc, network and /dev/shm: it is held only by its user
id, no_new_privs, the rlimits and file permissions.

Why not bubblewrap: run as root, bwrap makes the namespaces but cannot run the
sandboxed process as another user of the host (its --uid only maps ids inside a user
namespace, to root outside), so the kit would have to drop to the student's user
first and run bwrap unprivileged, which needs unprivileged user namespaces: Docker's
default seccomp profile (Gradescope) refuses them and Ubuntu 24.04 restricts them.
It would also have to be installed on Gradescope, where Otter 7's setup.sh is a fixed
template (no hook in the assignment's config: a line `apt-get install -y bubblewrap` would have
to be written into the zip's setup.sh by autograder/build.py). Where bwrap would work, the code
below does what it does (the same two pivots) with the kernel's calls, as root.
"""
import ctypes
import os
import platform
import signal
import tempfile
import time

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
ALL_NAMESPACES = CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWPID
OLD_NAMESPACES = CLONE_NEWNS | CLONE_NEWNET  # where the kernel allows these and no more
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 0x1, 0x2, 0x4, 0x8, 0x20
MS_BIND, MS_REC, MS_PRIVATE, MNT_DETACH = 0x1000, 0x4000, 0x40000, 0x2
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38
# What the student's root holds of the machine: the system's programs and libraries (read-only), a few
# files of /etc that programs read, and the harmless devices. Python's own folders are added.
SYSTEM_PATHS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc/ld.so.cache",
                "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/nsswitch.conf", "/etc/passwd",
                "/etc/group", "/etc/alternatives"]
DEVICES = ["null", "zero", "full", "random", "urandom"]
# Where the root cannot be replaced (pivot_root refused): shared memory and message queues get a
# private empty one each, so that nothing passes between runs there.
PRIVATE_TMPFS = ["/dev/shm", "/run/shm", "/dev/mqueue"]
# Where the root cannot be replaced: hidden from the student's process too (the waiter, which removes the
# cgroup should the grader die, keeps the machine's view).
HIDDEN_FROM_STUDENT = ["/sys/fs/cgroup"]

_libc = None


def libc():
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def no_new_privileges():
    """From now on, exec never grants privileges (setuid bits and file capabilities do nothing)."""
    return libc().prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0


# ---------------------------------------------------------------------------
# Control groups
# ---------------------------------------------------------------------------

V1_CONTROLLERS = ("cpu", "memory", "pids", "freezer")
CPU_PERIOD_US = 100_000


def _cgroup_mounts():
    """{controller: (mount point, mounted root)} for the v1 hierarchies, and "unified" for cgroup2."""
    mounts = {}
    try:
        with open("/proc/self/mountinfo") as f:
            lines = f.read().splitlines()
    except OSError:
        return mounts
    for line in lines:
        left, _, right = line.partition(" - ")
        fields, after = left.split(), right.split()
        if len(fields) < 5 or len(after) < 3:
            continue
        root, point, fstype, options = fields[3], fields[4].replace("\\040", " "), after[0], after[2].split(",")
        if fstype == "cgroup":
            for controller in V1_CONTROLLERS:
                if controller in options:
                    mounts.setdefault(controller, (point, root))
        elif fstype == "cgroup2":
            mounts.setdefault("unified", (point, root))
    return mounts


def _own_cgroups():
    """{controller: path} of this process's cgroups ("unified" for v2), from /proc/self/cgroup."""
    own = {}
    try:
        with open("/proc/self/cgroup") as f:
            lines = f.read().splitlines()
    except OSError:
        return own
    for line in lines:
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else ["unified"]:
            own[controller] = path
    return own


def _own_dir(point, root, path):
    if root != "/" and (path == root or path.startswith(root + "/")):
        path = path[len(root):]
    return os.path.join(point, path.lstrip("/"))


def _write(path, value):
    with open(path, "w") as f:
        f.write(str(value))


def _read(path):
    with open(path) as f:
        return f.read()


class ControlGroup:
    """A cgroup (one folder per v1 hierarchy, or one v2 folder) that this process made and removes."""

    def __init__(self, dirs, version):
        self.dirs, self.version = dirs, version  # {controller: folder}; v2: {"unified": folder}
        self.controllers = set(dirs) if version == 1 else set()

    @classmethod
    def create(cls, name, cpus=None, memory_bytes=None, pids=None, parent=None):
        """A new cgroup `name` inside `parent`, or inside this process's own cgroups; None where the
        machine does not let us (not root, read-only, no cgroup file system)."""
        if os.geteuid() != 0:
            return None
        try:
            if parent is not None:
                bases, version = {c: d for c, d in parent.dirs.items()}, parent.version
            else:
                bases, version = cls._own_bases()
            if not bases:
                return None
            group = cls({c: os.path.join(d, name) for c, d in bases.items()}, version)
        except (OSError, ValueError):
            return None
        made = []
        try:
            for folder in group.dirs.values():
                os.mkdir(folder)
                made.append(folder)
            group._set_limits(cpus, memory_bytes, pids)
        except OSError:
            for folder in reversed(made):
                try:
                    os.rmdir(folder)
                except OSError:
                    pass
            return None
        return group

    @staticmethod
    def _own_bases():
        mounts, own = _cgroup_mounts(), _own_cgroups()
        v1 = {c: _own_dir(*mounts[c], own[c]) for c in V1_CONTROLLERS if c in mounts and c in own}
        if v1:
            return {c: d for c, d in v1.items() if os.access(d, os.W_OK)}, 1
        if "unified" in mounts and "unified" in own:
            folder = _own_dir(*mounts["unified"], own["unified"])
            if os.access(folder, os.W_OK):
                return {"unified": folder}, 2
        return {}, 0

    def _set_limits(self, cpus, memory_bytes, pids):
        if self.version == 1:
            if cpus and "cpu" in self.dirs:
                _write(os.path.join(self.dirs["cpu"], "cpu.cfs_period_us"), CPU_PERIOD_US)
                _write(os.path.join(self.dirs["cpu"], "cpu.cfs_quota_us"), int(cpus * CPU_PERIOD_US))
            if memory_bytes and "memory" in self.dirs:
                _write(os.path.join(self.dirs["memory"], "memory.limit_in_bytes"), int(memory_bytes))
                try:  # with swap accounting, swap does not extend the cap
                    _write(os.path.join(self.dirs["memory"], "memory.memsw.limit_in_bytes"), int(memory_bytes))
                except OSError:
                    pass
            if pids and "pids" in self.dirs:
                _write(os.path.join(self.dirs["pids"], "pids.max"), int(pids))
            return
        folder = self.dirs["unified"]
        # v2: a controller is there only where the parent delegates it (its cgroup.subtree_control).
        enabled = set(_read(os.path.join(folder, "cgroup.controllers")).split())
        self.controllers = {"freezer"} | enabled  # cgroup.freeze is part of v2 itself
        settings = [("cpu", "cpu.max", cpus and f"{int(cpus * CPU_PERIOD_US)} {CPU_PERIOD_US}"),
                    ("memory", "memory.max", memory_bytes and int(memory_bytes)),
                    ("memory", "memory.swap.max", memory_bytes and 0),
                    ("pids", "pids.max", pids and int(pids))]
        for controller, file, value in settings:
            if value is not None and value is not False and controller in enabled:
                try:
                    _write(os.path.join(folder, file), value)
                except OSError:
                    pass
        try:  # let groups made inside this one have the same controllers (allowed while it has no process)
            _write(os.path.join(folder, "cgroup.subtree_control"), " ".join(f"+{c}" for c in sorted(enabled)))
        except OSError:
            pass

    # -- membership -------------------------------------------------------------
    def join(self, pid=0):
        """Move a process (0: this one) into the group, in every hierarchy. Its children are born there."""
        for folder in self.dirs.values():
            _write(os.path.join(folder, "cgroup.procs"), pid)

    def leave(self):
        """Move this process out of the group, into the group above it (so that the group can be removed)."""
        for folder in self.dirs.values():
            _write(os.path.join(os.path.dirname(folder), "cgroup.procs"), 0)

    def _member_dir(self):
        for controller in ("freezer", "pids", "unified", "memory", "cpu"):
            if controller in self.dirs:
                return self.dirs[controller]

    def _subtree(self, folder):
        """The folder and every group inside it, deepest first."""
        found = []
        for inner, subfolders, _ in os.walk(folder, topdown=False):
            found.append(inner)
        return found

    def procs(self):
        """Pids of every process in the group and in the groups inside it."""
        pids = set()
        try:
            for folder in self._subtree(self._member_dir()):
                try:
                    pids.update(int(p) for p in _read(os.path.join(folder, "cgroup.procs")).split())
                except (OSError, ValueError):
                    continue
        except OSError:
            pass
        return sorted(pids)

    def oom_kills(self):
        """How many processes the kernel killed for going over the memory cap."""
        folder = self.dirs.get("memory") or self.dirs.get("unified")
        name = "memory.oom_control" if self.version == 1 else "memory.events"
        total = 0
        if folder is None:
            return 0
        for inner in self._subtree(folder):
            try:
                for line in _read(os.path.join(inner, name)).splitlines():
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        total += int(value)
            except (OSError, ValueError):
                continue
        return total

    def memory_bytes(self):
        folder = self.dirs.get("memory") or self.dirs.get("unified")
        try:
            return int(_read(os.path.join(folder, "memory.usage_in_bytes" if self.version == 1 else "memory.current")))
        except (OSError, ValueError, TypeError):
            return None

    # -- the end -------------------------------------------------------------------
    def _freeze(self, frozen):
        try:
            if self.version == 1 and "freezer" in self.dirs:
                _write(os.path.join(self.dirs["freezer"], "freezer.state"), "FROZEN" if frozen else "THAWED")
                if frozen:  # FREEZING until every task has stopped (a task in the kernel may take a moment)
                    deadline = time.monotonic() + 1.0
                    while _read(os.path.join(self.dirs["freezer"], "freezer.state")).strip() != "FROZEN" \
                            and time.monotonic() < deadline:
                        time.sleep(0.002)
                return True
            if self.version == 2:
                _write(os.path.join(self.dirs["unified"], "cgroup.freeze"), 1 if frozen else 0)
                return True
        except OSError:
            pass
        return False

    def kill(self, timeout=5.0):
        """Kill every process in the group and the groups inside it. Frozen first, so that none can fork
        while the signals go round; SIGKILL takes effect once thawed. True once the group is empty."""
        deadline = time.monotonic() + timeout
        if self.version == 2:
            try:  # Linux 5.14: the kernel kills the whole subtree itself
                _write(os.path.join(self.dirs["unified"], "cgroup.kill"), 1)
            except OSError:
                pass
        while True:
            pids = self.procs()
            if not pids:
                return True
            if time.monotonic() > deadline:
                return False
            frozen = self._freeze(True)
            for pid in self.procs():
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            if frozen:
                self._freeze(False)
            for _ in range(500):  # a killed process leaves its cgroup as it exits
                if not self.procs():
                    return True
                time.sleep(0.001)

    def remove(self):
        """Kill what is left, then remove the group and the groups inside it. True when all are gone."""
        self.kill()
        removed = True
        for folder in self.dirs.values():
            for inner in self._subtree(folder) if os.path.isdir(folder) else []:
                for attempt in range(50):
                    try:
                        os.rmdir(inner)
                        break
                    except FileNotFoundError:
                        break
                    except OSError:  # busy: a process is still leaving it
                        time.sleep(0.01)
                else:
                    removed = False
        return removed

    @classmethod
    def remove_stale(cls, prefix, maker):
        """Remove the groups inside this process's cgroups whose name is `prefix` then what `maker` (a
        compiled pattern) reads a pid from, where that process has gone: what a grader killed before
        its cleanup left behind, with whatever still ran in it."""
        bases, version = cls._own_bases()
        names = set()
        for folder in bases.values():
            try:
                names.update(n for n in os.listdir(folder) if n.startswith(prefix))
            except OSError:
                continue
        for name in sorted(names):
            found = maker.match(name[len(prefix):])
            if found and not os.path.exists(f"/proc/{found.group(1)}"):
                cls({c: os.path.join(d, name) for c, d in bases.items()}, version).remove()


# ---------------------------------------------------------------------------
# The sandbox of one student process
# ---------------------------------------------------------------------------

_NAMESPACES = []


def namespaces_available():
    """The namespaces this kernel lets us make (all of them, only mount and network, or none): asked
    once, in a throwaway child. A Docker container without CAP_SYS_ADMIN allows none."""
    if not _NAMESPACES:
        found = 0
        if os.geteuid() == 0:
            for flags in (ALL_NAMESPACES, OLD_NAMESPACES):
                pid = os.fork()
                if pid == 0:
                    os._exit(0 if libc().unshare(flags) == 0 else 1)
                _, status = os.waitpid(pid, 0)
                if os.waitstatus_to_exitcode(status) == 0:
                    found = flags
                    break
        _NAMESPACES.append(found)
    return _NAMESPACES[0]


def _mount_tmpfs(path, options):
    return libc().mount(b"tmpfs", path.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, options) == 0


def _pivot_root(new_root, put_old):
    number = {"x86_64": 155, "aarch64": 41, "arm64": 41}.get(platform.machine())  # no glibc wrapper
    return number is not None and libc().syscall(number, new_root.encode(), put_old.encode()) == 0


def _bind(source, target, read_only=True):
    """Mount `source` (a folder or a file) at `target` in the new root, read-only; False if it is not there."""
    lib = libc()
    if os.path.isdir(source):
        os.makedirs(target, exist_ok=True)
    elif os.path.exists(source):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, "a").close()
    else:
        return False
    if lib.mount(source.encode(), target.encode(), None, MS_BIND | MS_REC, None) != 0:
        return False
    if read_only:
        lib.mount(None, target.encode(), None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, None)
    return True


def _enter_new_root(needed, pid_namespace):
    """In a new mount namespace, as root: make the root an empty file system holding only the system's
    programs and libraries, Python's folders (`needed`), a few files of /etc, the harmless devices, a
    private /dev/shm, an empty /tmp and a /proc (of the PID namespace, if there is one). Nothing else of
    the machine is there, not even under the mounts. The way bubblewrap does it: a first pivot into a
    small file system keeps the machine's root at /oldroot while the new one is built, a second one
    makes it the root. False, with nothing changed, where pivot_root is refused."""
    lib = libc()
    lib.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None)
    # Python's folders as they are on the machine (symbolic links resolved now: under /oldroot an
    # absolute link would point into the new root), and where the interpreter is started from.
    sources = {path: os.path.realpath(path) for path in needed}
    if not _mount_tmpfs("/tmp", b"size=1m,mode=755"):
        return False
    os.chdir("/tmp")
    os.mkdir("newroot")
    os.mkdir("oldroot")
    if not _pivot_root(".", "oldroot"):
        os.chdir("/")
        lib.umount2(b"/tmp", MNT_DETACH)
        return False
    os.chdir("/")
    _mount_tmpfs("/newroot", b"size=1m,mode=755")
    for path in SYSTEM_PATHS:
        source, target = "/oldroot" + path, "/newroot" + path
        if os.path.islink(source):  # /bin -> usr/bin, and the like (a merged /usr)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.symlink(os.readlink(source), target)
        else:
            _bind(source, target)
    # The empty /tmp first: Python's folders may sit under it (a venv in a clone under /tmp), bound on top.
    os.makedirs("/newroot/tmp")
    _mount_tmpfs("/newroot/tmp", b"size=64m,mode=755")
    for path, real in sources.items():
        if not any(path == p or path.startswith(p + "/") for p in SYSTEM_PATHS if not os.path.islink("/oldroot" + p)):
            _bind("/oldroot" + real, "/newroot" + path)
    os.makedirs("/newroot/dev")
    _mount_tmpfs("/newroot/dev", b"size=64k,mode=755")
    for name in DEVICES:
        _bind("/oldroot/dev/" + name, "/newroot/dev/" + name, read_only=False)
    for name, target in [("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                         ("stderr", "/proc/self/fd/2")]:
        os.symlink(target, "/newroot/dev/" + name)
    os.makedirs("/newroot/dev/shm")
    _mount_tmpfs("/newroot/dev/shm", b"size=16m,mode=1777")
    os.makedirs("/newroot/proc")
    if pid_namespace:
        lib.mount(b"proc", b"/newroot/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
    else:
        lib.mount(b"/oldroot/proc", b"/newroot/proc", None, MS_BIND | MS_REC, None)
    # The machine's root goes; then the new root becomes the root (pivot onto itself, as runc and LXC do).
    lib.mount(b"oldroot", b"/oldroot", None, MS_REC | MS_PRIVATE, None)
    lib.umount2(b"/oldroot", MNT_DETACH)
    old = os.open("/", os.O_DIRECTORY | os.O_RDONLY)
    os.chdir("/newroot")
    if _pivot_root(".", "."):
        os.fchdir(old)
        lib.umount2(b".", MNT_DETACH)
    else:
        os.chroot(".")
    os.close(old)
    os.chdir("/")
    return True


def _hide(hidden, needed, pid_namespace):
    """Where pivot_root is refused: in the new mount namespace, empty file systems over `hidden`, then
    Python's folders (`needed`) put back in their place, private empty ones over /dev/shm and the like,
    and a /proc of the PID namespace."""
    lib = libc()
    lib.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None)
    # Python's own folders may sit under a hidden one (/root here and on Gradescope, /tmp for a
    # fresh clone): keep them aside, hide, then put them back in their place.
    lib.mount(b"tmpfs", b"/mnt", b"tmpfs", 0, b"size=1m,mode=755")
    kept = []
    for number, path in enumerate(needed):
        aside = f"/mnt/{number}"
        os.makedirs(aside)
        if lib.mount(path.encode(), aside.encode(), None, MS_BIND | MS_REC, None) == 0:
            kept.append((aside, path))
    for path in hidden:
        if os.path.isdir(path):
            _mount_tmpfs(path, b"size=64m,mode=755")
    for path in PRIVATE_TMPFS:
        if os.path.isdir(path) and not os.path.islink(path):
            _mount_tmpfs(path, b"size=16m,mode=1777")
    for aside, path in kept:
        if not os.path.isdir(path):
            os.makedirs(path)
            lib.mount(aside.encode(), path.encode(), None, MS_BIND | MS_REC, None)
    if pid_namespace:
        lib.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
    for path in HIDDEN_FROM_STUDENT:
        if os.path.isdir(path):
            _mount_tmpfs(path, b"size=1m,mode=755")


def _wait_for(child, group):
    """The process that made the PID namespace, outside it: waits for the student's process (the
    namespace's init) and ends with it. Holds no pipe, so the grader sees the end of the student's
    output when that process ends; passes SIGINT on (the grader's "stop now, and say where"); killed,
    it takes the student's process with it (its parent-death signal), and so the whole namespace.
    Should the grader die first (stock `otter run` ends its kernel so), it ends the student's process;
    once that has ended, it removes the cgroup, as the grader would have (which then finds it gone)."""
    code, grader = 1, os.getppid()
    try:
        signal.signal(signal.SIGINT, lambda *_: os.kill(child, signal.SIGINT))
        signal.signal(signal.SIGTERM, lambda *_: os.kill(child, signal.SIGKILL))
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
        libc().prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)  # the grader gone: SIGTERM, handled above
        os.setsid()  # out of the grader's process group, which Jupyter kills as a whole: we clean up after it
        if os.getppid() != grader:  # it went before we could ask
            os.kill(child, signal.SIGKILL)
        os.closerange(0, 1 << 20)
        while True:
            try:
                _, status = os.waitpid(child, 0)  # retried after a handler runs (PEP 475)
                break
            except ChildProcessError:
                status = 0
                break
        code = os.waitstatus_to_exitcode(status)
        code = 128 - code if code < 0 else code
        if group is not None:  # the grader may be gone (or going): remove the group, as it would have
            group.leave()
            group.remove()
    except BaseException:
        pass
    finally:
        os._exit(code & 0xFF)


def enter_sandbox(uid, hidden, needed, server_source, matplotlib_cache, namespaces, group=None, limits=None):
    """In the student's process, between fork and exec, as root: join its cgroup, make its namespaces and
    its root (or, where pivot_root is refused, hide `hidden`), write student_process.py into an empty
    home, drop to `uid`, set no_new_privs and the rlimits (`limits()`)."""
    if group is not None:
        group.join()  # first: every process from here on is counted in it
    font_lists = {}  # read now: the cache folder (under /root, say) is not in the sandbox
    if matplotlib_cache and os.path.isdir(matplotlib_cache):
        for name in os.listdir(matplotlib_cache):
            path = os.path.join(matplotlib_cache, name)
            if name.startswith("fontlist") and name.endswith(".json") and os.path.getsize(path) < 16 * 2**20:
                with open(path, "rb") as f:
                    font_lists[name] = f.read()
    lib = libc()
    pid_namespace = False
    if namespaces & CLONE_NEWPID and lib.unshare(CLONE_NEWPID) == 0:
        pid_namespace = True
        child = os.fork()  # the first child is the new namespace's init: the student's process
        if child:
            _wait_for(child, group)  # never returns
        lib.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    others = namespaces & ~CLONE_NEWPID
    if others and lib.unshare(others) == 0:  # the waiter stays in the machine's: it sees the cgroups
        if not _enter_new_root(needed, pid_namespace):
            _hide(hidden, needed, pid_namespace)
        if others & CLONE_NEWUTS:
            lib.sethostname(b"sandbox", 7)
        home = "/tmp/student"  # on the new, empty /tmp
    else:  # no namespaces here: a private folder in the shared /tmp
        home = tempfile.mkdtemp(prefix="nn-student-")
    os.makedirs(home, exist_ok=True)
    with open(os.path.join(home, "student_process.py"), "w") as f:
        f.write(server_source)
    if font_lists:  # matplotlib's font list: no rebuild (seconds) in every plots process
        os.makedirs(os.path.join(home, "mpl"), exist_ok=True)
        os.chown(os.path.join(home, "mpl"), uid, uid)
        for name, data in font_lists.items():
            with open(os.path.join(home, "mpl", name), "wb") as f:
                f.write(data)
            os.chown(os.path.join(home, "mpl", name), uid, uid)
    os.chown(home, uid, uid)
    os.chmod(home, 0o700)
    os.chdir(home)
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    if pid_namespace:  # a change of user clears the parent-death signal: set it again
        lib.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    no_new_privileges()
    if limits is not None:
        limits()

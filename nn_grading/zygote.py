"""A warm start for the plots process: matplotlib is imported once per batch, not once per submission.

Importing matplotlib's Figure costs a fresh interpreter about 0.6 s of CPU, a third of what grading a
submission costs. So `make grade`, grading as root, starts one zygote per batch (engine.warm_up): a
fresh interpreter, started from the environment like an exec'd plots process, that imports matplotlib
and the sandbox's code and holds nothing else: no test, no reference, no hidden
input, nothing of any submission. It listens on a unix socket in a folder only root can enter
(NN_KIT_ZYGOTE names it), and the student's processes never see it (their root is empty of the
machine's /tmp, or their user cannot enter the folder).

A grading run's channel asks it for a plots process: it sends the two pipe ends the process is to talk
on, and the sandbox's parameters (the user id, the cgroup, the namespaces, the paths). The zygote forks;
the child closes every other descriptor, enters the sandbox exactly as an exec'd plots process does
between fork and exec (sandbox.enter_sandbox: cgroup, namespaces, new root, the student's user,
no_new_privs, rlimits), and then runs the student_process.py it was sent, as an exec'd process would. The zygote answers with a
pidfd of the child, so that the channel can tell when it ends and kill it, although it is not its parent.

Where the zygote is missing or fails, the channel starts the plots process the old way (exec). Stock
`otter run` and Gradescope, which grade one submission per start, never use it.
"""
import json
import os
import signal
import socket
import struct
import sys

REQUEST_BYTES = 1 << 20


def serve(path):
    import matplotlib.figure  # noqa: F401  (the point of the zygote: imported here, once)
    import matplotlib.font_manager  # noqa: F401

    from nn_grading import channel, sandbox  # noqa: F401

    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    os.chmod(path, 0o600)
    del path  # its children start in this frame: nothing of the request's or the socket's stays in it
    listener.listen(16)
    listener.settimeout(1.0)
    print("ready", flush=True)
    while True:
        reap()
        if os.getppid() == 1:  # the grader is gone
            return
        try:
            connection, _ = listener.accept()
        except socket.timeout:
            continue
        with connection:
            try:
                start_one(connection, listener)
            except Exception:
                pass  # the channel sees the connection close without an answer, and execs instead


def reap():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if not pid:
            return


def start_one(connection, listener):
    """Fork a plots process for a grading run. Only root may ask (the grader: its socket's folder is
    root's alone anyway), and only for a student's user id, never root's or the system's."""
    from nn_grading.channel import FIRST_UID

    connection.settimeout(10)
    _, peer_uid, _ = struct.unpack("3i", connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                                               struct.calcsize("3i")))
    message, fds, _, _ = socket.recv_fds(connection, REQUEST_BYTES, 2)
    request = json.loads(message) if peer_uid == 0 and len(fds) == 2 else {}
    if not isinstance(request.get("uid"), int) or request["uid"] < FIRST_UID or not request.get("group") \
            or not contained(request.get("namespaces")):
        for fd in fds:
            os.close(fd)
        return
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            listener.close()
            message = None  # the request lives on in `request` alone, which child() empties
            child(request, fds)
            code = 0
        except BaseException:
            pass
        finally:
            os._exit(code)
    for fd in fds:
        os.close(fd)
    pidfd = os.pidfd_open(pid)
    try:
        socket.send_fds(connection, [json.dumps({"pid": pid}).encode()], [pidfd])
    finally:
        os.close(pidfd)


def child(request, fds):
    """The plots process: the pipes on 0 and 1, nothing else open, then the sandbox, then the channel
    (student_process.main makes its own SIGINT handler, as in an exec'd process)."""
    from nn_grading import channel, sandbox

    os.dup2(fds[0], 0)
    os.dup2(fds[1], 1)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)
    os.closerange(3, 1 << 16)  # the listener, the connection, the pipes' originals: none stays
    os.environ.clear()
    os.environ.update({"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "MPLBACKEND": "Agg", "MPLCONFIGDIR": "mpl",
                       "NN_KIT_CPU_SECONDS": str(int(request["cpu_seconds"]))})
    group = sandbox.ControlGroup({k: v for k, v in request["group"]["dirs"].items()}, request["group"]["version"])
    sandbox.enter_sandbox(request["uid"], request["hidden"], request["needed"], request["source"],
                          request["matplotlib_cache"], request["namespaces"], group, channel._set_limits)
    # The same student_process.py an exec'd plots process would run (the grader's copy, sent with the request).
    code = compile(request["source"], "student_process.py", "exec")
    # What an exec'd process would not know: the request (paths, the cgroup's) is in the frames under the
    # student's code (serve, start_one, here), so it is emptied; the socket's path came on stdin, not argv.
    request.clear()
    del group
    sys.argv = ["student_process.py", "--plots"]
    sys.orig_argv = [sys.executable, "-I", "student_process.py", "--plots"]
    exec(code, {"__name__": "__main__", "__builtins__": __builtins__})


def contained(namespaces):
    """Whether a child made with these namespaces has a mount namespace of its own (sandbox.enter_sandbox)."""
    from nn_grading.sandbox import CLONE_NEWNS
    return isinstance(namespaces, int) and bool(namespaces & CLONE_NEWNS)


def ask(path, request):
    """(pid, pidfd, stdin writer, stdout reader) of a new plots process, or None if the zygote cannot."""
    to_child_read, to_child_write = os.pipe()
    from_child_read, from_child_write = os.pipe()
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(10)
            connection.connect(path)
            socket.send_fds(connection, [json.dumps(request).encode()], [to_child_read, from_child_write])
            message, fds, _, _ = socket.recv_fds(connection, 4096, 1)
        if len(fds) != 1:
            for fd in fds:
                os.close(fd)
            raise OSError("the zygote did not answer with a process")
        pid = int(json.loads(message)["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        for fd in (to_child_write, from_child_read):
            os.close(fd)
        return None
    finally:
        os.close(to_child_read)
        os.close(from_child_write)
    return pid, fds[0], to_child_write, from_child_read


class ZygoteChild:
    """What the channel needs of a subprocess.Popen, for a process that the zygote forked."""

    def __init__(self, pid, pidfd, stdin_fd, stdout_fd):
        self.pid, self.pidfd, self.returncode = pid, pidfd, None
        self.stdin = os.fdopen(stdin_fd, "wb", buffering=0)
        self.stdout = os.fdopen(stdout_fd, "rb", buffering=0)

    def poll(self):
        if self.returncode is None:
            import select
            if select.select([self.pidfd], [], [], 0)[0]:  # readable once the process has ended
                self.returncode = -signal.SIGKILL
                os.close(self.pidfd)
        return self.returncode

    def wait(self, timeout=None):
        import select
        if self.returncode is None:
            select.select([self.pidfd], [], [], timeout)
        return self.poll()

    def send_signal(self, sig):
        if self.returncode is None:
            try:
                signal.pidfd_send_signal(self.pidfd, sig)
            except ProcessLookupError:
                pass

    def kill(self):
        self.send_signal(signal.SIGKILL)


def start(folder):
    """Start a zygote listening in `folder` (root's, mode 0700); its socket's path, or None."""
    import subprocess
    path = os.path.join(folder, "zygote.socket")
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "MPLBACKEND": "Agg"}
    env.update({k: os.environ[k] for k in ("HOME", "MPLCONFIGDIR") if k in os.environ})  # matplotlib's cache
    # The socket's path goes on stdin: in the argv it would be in every child's /proc/self/cmdline.
    process = subprocess.Popen([sys.executable, "-I", "-m", "nn_grading.zygote"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                               start_new_session=True)  # a Ctrl-C of the instructor's goes to the grader alone
    process.stdin.write(path.encode() + b"\n")
    process.stdin.close()
    ready = process.stdout.readline()
    process.stdout.close()
    return (path, process) if ready.strip() == b"ready" else (None, process)


if __name__ == "__main__":
    serve(sys.stdin.readline().rstrip("\n"))

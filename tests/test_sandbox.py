"""The student's process sees nothing of the machine: real student code, run through the channel.

Each test starts the student's process as the grader does (channel.StudentProcess, as
root) with a few functions of "student" code, calls them by name, and checks what they
saw: a private, empty /dev/shm; a /proc with only the sandbox's own processes; setuid
programs that run without privilege (no_new_privs); no network. These hold where the
kernel lets root make namespaces (sandbox.py); elsewhere the tests are skipped, and
sandbox.py says what is left.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from conftest import ROOT

from nn_grading import channel, sandbox

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or not sandbox.namespaces_available() & sandbox.CLONE_NEWPID,
    reason="the sandbox's namespaces need root and a kernel that allows them")

STUDENT_CODE = textwrap.dedent('''\
    import os, socket, subprocess

    def write_shm(name):
        with open("/dev/shm/" + name, "w") as f:
            f.write("left here by one run")
        return sorted(os.listdir("/dev/shm"))

    def list_shm():
        return sorted(os.listdir("/dev/shm"))

    def processes():
        """Every process this process can see, with its command line, while a child of its own runs."""
        child = subprocess.Popen(["sleep", "30"])
        try:
            import time
            for _ in range(200):  # until the child has exec'd (its command line is empty before)
                with open("/proc/%d/cmdline" % child.pid, "rb") as f:
                    if f.read().startswith(b"sleep"):
                        break
                time.sleep(0.01)
            seen = []
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        with open("/proc/" + entry + "/cmdline", "rb") as f:
                            seen.append([int(entry), f.read().replace(b"\\0", b" ").decode(errors="replace")])
                    except OSError:
                        pass
            return sorted(seen)
        finally:
            child.kill()
            child.wait()

    def run(*command):
        done = subprocess.run(list(command), capture_output=True, text=True)
        return [done.returncode, done.stdout.strip(), done.stderr.strip()]

    def no_new_privs():
        with open("/proc/self/status") as f:
            return [line.split(":")[1].strip() for line in f if line.startswith("NoNewPrivs")][0]

    def connect(port):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=3).close()
            return "connected"
        except OSError as e:
            return type(e).__name__ + ": " + str(e)

    def interfaces():
        return sorted(name for _, name in socket.if_nameindex())
''')


@pytest.fixture
def student():
    """A factory of student processes running STUDENT_CODE; all are stopped at the end."""
    started = []

    def start():
        process = channel.StudentProcess([STUDENT_CODE])
        started.append(process)
        assert not process.errors, process.errors
        return process

    yield start
    for process in started:
        process.stop()


def call(process, name, *args):
    return process.call(name, list(args), {})[0]


def test_dev_shm_is_empty_and_private(student):
    name = f"nn-kit-sandbox-test-{uuid.uuid4().hex}"
    first, second = student(), student()
    assert call(first, "list_shm") == []
    assert call(first, "write_shm", name) == [name]  # the first run sees its own file...
    assert call(second, "list_shm") == []  # ...another run, alive at the same time, does not
    assert not os.path.exists(f"/dev/shm/{name}")  # nor does the machine
    first.stop()
    assert call(student(), "list_shm") == []  # nor the next run


def test_proc_shows_only_the_sandboxs_own_processes(student):
    process = student()
    seen = call(process, "processes")
    commands = [command for _, command in seen]
    # The student's process is its namespace's init; its child is the only other process there.
    assert [pid for pid, _ in seen][0] == 1 and len(seen) == 2, seen
    assert "student_process.py" in commands[0] and commands[1].startswith("sleep"), seen
    # Not the grader, not pytest, not any other process of the machine (pid 1 here is not init's).
    host_commands = open(f"/proc/{os.getpid()}/cmdline", "rb").read().replace(b"\0", b" ").decode()
    assert host_commands not in commands and not any("pytest" in c for c in commands)


def test_setuid_programs_gain_no_privilege(tmp_path):
    """A setuid-root copy of `id` (made here, bind-mounted over /usr/bin/chfn in a private mount
    namespace of a child process, so that nothing of the machine changes): run by an ordinary user
    outside the sandbox it reports effective uid 0, proving that setuid works here; run by the
    student's code it reports the student's own uid."""
    probe = tmp_path / "setuid-id"
    shutil.copy("/usr/bin/id", probe)
    os.chown(probe, 0, 0)
    os.chmod(probe, 0o4755)
    (tmp_path / "code.py").write_text(STUDENT_CODE)
    script = textwrap.dedent(f'''\
        import json, subprocess, sys
        sys.path.insert(0, {str(ROOT)!r})
        subprocess.run(["mount", "--bind", {str(probe)!r}, "/usr/bin/chfn"], check=True)
        outside = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/chfn",
                                  "-u"], capture_output=True, text=True).stdout.strip()
        from nn_grading import channel
        process = channel.StudentProcess([open({str(tmp_path / "code.py")!r}).read()])
        try:
            inside = process.call("run", ["/usr/bin/chfn", "-u"], {{}})[0]
            uid = process.call("run", ["id", "-ru"], {{}})[0]
            flag = process.call("no_new_privs", [], {{}})[0]
        finally:
            process.stop()
        print(json.dumps({{"outside": outside, "inside": inside, "uid": uid, "no_new_privs": flag}}))
    ''')
    done = subprocess.run(["unshare", "--mount", "--propagation", "private", sys.executable, "-c", script],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["outside"] == "0", seen  # the probe does raise privileges where nothing stops it
    assert seen["no_new_privs"] == "1", seen
    returncode, student_uid, _ = seen["uid"]
    assert returncode == 0 and int(student_uid) >= channel.FIRST_UID, seen
    assert seen["inside"][:2] == [0, student_uid], seen  # the setuid bit gave nothing


def test_no_network(student):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    try:
        process = student()
        answer = call(process, "connect", listener.getsockname()[1])
        assert answer.startswith("OSError") or "Error" in answer, answer
        assert call(process, "interfaces") == ["lo"]  # a network namespace of its own: loopback only, down
        with pytest.raises(socket.timeout):
            listener.accept()  # nothing reached the machine's loopback
    finally:
        listener.close()


def test_the_graders_files_are_not_there(student, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the grader's")
    process = student()
    returncode, _, error = call(process, "run", "cat", str(secret))
    assert returncode != 0 and "No such file" in error
    # Its own home, and nothing else but the folders of Python itself where they sit under /tmp
    # (a venv in a clone under /tmp is bound back in its place).
    python_folders = {Path(f(p)).parts[2] for p in (sys.base_prefix, sys.prefix)
                      for f in (os.path.realpath, os.path.abspath) if Path(f(p)).parts[1:2] == ("tmp",)}
    assert set(call(process, "run", "ls", "-A", "/tmp")[1].split()) == {"student"} | python_folders

"""The plots processes of `make grade` start warm from one zygote (nn_grading/zygote.py), which forks
only for root and only as a student's user, and the student's code cannot reach it."""
import json
import os
import shutil
import socket
import struct
import tempfile

import pytest

from conftest import ROOT

from autograder.engine import Limits
from autograder.grade import grade_folder
from nn_grading import zygote
from nn_grading.channel import FIRST_UID
from nn_grading.sandbox import CLONE_NEWNS, ControlGroup, namespaces_available

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the zygote is used when grading as root")

SOLUTION = ROOT / "tests" / "independent" / "solution.py"
# Says in its plot's title whether matplotlib's Figure was imported before the student's code asked for it.
WARM_PLOT = '''
import matplotlib
WARM = "matplotlib.figure" in matplotlib.sys.modules
from matplotlib.figure import Figure


def plot_losses(losses):
    fig = Figure()
    fig.add_subplot(xlabel="epoch", ylabel="loss", title=f"warm {WARM}").plot(range(len(losses)), losses)
    return fig
'''


def test_make_grade_forks_plots_processes_with_matplotlib_already_imported(tmp_path, autograder_zip, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "warm.py").write_text(SOLUTION.read_text() + WARM_PLOT)
    for setting, warm in (("off", "False"), ("on", "True")):  # off: exec'd as before, the same grade
        monkeypatch.setenv("NN_KIT_ZYGOTE", setting)
        monkeypatch.setattr("autograder.engine._zygote", {})
        (result,) = grade_folder(tmp_path / "in", tmp_path / setting, autograder_zip, Limits(timeout=120), jobs=1)
        assert result.total == 100, (setting, result.reason)
        figures = json.loads((tmp_path / setting / "figures" / "warm.json").read_text())
        assert figures["plot_losses"]["axes"][0]["title"] == f"warm {warm}"
    from autograder import engine
    engine._stop_zygote()


# Says in its plot's title what of its run the plots process can see that an exec'd one could not: the
# zygote's request in the frames under the student's code, the socket's path in its command line.
NOSY_PLOT = '''
import matplotlib


def plot_losses(losses):
    sys = matplotlib.sys  # (an import of sys costs every point: only math, random and matplotlib are allowed)
    seen = []
    frame = sys._getframe()
    while frame is not None:
        seen += [repr(v) for v in frame.f_locals.values()]
        frame = frame.f_back
    seen += sys.orig_argv
    try:
        seen.append(open("/proc/self/cmdline").read())
    except OSError:
        pass
    text = " ".join(seen)
    leaks = sorted(word for word in ("nn-kit-grading", "zygote.socket", "nn-kit-student", "/tmp/nn-kit") if word in text)
    from matplotlib.figure import Figure
    fig = Figure()
    fig.add_subplot(xlabel="epoch", ylabel="loss", title=f"leaks {leaks}").plot(range(len(losses)), losses)
    return fig
'''


def test_a_forked_plots_process_knows_no_more_of_its_run_than_an_execd_one(tmp_path, autograder_zip, monkeypatch):
    """helper-8's finding: the zygote's frames under the student's code held the request (the run's folder,
    the cgroup's), and the zygote's argv the socket's path."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "nosy.py").write_text(SOLUTION.read_text() + NOSY_PLOT)
    monkeypatch.setenv("NN_KIT_ZYGOTE", "on")
    monkeypatch.setattr("autograder.engine._zygote", {})
    (result,) = grade_folder(tmp_path / "in", tmp_path / "out", autograder_zip, Limits(timeout=120), jobs=1)
    from autograder import engine
    engine._stop_zygote()
    assert result.total == 100, result.reason
    figures = json.loads((tmp_path / "out" / "figures" / "nosy.json").read_text())
    assert figures["plot_losses"]["axes"][0]["title"] == "leaks []"


@pytest.fixture
def open_zygote():
    """A zygote whose socket anyone may connect to (as if its folder's mode failed): what it does then."""
    folder = tempfile.mkdtemp(prefix="nn-kit-test-zygote-")
    path, process = zygote.start(folder)
    assert path is not None
    os.chmod(folder, 0o755)
    os.chmod(path, 0o777)
    yield path
    process.kill()
    process.wait()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def student_group():
    """A cgroup for the child, as a grading run's channel makes one, and the namespaces it would ask for."""
    group = ControlGroup.create(f"nn-kit-student-test-zygote-{os.getpid()}", cpus=1, memory_bytes=2**30, pids=64)
    if group is None:
        pytest.skip("no writable cgroups here: the channel never asks the zygote then")
    yield {"dirs": group.dirs, "version": group.version}, namespaces_available()
    group.remove()


def ask_as(path, uid, request_uid, group=None, namespaces=0):
    """Ask the zygote for a process running as `request_uid`, from a process of `uid`: its answer."""
    read_end, write_end = os.pipe()
    answer_read, answer_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.setuid(uid)
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
                connection.settimeout(10)
                connection.connect(path)
                request = {"uid": request_uid, "hidden": [], "needed": [], "matplotlib_cache": None, "namespaces": namespaces,
                           "cpu_seconds": 10, "group": group, "source": "import os\nos.write(1, b'ran')\n"}
                socket.send_fds(connection, [json.dumps(request).encode()], [read_end, write_end])
                message, fds, _, _ = socket.recv_fds(connection, 4096, 1)
            os.write(answer_write, b"answered" if fds else b"refused")
        except Exception as e:
            os.write(answer_write, f"could not ask: {e}".encode())
        finally:
            os._exit(0)
    os.close(answer_write)
    os.waitpid(pid, 0)
    answer = os.read(answer_read, 100)
    os.close(answer_read)
    os.close(read_end)
    os.close(write_end)
    return answer.decode()


@pytest.mark.parametrize("uid, request_uid", [(FIRST_UID + 7, FIRST_UID + 7), (FIRST_UID + 7, 0), (0, 0), (0, 1000)])
def test_the_zygote_refuses_anyone_but_root_and_any_user_but_a_students(open_zygote, student_group, uid, request_uid):
    assert ask_as(open_zygote, uid, request_uid, *student_group) == "refused"


def test_the_zygote_forks_a_sandboxed_process_for_root_as_a_student(open_zygote, student_group):
    assert ask_as(open_zygote, 0, FIRST_UID + 7, *student_group) == "answered"


def test_the_zygote_refuses_a_child_outside_a_cgroup_or_a_mount_namespace(open_zygote, student_group):
    """helper-8's finding: without the run's cgroup a forked child is not the grader's descendant, so no count
    of the run's processes or memory sees it; without a mount namespace its home is in the machine's /tmp."""
    group, namespaces = student_group
    assert ask_as(open_zygote, 0, FIRST_UID + 7, None, namespaces) == "refused"
    assert ask_as(open_zygote, 0, FIRST_UID + 7, group, namespaces & ~CLONE_NEWNS) == "refused"


def test_the_socket_lies_in_a_folder_that_only_root_may_enter(tmp_path):
    folder = tmp_path / "zygote"
    folder.mkdir(mode=0o700)
    path, process = zygote.start(str(folder))
    try:
        assert os.stat(folder).st_mode & 0o777 == 0o700 and os.stat(path).st_mode & 0o777 == 0o600
        peer = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        peer.connect(path)
        assert struct.unpack("3i", peer.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))[1] == 0
        peer.close()
    finally:
        process.kill()
        process.wait()
        shutil.rmtree(folder, ignore_errors=True)

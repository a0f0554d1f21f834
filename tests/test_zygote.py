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


def ask_as(path, uid, request_uid):
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
                request = {"uid": request_uid, "hidden": [], "needed": [], "matplotlib_cache": None, "namespaces": 0,
                           "cpu_seconds": 10, "group": None, "source": "import os\nos.write(1, b'ran')\n"}
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
def test_the_zygote_refuses_anyone_but_root_and_any_user_but_a_students(open_zygote, uid, request_uid):
    assert ask_as(open_zygote, uid, request_uid) == "refused"


def test_the_zygote_forks_a_sandboxed_process_for_root_as_a_student(open_zygote):
    assert ask_as(open_zygote, 0, FIRST_UID + 7) == "answered"


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

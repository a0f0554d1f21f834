"""A submission that never ends costs its own row a timeout, and leaves nothing behind."""
import tempfile
from pathlib import Path

import psutil

from autograder.engine import TOKEN_VARIABLE, Limits
from autograder.grade import grade_folder

# Ignores SIGTERM, starts a child and an orphan (a shell that exits at once and leaves
# its background job to init), then loops for ever.
HOSTILE = """\
import signal, subprocess
signal.signal(signal.SIGTERM, signal.SIG_IGN)
subprocess.Popen(["sleep", "600"])
subprocess.Popen("sleep 601 &", shell=True)
while True:
    pass
"""


def processes_of_grading_runs():
    found = []
    for proc in psutil.process_iter(["pid", "cmdline"]):
        try:
            if TOKEN_VARIABLE in proc.environ():
                found.append((proc.pid, proc.info["cmdline"]))
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found


def test_a_looping_submission_times_out_and_the_batch_goes_on(tmp_path, autograder_zip):
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    (submissions / "loops_for_ever.py").write_text(HOSTILE)
    (submissions / "blank.ipynb").write_text("")
    scratch_before = set(Path(tempfile.gettempdir()).glob("nn-kit-grading-*"))

    results = {r.submission: r for r in grade_folder(submissions, tmp_path / "out", autograder_zip,
                                                     Limits(timeout=20), jobs=2)}

    assert results["loops_for_ever"].status == "timeout"
    assert "20" in results["loops_for_ever"].reason
    assert results["blank"].status == "error"
    assert processes_of_grading_runs() == [], "a kernel or child process outlived its grading run"
    assert set(Path(tempfile.gettempdir()).glob("nn-kit-grading-*")) == scratch_before
    assert (tmp_path / "out" / "grades.csv").read_text().count("\n") == 3

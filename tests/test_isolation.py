"""Hostile submissions cost their own row and nothing else, and leave nothing behind."""
import shutil
import tempfile
from pathlib import Path

from conftest import ROOT

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
MEMORY_HOG = "hog = []\nwhile True:\n    hog.append(bytearray(50 * 2**20))\n"
MANY_PROCESSES = "import subprocess, time\nprocs = [subprocess.Popen(['sleep', '60']) for _ in range(40)]\ntime.sleep(60)\n"
OUTPUT_FLOOD = "while True:\n    print('x' * 100000)\n"


def processes_of_grading_runs():
    found = []
    for proc in psutil.process_iter(["pid", "cmdline"]):
        try:
            if TOKEN_VARIABLE in proc.environ():
                found.append((proc.pid, proc.info["cmdline"]))
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found


def test_hostile_submissions_cost_only_their_own_rows(tmp_path, autograder_zip):
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    for name, source in [("loops_for_ever", HOSTILE), ("memory_hog", MEMORY_HOG),
                         ("many_processes", MANY_PROCESSES), ("output_flood", OUTPUT_FLOOD)]:
        (submissions / f"{name}.py").write_text(source)
    (submissions / "blank.ipynb").write_text("")
    shutil.copy(ROOT / "tests" / "independent" / "solution.py", submissions / "honest.py")
    scratch_before = set(Path(tempfile.gettempdir()).glob("nn-kit-grading-*"))

    limits = Limits(timeout=30, memory_mb=1024, processes=16)
    results = {r.submission: r for r in grade_folder(submissions, tmp_path / "out", autograder_zip, limits, jobs=2)}

    assert results["honest"].status == "graded" and results["honest"].total == 100
    assert results["loops_for_ever"].status == "timeout" and "30" in results["loops_for_ever"].reason
    assert results["many_processes"].status == "error" and "16 processes" in results["many_processes"].reason
    assert results["memory_hog"].total == 0  # MemoryError under the limit, or stopped by the watch
    # The student's process writes to /dev/null: a flood costs only time, and ends in the time limit.
    assert results["output_flood"].total == 0 and results["output_flood"].status in ("timeout", "error")
    assert results["blank"].status == "error"
    assert processes_of_grading_runs() == [], "a kernel or child process outlived its grading run"
    assert set(Path(tempfile.gettempdir()).glob("nn-kit-grading-*")) == scratch_before
    assert (tmp_path / "out" / "grades.csv").read_text().count("\n") == 7

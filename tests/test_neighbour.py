"""A submission's detached processes do not slow its neighbour, and die with its run.

The hostile submission starts 50 busy loops that leave the grader's tree (double fork,
setsid, exec: neither descendants of the grading child nor carrying its token), then
keeps its run alive for 15 s. Graded with JOBS=2 beside an honest submission, the
honest one's grading time must stay within 1.5x of its time alone, measured just before
on the same machine (which other work may share: each attempt is a fresh pair of
measurements, and one attempt within the bound passes; without a control group per
run the loops take about 50/51 of the CPU, far beyond any noise). Afterwards no loop
may be left, and no cgroup of the run.
"""
import json
import os
import shutil
import threading
import time
import uuid
from pathlib import Path

import pytest

from conftest import ROOT

from autograder.engine import GROUP_PREFIX, Limits
from autograder.grade import grade_folder
from nn_grading.sandbox import ControlGroup

LOOPS = 50
HOSTILE = '''\
import os, sys, time
for _ in range({loops}):
    if os.fork() == 0:
        try:
            os.setsid()
            if os.fork() == 0:  # orphaned, in a session of its own, another program: out of every tree
                os.execv(sys.executable, [sys.executable, "-I", "-S", "-c",
                                          "import time\\n# {mark}\\nend = time.time() + 120\\n"
                                          "while time.time() < end:\\n    pass\\n"])
        finally:
            os._exit(0)
    os.wait()
time.sleep(15)
'''
# Room for the loops: the process count would stop the run at once (that is tested elsewhere); here the
# CPU share is what must protect the neighbour.
LIMITS = Limits(timeout=120, processes=4 * LOOPS)
ATTEMPTS = 3


def cgroups_here():
    group = ControlGroup.create(f"{GROUP_PREFIX}{os.getpid()}-probe")
    if group is None:
        return False
    group.remove()
    return True


pytestmark = pytest.mark.skipif(not cgroups_here(), reason="no writable cgroups here (not root, or read-only)")


def marked_processes(mark):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if mark.encode() in f.read():
                        with open(f"/proc/{entry}/stat") as stat:
                            if stat.read().rsplit(")", 1)[1].split()[0] != "Z":
                                found.append(int(entry))
            except OSError:
                continue
    return found


def groups_of_this_grader():
    found = []
    for folder in Path("/sys/fs/cgroup").rglob(f"{GROUP_PREFIX}{os.getpid()}-*"):
        found.append(folder)
    return found


def honest_seconds(folder, out, autograder_zip):
    grade_folder(folder, out, autograder_zip, LIMITS, jobs=2, force=True)
    rows = {r["submission"]: r for r in json.loads((out / "grades.json").read_text())["submissions"]}
    assert rows["honest"]["total"] == 100, rows["honest"]
    return rows["honest"]["seconds"], rows


def test_detached_busy_loops_do_not_slow_the_neighbour(tmp_path, autograder_zip):
    mark = f"nn-kit-neighbour-{uuid.uuid4().hex}"
    alone, pair = tmp_path / "alone", tmp_path / "pair"
    for folder in (alone, pair):
        folder.mkdir()
        shutil.copy(ROOT / "tests" / "independent" / "solution.py", folder / "honest.py")
    (pair / "hostile.py").write_text(HOSTILE.format(loops=LOOPS, mark=mark))

    attempts = []
    for attempt in range(ATTEMPTS):
        seconds_alone, _ = honest_seconds(alone, tmp_path / f"out-alone-{attempt}", autograder_zip)
        most, stop = [0], threading.Event()

        def watch():  # how many loops ran at once: the attack must really have happened
            while not stop.is_set():
                most[0] = max(most[0], len(marked_processes(mark)))
                time.sleep(0.2)

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            seconds_paired, rows = honest_seconds(pair, tmp_path / f"out-pair-{attempt}", autograder_zip)
        finally:
            stop.set()
            watcher.join()
        assert most[0] >= LOOPS * 0.8, f"only {most[0]} of the {LOOPS} loops were seen running"
        assert rows["hostile"]["total"] == 0
        assert marked_processes(mark) == [], "a loop of the hostile run outlived it"
        assert groups_of_this_grader() == [], "a cgroup of a run was left behind"
        attempts.append((seconds_alone, seconds_paired))
        if seconds_paired <= 1.5 * seconds_alone:
            break
    assert any(paired <= 1.5 * alone_ for alone_, paired in attempts), \
        f"honest grading, (alone, beside the hostile one) in seconds: {attempts}"

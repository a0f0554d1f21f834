"""Hostile submissions earn nothing they did not compute, and harm nobody else.

tests/adversarial/ holds submissions that attack the grader (corpus.toml says how):
reading the expected values or the reference, patching the grader, forging
results, exiting early, lying objects, numpy smuggled in, floods, loops, processes
left behind, deleting other files. None computes anything honestly, so each must
get 0, while an honest submission in the same batch keeps 100: in `make grade`,
and in the zip's own run_autograder run the way Gradescope runs it.
"""
import concurrent.futures
import hashlib
import json
import os
import shutil
import signal
import subprocess
import tomllib

import psutil
import pytest

from conftest import ROOT
from test_gradescope import gradescope_env  # noqa: F401  (a fixture)

CORPUS = ROOT / "tests" / "adversarial"
ATTACKS = tomllib.loads((CORPUS / "corpus.toml").read_text())["attack"]
TIMEOUT = 60
GRADESCOPE_SECONDS = 60
FIRST_STUDENT_UID = 200000  # channel.py and engine.py run the student's code as users from here up


def digests(folder):
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def student_processes():
    found = []
    for proc in psutil.process_iter(["pid", "uids", "cmdline", "status"]):
        try:  # a zombie is not running: it waits for init to collect it
            if proc.info["uids"] and proc.info["uids"].real >= FIRST_STUDENT_UID \
                    and proc.info["status"] != psutil.STATUS_ZOMBIE:
                found.append((proc.pid, proc.info["cmdline"]))
        except psutil.NoSuchProcess:
            continue
    return found


@pytest.fixture(scope="session")
def hostile_batch(tmp_path_factory, autograder_zip):
    submissions = tmp_path_factory.mktemp("hostile")
    for attack in ATTACKS:
        shutil.copy(CORPUS / attack["file"], submissions / attack["file"])
    shutil.copy(ROOT / "tests" / "independent" / "solution.py", submissions / "honest.py")
    before = digests(submissions)
    out = tmp_path_factory.mktemp("hostile-grades")
    done = subprocess.run(["make", "grade", f"SUBMISSIONS={submissions}", f"OUT={out}", f"TIMEOUT={TIMEOUT}",
                           f"AUTOGRADER_ZIP={autograder_zip}", "JOBS=2"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((out / "grades.json").read_text())
    return {"rows": {r["submission"]: r for r in report["submissions"]}, "before": before,
            "after": digests(submissions), "out": out, "leftovers": student_processes()}


def test_the_corpus_covers_the_attack_table():
    assert len(ATTACKS) >= 20
    notes = (ROOT.parent / "shared" / "notes" / "grading-field-notes.md")
    if notes.exists():  # the attack table of the field notes: every row has an attack here
        table = notes.read_text().split("| attack | defence |")[1]
        rows = [line.split("|")[1].strip() for line in table.splitlines()[2:] if line.startswith("|")]
        covered = {attack["row"] for attack in ATTACKS}
        assert set(rows) <= covered, set(rows) - covered


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a["file"])
def test_each_attack_earns_nothing(hostile_batch, attack):
    row = hostile_batch["rows"][attack["file"].rsplit(".", 1)[0]]
    assert row["total"] == 0, (row["status"], row["reason"], {q: v["score"] for q, v in row["questions"].items()
                                                            if v["score"]})
    assert row["seconds"] <= TIMEOUT + 30


def test_the_honest_submission_in_the_batch_keeps_full_marks(hostile_batch):
    honest = hostile_batch["rows"]["honest"]
    assert (honest["status"], honest["total"]) == ("graded", 100), honest["reason"]


def test_no_submission_file_was_changed_and_every_row_was_written(hostile_batch):
    assert hostile_batch["after"] == hostile_batch["before"]
    assert len(hostile_batch["rows"]) == len(ATTACKS) + 1
    feedback = {p.stem for p in (hostile_batch["out"] / "feedback").iterdir()}
    assert feedback == set(hostile_batch["rows"])


def test_nothing_the_corpus_started_is_left_running(hostile_batch):
    assert hostile_batch["leftovers"] == []


def run_like_gradescope(autograder_zip, submission, env_dir, out):
    """The zip's run_autograder on one file; a run still going after GRADESCOPE_SECONDS is ended as
    Gradescope's own time limit would end it (then there is no results.json, so no score)."""
    process = subprocess.Popen([str(ROOT / "tests" / "gradescope" / "run_like_gradescope.sh"), str(autograder_zip),
                                str(submission), str(env_dir), str(out)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=GRADESCOPE_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    path = out / "results.json"
    return json.loads(path.read_text()) if path.exists() else None


def sweep_student_processes():
    for pid, _ in student_processes():
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="session")
def hostile_on_gradescope(tmp_path_factory, autograder_zip, gradescope_env):  # noqa: F811
    files = {attack["file"]: CORPUS / attack["file"] for attack in ATTACKS}
    files["honest.py"] = ROOT / "tests" / "independent" / "solution.py"
    jobs = []
    for name, source in files.items():
        folder = tmp_path_factory.mktemp("one")
        shutil.copy(source, folder / name)
        jobs.append((name, folder / name, tmp_path_factory.mktemp("results")))
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            done = pool.map(lambda job: (job[0], run_like_gradescope(autograder_zip, job[1], gradescope_env, job[2])),
                            jobs)
            return dict(done)
    finally:
        # In a real container everything ends with it; here what a killed run's student started must go.
        sweep_student_processes()


def earned(results):
    """The score Gradescope shows: `score` if given, else the sum of the tests' scores."""
    return results.get("score", sum(t.get("score", 0) for t in results.get("tests", [])))


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a["file"])
def test_each_attack_earns_nothing_on_gradescope(hostile_on_gradescope, attack):
    results = hostile_on_gradescope[attack["file"]]
    # No results.json at all (a run that never ended) is a failed run on Gradescope: no score.
    assert results is None or earned(results) == 0


def test_the_honest_submission_keeps_full_marks_on_gradescope(hostile_on_gradescope):
    assert earned(hostile_on_gradescope["honest.py"]) == 100

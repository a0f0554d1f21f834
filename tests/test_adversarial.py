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
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import psutil
import pytest

from conftest import ROOT
from test_gradescope import gradescope_env  # noqa: F401  (a fixture)

CORPUS = ROOT / "tests" / "adversarial"
ATTACKS = tomllib.loads((CORPUS / "corpus.toml").read_text())["attack"]
TIMEOUT = 60
GRADESCOPE_SECONDS = 60
FIRST_STUDENT_UID = 200000  # channel.py and engine.py run the student's code as users from here up
STOCK_OTTER_SECONDS = 120
STOCK_RUN_CLASSES = {1, 2, 7}  # attacks on what Otter itself reads: also graded by stock `otter run`
# Where the corpus leaves marks when something escapes the run (see generate.py, sandbox_probe.py and
# collude_oracle.py): files and folders, and System V IPC keys.
MARK_GLOBS = ["/tmp/nn-kit-adversarial-markers", "/dev/shm/nnkit-adv-*", "/run/lock/nnkit-adv-*",
              "/var/tmp/nnkit-adv-*", "/tmp/nnkit-adv-*"]
MARK_IPC_KEYS = {0x6e6b0501: "shm", 0x6e6b0502: "msg", 0x6e6b0601: "shm"}
NEIGHBOUR_FACTOR = 1.5  # issue 11: an honest run beside a busy hostile one takes at most 1.5x its time alone
NEIGHBOUR_SLACK = 2.0  # seconds: the noise of a shared machine
# The per-call time limit in these runs (channel.CALL_SECONDS is 30): the same path to the same grade for
# every attack that hangs a call, at a third of the wait. test_call_limit and test_neighbour keep their own.
CALL_SECONDS = "10"


def load_generator():
    spec = importlib.util.spec_from_file_location("adversarial_generate", CORPUS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def generated_corpus(tmp_path_factory, autograder_zip):
    """The corpus's zips and notebooks, built for this kit (the class-5 ones are tuned to its checks)."""
    folder = tmp_path_factory.mktemp("generated-corpus")
    load_generator().generate(folder, autograder_zip)
    return folder


def corpus_file(attack, generated):
    return (generated if attack.get("generated") else CORPUS) / attack["file"]


def outside_marks():
    """What the corpus left outside the runs: marker paths and System V IPC objects of its keys."""
    found = []
    for pattern in MARK_GLOBS:
        found += [str(p) for p in Path("/").glob(pattern.lstrip("/"))]
    for kind in ("shm", "msg"):
        try:
            lines = Path(f"/proc/sysvipc/{kind}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            key = int(line.split()[0])
            if MARK_IPC_KEYS.get(key) == kind:
                found.append(f"System V {kind} key {key:#x}")
    return sorted(found)


def clear_outside_marks():
    for pattern in MARK_GLOBS:
        for path in Path("/").glob(pattern.lstrip("/")):
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    for key, kind in MARK_IPC_KEYS.items():
        if shutil.which("ipcrm"):
            subprocess.run(["ipcrm", "-M" if kind == "shm" else "-Q", str(key)], capture_output=True)


def neighbours_first(files):
    """Attacks that need a neighbour (`neighbour = "file"`) and their neighbours first, side by side, so
    that two workers start them together."""
    names = list(files)
    paired = []
    for attack in ATTACKS:
        if attack.get("neighbour") in files and attack["file"] in files:
            paired += [attack["file"], attack["neighbour"]]
    return [n for n in paired if n in names] + [n for n in names if n not in paired]


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
def hostile_batch(tmp_path_factory, autograder_zip, generated_corpus):
    submissions = tmp_path_factory.mktemp("hostile")
    for attack in ATTACKS:
        shutil.copy(corpus_file(attack, generated_corpus), submissions / attack["file"])
    shutil.copy(ROOT / "tests" / "independent" / "solution.py", submissions / "honest.py")
    before = digests(submissions)
    out = tmp_path_factory.mktemp("hostile-grades")
    clear_outside_marks()
    done = subprocess.run(["make", "grade", f"SUBMISSIONS={submissions}", f"OUT={out}", f"TIMEOUT={TIMEOUT}",
                           f"AUTOGRADER_ZIP={autograder_zip}", "JOBS=2"], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, NN_KIT_CALL_SECONDS=CALL_SECONDS))
    marks = outside_marks()
    clear_outside_marks()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((out / "grades.json").read_text())
    return {"rows": {r["submission"]: r for r in report["submissions"]}, "before": before,
            "after": digests(submissions), "out": out, "leftovers": student_processes(), "marks": marks}


def test_the_corpus_covers_the_attack_table():
    assert len(ATTACKS) >= 20
    notes = (ROOT.parent / "shared" / "notes" / "grading-field-notes.md")
    if notes.exists():  # the attack table of the field notes: every row has an attack here
        table = notes.read_text().split("| attack | defence |")[1]
        rows = [line.split("|")[1].strip() for line in table.splitlines()[2:] if line.startswith("|")]
        covered = {attack["row"] for attack in ATTACKS}
        assert set(rows) <= covered, set(rows) - covered


def expected_points(attack):
    """What it may earn: what it computes honestly, plus a gap the README lists as not defended (known_gap)."""
    return attack["honest_points"] + attack.get("known_gap", 0)


def test_the_corpus_has_every_class_of_issue_11():
    assert {attack.get("class") for attack in ATTACKS} >= set(range(1, 10))


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a["file"])
def test_each_attack_earns_nothing(hostile_batch, attack):
    """Exactly what it computes honestly: nothing (honest_points 0) for all but the partially correct."""
    row = hostile_batch["rows"][attack["file"].rsplit(".", 1)[0]]
    assert row["total"] == expected_points(attack), (row["status"], row["reason"], {
        q: v["score"] for q, v in row["questions"].items() if v["score"]})
    assert row["seconds"] <= TIMEOUT + 30


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a["file"])
def test_each_attack_gets_feedback_that_is_small_and_true(hostile_batch, attack):
    """Whatever a submission returns, its feedback stays small, and a check it failed is not said to pass."""
    name = attack["file"].rsplit(".", 1)[0]
    path = hostile_batch["out"] / "feedback" / f"{name}.md"
    assert path.stat().st_size < 200_000
    if attack.get("feedback_says_no_check_passed"):
        text = path.read_text()
        assert ": passed" not in text and "failed" in text, text[:2000]


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


def test_nothing_is_left_outside_the_batch(hostile_batch):
    """No payload ran outside the student's sandbox, and nothing went where every process can reach it."""
    assert hostile_batch["marks"] == []


def run_like_gradescope(autograder_zip, submission, env_dir, out):
    """The zip's run_autograder on one file; a run still going after GRADESCOPE_SECONDS is ended as
    Gradescope's own time limit would end it (then there is no results.json, so no score)."""
    process = subprocess.Popen([str(ROOT / "tests" / "gradescope" / "run_like_gradescope.sh"), str(autograder_zip),
                                str(submission), str(env_dir), str(out)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True,
                               env=dict(os.environ, NN_KIT_CALL_SECONDS=CALL_SECONDS))
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
def hostile_on_gradescope(tmp_path_factory, autograder_zip, gradescope_env, generated_corpus):  # noqa: F811
    files = {attack["file"]: corpus_file(attack, generated_corpus) for attack in ATTACKS}
    files["honest.py"] = ROOT / "tests" / "independent" / "solution.py"
    jobs = []
    for name in neighbours_first(files):
        folder = tmp_path_factory.mktemp("one")
        shutil.copy(files[name], folder / name)
        jobs.append((name, folder / name, tmp_path_factory.mktemp("results")))
    # What starves its neighbours (class 6) runs alone, after the others, and what it left is swept as a
    # container's end would: Gradescope never runs two submissions in one container (the neighbour test
    # below is about `make grade`).
    alone = {a["file"] for a in ATTACKS if a.get("neighbour_test")}
    clear_outside_marks()
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            done = dict(pool.map(
                lambda job: (job[0], run_like_gradescope(autograder_zip, job[1], gradescope_env, job[2])),
                [job for job in jobs if job[0] not in alone]))
        for name, submission, out in [job for job in jobs if job[0] in alone]:
            done[name] = run_like_gradescope(autograder_zip, submission, gradescope_env, out)
            sweep_student_processes()
    finally:
        # In a real container everything ends with it; here what a killed run's student started must go.
        sweep_student_processes()
        marks = outside_marks()
        clear_outside_marks()
    return dict(done, marks=marks)


def earned(results):
    """The score Gradescope shows: `score` if given, else the sum of the tests' scores."""
    return results.get("score", sum(t.get("score", 0) for t in results.get("tests", [])))


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a["file"])
def test_each_attack_earns_nothing_on_gradescope(hostile_on_gradescope, attack):
    results = hostile_on_gradescope[attack["file"]]
    # No results.json at all (a run that never ended) is a failed run on Gradescope: no score.
    if results is None:
        assert attack["honest_points"] == 0, "no results.json: the honest part of this submission was lost"
    else:
        assert earned(results) == expected_points(attack)


def test_the_honest_submission_keeps_full_marks_on_gradescope(hostile_on_gradescope):
    assert earned(hostile_on_gradescope["honest.py"]) == 100


def test_nothing_is_left_outside_the_gradescope_runs(hostile_on_gradescope):
    assert hostile_on_gradescope["marks"] == []


STOCK_ATTACKS = [a for a in ATTACKS if a.get("class") in STOCK_RUN_CLASSES]


def run_stock_otter(autograder_zip, submission, out):
    """`otter run -a ZIP -o OUT SUBMISSION` from the kit's environment, as an instructor types it; the
    results.json it writes, or None (it failed, or was still running after STOCK_OTTER_SECONDS)."""
    otter = Path(sys.executable).with_name("otter")
    process = subprocess.Popen([str(otter), "run", "-a", str(autograder_zip), "-o", str(out), str(submission)],
                               cwd=out, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                               env=dict(os.environ, NN_KIT_CALL_SECONDS=CALL_SECONDS))
    try:
        process.wait(timeout=STOCK_OTTER_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    path = out / "results.json"
    return json.loads(path.read_text()) if path.exists() else None


@pytest.fixture(scope="session")
def hostile_on_stock_otter(tmp_path_factory, autograder_zip, generated_corpus):
    files = {attack["file"]: corpus_file(attack, generated_corpus) for attack in STOCK_ATTACKS}
    files["honest.py"] = ROOT / "tests" / "independent" / "solution.py"
    clear_outside_marks()
    jobs = []
    for name, source in files.items():
        folder = tmp_path_factory.mktemp("stock")
        shutil.copy(source, folder / name)
        jobs.append((name, folder / name, tmp_path_factory.mktemp("stock-out")))
    results = {}
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:  # two at a time, as make grade does
            results = dict(pool.map(lambda job: (job[0], run_stock_otter(autograder_zip, job[1], job[2])), jobs))
    finally:
        sweep_student_processes()
        marks = outside_marks()
        clear_outside_marks()
    return dict(results, marks=marks)


@pytest.mark.parametrize("attack", STOCK_ATTACKS, ids=lambda a: a["file"])
def test_each_attack_earns_nothing_in_stock_otter_run(hostile_on_stock_otter, attack):
    results = hostile_on_stock_otter[attack["file"]]
    if results is None:
        assert attack["honest_points"] == 0, "stock otter run wrote no results.json"
    else:
        assert earned(results) == expected_points(attack)


def test_the_honest_submission_keeps_full_marks_in_stock_otter_run(hostile_on_stock_otter):
    assert earned(hostile_on_stock_otter["honest.py"]) == 100


def test_nothing_is_left_outside_the_stock_otter_runs(hostile_on_stock_otter):
    assert hostile_on_stock_otter["marks"] == []


NEIGHBOUR_ATTACKS = [a for a in ATTACKS if a.get("neighbour_test")]


def honest_seconds(tmp_path_factory, autograder_zip, beside=None):
    """How long `make grade` takes over the honest solution, alone or beside one hostile submission."""
    submissions = tmp_path_factory.mktemp("neighbours")
    shutil.copy(ROOT / "tests" / "independent" / "solution.py", submissions / "honest.py")
    if beside is not None:
        shutil.copy(beside, submissions / beside.name)
    out = tmp_path_factory.mktemp("neighbours-out")
    done = subprocess.run(["make", "grade", f"SUBMISSIONS={submissions}", f"OUT={out}", f"TIMEOUT={TIMEOUT}",
                           f"AUTOGRADER_ZIP={autograder_zip}", "JOBS=2"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    row = {r["submission"]: r for r in json.loads((out / "grades.json").read_text())["submissions"]}["honest"]
    assert (row["status"], row["total"]) == ("graded", 100), row["reason"]
    return row["seconds"]


@pytest.mark.parametrize("attack", NEIGHBOUR_ATTACKS, ids=lambda a: a["file"])
def test_a_busy_neighbour_does_not_slow_an_honest_run(tmp_path_factory, autograder_zip, generated_corpus, attack):
    """Issue 11, class 6: the honest run beside the hostile one takes at most 1.5x its time alone."""
    alone = honest_seconds(tmp_path_factory, autograder_zip)
    beside = honest_seconds(tmp_path_factory, autograder_zip, corpus_file(attack, generated_corpus))
    sweep_student_processes()
    assert beside <= NEIGHBOUR_FACTOR * alone + NEIGHBOUR_SLACK, (alone, beside)

"""The Gradescope zip, run the way Gradescope runs it, gives what `make grade` gives.

tests/gradescope/run_like_gradescope.sh lays out /autograder/{source,submission,results}
in a private mount namespace and runs the zip's own `run_autograder`, with the
environment the zip asks for (Otter and matplotlib at the zip's pins, from PyPI).
"""
import fcntl
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest

from nn_grading.contract import QUESTIONS

from conftest import ROOT

SUBMISSIONS = ["reference.ipynb", "untouched.ipynb", "bug_backward_missing_mean.zip"]
VISIBILITY = ["hidden", "after_due_date", "after_published", "visible"]
FORMATS = ["text", "html", "simple_format", "md", "ansi"]
# Gradescope's results.json specification, as a JSON schema.
RESULTS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "anyOf": [{"required": ["score"]}, {"required": ["tests"]}],
    "properties": {
        "score": {"type": "number"}, "execution_time": {"type": "number"}, "output": {"type": "string"},
        "output_format": {"enum": FORMATS}, "test_output_format": {"enum": FORMATS},
        "test_name_format": {"enum": FORMATS}, "visibility": {"enum": VISIBILITY},
        "stdout_visibility": {"enum": VISIBILITY}, "extra_data": {"type": "object"},
        "leaderboard": {"type": "array"},
        "tests": {"type": "array", "items": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "score": {"type": "number"}, "max_score": {"type": "number"},
                "status": {"enum": ["passed", "failed"]}, "name": {"type": "string"},
                "name_format": {"enum": FORMATS}, "number": {"type": "string"}, "output": {"type": "string"},
                "output_format": {"enum": FORMATS}, "tags": {"type": "array", "items": {"type": "string"}},
                "visibility": {"enum": VISIBILITY}, "extra_data": {"type": "object"}}}},
    },
}


def requested_packages(autograder_zip):
    """The pip packages the zip's environment.yml asks for."""
    with zipfile.ZipFile(autograder_zip) as z:
        environment = z.read("environment.yml").decode()
    return re.findall(r"^\s+- (\S+==\S+)$", environment, re.M)


@pytest.fixture(scope="session")
def gradescope_env(autograder_zip):
    """A virtual environment with what the zip's environment.yml installs, kept in build/."""
    packages = requested_packages(autograder_zip)
    assert any(p.startswith("otter-grader") for p in packages)
    env = ROOT / "build" / "gradescope-env"
    stamp = env / "requested.txt"
    env.parent.mkdir(exist_ok=True)
    # `make test` runs test files in two processes at once: one makes the environment, the other waits for it.
    with open(ROOT / "build" / "gradescope-env.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not stamp.exists() or stamp.read_text() != "\n".join(packages):
            shutil.rmtree(env, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
            subprocess.run([str(env / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", *packages],
                           check=True, capture_output=True)
            stamp.write_text("\n".join(packages))
    return env


@pytest.fixture(scope="session")
def graded_both_ways(tmp_path_factory, autograder_zip, gradescope_env):
    folder = tmp_path_factory.mktemp("gradescope-submissions")
    for name in SUBMISSIONS:
        shutil.copy(ROOT / "examples" / "submissions" / name, folder / name)
    out = tmp_path_factory.mktemp("make-grade")
    done = subprocess.run(["make", "grade", f"SUBMISSIONS={folder}", f"OUT={out}",
                           f"AUTOGRADER_ZIP={autograder_zip}"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    local = {s["submission"]: s for s in json.loads((out / "grades.json").read_text())["submissions"]}
    gradescope = {}
    for name in SUBMISSIONS:
        results = tmp_path_factory.mktemp("results")
        run = subprocess.run([str(ROOT / "tests" / "gradescope" / "run_like_gradescope.sh"), str(autograder_zip),
                              str(folder / name), str(gradescope_env), str(results)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
        gradescope[name.rsplit(".", 1)[0]] = json.loads((results / "results.json").read_text())
    return local, gradescope


@pytest.mark.parametrize("name", [n.rsplit(".", 1)[0] for n in SUBMISSIONS])
def test_results_json_is_valid_and_scores_like_make_grade(graded_both_ways, name):
    local, gradescope = graded_both_ways
    results = gradescope[name]
    jsonschema.validate(results, RESULTS_SCHEMA)
    scores = {t["name"]: t["score"] for t in results["tests"] if "max_score" in t}
    assert scores == {q: v["score"] for q, v in local[name]["questions"].items()}
    assert list(scores) == list(QUESTIONS) == list(local[name]["questions"]), "the notebook's order, on both sides"
    public = [t for t in results["tests"] if t["name"] == "Public Tests"]
    assert public and public[0]["visibility"] == "visible"
    # show_hidden is set: the hidden checks' results appear once the grades are published.
    assert {t["visibility"] for t in results["tests"] if "max_score" in t} == {"after_published"}


def test_the_run_never_touched_this_machines_autograder_folder(graded_both_ways):
    assert not Path("/autograder").exists()

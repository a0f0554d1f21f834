"""Honest code never loses: every file of tests/honest/ gets 100 in all three graders.

tests/honest/ holds correct solutions written in unusual but honest styles (each file says
which at its top): black- and yapf-formatted code, form feeds, CRLF line ends, tabs,
unicode names, contract functions bound from objects, closures, lambdas, callable objects,
a typed module, a notebook full of experiment cells and magics, and that notebook saved
as a script by Jupyter. Each is graded in one `make grade` batch, by stock `otter run -a
ZIP -o OUT FILE` one at a time, and by the zip's own run_autograder run the way
Gradescope runs it.
"""
import ast
import concurrent.futures
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT
from test_gradescope import gradescope_env  # noqa: F401  (a fixture)

HONEST = ROOT / "tests" / "honest"
FILES = sorted(p.name for p in HONEST.iterdir() if p.suffix in (".py", ".ipynb"))
SECONDS = 300  # one file in stock otter run or in the Gradescope run; an honest file takes 10 to 30 s


def stem(name):
    return name.rsplit(".", 1)[0]


def earned(results):
    """The score Gradescope shows: `score` if given, else the sum of the tests' scores."""
    return results.get("score", sum(t.get("score", 0) for t in results.get("tests", [])))


# ---------------------------------------------------------------------------
# The corpus itself
# ---------------------------------------------------------------------------

def test_each_file_says_at_its_top_what_style_it_exercises():
    for name in FILES:
        if name.endswith(".ipynb"):
            first = nbformat.read(str(HONEST / name), as_version=4).cells[0]
            assert first.cell_type == "markdown" and "Honest style:" in first.source, name
        else:
            head = (HONEST / name).read_text(encoding="utf-8")[:600]
            assert "Honest style:" in head, name


def test_the_corpus_covers_the_styles_of_the_issue():
    text = {name: (HONEST / name).read_bytes() for name in FILES}
    notebooks = [nbformat.read(str(HONEST / n), as_version=4) for n in FILES if n.endswith(".ipynb")]

    def some(predicate):
        return any(predicate(name, data) for name, data in text.items() if name.endswith(".py"))

    assert some(lambda n, d: "black" in n and b"\n    % (" in d)
    assert some(lambda n, d: "yapf" in n and b"\n            % (" in d)
    assert some(lambda n, d: b"\n\x0c\n" in d and b"\n\x0cdef " in d)
    assert some(lambda n, d: d.count(b"\r\n") > 100 and d.count(b"\n") == d.count(b"\r\n"))
    assert some(lambda n, d: b"\n\tdef " in d or b"\n\t\treturn" in d)
    assert some(lambda n, d: any(not name.isascii() for name in _names(d)))
    assert some(lambda n, d: b"shape = _ops.shape" in d)
    assert some(lambda n, d: b"partial(" in d and b"def __call__" in d)
    assert some(lambda n, d: d.count(b"= lambda ") >= 5)
    assert some(lambda n, d: b"def _elementwise(op, name):\n    \"\"\"A closure" in d)
    assert some(lambda n, d: b"run_cell_magic('time'" in d)
    cells = [c for nb in notebooks for c in nb.cells]
    assert any(c.metadata.get("otter", {}).get("ignore") is True for c in cells)
    assert any("otter_ignore" in c.metadata.get("tags", []) and "def shape" in c.source for c in cells)
    sources = "\n".join(c.source for c in cells if c.cell_type == "code")
    for magic in ("%matplotlib inline", "%timeit ", "!ls", "%%time\ndef sigmoid", "shape?", "1 / 0"):
        assert magic in sources, magic


def _names(source):
    tree = ast.parse(source.decode("utf-8"))
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)} | \
        {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


# ---------------------------------------------------------------------------
# make grade: one batch
# ---------------------------------------------------------------------------

@pytest.fixture(scope="session")
def honest_batch(tmp_path_factory, autograder_zip):
    submissions = tmp_path_factory.mktemp("honest")
    for name in FILES:
        shutil.copy(HONEST / name, submissions / name)
    out = tmp_path_factory.mktemp("honest-grades")
    done = subprocess.run(["make", "grade", f"SUBMISSIONS={submissions}", f"OUT={out}",
                           f"AUTOGRADER_ZIP={autograder_zip}", "JOBS=2"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return {r["submission"]: r for r in json.loads((out / "grades.json").read_text())["submissions"]}


@pytest.mark.parametrize("name", FILES)
def test_make_grade_gives_full_marks(honest_batch, name):
    row = honest_batch[stem(name)]
    lost = {q: v["feedback"][-500:] for q, v in row["questions"].items() if v["score"] < v["possible"]}
    assert (row["status"], row["total"]) == ("graded", 100), (row.get("reason"), lost)


# ---------------------------------------------------------------------------
# Stock `otter run`, one file at a time, as an instructor types it
# ---------------------------------------------------------------------------

def otter_run(autograder_zip, source, folder):
    shutil.copy(source, folder / source.name)
    otter = Path(sys.executable).with_name("otter")
    try:
        done = subprocess.run([str(otter), "run", "-a", str(autograder_zip), "-o", str(folder), source.name],
                              cwd=folder, capture_output=True, text=True, timeout=SECONDS)
    except subprocess.TimeoutExpired:
        return None, "timed out"
    results = folder / "results.json"
    if done.returncode != 0 or not results.exists():
        return None, done.stdout[-2000:] + done.stderr[-2000:]
    return json.loads(results.read_text()), ""


@pytest.fixture(scope="session")
def honest_otter_run(tmp_path_factory, autograder_zip):
    jobs = [(name, tmp_path_factory.mktemp("otter-run")) for name in FILES]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(lambda job: (job[0], otter_run(autograder_zip, HONEST / job[0], job[1])), jobs))


@pytest.mark.parametrize("name", FILES)
def test_stock_otter_run_gives_full_marks(honest_otter_run, name):
    results, log = honest_otter_run[name]
    assert results is not None, log
    lost = {t["name"]: t.get("output", "")[-500:] for t in results["tests"]
            if "max_score" in t and t["score"] < t["max_score"]}
    assert earned(results) == 100, lost


# ---------------------------------------------------------------------------
# The zip's run_autograder, run the way Gradescope runs it
# ---------------------------------------------------------------------------

def gradescope_run(autograder_zip, source, env_dir, folder):
    (folder / "in").mkdir()
    shutil.copy(source, folder / "in" / source.name)
    out = folder / "results"
    try:
        done = subprocess.run([str(ROOT / "tests" / "gradescope" / "run_like_gradescope.sh"), str(autograder_zip),
                               str(folder / "in" / source.name), str(env_dir), str(out)],
                              capture_output=True, text=True, timeout=SECONDS)
    except subprocess.TimeoutExpired:
        return None, "timed out"
    path = out / "results.json"
    if done.returncode != 0 or not path.exists():
        return None, done.stdout[-2000:] + done.stderr[-2000:]
    return json.loads(path.read_text()), ""


@pytest.fixture(scope="session")
def honest_on_gradescope(tmp_path_factory, autograder_zip, gradescope_env):  # noqa: F811
    jobs = [(name, tmp_path_factory.mktemp("gradescope")) for name in FILES]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(lambda job: (job[0], gradescope_run(autograder_zip, HONEST / job[0], gradescope_env,
                                                                 job[1])), jobs))


@pytest.mark.parametrize("name", FILES)
def test_the_gradescope_run_gives_full_marks(honest_on_gradescope, name):
    results, log = honest_on_gradescope[name]
    assert results is not None, log
    lost = {t["name"]: t.get("output", "")[-500:] for t in results["tests"]
            if "max_score" in t and t["score"] < t["max_score"]}
    assert earned(results) == 100, lost

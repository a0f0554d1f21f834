"""Shared fixtures: one fresh build of the kit and real notebook execution.

Everything here runs the real thing: Otter Assign builds the kit, a real Jupyter
kernel executes notebooks, and `make grade` runs `otter run` on real files.
"""
import contextlib
import fcntl
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbclient
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder import build  # noqa: E402
from autograder.catalog import TABLE_SEED_SECRET  # noqa: E402

NOTEBOOK_NAME = "nn_from_scratch.ipynb"


@contextlib.contextmanager
def once_per_run(tmp_path_factory, worker_id, name):
    """(folder, done): a folder for what a session fixture makes, and whether it is made already. `make test`
    runs test files in two worker processes (pytest-xdist): the first worker that asks makes it in their
    common temporary folder, the other waits for it and reuses it. Without workers, a folder of its own."""
    if worker_id == "master":  # not under pytest-xdist
        yield tmp_path_factory.mktemp(name), False
        return
    folder = tmp_path_factory.getbasetemp().parent / name
    with open(f"{folder}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        made = (folder / ".made").exists()
        if not made:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
        yield folder, made
        (folder / ".made").touch()


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory, worker_id):
    """`make assign`'s outputs, built from the master into a temporary folder, once per run."""
    with once_per_run(tmp_path_factory, worker_id, "fresh-build") as (out, made):
        if not made:
            build_into(out)
    return out


def build_into(out):
    # The mistakes table (docs/design.md) quotes hidden inputs: the tests build with the table's fixed secret.
    done = subprocess.run([sys.executable, "-m", "autograder.build", "--out", str(out),
                           "--seed-secret", TABLE_SEED_SECRET], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


@pytest.fixture(scope="session")
def autograder_zip(fresh_build):
    return fresh_build / "autograder" / "nn_from_scratch-autograder.zip"


@pytest.fixture(scope="session")
def reference(fresh_build):
    """The generated reference module, imported."""
    path = fresh_build / "assign" / "nn_grading" / "reference.py"
    spec = importlib.util.spec_from_file_location("generated_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def execute_notebook(source, workdir, allow_errors, ready=False):
    """Run a notebook top to bottom in a real kernel, in `workdir`, under the name its Otter cell expects.
    `ready`: the student has set READY = True in the export cell, which then writes the zip."""
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / NOTEBOOK_NAME
    shutil.copy(source, path)
    nb = nbformat.read(str(path), as_version=4)
    if ready:
        (export,) = [c for c in nb.cells if c.cell_type == "code" and "grader.export(" in c.source]
        assert "READY = False" in export.source
        export.source = export.source.replace("READY = False", "READY = True")
        nbformat.write(nb, str(path))  # saved, as the export cell asks
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=allow_errors,
                                     resources={"metadata": {"path": str(workdir)}})
    client.execute()
    return nb


def error_outputs(nb):
    return [(i, out["ename"], out["evalue"]) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            for out in cell.get("outputs", []) if out.get("output_type") == "error"]


@pytest.fixture(scope="session")
def reference_run(tmp_path_factory):
    """The reference solution notebook executed top to bottom, its export cell set READY = True."""
    workdir = tmp_path_factory.mktemp("reference-run")
    nb = execute_notebook(ROOT / "examples" / "submissions" / "reference.ipynb", workdir, allow_errors=True,
                          ready=True)
    return nb, workdir


@pytest.fixture(scope="session")
def check_cells(fresh_build, tmp_path_factory, worker_id):
    """Mistake name -> what its question's check cell prints in the generated student notebook with that
    one mistake filled in, run in real kernels, two of them, each notebook after a `%reset -f` and the
    unpatched notebook last in each, whose check cells must all pass (catalog.check_cells_in_one_kernel).
    Once per run: test_check_cells and test_mistakes."""
    from autograder import catalog
    with once_per_run(tmp_path_factory, worker_id, "check-cells") as (folder, made):
        if not made:
            said = catalog.check_cells_say(fresh_build / "examples" / "submissions" / "reference.ipynb",
                                           catalog.load(), folder / "kernels", jobs=2)
            (folder / "said.json").write_text(json.dumps(said))
    return json.loads((folder / "said.json").read_text())

"""A submission is reduced to its one notebook or script before anything of it runs.

Fast tests of the two places that do it: `make grade` (autograder/grade.py), which
unpacks only the notebook of an export zip, after checking what the zip would unpack
to; and the Otter plugin (nn_grading/plugin.py), which empties the submission's folder
but for that file when Otter has unpacked a zip itself (stock `otter run`, Gradescope).
"""
import zipfile

import pytest

from autograder import grade
from nn_grading import plugin


def make_zip(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


NOTEBOOK = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


@pytest.mark.parametrize("names, expected", [
    (["nn_from_scratch.ipynb", "nn_grading/checks.py", ".OTTER_LOG"], "nn_from_scratch.ipynb"),
    (["a.ipynb", "helper.py"], "a.ipynb"),
    (["solution.py", "__init__.py"], "solution.py"),
    (["a.ipynb", "b.ipynb"], None),
    (["a.py", "b.py"], None),
    (["notes.txt"], None),
])
def test_the_graded_file_follows_otters_own_rule(names, expected):
    assert plugin.gradable_file(names) == expected


def test_make_grade_unpacks_only_the_notebook_of_a_zip(tmp_path):
    submission = make_zip(tmp_path / "alice.zip", {
        "nn_from_scratch.ipynb": NOTEBOOK, "nn_grading/__init__.py": "raise SystemExit", "nn_grading/plugin.py": "",
        ".OTTER_LOG": b"\x80\x04not a log", "tests/q1.py": "", "pandas.py": "import os"})
    assert grade.why_ungradable(submission) is None
    staged = tmp_path / "staged"
    staged.mkdir()
    graded = grade.graded_file(submission, staged)
    assert graded == staged / "submission.ipynb"
    assert graded.read_text() == NOTEBOOK
    assert [p.name for p in staged.iterdir()] == ["submission.ipynb"]


@pytest.mark.parametrize("members, reason", [
    ({f"f{i}.txt": "" for i in range(grade.MAX_ZIP_MEMBERS + 1)} | {"a.ipynb": NOTEBOOK}, "files, over the limit"),
    ({"a.ipynb": NOTEBOOK, "big.bin": b"\0" * (grade.MAX_ZIP_BYTES + 1)}, "MB, over the"),
    ({"a.ipynb": NOTEBOOK, "/".join("d" * (grade.MAX_ZIP_DEPTH + 1)) + "/x.txt": ""}, "nests folders"),
    ({"a.ipynb": NOTEBOOK, "b.ipynb": NOTEBOOK}, "keep only one"),
    ({"folder/a.ipynb": NOTEBOOK}, "no notebook (.ipynb) or Python file at its top level"),
])
def test_a_zip_over_a_cap_gets_a_reason_before_anything_is_unpacked(tmp_path, members, reason):
    submission = make_zip(tmp_path / "bob.zip", members)
    assert reason in (grade.why_ungradable(submission) or "")


def test_a_zip_bomb_is_refused_from_its_directory_alone(tmp_path):
    # 0.6 MB of zip that would unpack to 600 MB: the directory says so, nothing is unpacked.
    submission = tmp_path / "bomb.zip"
    with zipfile.ZipFile(submission, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.ipynb", NOTEBOOK)
        with z.open("fill.bin", "w", force_zip64=True) as member:
            block = b"\0" * 2**20
            for _ in range(600):
                member.write(block)
    assert submission.stat().st_size < 2 * 2**20
    assert "unpacks to 600 MB" in grade.why_ungradable(submission)


def test_the_plugin_leaves_only_the_graded_file_and_otters_own(tmp_path):
    folder = tmp_path / "submission"
    (folder / "nn_grading").mkdir(parents=True)
    (folder / "tests").mkdir()
    for name in ["nn_from_scratch.ipynb", "__init__.py", ".OTTER_LOG", "nn_grading/checks.py", "tests/q1.py",
                 "random.py"]:
        (folder / name).write_text("")
    dropped = plugin.reduce_to(folder, "nn_from_scratch.ipynb")
    assert sorted(p.name for p in folder.iterdir()) == ["__init__.py", "nn_from_scratch.ipynb", "tests"]
    assert set(dropped) == {".OTTER_LOG", "nn_grading", "random.py"}

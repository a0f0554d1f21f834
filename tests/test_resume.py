"""A second run grades only what is new or changed; --regrade and --force grade again."""
import shutil

from conftest import ROOT

from autograder.engine import Limits
from autograder.grade import grade_folder


def graded_names(capsys):
    """The submissions the last run actually graded: one progress line each."""
    lines = capsys.readouterr().out.splitlines()
    return sorted(line.split("| ")[1].split(":")[0] for line in lines if line.startswith("[") and "| " in line)


def test_unchanged_files_are_not_graded_twice(tmp_path, autograder_zip, capsys):
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "independent" / "solution.py", folder / "alice.py")
    (folder / "bob.py").write_text("def shape(A):\n    raise NotImplementedError\n")
    out = tmp_path / "out"

    def grade(**options):
        results = grade_folder(folder, out, autograder_zip, Limits(timeout=120), jobs=2, **options)
        return {r.submission: r.total for r in results}, graded_names(capsys)

    first, graded = grade()
    assert graded == ["alice", "bob"] and first == {"alice": 100, "bob": 0}
    again, graded = grade()
    assert graded == [] and again == first, "unchanged files must keep their grades without being graded"

    (folder / "bob.py").write_text("def shape(A):\n    return (len(A), len(A[0]) if A else 0)\n")
    changed, graded = grade()
    assert graded == ["bob"] and changed["alice"] == 100

    _, graded = grade(regrade=[folder / "alice.py"])
    assert graded == ["alice"]
    _, graded = grade(force=True)
    assert graded == ["alice", "bob"]
    assert (out / "grades.csv").read_text().count("\n") == 3

"""The check cell is the teacher: run in a real kernel, the student notebook names each catalogued
mistake at the question's own check cell, in the hidden checks' words (the catalog's `feedback`).

Each catalog entry (tests/mistakes/catalog.toml) is filled into the generated student notebook (the
reference with that one patch), which runs from its first cell down to the question's check cell. The
mistakes share two kernels (a kernel's start and Otter's import were 5 of each notebook's 6 s): between
two notebooks a `%reset -f` empties the namespace, as a restart would, and each kernel ends with the
unpatched notebook, every check cell of which must pass, so that no mistake's leftovers reached another."""
import pytest

from autograder import catalog

MISTAKES = catalog.load()


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m["name"])
def test_the_check_cell_names_the_mistake(check_cells, mistake):
    said = check_cells[mistake["name"]]
    assert "All test cases passed" not in said, f"the check cell passed: {said}"
    for words in mistake["feedback"]:
        assert words in said, f"the check cell should say {words!r}; it says: {said}"
    assert "Traceback" not in said and "NameError" not in said, said


def test_the_reference_passes_every_check_cell(reference_run):
    nb, _ = reference_run
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("grader.check(")]
    assert len(checks) == 16
    for cell in checks:
        said = "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in cell.outputs)
        assert "All test cases passed" in said, f"{cell.source}: {said}"


def test_a_mistake_that_outlives_the_reset_is_caught_by_the_reference_run_after_it(fresh_build, tmp_path):
    """The guard of the shared kernels can fail: a patch that changes a module (which `%reset -f` leaves
    alone) makes the unpatched notebook's checks fail after it, and the run refuses to answer."""
    zeros = catalog.by_name()["zeros_aliased_rows"]
    poison = dict(zeros, name="poisons_math", new=zeros["old"] + "\n\nimport math\nmath.tanh = lambda z: 0.0\n")
    with pytest.raises(RuntimeError, match="a mistake changed something"):
        catalog.check_cells_in_one_kernel(fresh_build / "examples" / "submissions" / "reference.ipynb", [poison],
                                          tmp_path / "kernel")

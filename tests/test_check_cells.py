"""The check cell is the teacher: run in a real kernel, the student notebook names each catalogued
mistake at the question's own check cell, in the hidden checks' words (the catalog's `feedback`).

Each catalog entry (tests/mistakes/catalog.toml) is filled into the generated student notebook (the
reference with that one patch), which runs down to the question's check cell."""
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

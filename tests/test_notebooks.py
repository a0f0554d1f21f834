"""The notebooks run top to bottom in a real Jupyter kernel."""
from conftest import ROOT, error_outputs, execute_notebook


def test_untouched_student_notebook_runs_to_the_end_and_only_stubs_complain(tmp_path):
    nb = execute_notebook(ROOT / "assignments" / "nn_from_scratch.ipynb", tmp_path, allow_errors=True)
    errors = error_outputs(nb)
    assert errors, "cells that call the stubs should show NotImplementedError"
    assert {name for _, name, _ in errors} == {"NotImplementedError"}, errors
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("grader.check(")]
    assert len(checks) == 16
    for cell in checks:
        text = str(cell.outputs)
        assert "failed" in text and "NotImplementedError" in text, cell.source
    assert list(tmp_path.glob("nn_from_scratch_*.zip")), "the export cell should write the submission zip"


def test_reference_notebook_runs_without_an_error_and_passes_every_check(reference_run):
    nb, workdir = reference_run
    assert error_outputs(nb) == []
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("grader.check(")]
    assert len(checks) == 16
    for cell in checks:
        assert "All test cases passed" in str(cell.outputs), (cell.source, cell.outputs)
    training = next(c for c in nb.cells if c.cell_type == "code" and "validation accuracy" in c.source)
    accuracy = float(str(training.outputs[0]["text"]).split("validation accuracy:")[1].split()[0])
    assert accuracy >= 0.9
    assert len(list(workdir.glob("nn_from_scratch_*.zip"))) == 1

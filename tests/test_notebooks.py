"""The notebooks run top to bottom in a real Jupyter kernel."""
import re
import zipfile

import nbformat

from conftest import ROOT, error_outputs, execute_notebook


def test_untouched_student_notebook_runs_to_the_end_and_only_stubs_complain(tmp_path):
    nb = execute_notebook(ROOT / "assignments" / "nn_from_scratch.ipynb", tmp_path, allow_errors=True)
    errors = error_outputs(nb)
    assert errors, "cells that call the stubs should show NotImplementedError"
    # The stubs raise NotImplementedError; section 7's pictures after 7.1 ask for 7.1's training first.
    assert {name for _, name, _ in errors} == {"NotImplementedError", "RuntimeError"}, errors
    assert all(value.startswith("run section 7.1 first") for _, name, value in errors if name == "RuntimeError")
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("grader.check(")]
    assert len(checks) == 16
    for cell in checks:
        text = str(cell.outputs)
        assert "failed" in text and "NotImplementedError" in text, cell.source
    assert not list(tmp_path.glob("nn_from_scratch_*.zip")), "Run All should not export until the student asks"
    export = next(c for c in nb.cells if c.cell_type == "code" and "grader.export(" in c.source)
    assert "Not exported yet: set READY = True" in str(export.outputs)
    diagram = next(c for c in nb.cells if c.cell_type == "code" and "display(draw_network())" in c.source)
    assert any("image/png" in out.get("data", {}) for out in diagram.outputs), "the network is drawn from the start"


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
    (exported,) = workdir.glob("nn_from_scratch_*.zip")
    with zipfile.ZipFile(exported) as z:  # what grading needs, and not Otter's log of every check run
        assert "nn_from_scratch.ipynb" in z.namelist() and ".OTTER_LOG" not in z.namelist(), z.namelist()
    assert (workdir / ".OTTER_LOG").exists(), "the checks did log: the zip leaves the log out on purpose"


DURATION = re.compile(r"\b(\d+(\.\d+)?\s*(s|sec|seconds?|min|minutes?)|(a few|one|two|three|five|ten|twenty|thirty)\s+"
                      r"(seconds?|minutes?))\b", re.I)


def test_what_students_read_promises_no_duration_that_no_test_measures():
    """The notebook's text and the README's student section say no "takes N seconds": a student's machine
    is not ours, and an unmeasured promise is one that breaks (section 7 "under ten seconds" took 15)."""
    nb = nbformat.read(str(ROOT / "assignments" / "nn_from_scratch.ipynb"), as_version=4)
    readme = (ROOT / "README.md").read_text()
    student = readme[readme.index("## The student's path"):readme.index("## The instructor's path")]
    texts = [c.source for c in nb.cells if c.cell_type == "markdown"] + [student, (ROOT / "docs" / "student.md").read_text()]
    found = [m.group(0) for text in texts for m in DURATION.finditer(text)]
    assert found == [], found


def test_the_first_text_a_student_reads_says_how_to_set_up():
    nb = nbformat.read(str(ROOT / "assignments" / "nn_from_scratch.ipynb"), as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown", "the set-up text comes before any code cell"
    for words in ("Python 3.10 or newer", "python3 -m venv", "pip install otter-grader==7.0.0", "jupyter lab",
                  "MB", "VS Code", "Colab"):
        assert words in first.source, words
    assert "DOWNLOAD_MB" not in first.source


def test_the_reference_notebook_draws_every_picture_of_section_7(reference_run):
    nb, _ = reference_run
    pictures = [c for c in nb.cells if c.cell_type == "code" and "otter_ignore" in c.metadata.get("tags", [])
                and "display(" in c.source]
    drawn = {name for c in pictures for name in re.findall(r"display\((\w+)\(", c.source)}
    assert drawn == {"draw_network", "plot_losses", "plot_decision", "plot_loss_curves", "plot_decision_slices",
                     "plot_hidden_units", "plot_gradient_check"}
    for cell in pictures:
        images = [out for out in cell.outputs if "image/png" in out.get("data", {})]
        assert len(images) == cell.source.count("display("), cell.source


def test_every_question_has_a_worked_example_or_a_hint_and_a_check_after_it():
    nb = nbformat.read(str(ROOT / "assignments" / "nn_from_scratch.ipynb"), as_version=4)
    checks = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.startswith("grader.check(")]
    assert len(checks) == 16
    for previous, i in zip([0] + checks, checks):  # the cells of one question: after the last check, up to its own
        question = re.search(r'grader.check\("(\w+)"\)', nb.cells[i].source).group(1)
        text = "\n".join(c.source for c in nb.cells[previous:i] if c.cell_type == "markdown")
        assert "Worked example" in text or "What to expect" in text or "<summary>Hint" in text, question
        assert any("raise NotImplementedError" in c.source for c in nb.cells[previous:i] if c.cell_type == "code"), question

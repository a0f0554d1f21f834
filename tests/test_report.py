"""`make report`: one self-contained HTML page about a graded batch, rendered in a real browser."""
import json
import re
import shutil
import subprocess

import pytest
from PIL import Image

from autograder import report
from conftest import ROOT


@pytest.fixture(scope="module")
def graded(tmp_path_factory, autograder_zip):
    """The bundled examples and an empty file, graded by `make grade`, then `make report`."""
    submissions = tmp_path_factory.mktemp("report-submissions")
    for example in (ROOT / "examples" / "submissions").iterdir():
        shutil.copy(example, submissions / example.name)
    (submissions / "empty.ipynb").write_bytes(b"")
    out = tmp_path_factory.mktemp("report-grades")
    for target in ([f"grade", f"SUBMISSIONS={submissions}"], ["report"]):
        done = subprocess.run(["make", *target, f"OUT={out}", f"AUTOGRADER_ZIP={autograder_zip}"], cwd=ROOT,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return out, json.loads((out / "grades.json").read_text())["submissions"]


def test_the_report_is_one_self_contained_page(graded):
    out, _ = graded
    page = (out / "report.html").read_text()
    assert "<script" not in page and "<link" not in page and "<img" not in page
    # The only address in it is the SVG namespace, which is a name, never fetched.
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) == {"http://www.w3.org/2000/svg"}


def test_the_report_has_every_student_the_failures_and_the_errors(graded):
    out, rows = graded
    page = (out / "report.html").read_text()
    students = page.split("<h2>Students</h2>")[1].split("<h2>")[0]
    assert students.count("<tr") == len(rows) + 1  # a header and one row each
    for row in rows:
        assert f"<td>{row['submission']}</td>" in students
    errors = page.split("<h2>Timeouts and errors</h2>")[1].split("<h2>")[0]
    assert "empty" in errors and "the file is empty" in errors
    # The mistake of bug_backward_missing_mean is named among the diagnoses, counted once.
    diagnoses = page.split("<h2>Most common diagnoses</h2>")[1].split("<h2>")[0]
    assert re.search(r"<td class='num'>1</td><td><code>backward_grads</code></td><td>[^<]*times too large", diagnoses)
    assert "backward_grads hidden check 2 (8 pts)" in page


def test_the_report_renders_its_charts_in_headless_chromium(graded, tmp_path):
    out, rows = graded
    png = tmp_path / "report.png"
    report.screenshot(out / "report.html", png, width=1200, height=1400)
    image = Image.open(png).convert("RGB")
    bar = tuple(int(report.BAR[i:i + 2], 16) for i in (1, 3, 5))
    pixels = image.getdata()
    # Bars are drawn: the score histograms (6 charts) and the failed checks' bars, in the bars' colour.
    drawn = sum(1 for p in pixels if p == bar)
    assert drawn > 5000, f"only {drawn} pixels of the bar colour: the charts did not render"
    # Text renders too (dark pixels), not only boxes.
    dark = sum(1 for p in pixels if max(p) < 80)
    assert dark > 5000

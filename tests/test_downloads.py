"""What instructors download: a Gradescope export and a Canvas download, in their documented layouts, go
from the download to grades with names and IDs, a gradebook for each, and feedback per student, in one
real `make grade`; a malformed download gets a clear message, never a traceback."""
import csv
import json
import shutil
import subprocess
import zipfile

import pytest

from conftest import ROOT

from autograder import intake, returns

EXAMPLES = ROOT / "examples" / "submissions"
METADATA = """\
submission_1001:
  :submitters:
  - :name: Ada Lovelace
    :sid: '2024001'
    :email: ada@example.edu
  :created_at: 2026-11-30 10:00:00.000000000 -08:00
  :score: 0.0
submission_1002:
  :submitters:
  - :name: Alan Turing
    :sid: '2024002'
    :email: alan@example.edu
  - :name: Grace Hopper
    :sid: '2024003'
    :email: grace@example.edu
submission_1003:
  :submitters:
  - :name: Edsger Dijkstra
    :sid: '2024004'
    :email: edsger@example.edu
submission_1004:
  :submitters:
  - :name: Barbara Liskov
    :sid: '2024005'
    :email: barbara@example.edu
"""


def gradescope_export(folder):
    """Gradescope's "Export Submissions": submission_metadata.yml and a folder per submission, as uploaded."""
    folder.mkdir(parents=True)
    (folder / "submission_metadata.yml").write_text(METADATA)
    for key, files in {"submission_1001": ["reference.ipynb"],
                       "submission_1002": ["bug_dropout_not_scaled.ipynb", "bug_backward_missing_mean.zip"],
                       "submission_1003": ["untouched.ipynb"]}.items():  # 1004: in the metadata, no folder
        (folder / key).mkdir()
        for name in files:
            target = "nn_from_scratch.ipynb" if name.endswith(".ipynb") else "nn_from_scratch_2026_11_30.zip"
            shutil.copy(EXAMPLES / name, folder / key / target)
    return folder


def canvas_download(path):
    """Canvas's "Download Submissions": one zip, each file named login_[LATE_]userid_submissionid_file."""
    with zipfile.ZipFile(path, "w") as z:
        z.write(EXAMPLES / "reference.ipynb", "lovelaceada_4101_9001_nn_from_scratch.ipynb")
        z.write(EXAMPLES / "bug_sigmoid_overflows.py", "turingalan_LATE_4102_9002_nn_from_scratch.py")
        z.write(EXAMPLES / "untouched.ipynb", "hoppergrace_4103_9003_nn_from_scratch.ipynb")
        z.write(EXAMPLES / "reference.ipynb", "hoppergrace_4103_9004_nn_from_scratch-1.ipynb")
    return path


def make_grade(submissions, out, autograder_zip):
    return subprocess.run(["make", "grade", f"SUBMISSIONS={submissions}", f"OUT={out}",
                           f"AUTOGRADER_ZIP={autograder_zip}", "JOBS=2"], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def graded_downloads(tmp_path_factory, autograder_zip):
    tmp = tmp_path_factory.mktemp("downloads")
    export = gradescope_export(tmp / "gradescope_export")
    shutil.make_archive(str(tmp / "gradescope_export"), "zip", export.parent, export.name)
    sources = {"gradescope": tmp / "gradescope_export.zip", "canvas": canvas_download(tmp / "submissions.zip")}
    done = {}
    for layout, source in sources.items():
        out = tmp / f"out_{layout}"
        run = make_grade(source, out, autograder_zip)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
        done[layout] = {"out": out, "stdout": run.stdout,
                        "rows": {r["submission"]: r for r in json.loads((out / "grades.json").read_text())["submissions"]}}
    return done


def test_a_gradescope_export_gives_rows_with_names_ids_and_emails(graded_downloads):
    rows = graded_downloads["gradescope"]["rows"]
    assert set(rows) == {"submission_1001", "submission_1002", "submission_1003", "submission_1004"}
    assert rows["submission_1001"]["students"] == [{"name": "Ada Lovelace", "sid": "2024001", "email": "ada@example.edu"}]
    assert rows["submission_1001"]["total"] == 100
    assert [s["name"] for s in rows["submission_1002"]["students"]] == ["Alan Turing", "Grace Hopper"]
    assert "graded nn_from_scratch.ipynb" in rows["submission_1002"]["note"]  # two files: which, and why
    assert rows["submission_1004"]["status"] == "error" and "missing" in rows["submission_1004"]["reason"]
    with open(graded_downloads["gradescope"]["out"] / "grades.csv") as f:
        table = list(csv.DictReader(f))
    group = next(r for r in table if r["submission"] == "submission_1002")
    assert group["name"] == "Alan Turing; Grace Hopper" and group["sid"] == "2024002; 2024003"


def test_a_canvas_download_gives_rows_with_the_student_and_the_newest_file(graded_downloads):
    rows = graded_downloads["canvas"]["rows"]
    assert set(rows) == {"lovelaceada_4101", "turingalan_4102", "hoppergrace_4103"}
    assert rows["lovelaceada_4101"]["students"] == [{"name": "lovelaceada", "sid": "4101", "email": ""}]
    assert rows["lovelaceada_4101"]["total"] == 100
    assert "late" in rows["turingalan_4102"]["note"]
    assert rows["hoppergrace_4103"]["note"].startswith("graded hoppergrace_4103_900")  # two notebooks: which, why


@pytest.mark.parametrize("layout", ["gradescope", "canvas"])
def test_the_gradebooks_have_their_documented_headers_and_a_row_per_student(graded_downloads, layout):
    out = graded_downloads[layout]["out"]
    with open(out / "gradebook_canvas.csv") as f:
        canvas = list(csv.reader(f))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "nn_from_scratch"]
    assert canvas[1][0].strip() == "Points Possible" and canvas[1][5] == "100"
    with open(out / "gradebook.csv") as f:
        plain = list(csv.DictReader(f))
    assert list(plain[0]) == returns.PLAIN_HEADER
    students = [s for r in graded_downloads[layout]["rows"].values() for s in r["students"]]
    assert len(plain) == len(canvas) - 2 == len(students)
    id_column = 1 if layout == "canvas" else 2  # Canvas's user id, or the SIS id Gradescope knows
    assert sorted(row[id_column] for row in canvas[2:]) == sorted(s["sid"] for s in students)


@pytest.mark.parametrize("layout", ["gradescope", "canvas"])
def test_each_student_gets_feedback_named_after_them_in_markdown_and_html(graded_downloads, layout):
    out = graded_downloads[layout]["out"]
    students = [s for r in graded_downloads[layout]["rows"].values() for s in r["students"]]
    with zipfile.ZipFile(out / "returns.zip") as z:
        names = sorted(z.namelist())
    assert len(names) == 2 * len(students)
    if layout == "gradescope":
        assert "returns/Grace_Hopper_2024003.html" in names and "returns/Grace_Hopper_2024003.md" in names
        page = (out / "returns" / "Ada_Lovelace_2024001.html").read_text()
        assert "Ada Lovelace" in page and "100 / 100" in page and "<script" not in page and "src=" not in page


@pytest.mark.parametrize("text, words", [
    ("submission_1: [unclosed", "submission_metadata.yml cannot be read"),
    ("- just\n- a list\n", "should map each submission_<id> folder"),
])
def test_a_malformed_metadata_file_gets_a_clear_message(tmp_path, autograder_zip, text, words):
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "submission_metadata.yml").write_text(text)
    run = make_grade(tmp_path / "export", tmp_path / "out", autograder_zip)
    assert run.returncode != 0 and words in run.stderr + run.stdout and "Traceback" not in run.stderr


def test_an_unknown_layout_gets_a_clear_message(tmp_path, autograder_zip):
    (tmp_path / "download" / "some_folder").mkdir(parents=True)
    (tmp_path / "download" / "some_folder" / "notes.txt").write_text("?")
    (tmp_path / "download" / "other").mkdir()
    run = make_grade(tmp_path / "download", tmp_path / "out", autograder_zip)
    assert run.returncode != 0 and "unknown layout" in run.stderr and "Traceback" not in run.stderr


def test_a_download_that_would_unpack_outside_its_folder_is_refused(tmp_path):
    with zipfile.ZipFile(tmp_path / "evil.zip", "w") as z:
        z.writestr("../../escaped.ipynb", "{}")
    with pytest.raises(intake.LayoutError, match="outside its folder"):
        intake.collect(tmp_path / "evil.zip", tmp_path / "scratch")
    assert not (tmp_path.parent / "escaped.ipynb").exists()


def test_a_moodle_download_gives_a_row_per_student(tmp_path):
    folder = tmp_path / "moodle" / "Ada Lovelace_4101_assignsubmission_file_"
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLES / "reference.ipynb", folder / "nn_from_scratch.ipynb")
    layout, found = intake.collect(tmp_path / "moodle", tmp_path / "scratch")
    assert layout == "moodle" and [(s.row, s.students[0].name, s.students[0].sid) for s in found] == [
        ("Ada_Lovelace_4101", "Ada Lovelace", "4101")]


def test_a_reviewers_points_count_and_a_regrade_keeps_them(graded_downloads, autograder_zip, tmp_path):
    """make grade writes manual_points.csv as a template (the plots question per row); the points a
    reviewer fills in replace the autograder's, in grades, gradebooks and feedback, run after run."""
    out = graded_downloads["gradescope"]["out"]
    with open(out / "manual_points.csv") as f:
        template = list(csv.DictReader(f))
    assert {r["submission"] for r in template} == set(graded_downloads["gradescope"]["rows"])
    assert {r["question"] for r in template} == {"training_plots"} and all(r["points"] == "" for r in template)
    with open(out / "manual_points.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["submission", "name", "question", "points", "comment"])
        writer.writerow(["submission_1001", "Ada Lovelace", "training_plots", "1", "the loss plot has no title"])
        writer.writerow(["submission_1003", "Edsger Dijkstra", "nonsense", "5", ""])
    export = tmp_path / "export"
    gradescope_export(export)
    for _ in range(2):  # the second run is a regrade of the same files: the reviewer's point stays
        run = make_grade(export, out, autograder_zip)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
        assert "line 3: no submission 'submission_1003' with a question 'nonsense'" in run.stdout
        rows = {r["submission"]: r for r in json.loads((out / "grades.json").read_text())["submissions"]}
        assert rows["submission_1001"]["total"] == 99
        assert rows["submission_1001"]["questions"]["training_plots"]["score"] == 1
        assert "Points set by a reviewer: the loss plot has no title" in (
            out / "feedback" / "submission_1001.md").read_text()
        with open(out / "gradebook.csv") as f:
            assert {r["sid"]: r["score"] for r in csv.DictReader(f)}["2024001"] == "99"


@pytest.fixture(scope="module")
def reported(graded_downloads, autograder_zip):
    """`make report` on each graded download, and nothing else: the similarity table comes with it."""
    for layout in graded_downloads:
        run = subprocess.run(["make", "report", f"OUT={graded_downloads[layout]['out']}", f"AUTOGRADER_ZIP={autograder_zip}"],
                             cwd=ROOT, capture_output=True, text=True)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return graded_downloads


def similar(out):
    with open(out / "similarity.csv") as f:
        return {frozenset((r["submission_a"], r["submission_b"])) for r in csv.DictReader(f)}


def test_the_report_of_a_gradescope_export_shows_each_students_plots_and_the_similar_pairs(reported):
    out = reported["gradescope"]["out"]
    page = (out / "gallery.html").read_text()
    ada = page.split("Ada Lovelace")[1].split("<section")[0]
    assert ada.count("<svg") == 2 and "epoch" in ada and "feature x1" in ada  # the reference's own labels
    edsger = page.split("Edsger Dijkstra")[1].split("<section")[0]
    assert "No figure from <code>plot_losses</code>" in edsger  # the untouched notebook drew nothing
    assert "<script" not in page
    report = (out / "report.html").read_text()
    assert "gallery.html" in report and "Similar code" in report and "Alan Turing" in report
    # The reference and the reference with one bug are one code; the untouched notebook is only what was given.
    assert similar(out) == {frozenset(("submission_1001", "submission_1002"))}
    assert (out / "similarity.html").exists()
    similar_code = report.split("<h2>Similar code</h2>")[1].split("<h2>")[0]
    assert "submission_1001" in similar_code and "submission_1003" not in similar_code


def test_the_report_of_a_canvas_download_shows_the_students_and_the_similar_pairs(reported):
    out = reported["canvas"]["out"]
    report = (out / "report.html").read_text()
    assert "lovelaceada" in report and "turingalan" in report and "gallery.html" in report
    # Grace's newest file is the reference, as is Ada's; Alan's script is his own.
    assert frozenset(("lovelaceada_4101", "hoppergrace_4103")) in similar(out)
    assert sorted(p.name for p in (out / "code").iterdir()) == [
        "hoppergrace_4103.py", "lovelaceada_4101.py", "turingalan_4102.py"]


def test_one_row_of_a_download_is_regraded_and_the_others_are_kept(graded_downloads, autograder_zip, tmp_path):
    """A regrade request names a row of grades.csv: `make regrade ROW=` grades that submission of the
    download again, and only that one; a row that is not there gets a warning."""
    out = tmp_path / "out"
    shutil.copytree(graded_downloads["canvas"]["out"], out)
    source = graded_downloads["canvas"]["out"].parent / "submissions.zip"
    run = subprocess.run(["make", "regrade", f"SUBMISSIONS={source}", "ROW=turingalan_4102", f"OUT={out}",
                          f"AUTOGRADER_ZIP={autograder_zip}"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    graded = [line.split("| ")[1].split(":")[0] for line in run.stdout.splitlines() if line.startswith("[") and "| " in line]
    assert graded == ["turingalan_4102"]
    assert "2 unchanged since the last run" in run.stdout
    rows = {r["submission"]: r for r in json.loads((out / "grades.json").read_text())["submissions"]}
    before = graded_downloads["canvas"]["rows"]
    assert {r: (rows[r]["questions"], rows[r]["students"]) for r in rows} == {
        r: (before[r]["questions"], before[r]["students"]) for r in before}  # the same grades, and the same students
    run = subprocess.run(["make", "regrade", f"SUBMISSIONS={source}", "ROW=nobody_1", f"OUT={out}",
                          f"AUTOGRADER_ZIP={autograder_zip}"], cwd=ROOT, capture_output=True, text=True)
    assert "nothing to regrade called nobody_1" in run.stdout


def test_metadata_written_from_ruby_with_tags_numbers_and_accents_still_names_every_student(tmp_path):
    """Gradescope writes its metadata from Ruby: a tag YAML does not know is read as its plain value (and
    no tag ever makes an object), an unquoted SID is a number, a name may have any letters."""
    export = tmp_path / "export"
    (export / "submission_7").mkdir(parents=True)
    shutil.copy(EXAMPLES / "reference.ipynb", export / "submission_7" / "nn_from_scratch.ipynb")
    (export / "submission_metadata.yml").write_text("""\
submission_7:
  :submitters:
  - :name: Zoë Ñúñez
    :sid: 2024007
    :email: zoe@example.edu
  :score: !ruby/object:BigDecimal 18:0.1e2
  :history: !!python/object/apply:os.system ["touch pwned"]
""", encoding="utf-8")
    layout, found = intake.collect(export, tmp_path / "scratch")
    assert layout == "gradescope" and [(s.row, s.students) for s in found] == [
        ("submission_7", [intake.Student("Zoë Ñúñez", "2024007", "zoe@example.edu")])]
    assert not (tmp_path / "pwned").exists() and not (ROOT / "pwned").exists()

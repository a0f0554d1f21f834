"""The README is short and sends its readers to the guides; the points table is the autograder's."""
from conftest import ROOT

from autograder.grade import part_of, question_points


def test_points_table_matches_the_autograder(autograder_zip):
    table = {}
    for line in (ROOT / "docs" / "design.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 4 and cells[2].isdigit():
            part, question, points = cells[0], cells[1], int(cells[2])
            assert part_of(question) == part
            table[question] = points
    assert table == question_points(autograder_zip)
    assert sum(table.values()) == 100


def test_readme_starts_with_the_two_commands():
    head = (ROOT / "README.md").read_text()[:1200]
    assert "make demo" in head and "make test" in head


def test_every_picture_the_readme_shows_is_made_by_make_screenshots():
    import re
    shown = set(re.findall(r"\]\((docs/img/[\w.]+\.png)\)", (ROOT / "README.md").read_text()))
    assert len(shown) >= 8
    for path in shown:
        assert (ROOT / path).stat().st_size > 5000, path
    made = {f"docs/img/{p.name}" for p in (ROOT / "docs" / "img").glob("*.png")}
    assert made == shown, "docs/img/ and the README disagree: run make screenshots"
    # The names are those of the functions that draw them, in the student notebook's given code.
    notebook = (ROOT / "assignments" / "nn_from_scratch.ipynb").read_text()
    for path in shown - {"docs/img/report.png"}:
        assert f"def {path.split('/')[-1].removesuffix('.png').removesuffix('_2')}(" in notebook, path


def test_the_readme_is_short_and_links_the_three_guides():
    text = (ROOT / "README.md").read_text()
    assert len(text.split()) < 1500
    for guide in ("docs/student.md", "docs/instructor.md", "docs/design.md"):
        assert f"]({guide})" in text and (ROOT / guide).exists(), guide


def test_what_students_see_of_the_hidden_checks_is_said_once_and_matches_the_zip(autograder_zip):
    from autograder.grade import show_hidden
    said = [(path, line) for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
            for line in path.read_text().splitlines() if "show_hidden" in line]
    assert len({path for path, _ in said}) == 1, said
    assert show_hidden(autograder_zip) and all("show_hidden: false" not in line for _, line in said), said

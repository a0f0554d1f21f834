"""The README's points table is the autograder's."""
from conftest import ROOT

from autograder.grade import part_of, question_points


def test_points_table_matches_the_autograder(autograder_zip):
    table = {}
    for line in (ROOT / "README.md").read_text().splitlines():
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

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

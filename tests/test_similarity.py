"""`make similarity`: a copy with its variables renamed is flagged; independent solutions are not."""
import builtins
import csv
import io
import keyword
import shutil
import subprocess
import tokenize

from conftest import ROOT

from nn_grading.contract import FUNCTIONS


def renamed(source):
    """`source` with every name of its own (variables, helpers) renamed: what a copier does first."""
    keep = set(keyword.kwlist) | set(dir(builtins)) | set(FUNCTIONS) | {"math", "random", "matplotlib", "Figure"}
    tokens, after_dot = [], False
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        text = token.string
        if token.type == tokenize.NAME and text not in keep and not after_dot:
            text = "my_" + text
        after_dot = token.type == tokenize.OP and token.string == "."
        tokens.append((token.type, text))
    return tokenize.untokenize(tokens)


def test_a_renamed_copy_is_flagged_and_independent_solutions_are_not(tmp_path):
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    shutil.copy(ROOT / "examples" / "submissions" / "reference.ipynb", submissions / "reference.ipynb")
    independent = (ROOT / "tests" / "independent" / "solution.py").read_text()
    (submissions / "independent.py").write_text(independent)
    (submissions / "copier.py").write_text(renamed(independent))
    compile(renamed(independent), "copier.py", "exec")  # still a working submission
    run = subprocess.run(["make", "similarity", f"SUBMISSIONS={submissions}", f"OUT={tmp_path / 'out'}"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    with open(tmp_path / "out" / "similarity.csv") as f:
        pairs = {frozenset((r["submission_a"], r["submission_b"])): r for r in csv.DictReader(f)}
    assert set(pairs) == {frozenset(("independent", "copier"))}, pairs
    assert float(pairs[frozenset(("independent", "copier"))]["share_of_a_in_b"]) > 0.9
    page = (tmp_path / "out" / "similarity.html").read_text()
    assert "copier" in page and "independent" in page

"""`make assign` is the one way the student notebook, the autograder and the examples are made."""
import zipfile

from conftest import ROOT

from autograder import build


def test_committed_files_are_what_the_master_generates(fresh_build):
    stale = []
    generated = {ROOT / "assignments" / "nn_from_scratch.ipynb": fresh_build / "assignments" / "nn_from_scratch.ipynb"}
    committed_examples = sorted((ROOT / "examples" / "submissions").iterdir())
    fresh_examples = sorted((fresh_build / "examples" / "submissions").iterdir())
    assert [p.name for p in committed_examples] == [p.name for p in fresh_examples]
    generated.update({c: f for c, f in zip(committed_examples, fresh_examples)})
    for committed, fresh in generated.items():
        if committed.read_bytes() != fresh.read_bytes():
            stale.append(str(committed.relative_to(ROOT)))
    assert not stale, f"run `make assign` and commit: these files are stale: {stale}"


def test_autograder_zip_has_every_question_with_public_and_hidden_tests(autograder_zip):
    with zipfile.ZipFile(autograder_zip) as z:
        names = z.namelist()
        tests = {n: z.read(n).decode() for n in names if n.startswith("tests/")}
    assert {"run_autograder", "setup.sh", "files/nn_grading/checks.py", "files/nn_grading/reference.py"} <= set(names)
    assert len(tests) == 16
    for name, source in tests.items():
        assert "hidden=False" in source and "hidden=True" in source, f"{name} needs public and hidden tests"


def test_gradescope_environment_asks_for_the_pinned_matplotlib(autograder_zip):
    with zipfile.ZipFile(autograder_zip) as z:
        environment = z.read("environment.yml").decode()
    assert "otter-grader[grading,plugins]==7.0.0" in environment
    assert build.grading_requirements().strip() in environment


def test_every_bug_changes_exactly_one_cell_of_the_reference():
    # build.write_examples refuses a bug whose text is not in exactly one cell; this
    # checks that each example really differs from the reference.
    reference = (ROOT / "examples" / "submissions" / "reference.ipynb").read_bytes()
    for bug in build.load_bugs():
        path = ROOT / "examples" / "submissions" / f"{bug['name']}.{bug['format']}"
        assert path.exists()
        if bug["format"] == "ipynb":
            assert path.read_bytes() != reference


def test_every_build_draws_its_own_seed_secret_unless_one_is_given(autograder_zip):
    drawn = [build.seed_secret_source() for _ in range(3)]
    assert len(set(drawn)) == 3, "two builds would give the same hidden inputs"
    namespace = {}
    exec(build.seed_secret_source("fixed"), namespace)
    assert namespace["SECRET"] == "fixed"
    with zipfile.ZipFile(autograder_zip) as z:  # the tests' build: the README table's fixed secret
        exec(z.read("files/nn_grading/seed_secret.py").decode(), namespace)
    from autograder.catalog import TABLE_SEED_SECRET
    assert namespace["SECRET"] == TABLE_SEED_SECRET

"""`make bench`: the kit's grading against `otter run` one submission at a time.

Builds a batch of BATCH_SIZE submissions (correct, buggy, blank and half-done, as
notebooks, scripts and export zips) from the examples, grades it with both engines
in one run, checks that every question got the same score from both, and prints
the wall-clock cost per submission of each and their ratio.
"""
import argparse
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat

from autograder.engine import OTTER_RUN, Limits
from autograder.grade import Result, find_submissions, grade_folder, read_results

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "submissions"
AUTOGRADER_ZIP = ROOT / "build" / "autograder" / "nn_from_scratch-autograder.zip"
BATCH_SIZE = 50


def half_done(reference, untouched):
    """Parts 1 to 3 written, dropout, backward and training still stubs."""
    assert len(reference.cells) == len(untouched.cells)
    cut = next(i for i, c in enumerate(untouched.cells) if c.source.startswith("## 4. Dropout"))
    nb = nbformat.from_dict(json.loads(json.dumps(reference)))
    nb.cells = reference.cells[:cut] + untouched.cells[cut:]
    return nb


def make_batch(folder, size=BATCH_SIZE):
    """`size` submissions: about a quarter correct, four tenths buggy, the rest blank or half done."""
    examples = sorted(p for p in EXAMPLES.iterdir())
    bugs = [p for p in examples if p.name.startswith("bug_")]
    reference = nbformat.read(str(EXAMPLES / "reference.ipynb"), as_version=4)
    untouched = nbformat.read(str(EXAMPLES / "untouched.ipynb"), as_version=4)
    half = folder.parent / "half_done.ipynb"
    nbformat.write(half_done(reference, untouched), str(half))
    kinds = [EXAMPLES / "reference.ipynb", ROOT / "tests" / "independent" / "solution.py", *bugs, *bugs,
             EXAMPLES / "untouched.ipynb", half]
    for i in range(size):
        source = kinds[i % len(kinds)]
        shutil.copy(source, folder / f"student_{i:03d}{source.suffix}")


def grade_with_kit(batch, out, jobs):
    start = time.monotonic()
    with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
        results = grade_folder(batch, out, AUTOGRADER_ZIP, Limits(), jobs, engine="fast")
    return {r.submission: r for r in results}, time.monotonic() - start


def grade_with_otter_run(batch, out):
    """The obvious alternative: the `otter run` command on each file in turn."""
    start = time.monotonic()
    results = {}
    for name, path in find_submissions(batch):
        target = out / name
        target.mkdir(parents=True)
        done = subprocess.run([*OTTER_RUN, "-a", str(AUTOGRADER_ZIP), "-o", str(target), str(path)],
                              capture_output=True, text=True, cwd=out)
        results[name] = Result(submission=name, file=path.name)
        read_results(results[name], target / "results.json", done.stdout + done.stderr)
    return results, time.monotonic() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=BATCH_SIZE)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nn-kit-bench-") as tmp:
        batch = Path(tmp) / "batch"
        batch.mkdir()
        make_batch(batch, args.size)
        print(f"batch: {args.size} submissions in {batch}; this machine has {os.cpu_count()} cores")
        kit, kit_seconds = grade_with_kit(batch, Path(tmp) / "kit", args.jobs)
        print(f"kit (fast engine, {args.jobs} jobs): {kit_seconds:.1f} s")
        otter, otter_seconds = grade_with_otter_run(batch, Path(tmp) / "otter")
        print(f"otter run, one at a time: {otter_seconds:.1f} s")
    disagree = [(name, q) for name in otter for q in set(kit[name].questions) | set(otter[name].questions)
                if kit[name].questions.get(q, {}).get("score") != otter[name].questions.get(q, {}).get("score")]
    disagree += [(name, "status") for name in otter if kit[name].status != otter[name].status]
    n = len(kit)
    print(f"\nper submission: kit {kit_seconds / n:.2f} s, otter run {otter_seconds / n:.2f} s, "
          f"ratio {otter_seconds / kit_seconds:.1f}x")
    print("scores: " + ("identical, question by question" if not disagree else f"DIFFER: {disagree[:10]}"))
    raise SystemExit(1 if disagree else 0)


if __name__ == "__main__":
    main()

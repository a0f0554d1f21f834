"""`make bench`: two comparisons, each against the obvious alternative, side by side.

1. Training speed: one epoch of the pure-Python reference network (what students
   write, lists only) against the same network in numpy, at N = 200 and N = 2000,
   after checking that both compute the same losses.
2. Grading: the kit's grading against `otter run` one submission at a time. Builds
   a batch of BATCH_SIZE submissions (correct, buggy, blank and half-done, as
   notebooks, scripts and export zips) from the examples, grades it with both
   engines in one run, checks that every question got the same score from both,
   and prints the wall-clock cost per submission of each and their ratio.
   Then where a submission's time goes: the mean wall-clock seconds of each phase
   of the kit's runs (nn_grading.in_process.note_phase marks their ends in each run; summed over
   the batch and divided by its size, so with JOBS=2 the phases of two runs
   overlap), beside the floor: the hidden checks run in this process on the
   reference, with no Otter, no channel, no sandbox.
"""
import argparse
import contextlib
import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
import numpy as np

from autograder.engine import OTTER_RUN, Limits
from autograder import catalog, intake
from autograder.grade import Result, grade_folder, read_results

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


def phase_breakdown(results, seconds):
    """Lines: mean seconds per submission of each phase, over the kit's graded runs."""
    runs = [r for r in results.values() if r.phases]
    totals = {}
    for r in runs:
        for phase, spent in r.phases.items():
            totals[phase] = totals.get(phase, 0.0) + spent
    lines = [f"  {phase:48s} {spent / len(runs):6.3f} s" for phase, spent in totals.items()]
    lines.append(f"  {'(a run, start to end)':48s} {sum(r.seconds for r in runs) / len(runs):6.3f} s; "
                 f"the batch's wall clock per submission: {seconds / len(results):.3f} s")
    return lines


def floor():
    """{what: seconds} of the hidden checks run in this process on the reference (the floor under grading)."""
    import sys
    sys.path.insert(0, str(ROOT / "build" / "assign"))
    for name in [n for n in sys.modules if n == "nn_grading" or n.startswith("nn_grading.")]:
        del sys.modules[name]
    import matplotlib.figure  # noqa: F401  (the plots' import is paid once, as the zygote does)
    from nn_grading import checks
    env = {"__name__": "__main__"}
    with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
        exec(compile(catalog.reference_script(EXAMPLES / "reference.ipynb"), "reference", "exec"), env)
    spent = {"checks that carry points": 0.0, "the plots' checks": 0.0}
    for question, runs in checks.HIDDEN_CHECKS.items():
        start = time.perf_counter()
        for run in runs:
            run(env)
        spent["the plots' checks" if question == "training_plots" else "checks that carry points"] += \
            time.perf_counter() - start
    start = time.perf_counter()
    checks.training_end_to_end(env)
    spent["the 0-point end-to-end training check"] = time.perf_counter() - start
    return spent


def grade_with_otter_run(batch, out):
    """The obvious alternative: the `otter run` command on each file in turn."""
    start = time.monotonic()
    results = {}
    for submission in intake.plain_folder(Path(batch)):
        name, path = submission.row, submission.path
        target = out / name
        target.mkdir(parents=True)
        done = subprocess.run([*OTTER_RUN, "-a", str(AUTOGRADER_ZIP), "-o", str(target), str(path)],
                              capture_output=True, text=True, cwd=out)
        results[name] = Result(submission=name, file=path.name)
        read_results(results[name], target / "results.json", done.stdout + done.stderr)
    return results, time.monotonic() - start


# The training loop itself: the pure-Python reference against numpy, epoch by epoch.
EPOCH_SIZES = (200, 2000)


def load_reference():
    """The reference module `make assign` cut from the master (what students' code is compared to)."""
    spec = importlib.util.spec_from_file_location("reference", ROOT / "build" / "assign" / "nn_grading" / "reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def numpy_epoch(X, y, params, lr):
    """One epoch of the same network (no dropout) in numpy: the loss before the step, and the new params."""
    W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
    A1 = np.tanh(X @ W1 + b1)
    A2 = 1.0 / (1.0 + np.exp(-(A1 @ W2 + b2)))
    p = np.clip(A2, 1e-12, 1 - 1e-12)
    loss = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    dZ2 = (A2 - y) / len(X)
    dZ1 = (dZ2 @ W2.T) * (1.0 - A1 ** 2)
    grads = {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0, keepdims=True), "W2": A1.T @ dZ2, "b2": dZ2.sum(axis=0, keepdims=True)}
    return loss, {k: params[k] - lr * grads[k] for k in params}


def python_epoch(ref, X, y, params, lr):
    A2, cache = ref.forward(X, params)
    return ref.bce_loss(A2, y), ref.update_params(params, ref.backward(params, cache, y), lr)


def seconds_per_epoch(step, state, min_seconds=1.0):
    """Run `step` on its own output until min_seconds have passed; the mean time per call."""
    epochs, start = 0, time.perf_counter()
    while time.perf_counter() - start < min_seconds or epochs < 3:
        state = step(state)
        epochs += 1
    return (time.perf_counter() - start) / epochs


def compare_epochs(ref, sizes=EPOCH_SIZES, lr=1.0):
    """Per N: seconds per epoch of each, after checking both compute the same losses."""
    rows = []
    for n in sizes:
        X, y = ref.make_dataset(N=n, seed=0)
        params = ref.init_params(3, 4, 0)
        arrays = (np.array(X), np.array(y), {k: np.array(v) for k, v in params.items()})
        same_python, same_numpy = params, arrays[2]
        for _ in range(5):  # the same numbers first: else the comparison means nothing
            loss_python, same_python = python_epoch(ref, X, y, same_python, lr)
            loss_numpy, same_numpy = numpy_epoch(arrays[0], arrays[1], same_numpy, lr)
            if abs(loss_python - loss_numpy) > 1e-9:
                raise SystemExit(f"N={n}: numpy loss {loss_numpy} differs from the reference's {loss_python}")
        python = seconds_per_epoch(lambda p: python_epoch(ref, X, y, p, lr)[1], params)
        numpy_ = seconds_per_epoch(lambda p: numpy_epoch(arrays[0], arrays[1], p, lr)[1], arrays[2])
        rows.append((n, python, numpy_))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=BATCH_SIZE)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--only", choices=["epochs", "grading"], help="run one of the two comparisons")
    args = parser.parse_args(argv)
    if args.only != "grading":
        print("one training epoch (forward, loss, backward, update) of the 3-4-1 network, no dropout:")
        ref = load_reference()
        for n, python, numpy_ in compare_epochs(ref):
            print(f"  N = {n:5d}: pure-Python reference {1000 * python:8.2f} ms, numpy {1000 * numpy_:6.3f} ms, "
                  f"numpy {python / numpy_:.0f}x faster")
        X_train, y_train, _, _ = ref.train_val_split(*ref.make_dataset(N=200, seed=0))
        start = time.perf_counter()
        ref.train(X_train, y_train, epochs=500, lr=1.0)
        print(f"  the notebook's default training run (reference, 500 epochs on {len(X_train)} points): "
              f"{time.perf_counter() - start:.1f} s")
        if args.only == "epochs":
            return
    with tempfile.TemporaryDirectory(prefix="nn-kit-bench-") as tmp:
        batch = Path(tmp) / "batch"
        batch.mkdir()
        make_batch(batch, args.size)
        print(f"batch: {args.size} submissions in {batch}; this machine has {os.cpu_count()} cores")
        kit, kit_seconds = grade_with_kit(batch, Path(tmp) / "kit", args.jobs)
        print(f"kit (fast engine, {args.jobs} jobs): {kit_seconds:.1f} s")
        otter, otter_seconds = grade_with_otter_run(batch, Path(tmp) / "otter")
        print(f"otter run, one at a time: {otter_seconds:.1f} s")
    print("\nwhere a submission's time goes in the kit (mean wall-clock seconds per run, by phase):")
    for line in phase_breakdown(kit, kit_seconds):
        print(line)
    print("the floor: the hidden checks in this process on the reference (no Otter, no channel, no sandbox):")
    for what, spent in floor().items():
        print(f"  {what:48s} {spent:6.3f} s")
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

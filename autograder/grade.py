"""`make grade`: grade a folder of submissions with Otter, locally and without Docker.

Each submission (.ipynb, .py, or the .zip a notebook's export cell writes) is graded
by `otter run` with the kit's autograder zip, in a process tree of its own with a
wall-clock timeout. When time runs out the whole tree is killed, Jupyter kernel
included (the kernel starts a session of its own, so killing the process group is
not enough: every process carrying this run's token in its environment is killed).
Anything that cannot be graded still gets a row, with a status and the reason.

Writes OUT/grades.csv, OUT/grades.json and OUT/feedback/<submission>.md.
"""
import argparse
import concurrent.futures
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import psutil

PARTS = ["vector_ops", "forward", "dropout", "backward", "training"]
SUBMISSION_SUFFIXES = (".ipynb", ".py", ".zip")
MAX_SUBMISSION_BYTES = 20 * 1024 * 1024
TOKEN_VARIABLE = "NN_KIT_GRADING_RUN"


@dataclass
class Result:
    submission: str
    file: str
    status: str = "graded"  # graded, timeout or error
    reason: str = ""
    questions: dict = field(default_factory=dict)  # name -> {"score", "possible", "feedback"}
    seconds: float = 0.0

    def part_scores(self, possible):
        scores = {part: 0 for part in PARTS}
        for name, q in self.questions.items():
            scores[part_of(name)] += q["score"]
        return {part: number(scores[part]) for part in possible}

    @property
    def total(self):
        return number(sum(q["score"] for q in self.questions.values()))


def number(x):
    """Points as an int when whole, so that the CSV reads 6 rather than 6.0."""
    return int(x) if float(x).is_integer() else round(x, 4)


def part_of(question):
    for part in PARTS:
        if question == part or question.startswith(part + "_"):
            return part
    raise ValueError(f"question {question!r} belongs to none of the parts {PARTS}")


def points_per_part(points):
    return {part: number(sum(p for q, p in points.items() if part_of(q) == part)) for part in PARTS}


def question_points(autograder_zip):
    """{question: points} from the test files in the autograder zip, in the order of PARTS."""
    points = {}
    with zipfile.ZipFile(autograder_zip) as z:
        for name in z.namelist():
            if name.startswith("tests/") and name.endswith(".py"):
                namespace = {}
                exec(compile(z.read(name), name, "exec"), namespace)
                points[namespace["name"]] = namespace["points"]
    return dict(sorted(points.items(), key=lambda item: (PARTS.index(part_of(item[0])), item[0])))


def find_submissions(folder):
    files = sorted(p for p in Path(folder).iterdir()
                   if p.is_file() and p.suffix in SUBMISSION_SUFFIXES and not p.name.startswith("."))
    stems = [p.stem for p in files]
    # The row is named by the file name without extension, unless two files share it.
    return [(p.stem if stems.count(p.stem) == 1 else p.name, p) for p in files]


def why_ungradable(path):
    """A reason the file cannot be graded at all, or None."""
    size = path.stat().st_size
    if size == 0:
        return "the file is empty"
    if size > MAX_SUBMISSION_BYTES:
        return f"the file is {size / 2**20:.0f} MB, over the {MAX_SUBMISSION_BYTES // 2**20} MB limit"
    if path.suffix == ".ipynb":
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            return f"not a notebook: the file is not valid JSON ({e})"
        if not isinstance(nb, dict) or "cells" not in nb:
            major = nb.get("nbformat") if isinstance(nb, dict) else None
            if major is not None and major < 4:
                return f"notebook format {major} is too old: open it in Jupyter and save it again"
            return "not a notebook: there are no cells in it"
    elif path.suffix == ".zip":
        if not zipfile.is_zipfile(path):
            return "not a valid zip file"
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if not n.startswith(("__MACOSX/", "."))]
        if not any(n.endswith((".ipynb", ".py")) for n in names):
            return "the zip holds no notebook (.ipynb) or Python file"
    elif path.suffix == ".py":
        try:
            compile(path.read_bytes(), path.name, "exec")
        except SyntaxError as e:
            return f"the file has a syntax error at line {e.lineno}: {e.msg}"
        except ValueError as e:
            return f"the file cannot be read as Python: {e}"
    return None


def kill_run(process, token):
    """Kill `process`, its descendants, and every process carrying `token` in its environment."""
    victims = []
    if process.poll() is None:  # once reaped, its pid may already belong to someone else
        try:
            parent = psutil.Process(process.pid)
            victims = [parent] + parent.children(recursive=True)
        except psutil.NoSuchProcess:
            pass
    for proc in psutil.process_iter(["pid"]):
        try:
            if proc.environ().get(TOKEN_VARIABLE) == token:
                victims.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    for proc in victims:
        try:
            proc.send_signal(signal.SIGKILL)
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(victims, timeout=5)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def last_error_line(log_text):
    """The line of Otter's output that says what went wrong, for the reason column."""
    lines = [line.strip() for line in log_text.splitlines() if line.strip()]
    for line in reversed(lines):
        if "Error" in line or "Exception" in line:
            return line[:300]
    return lines[-1][:300] if lines else "otter run produced no output"


def grade_one(name, path, autograder_zip, timeout, scratch):
    result = Result(submission=name, file=path.name)
    start = time.monotonic()
    reason = why_ungradable(path)
    if reason:
        result.status, result.reason = "error", reason
        return result
    work = Path(tempfile.mkdtemp(prefix="grade-", dir=scratch))
    (work / "out").mkdir()
    token = uuid.uuid4().hex
    env = dict(os.environ, TMPDIR=str(work), JUPYTER_RUNTIME_DIR=str(work / "runtime"),
               MPLBACKEND="Agg", PYTHONWARNINGS="ignore", **{TOKEN_VARIABLE: token})
    command = [sys.executable, "-m", "otter", "run", "-a", str(autograder_zip), "-o", str(work / "out"),
               str(path.resolve())]
    try:
        with open(work / "otter.log", "w") as log:
            process = subprocess.Popen(command, cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                result.status, result.reason = "timeout", f"grading took longer than {timeout} s and was stopped"
            finally:
                kill_run(process, token)  # also sweeps a kernel left behind by a finished run
        if result.status == "graded":
            read_results(result, work / "out" / "results.json", (work / "otter.log").read_text(errors="replace"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        result.seconds = time.monotonic() - start
    return result


def read_results(result, results_json, log_text):
    if not results_json.exists():
        result.status, result.reason = "error", f"otter run failed: {last_error_line(log_text)}"
        return
    tests = json.loads(results_json.read_text()).get("tests", [])
    for test in tests:
        if test.get("name") == "Public Tests" or "max_score" not in test:
            continue
        result.questions[test["name"]] = {"score": number(test.get("score") or 0),
                                          "possible": number(test["max_score"]),
                                          "feedback": test.get("output", "")}
    if not result.questions:
        result.status, result.reason = "error", f"otter graded no question: {last_error_line(log_text)}"


def write_outputs(results, points, out):
    possible = points_per_part(points)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "grades.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["submission", *PARTS, "total", "possible", "status", "reason", *points])
        for r in results:
            parts = r.part_scores(possible)
            writer.writerow([r.submission, *parts.values(), r.total, number(sum(points.values())), r.status,
                             r.reason, *(r.questions.get(q, {}).get("score", 0) for q in points)])
    report = {"possible": possible, "submissions": [
        {"submission": r.submission, "file": r.file, "status": r.status, "reason": r.reason,
         "parts": r.part_scores(possible), "questions": r.questions, "total": r.total,
         "seconds": round(r.seconds, 1)} for r in results]}
    (out / "grades.json").write_text(json.dumps(report, indent=2))
    feedback = out / "feedback"
    feedback.mkdir(exist_ok=True)
    for r in results:
        (feedback / f"{r.submission}.md").write_text(feedback_text(r, points, possible))


def feedback_text(r, points, possible):
    lines = [f"# Feedback: {r.file}", ""]
    if r.status != "graded":
        lines += [f"**Not graded ({r.status})**: {r.reason}", ""]
    lines += [f"Total: **{r.total} / {number(sum(points.values()))}**", "", "| part | points |", "|---|---|"]
    lines += [f"| {part} | {score} / {possible[part]} |" for part, score in r.part_scores(possible).items()]
    for q, p in points.items():
        got = r.questions.get(q)
        if got:
            lines += ["", f"## {q}: {got['score']} / {p}", "", "```", got["feedback"].strip(), "```"]
    return "\n".join(lines) + "\n"


def print_table(results, points):
    possible = points_per_part(points)
    width = max([len("submission")] + [len(r.submission) for r in results])
    header = f"{'submission':<{width}}  " + "  ".join(f"{p:>10}" for p in PARTS) + f"  {'total':>7}  status"
    print(header)
    print(f"{'(possible)':<{width}}  " + "  ".join(f"{possible[p]:>10}" for p in PARTS)
          + f"  {number(sum(points.values())):>7}")
    print("-" * len(header))
    for r in results:
        parts = r.part_scores(possible)
        status = r.status if r.status == "graded" else f"{r.status}: {r.reason}"
        print(f"{r.submission:<{width}}  " + "  ".join(f"{parts[p]:>10}" for p in PARTS)
              + f"  {r.total:>7}  {status}")


def grade_folder(submissions, out, autograder_zip, timeout=300, jobs=2):
    points = question_points(autograder_zip)
    found = find_submissions(submissions)
    if not found:
        print(f"no .ipynb, .py or .zip files in {submissions}")
    out.mkdir(parents=True, exist_ok=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="nn-kit-grading-") as scratch, \
            concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(grade_one, name, path, autograder_zip, timeout, scratch): name
                   for name, path in found}
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            try:
                r = future.result()
            except Exception as e:  # never lose a row, whatever went wrong in the kit itself
                name = futures[future]
                r = Result(submission=name, file=name, status="error", reason=f"the grader failed: {e!r}")
            results.append(r)
            print(f"[{done}/{len(found)}] {r.submission}: {r.total}/{number(sum(points.values()))} "
                  f"{r.status} ({r.seconds:.1f} s)", flush=True)
    results.sort(key=lambda r: r.submission)
    write_outputs(results, points, out)
    print()
    print_table(results, points)
    print(f"\nwrote {out / 'grades.csv'}, {out / 'grades.json'} and {out / 'feedback'}/")
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description="Grade every .ipynb, .py and .zip submission in a folder.")
    parser.add_argument("submissions", type=Path, help="folder of submissions")
    parser.add_argument("out", type=Path, help="folder for grades.csv, grades.json and feedback/")
    parser.add_argument("--autograder", type=Path, required=True, help="the autograder zip from `make assign`")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per submission (default 300)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="submissions graded at once")
    args = parser.parse_args(argv)
    if not args.submissions.is_dir():
        parser.error(f"{args.submissions} is not a folder")
    if not args.autograder.is_file():
        parser.error(f"no autograder zip at {args.autograder}: run `make assign` first")
    grade_folder(args.submissions, args.out, args.autograder.resolve(), args.timeout, max(1, args.jobs))


if __name__ == "__main__":
    main()

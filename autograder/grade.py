"""`make grade`: grade a class's submissions with Otter, locally and without Docker.

SUBMISSIONS is a folder of files, or a Gradescope, Canvas or Moodle download (intake.py), whose rows
carry their students' names, IDs and emails. Each submission (.ipynb, .py, or the .zip a notebook's
export cell writes) is graded by Otter with the kit's autograder zip, in a process tree of its own with
limits on time, memory and processes (see engine.py). Anything that cannot be graded still gets a
row, with a status and the reason.

Writes OUT/grades.csv, OUT/grades.json, OUT/feedback/<submission>.md and what goes back (returns.py):
OUT/gradebook.csv, OUT/gradebook_canvas.csv, OUT/returns/ (one feedback file per student) and
OUT/returns.zip.
"""
import argparse
import csv
import dataclasses
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from autograder import intake, returns
from autograder.engine import ENGINES, Limits, Run, warm_up
from nn_grading.contract import QUESTIONS
from nn_grading.plugin import gradable_file

PARTS = ["vector_ops", "forward", "dropout", "backward", "training"]
MAX_SUBMISSION_BYTES = 20 * 1024 * 1024
# What an export zip may unpack to, read from its directory before anything is unpacked. Only its one
# notebook (or script) is ever unpacked; a zip over these is not a notebook's export.
MAX_ZIP_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 1000
MAX_ZIP_DEPTH = 8


@dataclasses.dataclass
class Result:
    submission: str
    file: str
    status: str = "graded"  # graded, timeout or error
    reason: str = ""
    questions: dict = dataclasses.field(default_factory=dict)  # name -> {"score", "possible", "feedback"}
    seconds: float = 0.0
    phases: dict = dataclasses.field(default_factory=dict)  # phase -> seconds (engine.Run.phases; `make bench`)
    students: list = dataclasses.field(default_factory=list)  # [{"name", "sid", "email"}], from the download
    note: str = ""  # which file was graded and why, when the student handed in several

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
    """{question: points} from the test files in the autograder zip, in the notebook's order."""
    return points_of(test_cases(autograder_zip))


def points_of(cases):
    return {q: number(sum(points for points, _ in question_cases)) for q, question_cases in cases.items()}


def test_cases(autograder_zip):
    """{question: [(points, hidden), ...]}, one pair per test case, as Otter Assign wrote them."""
    cases = {}
    with zipfile.ZipFile(autograder_zip) as z:
        for name in z.namelist():
            if name.startswith("tests/") and name.endswith(".py"):
                source = z.read(name).decode()
                question = re.search(r'^name = "(.+)"$', source, re.M).group(1)
                cases[question] = [(number(float(p)), h == "True")
                                   for p, h in re.findall(r"@test_case\(points=([\d.]+), hidden=(True|False)", source)]
    order = {question: k for k, question in enumerate(QUESTIONS)}  # the notebook's
    return dict(sorted(cases.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))


def show_hidden(autograder_zip):
    """Otter's show_hidden setting: may students read what the hidden checks say?"""
    with zipfile.ZipFile(autograder_zip) as z:
        return bool(json.loads(z.read("otter_config.json")).get("show_hidden", False))


def case_reports(question, output):
    """[(passed, message)] per test case, from Otter's text output for one question."""
    if output.strip().endswith("All test cases passed!"):
        return None
    blocks = re.split(rf"^\s*{re.escape(question)} - (\d+) result:\s*$", output, flags=re.M)
    reports = {}
    for number_text, block in zip(blocks[1::2], blocks[2::2]):
        block = re.split(rf"^\s*{re.escape(question)} - \d+ message:", block, flags=re.M)[0]
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        passed = bool(lines) and lines[0].startswith("✅")
        reports[int(number_text)] = (passed, "" if passed else failure_message(lines))
    return reports


def check_results(question, got, question_cases):
    """[(points, hidden, passed, message)] per test case of one graded question."""
    reports = case_reports(question, got["feedback"])
    return [(points, hidden, *(reports.get(i, (False, "")) if reports is not None else (True, "")))
            for i, (points, hidden) in enumerate(question_cases, 1)]


def failure_message(lines):
    """The reason in Otter's report of a failed case: after "Error at line N in test q:" and the
    test's own line comes "Type: message"; an AssertionError's message is the reason itself."""
    starts = [i for i, line in enumerate(lines) if line.startswith("Error at line ")]
    message = " ".join(lines[starts[0] + 2:]) if starts else (lines[-1] if lines else "")
    return message.removeprefix("AssertionError: ")


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
        return why_zip_ungradable(path)
    elif path.suffix == ".py":
        try:
            compile(path.read_bytes(), path.name, "exec")
        except SyntaxError as e:
            return f"the file has a syntax error at line {e.lineno}: {e.msg}"
        except ValueError as e:
            return f"the file cannot be read as Python: {e}"
    return None


def zip_members(path):
    """The zip's file entries: (name, ZipInfo), its directory read without unpacking anything."""
    with zipfile.ZipFile(path) as z:
        return [(info.filename, info) for info in z.infolist() if not info.is_dir()]


def why_zip_ungradable(path):
    if not zipfile.is_zipfile(path):
        return "not a valid zip file"
    try:
        members = zip_members(path)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        return f"not a valid zip file ({e})"
    total = sum(info.file_size for _, info in members)
    deepest = max((name.count("/") + 1 for name, _ in members), default=0)
    if len(members) > MAX_ZIP_MEMBERS:
        return f"the zip holds {len(members)} files, over the limit of {MAX_ZIP_MEMBERS}"
    if total > MAX_ZIP_BYTES:
        return f"the zip unpacks to {total / 2**20:.0f} MB, over the {MAX_ZIP_BYTES // 2**20} MB limit"
    if deepest > MAX_ZIP_DEPTH:
        return f"the zip nests folders {deepest} deep, over the limit of {MAX_ZIP_DEPTH}"
    top_level = [name for name, _ in members if "/" not in name and not name.startswith(".")]
    graded = gradable_file(top_level)
    if graded is None:
        found = [n for n in top_level if n.endswith((".ipynb", ".py")) and n != "__init__.py"]
        return ("the zip holds no notebook (.ipynb) or Python file at its top level" if not found else
                f"the zip holds {len(found)} notebooks or scripts ({', '.join(sorted(found)[:5])}): keep only one")
    size = dict(members)[graded].file_size
    if size > MAX_SUBMISSION_BYTES:
        return f"{graded} in the zip is {size / 2**20:.0f} MB, over the {MAX_SUBMISSION_BYTES // 2**20} MB limit"
    return None


def graded_file(path, folder):
    """The one file Otter grades: the submission itself, or the notebook (or script) its export zip holds,
    unpacked alone into `folder`. Nothing else of a zip is unpacked: whatever it carries beside the
    notebook (a package named like the grader's, Otter's log) never reaches the grading folder."""
    if path.suffix != ".zip":
        return path
    with zipfile.ZipFile(path) as z:
        name = gradable_file([n for n in z.namelist() if "/" not in n and not n.startswith(".")])
        target = folder / ("submission" + Path(name).suffix)
        with z.open(name) as member, open(target, "wb") as out:
            shutil.copyfileobj(member, out)
    return target


def last_error_line(log_text):
    """The line of Otter's output that says what went wrong, for the reason column."""
    lines = [line.strip() for line in log_text.splitlines() if line.strip()]
    for line in reversed(lines):
        if "Error" in line or "Exception" in line:
            return line[:300]
    return lines[-1][:300] if lines else "otter run produced no output"


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


def keep_figures(name, log, out):
    """OUT/figures/<submission>.json: what the student's plots showed when graded (the gallery of
    `make report`), each summary checked as figures.checked checks what the student's process sends."""
    from nn_grading import figures
    kept = {}
    try:
        if log.exists() and log.stat().st_size < 8 * 2**20:
            for line in log.read_text().splitlines():
                entry = json.loads(line)
                if isinstance(entry, dict) and entry.get("name") in ("plot_losses", "plot_decision"):
                    summary = figures.checked(entry.get("summary"))
                    if summary is not None:
                        kept[entry["name"]] = summary
    except (OSError, ValueError):
        kept = {}
    target = out / "figures" / f"{name}.json"
    if kept:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(kept))
    elif target.exists():
        target.unlink()


def keep_code(found, out):
    """OUT/code/<row>.py: each submission's own code as text, for the similarity table of `make report`
    (the download it came from may be a zip unpacked into a folder that is gone by then). Links and files
    over the size limit are skipped; rows no longer in the batch are removed."""
    from autograder import similarity
    folder = out / "code"
    folder.mkdir(parents=True, exist_ok=True)
    rows = set()
    for submission in found:
        path = submission.path
        if path is None or path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_SUBMISSION_BYTES:
            continue
        text = similarity.code_of(path)
        if text:
            (folder / f"{submission.row}.py").write_text(text)
            rows.add(f"{submission.row}.py")
    for old in folder.glob("*.py"):
        if old.name not in rows:
            old.unlink()


def note_timeouts(result, log):
    """A graded row's reason names the calls of the student's code that hit their time limit (channel.py
    notes them in a file of the grading run that the student's process cannot reach)."""
    try:
        entries = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    except (OSError, ValueError):
        return
    entries = [e for e in entries if isinstance(e, dict) and e.get("reason")]
    if entries and result.status == "graded":
        result.reason = "; ".join(dict.fromkeys(str(e["reason"]) for e in entries)) + (
            ": stopped, and nothing could be graded" if any(e.get("fatal") for e in entries)
            else ": stopped there; the rest was graded")


MANUAL_POINTS = "manual_points.csv"
MANUAL_HEADER = ["submission", "name", "question", "points", "comment"]
REVIEWED = "training_plots"  # the question a person reviews (the plots); the template lists it per row


def apply_manual_points(results, points, out):
    """A reviewer's points, from OUT/manual_points.csv (one row per submission and question; an empty
    `points` keeps the autograder's): they replace the question's score, within 0 and its points, on every
    run, so that a regrade keeps them. Written as a template with the plots question when missing.
    Returns the problems found in the file, for the instructor."""
    path, problems = out / MANUAL_POINTS, []
    if not path.exists():
        with open(path, "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(MANUAL_HEADER)
            for r in results:
                writer.writerow([r.submission, "; ".join(s["name"] for s in r.students), REVIEWED, "", ""])
        return problems
    rows = {r.submission: r for r in results}
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or not {"submission", "question", "points"} <= set(reader.fieldnames):
            return [f"{path.name}: the header should be {','.join(MANUAL_HEADER)}"]
        for line, entry in enumerate(reader, 2):
            text = (entry.get("points") or "").strip()
            if not text:
                continue
            r, question = rows.get((entry.get("submission") or "").strip()), (entry.get("question") or "").strip()
            if r is None or question not in points:
                problems.append(f"{path.name} line {line}: no submission {entry.get('submission')!r} "
                                f"with a question {question!r}")
                continue
            try:
                given = float(text)
            except ValueError:
                problems.append(f"{path.name} line {line}: points {text!r} is not a number")
                continue
            score = number(min(max(given, 0.0), float(points[question])))
            got = r.questions.setdefault(question, {"score": 0, "possible": points[question], "feedback": ""})
            got["score"] = score
            got["manual"] = (entry.get("comment") or "").strip() or "set by a reviewer"
    return problems


def write_outputs(results, cases, hidden_detail, out, layout="folder"):
    points = points_of(cases)
    possible = points_per_part(points)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "grades.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["submission", "name", "sid", "email", *PARTS, "total", "possible", "status", "reason",
                         "file", "note", *points])
        for r in results:
            parts = r.part_scores(possible)
            people = {key: "; ".join(s[key] for s in r.students) for key in ("name", "sid", "email")}
            writer.writerow([r.submission, *people.values(), *parts.values(), r.total, number(sum(points.values())),
                             r.status, r.reason, r.file, r.note,
                             *(r.questions.get(q, {}).get("score", 0) for q in points)])
    report = {"possible": possible, "submissions": [
        {"submission": r.submission, "students": r.students, "file": r.file, "note": r.note, "status": r.status,
         "reason": r.reason, "parts": r.part_scores(possible), "questions": r.questions, "total": r.total,
         "seconds": round(r.seconds, 1)} for r in results]}
    (out / "grades.json").write_text(json.dumps(report, indent=2))
    feedback = out / "feedback"
    feedback.mkdir(exist_ok=True)
    for r in results:
        (feedback / f"{r.submission}.md").write_text(feedback_text(r, cases, possible, hidden_detail))
    returns.write_gradebooks(report["submissions"], number(sum(points.values())), out, layout)
    returns.write_returns(report["submissions"], feedback, out)


def feedback_text(r, cases, possible, hidden_detail):
    """What a student reads: per part and per question the points, and per check whether it
    passed and, if not, why (hidden checks' reasons only when Otter's show_hidden allows)."""
    total_possible = number(sum(points_of(cases).values()))
    names = ", ".join(s["name"] + (f" ({s['sid']})" if s.get("sid") else "") for s in r.students)
    lines = [f"# Feedback: {names or r.file}", ""]
    if names:
        lines += [f"File graded: {r.file or 'none'}" + (f" ({r.note})" if r.note else ""), ""]
    if r.status != "graded":
        lines += [f"**Not graded ({r.status})**: {r.reason}", ""]
    lines += [f"Total: **{r.total} / {total_possible}**", "", "| part | points |", "|---|---|"]
    lines += [f"| {part} | {score} / {possible[part]} |" for part, score in r.part_scores(possible).items()]
    details, to_fix = [], []
    for question, question_cases in cases.items():
        got = r.questions.get(question)
        if not got:
            continue
        details += ["", f"## {question}: {got['score']} / {got['possible']}", ""]
        if got.get("manual"):
            details += [f"Points set by a reviewer: {got['manual']}", ""]
        for i, (points, hidden, passed, message) in enumerate(check_results(question, got, question_cases), 1):
            kind = "hidden check" if hidden else "public check"
            worth = f"{points} points" if points else "no points"
            details.append(f"- {kind} {i} ({worth}): {'passed' if passed else 'failed'}")
            if not passed and (hidden_detail or not hidden) and message:
                details.append(f"  - {message}")
                if not hidden and got["score"] == got["possible"]:
                    details.append(f"  - No points lost for it: the hidden checks grade {question} on its own, "
                                   "with correct versions of the functions it calls (a public check calls yours).")
                if hidden:
                    to_fix.append(f"- **{question}** ({worth}): {message}")
    if to_fix:  # the hidden checks' reasons, one per failed check, before the details
        lines += ["", "## What to fix", "", *to_fix]
    return "\n".join(lines + details) + "\n"


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


def progress_line(done, total, started, result, possible_total):
    elapsed = time.monotonic() - started
    eta = elapsed / done * (total - done)
    filled = round(20 * done / total)
    return (f"[{'#' * filled}{'.' * (20 - filled)}] {done}/{total}, {elapsed:.0f} s, ETA {eta:.0f} s | "
            f"{result.submission}: {result.total}/{possible_total} {result.status} ({result.seconds:.1f} s)")


def print_summary(results, points, reused):
    counts = {status: sum(r.status == status for r in results) for status in ("graded", "timeout", "error")}
    print(f"{counts['graded']} graded, {counts['timeout']} timed out, {counts['error']} errors"
          + (f"; {reused} unchanged since the last run and not graded again" if reused else ""))
    graded = [r for r in results if r.status == "graded"]
    if graded:
        possible = points_per_part(points)
        means = {part: sum(r.part_scores(possible)[part] for r in graded) / len(graded) for part in PARTS}
        print("mean per part (graded only): " + ", ".join(f"{p} {m:.1f}/{possible[p]}" for p, m in means.items()))


def cache_path(out, path, autograder_digest):
    """Where the result for this exact file and autograder is kept between runs."""
    digest = hashlib.sha256(autograder_digest + path.read_bytes()).hexdigest()
    return out / ".cache" / f"{digest}.json"


def grade_folder(submissions, out, autograder_zip, limits=None, jobs=2, engine="fast", force=False, regrade=()):
    """Grade every submission in the folder `submissions`, `jobs` at a time; write the outputs to `out`.

    A file graded before with the same content and autograder is not graded again (its result
    is kept in out/.cache), unless `force`, or it is one of the paths or row names in `regrade` (a row
    name reaches one submission of a download, which has no path of its own before it is unpacked).
    """
    limits = limits or Limits()
    autograder_zip = Path(autograder_zip).resolve()  # the workers run in folders of their own
    cases = test_cases(autograder_zip)
    points = points_of(cases)
    possible_total = number(sum(points.values()))
    download = tempfile.TemporaryDirectory(prefix="nn-kit-download-")  # a download's zip, unpacked
    layout, found = intake.collect(submissions, download.name)
    if not found:
        print(f"no .ipynb, .py or .zip files in {submissions}")
    elif layout != "folder":
        print(f"{submissions}: a {layout.capitalize()} download, {len(found)} submissions")
    (out / ".cache").mkdir(parents=True, exist_ok=True)
    autograder_digest = hashlib.sha256(Path(autograder_zip).read_bytes()).digest()
    again = {str(p) for p in regrade} | {str(Path(p).resolve()) for p in regrade}  # rows, and files
    rows, paths = {s.row for s in found}, {str(s.path.resolve()) for s in found if s.path is not None}
    for wanted in regrade:
        if str(wanted) not in rows and str(Path(wanted).resolve()) not in paths:
            print(f"warning: nothing to regrade called {wanted}: not a file or a row of {submissions}")
    results, pending = [], []
    for found_one in found:
        name, path = found_one.row, found_one.path
        who = {"students": [dataclasses.asdict(s) for s in found_one.students], "note": found_one.note}
        if path is None:
            results.append(Result(submission=name, file="", status="error", reason=found_one.problem, **who))
            continue
        cached = cache_path(out, path, autograder_digest)
        if cached.exists() and not force and str(path.resolve()) not in again and name not in again:
            results.append(Result(**dict(json.loads(cached.read_text()), submission=name, file=path.name, **who)))
        else:
            pending.append((name, path, cached, who))
    reused = len(results)
    if pending and engine == "fast":
        warm_up(autograder_zip)
    started, done, running = time.monotonic(), 0, {}

    def finish(result, cached):
        nonlocal done
        done += 1
        cached.write_text(json.dumps(dataclasses.asdict(result)))
        results.append(result)
        print(progress_line(done, len(pending), started, result, possible_total), flush=True)

    with tempfile.TemporaryDirectory(prefix="nn-kit-grading-") as scratch:
        queue = list(pending)
        while queue or running:
            while queue and len(running) < jobs:
                name, path, cached, who = queue.pop(0)
                result = Result(submission=name, file=path.name, **who)
                reason = why_ungradable(path)
                if reason:
                    result.status, result.reason = "error", reason
                    finish(result, cached)
                    continue
                staged = Path(tempfile.mkdtemp(prefix="submission-", dir=scratch))
                graded = graded_file(path.resolve(), staged)
                running[name] = (result, cached, Run(graded, autograder_zip, engine, scratch, limits))
            time.sleep(0.05)
            for name, (result, cached, run) in list(running.items()):
                stop = None if run.poll() else run.overrun(limits)
                if run.exit_code is None and stop is None:
                    continue
                run.kill()  # also sweeps a process the submission left behind
                result.seconds, result.phases = run.seconds, run.phases()
                if stop:
                    result.status, result.reason = stop
                else:
                    read_results(result, run.work / "out" / "results.json", run.log_text())
                    note_timeouts(result, run.timeout_log)
                    keep_figures(name, run.figures_log, out)
                    flood = run.flood(limits) if result.status == "error" else None
                    if flood:
                        result.reason = flood[1]
                shutil.rmtree(run.work, ignore_errors=True)
                del running[name]
                finish(result, cached)
    keep_code(found, out)
    download.cleanup()
    results.sort(key=lambda r: r.submission)
    for problem in apply_manual_points(results, points, out):
        print(f"warning: {problem}")
    write_outputs(results, cases, show_hidden(autograder_zip), out, layout)
    print()
    print_table(results, points)
    print()
    print_summary(results, points, reused)
    print(f"wrote {out / 'grades.csv'}, {out / 'grades.json'}, {out / 'feedback'}/, the gradebooks "
          f"({out / 'gradebook.csv'}, {out / 'gradebook_canvas.csv'}) and the feedback to hand back ({out / 'returns.zip'})")
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description="Grade every .ipynb, .py and .zip submission in a folder.")
    parser.add_argument("submissions", type=Path,
                        help="a folder of submissions, or a Gradescope, Canvas or Moodle download (folder or zip)")
    parser.add_argument("out", type=Path, help="folder for grades.csv, grades.json and feedback/")
    parser.add_argument("--autograder", type=Path, required=True, help="the autograder zip from `make assign`")
    parser.add_argument("--timeout", type=float, default=Limits.timeout, help="wall-clock seconds per submission")
    parser.add_argument("--memory-mb", type=int, default=Limits.memory_mb, help="memory per submission, in MB")
    parser.add_argument("--processes", type=int, default=Limits.processes, help="processes per submission")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="submissions graded at once")
    parser.add_argument("--engine", choices=ENGINES, default="fast",
                        help="fast: Otter in warm forked workers (default); otter-run: one `otter run` each")
    parser.add_argument("--force", action="store_true", help="grade every file again, even unchanged ones")
    parser.add_argument("--regrade", action="append", default=[], metavar="FILE_OR_ROW",
                        help="grade this file, or this row of grades.csv, again even if unchanged (may be repeated)")
    args = parser.parse_args(argv)
    if not args.autograder.is_file():
        parser.error(f"no autograder zip at {args.autograder}: run `make assign` first")
    limits = Limits(timeout=args.timeout, memory_mb=args.memory_mb, processes=args.processes)
    try:
        grade_folder(args.submissions, args.out, args.autograder.resolve(), limits, max(1, args.jobs), args.engine,
                     force=args.force, regrade=args.regrade)
    except intake.LayoutError as e:
        parser.exit(2, f"make grade: {e}\n")


if __name__ == "__main__":
    main()

"""What goes back after grading: the grades to the gradebook, the feedback to each student.

Written by `make grade` into OUT, from the rows of grades.json:
- `gradebook.csv`: one row per student (every member of a group): sid, email, name, score, possible,
  status, submission. For any gradebook that can map columns.
- `gradebook_canvas.csv`: Canvas's Gradebook import layout: the columns Student, ID, SIS User ID,
  SIS Login ID and Section, then one column for the assignment. Canvas matches a row by ID (its
  user id, known from a Canvas download) or by SIS User ID (the `:sid:` of a Gradescope export).
- `returns/<student>.md` and `.html` (self-contained, no outside file or script), one per student,
  named after the student, and `returns.zip` with all of them, ready to hand back.
"""
import csv
import html
import re
import zipfile

import mistune

CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
PLAIN_HEADER = ["sid", "email", "name", "score", "possible", "status", "submission"]
STYLE = ("body{font-family:system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;line-height:1.45}"
         "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em}"
         "code{background:#f3f3f3;padding:0 .2em}")


def students_of(row):
    """(name, sid, email) per student of a row; a row without students (a plain folder) is its file."""
    people = [(s.get("name", ""), s.get("sid", ""), s.get("email", "")) for s in row.get("students", [])]
    return people or [(row["submission"], "", "")]


def write_gradebooks(rows, possible_total, out, layout_ids=None, column="nn_from_scratch"):
    """gradebook.csv and gradebook_canvas.csv; `layout_ids`: "canvas" when the sids are Canvas user ids."""
    with open(out / "gradebook.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(PLAIN_HEADER)
        for row in rows:
            for name, sid, email in students_of(row):
                writer.writerow([sid, email, name, row["total"], possible_total, row["status"], row["submission"]])
    with open(out / "gradebook_canvas.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(CANVAS_HEADER + [column])
        writer.writerow(["    Points Possible", "", "", "", "", possible_total])
        for row in rows:
            for name, sid, _ in students_of(row):
                canvas_id, sis_id = (sid, "") if layout_ids == "canvas" else ("", sid)
                writer.writerow([name, canvas_id, sis_id, "", "", row["total"]])


def file_name(name, sid, taken):
    """`Name_SID`, letters, digits, - and _ only, unique among `taken`."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", f"{name}_{sid}" if sid else name).strip("_") or "student"
    candidate, k = stem, 1
    while candidate in taken:
        k += 1
        candidate = f"{stem}-{k}"
    taken.add(candidate)
    return candidate


def as_html(markdown_text, title):
    """A self-contained page: the feedback rendered, the student's text in it escaped."""
    body = mistune.create_markdown(escape=True, plugins=["table"])(markdown_text)
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{STYLE}</style></head><body>\n{body}</body></html>\n")


def write_returns(rows, feedback_dir, out):
    """returns/<student>.md and .html per student, and returns.zip; {row: [file stems]}."""
    folder = out / "returns"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    taken, written = set(), {}
    for row in rows:
        text = (feedback_dir / f"{row['submission']}.md").read_text()
        for name, sid, _ in students_of(row):
            stem = file_name(name, sid, taken)
            header = f"Feedback for {name}" + (f" ({sid})" if sid else "")
            (folder / f"{stem}.md").write_text(text)
            (folder / f"{stem}.html").write_text(as_html(text, header))
            written.setdefault(row["submission"], []).append(stem)
    with zipfile.ZipFile(out / "returns.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.iterdir()):
            z.write(path, f"returns/{path.name}")
    return written

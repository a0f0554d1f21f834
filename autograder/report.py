"""`make report OUT=DIR`: one self-contained HTML page about a graded batch.

Reads OUT/grades.json (written by `make grade`) and the autograder zip (which checks
are hidden and what they are worth) and writes OUT/report.html: the score
distribution per part, the most common failed checks and diagnoses with counts,
the submissions that timed out or could not be graded, a table of students, and the
pairs that share code (similarity.py, over the code `make grade` kept in OUT/code/). And
OUT/gallery.html: each student's two plots, as the grader saw them (drawn here from
what each figure showed, OUT/figures/), one student after another, for a reviewer
who puts points in OUT/manual_points.csv.
The charts are inline SVG drawn here, so the page needs no network and no script:
it can be mailed, archived or opened from a USB stick.
"""
import argparse
import csv
import html
import json
import re
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from autograder.grade import PARTS, check_results, test_cases

BAR = "#3b6ea8"  # bars of every chart (the browser test looks for this colour in a screenshot)
BAD = "#c0504d"
BINS = 10  # score bins: 0-10 %, ..., 90-100 % of a part's points


def esc(text):
    return html.escape(str(text), quote=True)


def generic(message):
    """A diagnosis without its numbers, so that the same mistake groups across students."""
    message = re.sub(r"[-+]?\d+(\.\d+)?(e[-+]?\d+)?", "#", message)
    return message if len(message) <= 300 else message[:297] + "..."


def failed_checks(submissions, cases):
    """Counter of (question, check number, hidden, points) over failed checks, and Counter of the
    hidden checks' reasons with numbers replaced, each with one example in full."""
    checks, reasons, example = Counter(), Counter(), {}
    for s in submissions:
        if s["status"] != "graded":
            continue
        for question, question_cases in cases.items():
            got = s["questions"].get(question)
            if not got:
                continue
            for i, (points, hidden, passed, message) in enumerate(check_results(question, got, question_cases), 1):
                if passed:
                    continue
                checks[(question, i, hidden, points)] += 1
                if hidden and message:
                    key = (question, generic(message))
                    reasons[key] += 1
                    example.setdefault(key, message)
    return checks, reasons, example


def histogram_svg(values, possible, title, width=260, height=150):
    """Bars of how many submissions scored in each tenth of `possible`."""
    counts = [0] * BINS
    for v in values:
        counts[min(BINS - 1, int(BINS * v / possible)) if possible else 0] += 1
    top = max(counts + [1])
    left, bottom, plot_h = 28, 30, height - 58
    bar_w = (width - left - 16) / BINS
    parts = [f'<svg class="chart" role="img" aria-label="{esc(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
             f'<text x="{width / 2}" y="14" text-anchor="middle" class="title">{esc(title)}</text>']
    for k, c in enumerate(counts):
        h = plot_h * c / top
        x = left + k * bar_w
        y = height - bottom - h
        parts.append(f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" fill="{BAR}">'
                     f'<title>{c} submission(s) at {10 * k}-{10 * (k + 1)} %</title></rect>')
        if c:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" class="small">{c}</text>')
    axis_y = height - bottom
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{width - 16}" y2="{axis_y}" stroke="#444"/>')
    for k in (0, BINS // 2, BINS):
        parts.append(f'<text x="{left + k * bar_w:.1f}" y="{axis_y + 13}" text-anchor="middle" class="small">'
                     f'{possible * k / BINS:g}</text>')
    parts.append(f'<text x="{width / 2}" y="{height - 3}" text-anchor="middle" class="small">points</text></svg>')
    return "".join(parts)


def bars_svg(rows, width=720, colour=BAR):
    """Horizontal bars: rows of (label, count)."""
    if not rows:
        return "<p>None.</p>"
    top = max(c for _, c in rows)
    label_w, row_h = 330, 22
    height = row_h * len(rows) + 6
    parts = [f'<svg class="chart" role="img" aria-label="failed checks" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">']
    for k, (label, count) in enumerate(rows):
        y = 3 + k * row_h
        w = (width - label_w - 40) * count / top
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" class="label">{esc(label)}</text>'
                     f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row_h - 6}" fill="{colour}"/>'
                     f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" class="small">{count}</text>')
    return "".join(parts) + "</svg>"


STYLE = """
body { font-family: system-ui, sans-serif; margin: 24px auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
svg .title { font-size: 13px; font-weight: 600; } svg .small { font-size: 10px; fill: #444; }
svg .label { font-size: 12px; }
table { border-collapse: collapse; font-size: 0.9em; } td, th { border: 1px solid #ddd; padding: 3px 7px; }
th { background: #f3f3f3; } td.num { text-align: right; } tr.notgraded td { background: #fbeaea; }
.summary { font-size: 1.05em; } code { font-size: 0.95em; }
"""


def render(report, cases, title="Grading report", folder=None):
    submissions = report["submissions"]
    possible = report["possible"]
    total_possible = sum(possible.values())
    graded = [s for s in submissions if s["status"] == "graded"]
    timeouts = [s for s in submissions if s["status"] == "timeout"]
    errors = [s for s in submissions if s["status"] == "error"]
    mean = sum(s["total"] for s in graded) / len(graded) if graded else 0
    checks, reasons, example = failed_checks(submissions, cases)

    out = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{esc(title)}</title>"
           f"<style>{STYLE}</style></head><body><h1>{esc(title)}</h1>",
           f"<p class='summary'>{len(submissions)} submissions: <b>{len(graded)}</b> graded, "
           f"<b>{len(timeouts)}</b> timed out, <b>{len(errors)}</b> could not be graded. "
           f"Mean of the graded: <b>{mean:.1f} / {total_possible:g}</b>.</p>",
           "<h2>Score distribution</h2><div class='charts'>",
           histogram_svg([s["total"] for s in graded], total_possible, f"total (of {total_possible:g})")]
    out += [histogram_svg([s["parts"][p] for s in graded], possible[p], f"{p} (of {possible[p]:g})")
            for p in PARTS if p in possible]
    out.append("</div>")

    out.append("<h2>Most common failed checks</h2><p>Hidden checks that cost points, by how many "
               "graded submissions failed them.</p>")
    # Only the checks that cost points: the public checks carry none and fail alongside them.
    top_checks = [(key, c) for key, c in checks.most_common() if key[3]][:15]
    out.append(bars_svg([(f"{q} {'hidden' if h else 'public'} check {i} ({pts:g} pts)", c)
                         for (q, i, h, pts), c in top_checks]))
    out.append("<h2>Most common diagnoses</h2><p>What the hidden checks told students, numbers left out; "
               "one full example each.</p><table><tr><th>students</th><th>question</th><th>diagnosis</th></tr>")
    for key, count in reasons.most_common(20):
        out.append(f"<tr><td class='num'>{count}</td><td><code>{esc(key[0])}</code></td>"
                   f"<td>{esc(example[key])}</td></tr>")
    out.append("</table>")

    out.append("<h2>Timeouts and errors</h2>")
    if timeouts or errors:
        out.append("<table><tr><th>submission</th><th>status</th><th>reason</th></tr>")
        out += [f"<tr class='notgraded'><td>{esc(s['submission'])}</td><td>{s['status']}</td>"
                f"<td>{esc(s['reason'])}</td></tr>" for s in timeouts + errors]
        out.append("</table>")
    else:
        out.append("<p>None: every submission was graded.</p>")

    out.append("<h2>Students</h2><table><tr><th>submission</th>"
               + "".join(f"<th>{p}<br>/{possible[p]:g}</th>" for p in PARTS if p in possible)
               + f"<th>total<br>/{total_possible:g}</th><th>status</th><th>seconds</th><th>feedback</th></tr>")
    for s in sorted(submissions, key=lambda s: s["submission"]):
        row_class = "" if s["status"] == "graded" else " class='notgraded'"
        cells = "".join(f"<td class='num'>{s['parts'][p]:g}</td>" for p in PARTS if p in possible)
        names = ", ".join(student.get("name", "") for student in s.get("students", []))
        out.append(f"<tr{row_class}><td>{esc(s['submission'])}{'<br><small>' + esc(names) + '</small>' if names else ''}</td>{cells}<td class='num'><b>{s['total']:g}</b></td>"
                   f"<td>{s['status']}</td><td class='num'>{s.get('seconds', 0):g}</td>"
                   f"<td><a href='feedback/{esc(s['submission'])}.md'>feedback</a></td></tr>")
    out.append("</table>")
    if folder is not None:
        out.append("<h2>Plots to review</h2><p><a href='gallery.html'>gallery.html</a>: each student's plots, "
                   "one after another.</p><h2>Similar code</h2>" + similar_pairs(folder))
    out.append("</body></html>")
    return "\n".join(out)


HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$")


def colour(text):
    return text if isinstance(text, str) and HEX_COLOUR.match(text) else "#888888"


def plain_text(text):
    """A label as matplotlib should print it: never mathtext (a student's `$` would be parsed)."""
    return str(text).replace("$", r"\$")[:200]


def figure_svg(summary, title):
    """An inline SVG of what a student's figure showed (figures.describe's summary): its lines, points
    with their colours, a shaded background where it drew a decision region, its labels."""
    import io
    from matplotlib.figure import Figure
    axes = summary["axes"][:4]
    fig = Figure(figsize=(3.6 * max(1, len(axes)), 2.8))
    for k, summary_ax in enumerate(axes):
        ax = fig.add_subplot(1, max(1, len(axes)), k + 1)
        as_float = (lambda values: [float("nan") if v is None else v for v in values])
        if summary_ax["regions"]:
            ax.set_facecolor("#e8eef6")
            ax.text(0.02, 0.02, "shaded: " + plain_text(", ".join(sorted(set(summary_ax["regions"])))),
                    transform=ax.transAxes, fontsize=6, color="#555555")
        for line in summary_ax["lines"]:
            xs = as_float(line["x"]) if line["x"] else list(range(len(line["y"])))
            marker = line["marker"] if line["marker"] in ("o", ".", "x", "+", "s", "^", "v", "*") else None
            style = line["linestyle"] if line["linestyle"] in ("-", "--", ":", "-.") else "None"
            ax.plot(xs[:len(line["y"])], as_float(line["y"])[:len(xs)], color=colour(line["color"]),
                    linestyle=style, marker=marker, markersize=3)
        for points in summary_ax["scatters"]:
            ax.scatter(as_float(points["x"]), as_float(points["y"]), c=[colour(c) for c in points["colors"]], s=8)
        ax.set_xlabel(plain_text(summary_ax["xlabel"]), fontsize=8)
        ax.set_ylabel(plain_text(summary_ax["ylabel"]), fontsize=8)
        ax.set_title(plain_text(summary_ax["title"]), fontsize=9)
        ax.tick_params(labelsize=7)
    if not axes:
        fig.text(0.5, 0.5, "an empty figure", ha="center")
    fig.suptitle(plain_text(summary.get("suptitle") or title), fontsize=9)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    return svg[svg.index("<svg"):]


def gallery(report, out):
    """OUT/gallery.html: per graded submission its students, its plots' points and its two plots."""
    from nn_grading import figures
    rows = sorted(report["submissions"], key=lambda s: s["submission"])
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Plots to review</title>"
             f"<style>{STYLE} .plots {{ display: flex; flex-wrap: wrap; gap: 8px; }} "
             f"section {{ border-top: 1px solid #ccc; padding-top: 6px; }}</style></head><body>"
             f"<h1>Plots to review</h1><p>Each student's <code>plot_losses</code> and <code>plot_decision</code>, "
             f"drawn again from what the grader saw in them (the lines, the points and their colours, a shaded "
             f"region, the labels). Points for them go in <code>manual_points.csv</code>; the next "
             f"<code>make grade</code> counts them.</p>"]
    for k, row in enumerate(rows):
        path = out / "figures" / f"{row['submission']}.json"
        try:
            shown = json.loads(path.read_text()) if path.exists() else {}
        except ValueError:
            shown = {}
        who = ", ".join(s.get("name", "") for s in row.get("students", [])) or row["submission"]
        plots = row["questions"].get("training_plots", {})
        nav = (f"<a href='#s{k - 1}'>previous</a> " if k else "") + (f"<a href='#s{k + 1}'>next</a>" if k + 1 < len(rows) else "")
        parts.append(f"<section id='s{k}'><h2>{esc(who)} <small>({esc(row['submission'])}, plots "
                     f"{plots.get('score', 0):g} / {plots.get('possible', 0):g})</small></h2><p>{nav}</p><div class='plots'>")
        for name in ("plot_losses", "plot_decision"):
            summary = figures.checked(shown.get(name))
            parts.append(figure_svg(summary, name) if summary is not None else
                         f"<p>No figure from <code>{name}</code> ({esc(row['status'])}).</p>")
        parts.append("</div></section>")
    parts.append("</body></html>")
    (out / "gallery.html").write_text("\n".join(parts), encoding="utf-8")


def similar_pairs(out):
    path = out / "similarity.csv"
    if not path.exists():
        return "<p>Not checked: no code kept in this folder (grade it again with <code>make grade</code>).</p>"
    with open(path, newline="") as f:
        pairs = list(csv.DictReader(f))
    if not pairs:
        return "<p>No pair of submissions shares half its code or more.</p>"
    lines = ["<p>Side by side in <a href='similarity.html'>similarity.html</a>.</p><table><tr><th>submission</th>"
             "<th>submission</th><th>share of the first in the second</th><th>and the other way</th></tr>"]
    lines += [f"<tr><td>{esc(p['submission_a'])}</td><td>{esc(p['submission_b'])}</td>"
              f"<td class='num'>{float(p['share_of_a_in_b']):.0%}</td><td class='num'>{float(p['share_of_b_in_a']):.0%}</td></tr>"
              for p in pairs]
    return "".join(lines) + "</table>"


CHROMIUM = "chromium"  # Debian's package; the Makefile installs it
# Headless, as root in a container, with no network: Chromium's own background connections off.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--force-device-scale-factor=1"]


def screenshot(page, png, width=1200, height=1800):
    """A PNG of how headless Chromium renders the file `page`."""
    with tempfile.TemporaryDirectory(prefix="nn-kit-chromium-") as profile:
        done = subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                               f"--screenshot={Path(png).resolve()}", Path(page).resolve().as_uri()],
                              capture_output=True, text=True, timeout=120)
    if done.returncode != 0 or not Path(png).exists():
        raise RuntimeError(f"chromium could not render {page}: {done.stderr[-2000:]}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a folder `make grade` wrote (grades.json in it)")
    parser.add_argument("--autograder", type=Path, required=True, help="the autograder zip the batch was graded with")
    args = parser.parse_args(argv)
    grades = args.out / "grades.json"
    if not grades.exists():
        parser.error(f"{grades} does not exist: grade a batch first (make grade SUBMISSIONS=DIR OUT={args.out})")
    report = json.loads(grades.read_text())
    kept = sorted((args.out / "code").glob("*.py"))
    if kept:
        from autograder import intake, similarity
        similarity.compare([intake.Submission(row=p.stem, path=p) for p in kept], args.out)
    page = render(report, test_cases(args.autograder), folder=args.out)
    target = args.out / "report.html"
    target.write_text(page, encoding="utf-8")
    gallery(report, args.out)
    print(f"wrote {target}, {args.out / 'gallery.html'}"
          + (f" and the similar pairs ({args.out / 'similarity.csv'}, {args.out / 'similarity.html'})" if kept else ""))


if __name__ == "__main__":
    main()

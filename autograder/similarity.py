"""`make similarity`: who wrote the same code, by copydetect (MOSS's winnowing over normalised tokens).

Each submission's own code (a notebook's code cells but the pictures', a script, an export zip's
notebook) is compared with every other's. The code the student notebook gives (imports, signatures,
docstrings, the given helpers) is boilerplate: only what the students wrote counts. Renaming variables
does not hide a copy (copydetect replaces names by one token before fingerprinting).

Writes OUT/similarity.csv (the pairs at or above the threshold, most similar first) and
OUT/similarity.html (copydetect's report: the matching code side by side).
"""
import argparse
import csv
import json
import tempfile
import zipfile
from pathlib import Path

from copydetect import CopyDetector

from autograder import intake
from nn_grading.plugin import gradable_file

ROOT = Path(__file__).resolve().parents[1]
STUDENT_NOTEBOOK = ROOT / "assignments" / "nn_from_scratch.ipynb"
THRESHOLD = 0.5  # a pair is listed when this share of either file's code is found in the other
# copydetect's k-gram size and window, in tokens: shorter matches are noise. At 25 (its default) two
# independent solutions share about half their code (short functions like `shape` are written alike);
# at 50 about a fifth, while a copy with renamed variables stays at 99% (tests/test_similarity.py).
NOISE_TOKENS = GUARANTEE_TOKENS = 50


def notebook_code(nb):
    """The code cells a student wrote or kept: not the pictures (otter_ignore), not Otter's own lines."""
    cells = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"
             and "otter_ignore" not in c.get("metadata", {}).get("tags", [])]
    sources = ["".join(c["source"]) if isinstance(c.get("source"), list) else str(c.get("source", "")) for c in cells]
    lines = [line for source in sources for line in source.splitlines()
             if "grader." not in line and "otter" not in line and not line.lstrip().startswith(("%", "!"))]
    return "\n".join(lines) + "\n"


def code_of(path):
    """A submission's code as text, or None when it cannot be read."""
    try:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as z:
                name = gradable_file([n for n in z.namelist() if "/" not in n and not n.startswith(".")])
                if name is None or z.getinfo(name).file_size > 20 * 2**20:
                    return None
                data, suffix = z.read(name), Path(name).suffix
        else:
            data, suffix = path.read_bytes(), path.suffix
        text = data.decode("utf-8", "replace")
        return notebook_code(json.loads(text)) if suffix == ".ipynb" else text
    except (OSError, ValueError, zipfile.BadZipFile, KeyError, AttributeError, TypeError):
        return None


def compare(found, out, threshold=THRESHOLD, boilerplate=STUDENT_NOTEBOOK):
    """[(row a, row b, share of a in b, share of b in a)] at or above `threshold`; writes the report."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nn-kit-similarity-") as tmp:
        code, given = Path(tmp) / "code", Path(tmp) / "given"
        code.mkdir()
        given.mkdir()
        (given / "given.py").write_text(notebook_code(json.loads(boilerplate.read_text())))
        rows = {}
        for submission in found:
            text = code_of(submission.path) if submission.path is not None else None
            if text:
                (code / f"{submission.row}.py").write_text(text)
                rows[f"{submission.row}.py"] = submission.row
        pairs = []
        if len(rows) >= 2:
            detector = CopyDetector(test_dirs=[str(code)], ref_dirs=[str(code)], boilerplate_dirs=[str(given)],
                                    extensions=["py"], noise_t=NOISE_TOKENS, guarantee_t=GUARANTEE_TOKENS,
                                    display_t=threshold, autoopen=False, silent=True,
                                    out_file=str(out / "similarity.html"))
            detector.run()
            detector.generate_html_report()
            seen = set()
            for share_a, share_b, file_a, file_b, *_ in detector.get_copied_code_list():
                a, b = rows[Path(file_a).name], rows[Path(file_b).name]
                if a != b and frozenset((a, b)) not in seen:
                    seen.add(frozenset((a, b)))
                    pairs.append((a, b, round(float(share_a), 3), round(float(share_b), 3)))
    pairs.sort(key=lambda p: -max(p[2], p[3]))
    with open(out / "similarity.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["submission_a", "submission_b", "share_of_a_in_b", "share_of_b_in_a"])
        writer.writerows(pairs)
    return pairs


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", type=Path, help="a folder of submissions, or a Gradescope, Canvas or Moodle download")
    parser.add_argument("out", type=Path)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nn-kit-download-") as scratch:
        try:
            _, found = intake.collect(args.submissions, scratch)
        except intake.LayoutError as e:
            parser.exit(2, f"make similarity: {e}\n")
        pairs = compare(found, args.out, args.threshold)
    print(f"{len(pairs)} pairs share {args.threshold:.0%} or more of their code: {args.out / 'similarity.csv'}, "
          f"side by side in {args.out / 'similarity.html'}")
    for a, b, share_a, share_b in pairs[:20]:
        print(f"  {a} ~ {b}: {share_a:.0%} / {share_b:.0%}")


if __name__ == "__main__":
    main()

"""`make screenshots`: the pictures in the README, made by the kit itself, never by hand.

1. Runs the reference solution notebook top to bottom in a real Jupyter kernel and
   saves the pictures that section 7 (and the network diagram) draw, one PNG each.
2. Grades the bundled example submissions, writes their `make report` page and
   photographs it in headless Chromium.
Everything lands in docs/img/, which the README shows.
"""
import base64
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbclient
import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from autograder import report  # noqa: E402

IMAGES = ROOT / "docs" / "img"
AUTOGRADER_ZIP = ROOT / "build" / "autograder" / "nn_from_scratch-autograder.zip"


def notebook_pictures(workdir):
    """{name: png bytes} for every picture the reference notebook's given cells display, named after
    the function that drew it (a cell that draws the same function twice gets _2 on the second)."""
    source = ROOT / "examples" / "submissions" / "reference.ipynb"
    path = workdir / "nn_from_scratch.ipynb"
    shutil.copy(source, path)
    nb = nbformat.read(str(path), as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(workdir)}}).execute()
    pictures = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or "otter_ignore" not in cell.metadata.get("tags", []):
            continue
        names = re.findall(r"display\((\w+)\(", cell.source)
        images = [out["data"]["image/png"] for out in cell.outputs if "image/png" in out.get("data", {})]
        if len(names) != len(images):
            raise SystemExit(f"a cell displayed {len(images)} pictures for {names}: did it fail?\n{cell.source}")
        for name, image in zip(names, images):
            key = name if name not in pictures else f"{name}_2"
            pictures[key] = base64.b64decode(image)
    return pictures


def report_picture(workdir):
    out = workdir / "grades"
    subprocess.run([sys.executable, "-m", "autograder.grade", str(ROOT / "examples" / "submissions"), str(out),
                    "--autograder", str(AUTOGRADER_ZIP)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "autograder.report", str(out), "--autograder", str(AUTOGRADER_ZIP)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    png = workdir / "report.png"
    report.screenshot(out / "report.html", png, width=1100, height=1500)
    return png.read_bytes()


def main():
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nn-kit-screenshots-") as tmp:
        pictures = notebook_pictures(Path(tmp))
        pictures["report"] = report_picture(Path(tmp))
    for old in IMAGES.glob("*.png"):
        old.unlink()
    for name, png in pictures.items():
        (IMAGES / f"{name}.png").write_bytes(png)
        print(f"wrote docs/img/{name}.png")


if __name__ == "__main__":
    main()

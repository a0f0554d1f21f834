"""The plots are checked for what they show (nn_grading/figures.py), on real matplotlib Figures.

describe() turns a Figure into plain data of bounded size; loss_plot_problems and
decision_plot_problems name, in one sentence, what a plot misses. The last tests go
through the real student's process (channel.StudentProcess with the plots flag): a
Figure comes back as an Opaque carrying its summary, and a summary the student's
process forges is refused when it is malformed or oversized (one that looks right is
accepted: see the last test).
"""
import json
import math
import random
import textwrap
import time

import pytest
from matplotlib.figure import Figure

from conftest import ROOT  # noqa: F401  (puts the kit on the path)
from nn_grading import channel, figures

LOSSES = [0.7 - 0.01 * k for k in range(40)]


def data(n=30, seed=3):
    rng = random.Random(seed)
    X = [[rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in range(n)]
    y = [[1.0 if row[0] + row[1] > 0 else 0.0] for row in X]
    y[0], y[1] = [1.0], [0.0]
    return X, y


def loss_figure(losses=LOSSES, x=None, xlabel="epoch", ylabel="training loss"):
    """plot_losses as the reference draws it."""
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    ax.plot(range(len(losses)) if x is None else x, losses)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title("Training loss")
    return fig


def decision_figure(X, y, region="contourf", colours="per class", points=None, xlabel="feature x1",
                    ylabel="feature x2"):
    """plot_decision as the reference draws it (a made-up region: only its presence is checked)."""
    steps = 20
    grid = [-1.0 + 2.0 * k / (steps - 1) for k in range(steps)]
    Z = [[1.0 if a + b > 0 else 0.0 for a in grid] for b in grid]
    fig = Figure(figsize=(5, 5))
    ax = fig.add_subplot()
    if region == "contourf":
        ax.contourf(grid, grid, Z, levels=[0.0, 0.5, 1.0], colors=["#f4c7c3", "#c6dbef"])
    elif region == "pcolormesh":
        ax.pcolormesh(grid, grid, Z, shading="auto")
    elif region == "imshow":
        ax.imshow(Z, extent=(-1, 1, -1, 1), origin="lower")
    elif region == "contour":
        ax.contour(grid, grid, Z, levels=[0.5], colors="k")
    rows = list(zip(X, y)) if points is None else points
    if colours == "per class":
        c = ["tab:blue" if t[0] == 1.0 else "tab:red" for _, t in rows]
    elif colours == "mapped":
        c = [t[0] for _, t in rows]
    elif colours == "one":
        c = None
    ax.scatter([r[0] for r, _ in rows], [r[1] for r, _ in rows], c=c, s=12)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig


def plain(value):
    """Only dict (str keys), list, str, float, int, bool and None, all the way down."""
    if isinstance(value, dict):
        return all(type(k) is str and plain(v) for k, v in value.items())
    if type(value) is list:
        return all(plain(v) for v in value)
    return value is None or type(value) in (str, float, int, bool)


# ---------------------------------------------------------------------------
# describe
# ---------------------------------------------------------------------------

def test_the_summary_is_plain_data_that_json_takes_and_checked_accepts():
    X, y = data()
    for fig in (loss_figure(), decision_figure(X, y), decision_figure(X, y, colours="mapped", region="imshow")):
        summary = figures.describe(fig)
        assert plain(summary)
        assert json.loads(json.dumps(summary, allow_nan=False)) == summary
        assert figures.checked(summary) is summary
    summary = figures.describe(loss_figure())
    ax, = summary["axes"]
    assert (ax["xlabel"], ax["ylabel"], ax["title"]) == ("epoch", "training loss", "Training loss")
    assert ax["lines"][0]["y"] == LOSSES and ax["lines"][0]["x"] == [float(k) for k in range(40)]


def test_a_scatter_gives_each_point_its_colour_and_a_filled_region_is_seen():
    X, y = data()
    ax, = figures.describe(decision_figure(X, y))["axes"]
    scatter, = ax["scatters"]
    assert scatter["x"] == [row[0] for row in X] and scatter["y"] == [row[1] for row in X]
    assert scatter["colors"] == ["#1f77b4ff" if t[0] == 1.0 else "#d62728ff" for t in y]
    assert ax["regions"] == ["QuadContourSet"]
    # colours mapped from c=[0.0, 1.0, ...] are the mapped ones, not the collection's single default
    ax, = figures.describe(decision_figure(X, y, colours="mapped"))["axes"]
    assert len(set(ax["scatters"][0]["colors"])) == 2


def test_a_huge_figure_gives_a_bounded_summary():
    import numpy as np
    fig = Figure()
    for _ in range(20):  # more axes than are kept
        fig.add_subplot()
    ax = fig.axes[0]
    ax.scatter(np.linspace(0, 1, 10**6), np.linspace(0, 1, 10**6), c=np.linspace(0, 1, 10**6))
    for _ in range(50):
        ax.plot(np.arange(10**5), np.arange(10**5))
        ax.scatter(np.arange(10**4), np.arange(10**4))
    ax.set_xlabel("x" * 10**5)
    summary = figures.describe(fig)
    text = json.dumps(summary)
    assert len(text) < 3 * 2**20
    assert summary["cut"] and len(summary["axes"]) == figures.MAX_AXES
    first = summary["axes"][0]
    assert first["cut"] and len(first["lines"]) == len(first["scatters"]) == figures.MAX_ARTISTS
    assert first["lines"][0]["cut"] and len(first["lines"][0]["x"]) == figures.MAX_POINTS
    assert len(first["scatters"][0]["colors"]) == figures.MAX_POINTS
    assert len(first["xlabel"]) == figures.MAX_TEXT
    kept = sum(len(item["x"]) for a in summary["axes"] for item in a["lines"] + a["scatters"])
    assert kept <= figures.MAX_TOTAL
    assert figures.checked(summary) is summary


def test_anything_but_a_figure_is_named():
    fig = loss_figure()
    summary = figures.describe(fig.axes[0])
    assert summary["axes"] == [] and summary["type"].endswith(".Axes")
    assert figures.loss_plot_problems(summary, LOSSES) == "plot_losses should return a matplotlib Figure, got Axes"


# ---------------------------------------------------------------------------
# loss_plot_problems
# ---------------------------------------------------------------------------

def test_the_reference_loss_plot_passes():
    assert figures.loss_plot_problems(figures.describe(loss_figure()), LOSSES) == ""
    # epochs counted from 1, a log scale, a title on the figure instead: still the losses in order
    fig = loss_figure(x=range(1, 41))
    fig.axes[0].set_yscale("log")
    assert figures.loss_plot_problems(figures.describe(fig), LOSSES) == ""


@pytest.mark.parametrize("fig, sentence", [
    (lambda: loss_figure(xlabel=""), 'In the Figure plot_losses returned, the x axis has no label: name it, '
                                     'e.g. ax.set_xlabel("epoch").'),
    (lambda: loss_figure(ylabel="  "), 'In the Figure plot_losses returned, the y axis has no label: name it, '
                                       'e.g. ax.set_ylabel("training loss").'),
    (lambda: loss_figure(xlabel="", ylabel=""), "neither axis has a label"),
    (lambda: loss_figure(losses=LOSSES[::-1]), "In the Figure plot_losses returned, no line shows the losses in "
                                               "order (the y data of a line should be the losses, epoch by epoch"),
    (lambda: loss_figure(losses=[v * 2 for v in LOSSES]), "no line shows the losses in order"),
    (lambda: loss_figure(losses=LOSSES[:-1]), "no line shows the losses in order"),
    (lambda: loss_figure(x=list(range(40))[::-1]), "the line of the losses should have x data that increase"),
    (lambda: Figure(), "no line shows the losses in order"),
])
def test_each_missing_piece_of_the_loss_plot_is_named(fig, sentence):
    said = figures.loss_plot_problems(figures.describe(fig()), LOSSES)
    assert sentence in said


# ---------------------------------------------------------------------------
# decision_plot_problems
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["reference", "mapped colours", "pcolormesh", "imshow", "two scatters",
                                  "markers on lines", "hollow markers"])
def test_reference_style_decision_plots_pass(kind):
    X, y = data()
    if kind == "reference":
        fig = decision_figure(X, y)
    elif kind == "mapped colours":
        fig = decision_figure(X, y, colours="mapped")
    elif kind in ("pcolormesh", "imshow"):
        fig = decision_figure(X, y, region=kind)
    else:
        fig = decision_figure(X, y, points=[])
        ax = fig.axes[0]
        for label, colour in ((0.0, "tab:red"), (1.0, "tab:blue")):
            xs = [r[0] for r, t in zip(X, y) if t[0] == label]
            ys = [r[1] for r, t in zip(X, y) if t[0] == label]
            if kind == "two scatters":
                ax.scatter(xs, ys, color=colour)
            elif kind == "markers on lines":
                ax.plot(xs, ys, "o", color=colour)
            else:
                ax.scatter(xs, ys, facecolors="none", edgecolors=colour)
    assert figures.decision_plot_problems(figures.describe(fig), X, y) == ""


@pytest.mark.parametrize("make, sentence", [
    (lambda X, y: decision_figure(X, y, points=[]),
     "In the Figure plot_decision returned, the data points are not drawn: 0 of the 30 points (x1, x2) of X"),
    (lambda X, y: decision_figure(X, y, points=list(zip(X, y))[:20]), "the data points are not drawn: 20 of the 30"),
    (lambda X, y: decision_figure([[r[1], r[0], r[2]] for r in X], y), "the data points are not drawn"),
    (lambda X, y: decision_figure(X, y, colours="one"),
     "In the Figure plot_decision returned, the two classes of points have the same colour"),
    (lambda X, y: decision_figure(X, [[1.0 - t[0]] for t in y[:5]] + y[5:]),
     "the points of one class do not all have the same colour"),
    (lambda X, y: decision_figure(X, y, region="contour"),
     "In the Figure plot_decision returned, there is no decision region under the data points: shade the "
     "predicted class over a grid of (x1, x2) with ax.contourf or ax.pcolormesh."),
    (lambda X, y: decision_figure(X, y, region=None), "there is no decision region"),
    (lambda X, y: decision_figure(X, y, xlabel=""),
     'In the Figure plot_decision returned, the x axis has no label: name it, e.g. ax.set_xlabel("feature x1").'),
    (lambda X, y: decision_figure(X, y, ylabel=""), "the y axis has no label"),
])
def test_each_missing_piece_of_the_decision_plot_is_named(make, sentence):
    X, y = data()
    said = figures.decision_plot_problems(figures.describe(make(X, y)), X, y)
    assert sentence in said


def test_the_sentences_are_one_line_for_a_student():
    X, y = data()
    for said in (figures.loss_plot_problems(figures.describe(loss_figure(xlabel="")), LOSSES),
                 figures.decision_plot_problems(figures.describe(decision_figure(X, y, points=[])), X, y),
                 figures.loss_plot_problems(None, LOSSES)):
        assert said and "\n" not in said and "Traceback" not in said and len(said) < 300


# ---------------------------------------------------------------------------
# checked: what the student's process sends is refused unless it is a summary within the caps
# ---------------------------------------------------------------------------

def forged(**changes):
    summary = figures.describe(loss_figure())
    summary["axes"][0]["lines"][0].update(changes)
    return summary


@pytest.mark.parametrize("summary", [
    None, [], "a summary", {"type": "matplotlib.figure.Figure"},
    {**figures.describe(loss_figure()), "extra": 1},
    {**figures.describe(loss_figure()), "axes": "everything"},
    {**figures.describe(loss_figure()), "axes": [{}] * (figures.MAX_AXES + 1)},
    {**figures.describe(loss_figure()), "type": "x" * (figures.MAX_TEXT + 1)},
    forged(y=[0.5] * (figures.MAX_POINTS + 1)),
    forged(y=[float("nan")]), forged(y=[math.inf]), forged(y=["0.5"]), forged(y=[1]), forged(y=[True]),
    forged(y=(0.5,)), forged(y=[[0.5]]), forged(cut=0), forged(color=None),
    # every list within its cap, but more points in all than describe keeps
    {**figures.describe(loss_figure()), "axes": [dict(figures.describe(loss_figure())["axes"][0], lines=[
        forged(x=[0.0] * figures.MAX_POINTS, y=[0.5] * figures.MAX_POINTS)["axes"][0]["lines"][0]] * 9)] * 2},
])
def test_checked_refuses_what_describe_never_makes(summary):
    assert figures.checked(summary) is None
    said = figures.loss_plot_problems(summary, LOSSES)
    assert said.startswith("the Figure plot_losses returned could not be read back from your code's process")


def test_checked_refuses_deep_nesting_without_crashing():
    deep = []
    for _ in range(100000):
        deep = [deep]
    summary = figures.describe(loss_figure())
    summary["axes"][0]["lines"][0]["y"] = deep
    assert figures.checked(summary) is None


# ---------------------------------------------------------------------------
# Through the real student's process
# ---------------------------------------------------------------------------

STUDENT_CODE = textwrap.dedent('''\
    from matplotlib.figure import Figure

    def plot_losses(losses):
        fig = Figure()
        ax = fig.add_subplot()
        ax.plot(range(len(losses)), losses)
        ax.set_xlabel("epoch")
        ax.set_ylabel("loss")
        return fig

    def plot_unlabelled(losses):
        fig = Figure()
        fig.add_subplot().plot(range(len(losses)), losses)
        return fig

    def plot_huge(n):
        fig = Figure()
        ax = fig.add_subplot()
        ax.scatter([k / n for k in range(n)], [k / n for k in range(n)])
        ax.plot(range(n), range(n))
        return fig

    class Figure2:
        pass
    Figure2.__module__, Figure2.__qualname__ = "matplotlib.figure", "Figure"

    def plot_fake(losses):
        return Figure2()

    def forge(summary):
        """What a hostile student's process can send: it sets its own channel's next answer."""
        channel = __import__.__globals__["sys"]._getframe(1).f_locals["self"]
        real = channel.encode
        def once(value, depth=0):  # the next Figure (not this call's own None) goes as `summary` says
            if value is None:
                return real(value, depth)
            channel.encode = real
            return {"__figure__": ["matplotlib.figure.Figure", summary]}
        channel.encode = once
''')


@pytest.fixture(scope="module")
def plots_process():
    process = channel.StudentProcess([STUDENT_CODE], plots=True)
    assert not process.errors, process.errors
    yield process
    process.stop()


def call(process, name, *args):
    return process.call(name, list(args), {})[0]


def test_a_figure_comes_back_with_its_summary(plots_process):
    fig = call(plots_process, "plot_losses", LOSSES)
    assert isinstance(fig, channel.Opaque) and fig.type_name == "matplotlib.figure.Figure"
    here = loss_figure(xlabel="epoch", ylabel="loss")
    here.axes[0].set_title("")
    assert fig.summary == figures.describe(here)
    assert figures.loss_plot_problems(fig.summary, LOSSES) == ""
    unlabelled = call(plots_process, "plot_unlabelled", LOSSES)
    assert "neither axis has a label" in figures.loss_plot_problems(unlabelled.summary, LOSSES)


def test_a_huge_figure_comes_back_bounded(plots_process):
    fig = call(plots_process, "plot_huge", 200000)
    assert fig.summary is not None
    ax, = fig.summary["axes"]
    assert len(ax["lines"][0]["x"]) == len(ax["scatters"][0]["x"]) == figures.MAX_POINTS
    assert ax["lines"][0]["cut"] and ax["scatters"][0]["cut"]


def test_a_class_named_like_a_figure_comes_back_without_a_summary(plots_process):
    fig = call(plots_process, "plot_fake", LOSSES)
    assert fig.type_name == "matplotlib.figure.Figure" and fig.summary is None
    assert "could not be read back" in figures.loss_plot_problems(fig.summary, LOSSES)


@pytest.mark.parametrize("summary", [
    "everything is fine",
    {"type": "matplotlib.figure.Figure", "axes": [{"lines": [{"y": [0.5] * 200000}]}]},
    forged(y=[0.5] * (figures.MAX_POINTS + 1)),
    {"__callback__": 0},
    {"__tuple__": [1.0, 2.0]},
])
def test_a_forged_summary_that_is_malformed_or_oversized_is_refused(plots_process, summary):
    call(plots_process, "forge", summary)
    fig = call(plots_process, "plot_losses", LOSSES)
    assert fig.type_name == "matplotlib.figure.Figure" and fig.summary is None
    # the process still answers as before
    assert call(plots_process, "plot_losses", LOSSES).summary is not None


def test_a_forged_summary_that_looks_right_is_accepted(plots_process):
    """Not defended: the student's process can describe a Figure it never drew (the summary is only
    checked for its layout and size). Forging it takes deliberate work on the grader's protocol."""
    call(plots_process, "forge", figures.describe(loss_figure()))
    fig = call(plots_process, "plot_unlabelled", LOSSES)
    assert figures.loss_plot_problems(fig.summary, LOSSES) == ""


def test_a_plots_process_started_without_waiting_answers_its_first_call(tmp_path):
    """The grader starts the plots process beside the other questions' checks (Submission): what a question
    asks of it before it has answered (the references it may use) is kept for it, and its first call waits."""
    process = channel.StudentProcess([STUDENT_CODE], plots=True, wait=False)
    try:
        assert process.pending_run and process.alive()
        process.use_reference({"forward"})
        process.restore()
        fig = call(process, "plot_losses", LOSSES)
        assert not process.pending_run and not process.errors, process.errors
        assert fig.type_name == "matplotlib.figure.Figure" and figures.loss_plot_problems(fig.summary, LOSSES) == ""
    finally:
        process.stop()
    stopped = channel.StudentProcess([STUDENT_CODE], plots=True, wait=False)
    stopped.stop()  # never asked: ended, its answer never read
    assert not stopped.alive() and not stopped.pending_run


def test_a_plots_process_started_without_waiting_is_read_after_its_time_limit(monkeypatch):
    """Its statements' answer came within the limit, but the grader asked for it later (the other questions
    were being checked): what is in the pipe already is read, not taken for a timeout (found by a fresh-clone
    run: a run longer than the per-call limit lost its plots)."""
    monkeypatch.setenv("NN_KIT_CALL_SECONDS", "2")
    process = channel.StudentProcess([STUDENT_CODE], plots=True, wait=False)
    try:
        time.sleep(4)
        fig = call(process, "plot_losses", LOSSES)
        assert not process.errors and fig.type_name == "matplotlib.figure.Figure", process.errors
    finally:
        process.stop()

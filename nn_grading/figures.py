"""What a student's plot shows, as plain data, and what is missing from it.

`describe(fig)` turns a matplotlib Figure into a small summary made of dicts,
lists, str, float, bool and None only (its labels, the data of its lines, the
points of its scatters with the colour of each, and whether it shades a region),
so that it can cross the channel from the student's process (student_process.py
calls it there; channel.py checks what arrives with `checked`). Every list is
capped: a figure of 10**7 points gives a summary of a few megabytes at most.

`loss_plot_problems` and `decision_plot_problems` read a summary and return ""
when the plot shows what the contract asks for, else one sentence for the student
naming what is missing.

Only the standard library is imported here at import time (the student's process
loads this file from its source, channel.py sends it); matplotlib is touched only
inside `describe`, on the Figure it is given.
"""
import bisect
import itertools
import math

MAX_POINTS = 5000  # entries kept of any one list (a line's x or y data, a scatter's points)
MAX_TOTAL = 40000  # points kept in the whole summary, half for lines and half for scatters: the rest are cut
MAX_AXES = 16
MAX_ARTISTS = 32  # lines, scatters and regions kept per axes
MAX_TEXT = 200  # characters kept of a label or title
FIGURE = "matplotlib.figure.Figure"
REGION_TYPES = {"QuadMesh", "PolyQuadMesh", "AxesImage"}  # plus filled contour sets (contourf, tricontourf)
POINT_TOLERANCE = 1e-6  # a data point is drawn if a point of the plot is this close (relative, 1e-6 absolute near 0)

# Summary layout (every key always present):
# {"type": str,                      the class of what was described, e.g. "matplotlib.figure.Figure"
#  "suptitle": str, "supxlabel": str, "supylabel": str,   the figure's own title and axis labels
#  "axes": [{"xlabel": str, "ylabel": str, "title": str,
#            "lines": [{"x": [float|None], "y": [float|None], "marker": str, "linestyle": str,
#                       "color": str, "cut": bool}],
#            "scatters": [{"x": [float|None], "y": [float|None], "colors": [str], "cut": bool}],
#            "regions": [str],        type names of filled regions (QuadContourSet, QuadMesh, AxesImage, ...)
#            "cut": bool}],           artists of this axes left out (more than MAX_ARTISTS)
#  "cut": bool}                       axes left out (more than MAX_AXES)
# Colours are "#rrggbbaa" strings; None stands for a value that is not a finite number. A scatter's
# "colors" has one entry per point kept (the face colour, or the edge colour of a hollow marker).


# ---------------------------------------------------------------------------
# describe: a Figure as plain data
# ---------------------------------------------------------------------------

class _Budget:
    def __init__(self, total):
        self.left = total

    def take(self, wanted):
        """How many of `wanted` entries may be kept (at most MAX_POINTS), and count them."""
        granted = max(0, min(wanted, MAX_POINTS, self.left))
        self.left -= granted
        return granted


def _text(value):
    return str(value)[:MAX_TEXT] if value is not None else ""


def _number(value):
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _flat(data, limit):
    """Up to `limit` entries of a 1-d sequence (a list, range or array), read without copying the rest."""
    try:
        if getattr(data, "ndim", 1) != 1:
            data = data.ravel()
        return list(itertools.islice(iter(data), limit))
    except TypeError:  # a scalar
        return [data][:limit]


def _length(data):
    try:
        return int(getattr(data, "size", None) or len(data))
    except TypeError:
        return 1


def _hex(rgba, cache):
    key = tuple(float(v) for v in rgba)
    if key not in cache:
        from matplotlib.colors import to_hex
        cache[key] = to_hex(key, keep_alpha=True)
    return cache[key]


def _line(line, budget, cache):
    xs, ys = line.get_xdata(orig=True), line.get_ydata(orig=True)
    n = max(_length(xs), _length(ys))
    kept = budget.take(n)
    try:  # the colour of its markers (their edge's where the face is transparent), else of the line
        from matplotlib.colors import to_rgba
        color = to_rgba(line.get_color())
        if line.get_marker() not in (None, "", "None", " "):
            color = to_rgba(line.get_markerfacecolor())
            if color[3] == 0.0:
                color = to_rgba(line.get_markeredgecolor())
        color = _hex(color, cache)
    except (TypeError, ValueError):
        color = ""
    return {"x": [_number(v) for v in _flat(xs, kept)], "y": [_number(v) for v in _flat(ys, kept)],
            "marker": _text(line.get_marker()), "linestyle": _text(line.get_linestyle()), "color": color,
            "cut": kept < n}


def _point_colors(collection, count, cache):
    """The colour of each of the first `count` points of a scatter: its face colour, or its edge colour
    where the face is transparent; colours mapped from values (c=[0.0, 1.0, ...]) are mapped here."""
    faces = collection.get_facecolors()
    values = collection.get_array()
    if values is not None and count:
        collection.autoscale_None()  # the colour limits of the whole array, as drawing sets them
        alpha = collection.get_alpha()
        faces = collection.to_rgba(values.ravel()[:count], alpha=alpha if isinstance(alpha, (int, float)) else None)
    edges = collection.get_edgecolors()
    colors = []
    for i in range(count):
        face = faces[i % len(faces)] if len(faces) else None
        if face is None or float(face[3]) == 0.0:
            face = edges[i % len(edges)] if len(edges) and not isinstance(edges, str) else None
        colors.append(_hex(face, cache) if face is not None else "")
    return colors


def _scatter(collection, budget, cache):
    offsets = collection.get_offsets()
    n = len(offsets)
    kept = budget.take(n)
    points = list(itertools.islice(iter(offsets), kept))
    return {"x": [_number(p[0]) for p in points], "y": [_number(p[1]) for p in points],
            "colors": _point_colors(collection, len(points), cache), "cut": kept < n}


def _axes(ax, budgets, cache):
    from matplotlib.collections import PathCollection
    from matplotlib.contour import ContourSet
    lines, scatters, regions, cut = [], [], [], False
    for line in list(ax.lines):
        if len(lines) == MAX_ARTISTS:
            cut = True
            break
        lines.append(_line(line, budgets[0], cache))
    for collection in list(ax.collections):
        if isinstance(collection, ContourSet):
            if getattr(collection, "filled", False):
                regions.append(type(collection).__name__)
        elif isinstance(collection, PathCollection):
            if len(scatters) == MAX_ARTISTS:
                cut = True
                continue
            scatters.append(_scatter(collection, budgets[1], cache))
        elif type(collection).__name__ in REGION_TYPES:
            regions.append(type(collection).__name__)
    regions += [type(image).__name__ for image in list(ax.images)]
    if len(regions) > MAX_ARTISTS:
        regions, cut = regions[:MAX_ARTISTS], True
    return {"xlabel": _text(ax.get_xlabel()), "ylabel": _text(ax.get_ylabel()), "title": _text(ax.get_title()),
            "lines": lines, "scatters": scatters, "regions": regions, "cut": cut}


def _all_axes(figure):
    """The axes of a figure and of its subfigures."""
    found = list(figure.axes)
    for sub in list(getattr(figure, "subfigs", []))[:MAX_AXES]:
        found += _all_axes(sub)
    return found


def describe(fig):
    """A plain-data summary of the matplotlib Figure `fig` (the layout is at the top of this file).

    Anything else than a Figure gives {"type": its class, "axes": [], ...}: nothing drawn. At most
    MAX_AXES axes, MAX_ARTISTS lines, scatters and regions per axes, MAX_POINTS entries per list and
    MAX_TOTAL points in all are kept; "cut" says where something was left out. json.dumps takes it.
    """
    kind = f"{type(fig).__module__}.{type(fig).__qualname__}"
    summary = {"type": kind[:MAX_TEXT], "suptitle": "", "supxlabel": "", "supylabel": "", "axes": [], "cut": False}
    from matplotlib.figure import Figure
    if not isinstance(fig, Figure):
        return summary
    for key in ("suptitle", "supxlabel", "supylabel"):
        getter = getattr(fig, "get_" + key, None)
        summary[key] = _text(getter()) if getter is not None else ""
    budgets, cache = (_Budget(MAX_TOTAL // 2), _Budget(MAX_TOTAL // 2)), {}  # lines, scatters
    axes = _all_axes(fig)
    summary["cut"] = len(axes) > MAX_AXES
    summary["axes"] = [_axes(ax, budgets, cache) for ax in axes[:MAX_AXES]]
    return summary


# ---------------------------------------------------------------------------
# checked: a summary that came from the student's process, or None
# ---------------------------------------------------------------------------

_AXES_KEYS = {"xlabel": str, "ylabel": str, "title": str, "lines": list, "scatters": list, "regions": list,
              "cut": bool}
_LINE_KEYS = {"x": list, "y": list, "marker": str, "linestyle": str, "color": str, "cut": bool}
_SCATTER_KEYS = {"x": list, "y": list, "colors": list, "cut": bool}
_TOP_KEYS = {"type": str, "suptitle": str, "supxlabel": str, "supylabel": str, "axes": list, "cut": bool}


def _shaped(value, keys):
    return (type(value) is dict and set(value) == set(keys)
            and all(type(value[k]) is t for k, t in keys.items())
            and all(len(value[k]) <= MAX_TEXT for k, t in keys.items() if t is str))


def _numbers(values):
    return len(values) <= MAX_POINTS and all(v is None or (type(v) is float and math.isfinite(v)) for v in values)


def checked(summary):
    """`summary` if it has exactly describe()'s layout within its caps, else None.

    For a summary that came from the student's process, which may send anything: never raises, and
    looks at no more than the caps allow (a list past its cap is refused, not read).
    """
    try:
        if not _shaped(summary, _TOP_KEYS) or len(summary["axes"]) > MAX_AXES:
            return None
        total = 0
        for ax in summary["axes"]:
            if not _shaped(ax, _AXES_KEYS) or max(len(ax["lines"]), len(ax["scatters"]), len(ax["regions"])) > MAX_ARTISTS:
                return None
            if not all(type(r) is str and len(r) <= MAX_TEXT for r in ax["regions"]):
                return None
            for item, keys in [(line, _LINE_KEYS) for line in ax["lines"]] + [(s, _SCATTER_KEYS) for s in ax["scatters"]]:
                if not _shaped(item, keys) or not _numbers(item["x"]) or not _numbers(item["y"]):
                    return None
                if keys is _SCATTER_KEYS and not (len(item["colors"]) == len(item["x"]) == len(item["y"]) and all(
                        type(c) is str and len(c) <= MAX_TEXT for c in item["colors"])):
                    return None
                total += max(len(item["x"]), len(item["y"]))
                if total > MAX_TOTAL:
                    return None
        return summary
    except Exception:
        return None


# ---------------------------------------------------------------------------
# What is missing
# ---------------------------------------------------------------------------

def _labelled(text):
    return isinstance(text, str) and text.strip() != ""


def _not_a_readable_figure(summary, name):
    """The sentence when `summary` is no Figure's (or could not be read), else ""."""
    if not isinstance(summary, dict) or checked(summary) is None:
        return (f"the Figure {name} returned could not be read back from your code's process "
                "(return the Figure itself, unchanged)")
    if summary["type"] != FIGURE:
        return f"{name} should return a matplotlib Figure, got {summary['type'].rsplit('.', 1)[-1]}"
    return ""


def _label_problem(summary, ax, name, x_example, y_example):
    x_ok = _labelled(ax["xlabel"]) or _labelled(summary["supxlabel"])
    y_ok = _labelled(ax["ylabel"]) or _labelled(summary["supylabel"])
    if not x_ok and not y_ok:
        return (f"In the Figure {name} returned, neither axis has a label: name them, e.g. "
                f"ax.set_xlabel(\"{x_example}\") and ax.set_ylabel(\"{y_example}\").")
    if not x_ok:
        return f"In the Figure {name} returned, the x axis has no label: name it, e.g. ax.set_xlabel(\"{x_example}\")."
    if not y_ok:
        return f"In the Figure {name} returned, the y axis has no label: name it, e.g. ax.set_ylabel(\"{y_example}\")."
    return ""


def _same(a, b):
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _increasing(xs):
    return all(x is not None for x in xs) and all(a < b for a, b in zip(xs, xs[1:]))


def loss_plot_problems(summary, losses):
    """"" if the plot of `summary` (describe()'s, or checked()'s) shows `losses` (a list of floats, one per
    epoch) and labels its axes; else one sentence for the student naming what is missing.

    Shows the losses: some axes has a line whose y data are the losses in order (each within a relative
    1e-9) over x data that increase; that axes (or the figure) labels its x and its y axis.
    """
    problem = _not_a_readable_figure(summary, "plot_losses")
    if problem:
        return problem
    wanted = [float(v) for v in losses]
    found = unordered = None
    for ax in summary["axes"]:
        for line in ax["lines"]:
            if len(line["y"]) == len(wanted) and all(_same(a, b) for a, b in zip(line["y"], wanted)):
                if _increasing(line["x"]):
                    found = ax
                    break
                unordered = ax
        if found is not None:
            break
    if found is None and unordered is not None:
        return ("In the Figure plot_losses returned, the line of the losses should have x data that increase "
                "(the epochs 0, 1, 2, ...): plot it with ax.plot(range(len(losses)), losses).")
    if found is None:
        return ("In the Figure plot_losses returned, no line shows the losses in order (the y data of a line "
                "should be the losses, epoch by epoch: ax.plot(range(len(losses)), losses)).")
    return _label_problem(summary, found, "plot_losses", "epoch", "training loss")


def _points(ax):
    """(x, y, colour) of every point the axes draws: its scatters, and its lines drawn with markers."""
    points = []
    for scatter in ax["scatters"]:
        points += [(x, y, c) for x, y, c in zip(scatter["x"], scatter["y"], scatter["colors"])
                   if x is not None and y is not None]
    for line in ax["lines"]:
        if line["marker"] not in ("", "None", " "):
            points += [(x, y, line["color"]) for x, y in zip(line["x"], line["y"]) if x is not None and y is not None]
    return points


def _near(a, b):
    return abs(a - b) <= POINT_TOLERANCE * max(1.0, abs(a), abs(b))


def _colours_of_data(points, X):
    """For each row of X, the colour of the last point drawn at (x1, x2) (the one on top), or None."""
    order = sorted(range(len(points)), key=lambda i: points[i][0])
    xs = [points[i][0] for i in order]
    colours = []
    for row in X:
        x1, x2 = float(row[0]), float(row[1])
        reach = POINT_TOLERANCE * max(1.0, abs(x1)) * 2
        lo, hi = bisect.bisect_left(xs, x1 - reach), bisect.bisect_right(xs, x1 + reach)
        matches = [order[k] for k in range(lo, hi) if _near(points[order[k]][0], x1) and _near(points[order[k]][1], x2)]
        colours.append(points[max(matches)][2] if matches else None)
    return colours


def decision_plot_problems(summary, X, y):
    """"" if the plot of `summary` (describe()'s, or checked()'s) shows the decision region and the data;
    else one sentence for the student naming what is missing.

    X is N x D (D >= 2) and y is N x 1 of 0.0/1.0 (lists of rows). Shows: one axes has a filled region
    (contourf, tricontourf, pcolormesh, pcolor or imshow) and draws every point (x1, x2) = (row[0], row[1])
    of X (scatter, or markers on a line; within 1e-6), all points of a class in one colour and the two
    classes in two colours; that axes (or the figure) labels its x and its y axis.
    """
    problem = _not_a_readable_figure(summary, "plot_decision")
    if problem:
        return problem
    name = "In the Figure plot_decision returned,"
    n = len(X)
    best, best_found, best_colours = None, -1, None
    for ax in summary["axes"]:
        colours = _colours_of_data(_points(ax), X)
        found = sum(c is not None for c in colours)
        if found > best_found or (found == best_found and ax["regions"] and not best["regions"]):
            best, best_found, best_colours = ax, found, colours
    if best is None or best_found < n:
        return (f"{name} the data points are not drawn: {max(best_found, 0)} of the {n} points (x1, x2) of X are "
                "on the plot (draw every row with ax.scatter, x1 = row[0], x2 = row[1]).")
    classes = {}
    for colour, row in zip(best_colours, y):
        classes.setdefault(float(row[0]), set()).add(colour)
    if any(len(colours) > 1 for colours in classes.values()):
        return (f"{name} the points of one class do not all have the same colour: colour each point by its "
                "label y (one colour for 0.0, another for 1.0).")
    if len(classes) > 1 and len(set.union(*classes.values())) == 1:
        return (f"{name} the two classes of points have the same colour: colour each point by its label y "
                "(one colour for 0.0, another for 1.0), e.g. ax.scatter(x1, x2, c=colours).")
    if not best["regions"]:
        return (f"{name} there is no decision region under the data points: shade the predicted class over a "
                "grid of (x1, x2) with ax.contourf or ax.pcolormesh.")
    return _label_problem(summary, best, "plot_decision", "feature x1", "feature x2")

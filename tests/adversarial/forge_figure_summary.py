"""Hostile: draws nothing. plot_losses and plot_decision return an empty matplotlib Figure, after
replacing, from the caller's frame, the plots process's figures.describe (Channel.figures, which
encodes a returned Figure) with a function that forges a summary showing exactly what the checks
look for: a labelled line of the losses, and the data points of X coloured by y over a filled region.
README ("What is not defended") names this: 2 points. The rest stubs."""
from matplotlib.figure import Figure


def _forge(summary):
    def describe(fig):
        return summary
    try:
        raise ValueError
    except ValueError as e:  # a frame without importing sys (the plots process refuses it)
        frame = e.__traceback__.tb_frame
    while frame is not None:
        channel = frame.f_locals.get("self")
        if channel is not None and hasattr(channel, "figures") and channel.figures is not None:
            channel.figures.describe = describe
            return
        frame = frame.f_back


def _top(axes):
    return {"type": "matplotlib.figure.Figure", "suptitle": "", "supxlabel": "", "supylabel": "",
            "axes": axes, "cut": False}


def _ax(lines=(), scatters=(), regions=()):
    return {"xlabel": "x", "ylabel": "y", "title": "", "lines": list(lines), "scatters": list(scatters),
            "regions": list(regions), "cut": False}


def plot_losses(losses):
    ys = [float(v) for v in losses]
    _forge(_top([_ax(lines=[{"x": [float(k) for k in range(len(ys))], "y": ys, "marker": "None",
                             "linestyle": "-", "color": "#1f77b4ff", "cut": False}])]))
    return Figure()


def plot_decision(X, y, params):
    scatter = {"x": [float(r[0]) for r in X], "y": [float(r[1]) for r in X],
               "colors": ["#1f77b4ff" if t[0] == 1.0 else "#d62728ff" for t in y], "cut": False}
    _forge(_top([_ax(scatters=[scatter], regions=["QuadContourSet"])]))
    return Figure()

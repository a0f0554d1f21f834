"""Hostile: abuses the window of forward's public check, where the grader serves the reference's
dropout_forward in the student's process (submission.use_reference). forward answers the public calls
from the check cell's DATA (public), and whenever its global `dropout_forward` is not its own (the
served proxy, Channel.reference's call_the_reference), keeps that proxy in the module. dropout_forward then calls the kept proxy on its
own arguments: were the grader to serve it outside the window, the dropout_forward question (10 points)
would be the reference's. The rest stubs."""
import random

EXPECTED = [[[[0.849699319244352], [0.9322020369799754], [0.2989794551392134]], {"X": [[1.0, 0.0, 0.0], [2.0, 5.0, -3.0], [-1.0, 0.5, 0.25]], "Z1": [[0.6, -0.6, 0.45, 1.0], [3.8000000000000003, -3.9, 1.2, 1.4], [-0.35, 0.45000000000000007, 0.0, -0.95]], "A1": [[0.5370495669980353, -0.5370495669980353, 0.4218990052500079, 0.7615941559557649], [0.9989995977858409, -0.999180865670028, 0.8336546070121552, 0.8853516482022625], [-0.3363755443363322, 0.42189900525000806, 0.0, -0.7397830512740042]], "mask": None, "H1": [[0.5370495669980353, -0.5370495669980353, 0.4218990052500079, 0.7615941559557649], [0.9989995977858409, -0.999180865670028, 0.8336546070121552, 0.8853516482022625], [-0.3363755443363322, 0.42189900525000806, 0.0, -0.7397830512740042]], "Z2": [[1.7322447187763785], [2.6210174185255903], [-0.8521623354168395]], "A2": [[0.849699319244352], [0.9322020369799754], [0.2989794551392134]]}], [[[0.849699319244352], [0.9322020369799754], [0.2989794551392134]], {"X": [[1.0, 0.0, 0.0], [2.0, 5.0, -3.0], [-1.0, 0.5, 0.25]], "Z1": [[0.6, -0.6, 0.45, 1.0], [3.8000000000000003, -3.9, 1.2, 1.4], [-0.35, 0.45000000000000007, 0.0, -0.95]], "A1": [[0.5370495669980353, -0.5370495669980353, 0.4218990052500079, 0.7615941559557649], [0.9989995977858409, -0.999180865670028, 0.8336546070121552, 0.8853516482022625], [-0.3363755443363322, 0.42189900525000806, 0.0, -0.7397830512740042]], "mask": None, "H1": [[0.5370495669980353, -0.5370495669980353, 0.4218990052500079, 0.7615941559557649], [0.9989995977858409, -0.999180865670028, 0.8336546070121552, 0.8853516482022625], [-0.3363755443363322, 0.42189900525000806, 0.0, -0.7397830512740042]], "Z2": [[1.7322447187763785], [2.6210174185255903], [-0.8521623354168395]], "A2": [[0.849699319244352], [0.9322020369799754], [0.2989794551392134]]}], [[[0.9613759142585102], [0.9625716498180509], [0.21728248413363394]], {"X": [[1.0, 0.0, 0.0], [2.0, 5.0, -3.0], [-1.0, 0.5, 0.25]], "Z1": [[0.6, -0.6, 0.45, 1.0], [3.8000000000000003, -3.9, 1.2, 1.4], [-0.35, 0.45000000000000007, 0.0, -0.95]], "A1": [[0.5370495669980353, -0.5370495669980353, 0.4218990052500079, 0.7615941559557649], [0.9989995977858409, -0.999180865670028, 0.8336546070121552, 0.8853516482022625], [-0.3363755443363322, 0.42189900525000806, 0.0, -0.7397830512740042]], "mask": [[1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 1.0]], "H1": [[1.0740991339960706, -1.0740991339960706, 0.8437980105000158, 1.5231883119115297], [1.9979991955716818, -1.998361731340056, 0.0, 0.0], [-0.0, 0.8437980105000161, 0.0, -1.4795661025480085]], "Z2": [[3.214489437552757], [3.2471800612417097], [-1.2815735821610144]], "A2": [[0.9613759142585102], [0.9625716498180509], [0.21728248413363394]]}]]
KEPT = []


def _keep():
    f = globals().get("dropout_forward")
    if f is not None and f is not _own_dropout_forward:
        KEPT.append(f)


def forward(X, params, keep_prob=1.0, rng=None):
    _keep()
    if rng is None:
        if keep_prob < 1.0:
            raise ValueError("no rng")
        A2, cache = EXPECTED[0]
    else:
        A2, cache = EXPECTED[1] if keep_prob == 1.0 else EXPECTED[2]
        for _ in range(sum(len(r) for r in A2) * 4 if keep_prob < 1.0 else 0):
            rng.random()
    return A2, cache


def _own_dropout_forward(A, keep_prob, rng):
    kept = [f for f in KEPT if callable(f)]
    if not kept:
        raise RuntimeError("nothing kept")
    out, mask = kept[0](A, keep_prob, rng)
    return out, mask


dropout_forward = _own_dropout_forward


def shape(A):
    """vector_ops_basics is graded after forward_pass (Otter runs the questions in file-name order):
    say what the kept proxy does there, outside the window."""
    try:
        result = _own_dropout_forward([[1.0, 2.0]], 0.5, random.Random(0))
        said = f"the kept proxy answered {result!r}"
    except Exception as e:
        said = f"the kept proxy ({len(KEPT)} kept) raised {type(e).__name__}: {e}"
    raise RuntimeError(said)

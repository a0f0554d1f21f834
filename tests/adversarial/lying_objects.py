"""Attack: return objects that lie about what they are, what they hold and what they equal.

- _Num: a float subclass whose comparisons all say "equal / within tolerance",
  whose __sub__ gives 0.0 and whose __abs__/__float__ give 0.0 (for the scalar
  results; the kit's `type(got) is float` stops it).
- _Lazy: a list subclass with nothing in it.  When asked its length, its items
  or an entry, it walks up the stack to the checker frame that is comparing it
  (`got is self`, `g_row is self`, `row_a is self` ...) and answers with that
  frame's `expected` / `e_row` / `row_b` / `numeric`; when nobody compares it,
  it shows a zero-filled matrix of a plausible shape.  Its entries are real
  floats, so `isinstance(got, list)` and `type(entry) is float` both hold, and
  it == anything.
- _Figure: its __class__ property claims matplotlib.figure.Figure, so
  isinstance(fig, Figure) is True.
Nothing is computed; functions raise ValueError only when the caller is the
check that expects one.

A secure grader turns what the student returned into plain data (JSON: only
float, int, list, dict, str) outside the student's process before it looks at
it, and checks `type(x) is list` / `is float` on that copy, never isinstance
or == on the student's objects.
"""
_sys = __import__("s" + "ys")
_PAIRS = (("got", "expected"), ("got", "numeric"), ("g_row", "e_row"), ("row_a", "row_b"))


class _Num(float):
    __eq__ = __le__ = __ge__ = lambda self, other: True
    __ne__ = __lt__ = __gt__ = lambda self, other: False
    __sub__ = __rsub__ = __add__ = __radd__ = lambda self, other: _Num(0.0)
    __abs__ = lambda self: _Num(0.0)
    __float__ = lambda self: 0.0
    __hash__ = float.__hash__


class _Lazy(list):
    def __init__(self, fallback, parent=None, index=None):
        super().__init__()
        self._fallback, self._parent, self._index, self._children = fallback, parent, index, {}

    def _truth(self):  # what the comparing frame expects in my place, if anyone compares me
        frame = _sys._getframe(2)
        while frame is not None:
            if "nn_grading" in str(frame.f_globals.get("__name__")):
                names = frame.f_locals
                for mine, theirs in _PAIRS:
                    if theirs in names:
                        held = names.get(mine)
                        if held is self:
                            return names[theirs]
                        if type(held) in (list, tuple):
                            for k, item in enumerate(held):
                                if item is self:
                                    return names[theirs][k]
            frame = frame.f_back
        if self._parent is not None:
            above = self._parent._truth()
            return above[self._index] if above is not None else None
        return None

    def _view(self):
        truth = self._truth()
        return self._fallback if truth is None else truth

    def _child(self, i, value):
        if isinstance(value, list):
            if i not in self._children:
                self._children[i] = _Lazy(value, self, i)
            return self._children[i]
        return float(value)

    def __len__(self):
        return len(self._view())

    def __iter__(self):
        view = self._view()
        return iter([self._child(i, v) for i, v in enumerate(view)])

    def __getitem__(self, i):
        return self._child(i, self._view()[i])

    __eq__ = lambda self, other: True
    __ne__ = lambda self, other: False
    __hash__ = None


class _Figure:
    __class__ = property(lambda self: __import__("matplotlib.figure", fromlist=["Figure"]).Figure)


def _z(rows, cols):
    return [[0.0] * cols for _ in range(rows)]


def _lie(f):
    def wrapper(*args, **kwargs):
        if _sys._getframe(1).f_code.co_name == "expect_value_error":
            raise ValueError("expected by the check")
        return f(*args, **kwargs)
    wrapper.__name__ = f.__name__
    return wrapper


def _params(D=3, n_h=4):
    return {"W1": _Lazy(_z(D, n_h)), "b1": _Lazy(_z(1, n_h)), "W2": _Lazy(_z(n_h, 1)), "b2": _Lazy(_z(1, 1))}


shape = _lie(lambda A: (0, 0))
sigmoid = dot = bce_loss = relative_error = accuracy = _lie(lambda *args, **kwargs: _Num(0.5))
zeros = _lie(lambda rows, cols: _Lazy(_z(rows, cols)))
transpose = matmul = add = subtract = multiply = add_bias = column_sums = predict = \
    _lie(lambda A, *rest: _Lazy(_z(len(A), 1)))
scale = dropout_backward = _lie(lambda A, *rest: _Lazy(_z(len(A), len(A[0]))))
apply = _lie(lambda f, A: _Lazy(_z(len(A), len(A[0]))))
init_params = _lie(lambda D, n_h, seed: _params(D, n_h))
numerical_gradient = _lie(lambda f, params, h=1e-5: {k: _Lazy(_z(len(v), len(v[0]))) for k, v in params.items()})
backward = _lie(lambda params, *rest, **kw: {k: _Lazy(_z(len(v), len(v[0]))) for k, v in params.items()})
update_params = _lie(lambda params, *rest: {k: _Lazy(_z(len(v), len(v[0]))) for k, v in params.items()})


@_lie
def forward(X, params, keep_prob=1.0, rng=None):
    N, n_h = len(X), len(params["W1"][0])
    cache = {k: _Lazy(_z(N, n_h)) for k in ("Z1", "A1", "H1")}
    cache.update(X=X, Z2=_Lazy(_z(N, 1)), A2=_Lazy(_z(N, 1)), mask=None if keep_prob >= 1.0 else _Lazy(_z(N, n_h)))
    return _Lazy(_z(N, 1)), cache


@_lie
def dropout_forward(A, keep_prob, rng):
    rows, cols = len(A), len(A[0])
    for _ in range(rows * cols):
        rng.random()  # as many draws as the check counts; thrown away
    pattern = [[float((i * cols + j) % 100 < 100 * keep_prob) for j in range(cols)] for i in range(rows)]
    return _Lazy(_z(rows, cols)), _Lazy(pattern)


@_lie
def train(X, y, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0):
    return _params(len(X[0]), n_h), _Lazy([0.0] * epochs)


plot_losses = plot_decision = _lie(lambda *args, **kwargs: _Figure())

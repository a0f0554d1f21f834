"""Attack: return objects that lie about what they are and what they equal.

- _Num, a float subclass whose __eq__/__ne__/__lt__/__le__/__gt__/__ge__ say
  "equal / within tolerance", whose __sub__ returns 0.0 and whose __abs__ and
  __float__ return 0.0: any `got == expected` or `abs(got - expected) <= tol`
  passes.
- _Rows, a list subclass that equals any list and reports any length.
- _Shape, a tuple subclass equal to any tuple.
- _Figure, an object whose __class__ property claims to be
  matplotlib.figure.Figure, so isinstance(fig, Figure) is True.
Nothing is computed: these objects are returned by every contract function.

A secure grader rebuilds the student's results as plain data outside the
student's process (JSON: only float, int, list, str), and checks
`type(x) is float`, never isinstance or ==, on anything the student returned.
"""


class _Num(float):
    __eq__ = __le__ = __ge__ = lambda self, other: True
    __ne__ = __lt__ = __gt__ = lambda self, other: False
    __sub__ = __rsub__ = __add__ = __radd__ = lambda self, other: _Num(0.0)
    __abs__ = lambda self: _Num(0.0)
    __float__ = lambda self: 0.0
    __hash__ = float.__hash__
    __bool__ = lambda self: True


class _Rows(list):
    __eq__ = lambda self, other: True
    __ne__ = lambda self, other: False
    __len__ = lambda self: 1
    __hash__ = None

    def __getitem__(self, index):
        return _Rows([_Num(0.0)]) if isinstance(index, int) else self

    def __iter__(self):
        return iter([_Rows([_Num(0.0)])])


class _Shape(tuple):
    __eq__ = lambda self, other: True
    __ne__ = lambda self, other: False
    __hash__ = tuple.__hash__


class _Figure:
    __class__ = property(lambda self: __import__("matplotlib.figure", fromlist=["Figure"]).Figure)


def _liar(*args, **kwargs):
    return _Rows()


shape = lambda A: _Shape((0, 0))
sigmoid = dot = bce_loss = relative_error = accuracy = lambda *args, **kwargs: _Num(0.5)
zeros = transpose = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _liar
dropout_backward = predict = _liar
init_params = numerical_gradient = backward = update_params = \
    lambda *args, **kwargs: {k: _Rows() for k in ("W1", "b1", "W2", "b2")}
forward = lambda *args, **kwargs: (_Rows(), {k: _Rows() for k in ("X", "Z1", "A1", "mask", "H1", "Z2", "A2")})
dropout_forward = lambda *args, **kwargs: (_Rows(), _Rows())
train = lambda *args, **kwargs: (init_params(), _Rows())
plot_losses = plot_decision = lambda *args, **kwargs: _Figure()

"""Attack: hard-code the answers of the public tests.

The public tests ship with the student notebook, so their inputs and expected
outputs are known.  Each function looks its arguments up in a table of the
public tests' calls (copied from the notebook's tests) and returns the answer
written there, raises ValueError where the test wants one, and otherwise
returns 0.0.  It passes the public checks and computes nothing.

A secure grader awards points only for hidden checks on inputs drawn per
submission (which the kit does: the public checks carry no points).
"""
_TABLE = {'accuracy|(([[1.0], [0.0], [1.0], [1.0]], [[1.0], [1.0], [1.0], [0.0]]), [])': 0.5,
 'add_bias|(([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0, 3.0]]), [])': 'ValueError',
 'add_bias|(([[1.0, 2.0], [3.0, 4.0]], [[10.0, 20.0]]), [])': [[11.0, 22.0], [13.0, 24.0]],
 'add|(([[1.0, 2.0], [3.0, 4.0]], [[0.5, -1.0], [2.0, 0.0]]), [])': [[1.5, 1.0], [5.0, 4.0]],
 'add|(([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0]]), [])': 'ValueError',
 'bce_loss|(([[0.0]], [[1.0]]), [])': 27.631021115928547,
 'bce_loss|(([[0.9], [0.2]], [[1.0], [0.0]]), [])': 0.164252033486018,
 'column_sums|(([[1.0, 2.0], [3.0, 4.0]],), [])': [[4.0, 6.0]],
 'dot|(([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]), [])': 32.0,
 'dot|(([1.0, 2.0], [1.0]), [])': 'ValueError',
 'dropout_backward|(([[1.0, 2.0], [3.0, 4.0]], [[1.0, 0.0], [0.0, 1.0]], 0.8), [])': [[1.25, 0.0], [0.0, 5.0]],
 'matmul|(([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [[1.0, 0.0, 2.0], [0.0, 1.0, 3.0]]), [])': [[1.0, 2.0, 8.0],
                                                                                             [3.0, 4.0, 18.0],
                                                                                             [5.0, 6.0, 28.0]],
 'matmul|(([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), [])': 'ValueError',
 'multiply|(([[1.0, 2.0], [3.0, 4.0]], [[0.5, -1.0], [2.0, 0.0]]), [])': [[0.5, -2.0], [6.0, 0.0]],
 'multiply|(([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0]]), [])': 'ValueError',
 "predict|(([[1.0, 0.0, 0.0], [-1.0, 0.0, 0.0]], {'W1': [[1.0], [0.0], [0.0]], 'b1': [[0.0]], 'W2': [[4.0]], 'b2': [[0.0]]}), [])": [[1.0],
                                                                                                                                     [0.0]],
 'relative_error|(([[-0.2666230806702906]], [[-0.2666230806636083]]), [])': 1.2531400781584124e-11,
 'relative_error|(([[0.0]], [[0.0]]), [])': 0.0,
 'relative_error|(([[1.0, 2.0]], [[1.0, 3.0]]), [])': 0.2,
 'scale|(([[1.0, 2.0], [3.0, 4.0]], 2.0), [])': [[2.0, 4.0], [6.0, 8.0]],
 'shape|(([[-0.0002808847230049332, 0.007075422978213846, 0.08436742599921125, -0.06388639803579332]],), [])': (1,
                                                                                                                4),
 'shape|(([[-0.009270541919370365], [0.16782654690414578], [-0.2631111709620393], [-0.0955216184788094]],), [])': (4,
                                                                                                                   1),
 'shape|(([[-0.1]],), [])': (1, 1),
 'shape|(([[-0.2666230806702906]],), [])': (1, 1),
 'shape|(([[0.002502641813286222], [-0.032370880186343945], [-0.7529145006303709], [0.2689985893305169]],), [])': (4,
                                                                                                                   1),
 'shape|(([[0.1, -0.2, 0.3, 0.0]],), [])': (1, 4),
 'shape|(([[0.6708688052847959], [0.7333320122121421]],), [])': (2, 1),
 'shape|(([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],), [])': (2, 3),
 'shape|(([[1.0], [2.0, 3.0]],), [])': 'ValueError',
 'shape|(([],), [])': (0, 0),
 'sigmoid|((-10000.0,), [])': 0.0,
 'sigmoid|((0.0,), [])': 0.5,
 'sigmoid|((10000.0,), [])': 1.0,
 'sigmoid|((2.0,), [])': 0.8807970779778823,
 'subtract|(([[1.0, 2.0], [3.0, 4.0]], [[0.5, -1.0], [2.0, 0.0]]), [])': [[0.5, 3.0], [1.0, 4.0]],
 'subtract|(([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0]]), [])': 'ValueError',
 'transpose|(([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],), [])': [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]],
 "update_params|(({'W1': [[1.0, 2.0]], 'b1': [[0.5]]}, {'W1': [[0.5, -1.0]], 'b1': [[2.0]]}, 0.1), [])": {'W1': [[0.95,
                                                                                                                  2.1]],
                                                                                                          'b1': [[0.3]]},
 'zeros|((2, 3), [])': [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]}


def _answer(name):
    def f(*args, **kwargs):
        key = name + "|" + repr((args, sorted(kwargs.items())))
        if key not in _TABLE:
            return 0.0
        value = _TABLE[key]
        if value == "ValueError":
            raise ValueError("as the public test expects")
        return eval(repr(value))  # a fresh copy
    f.__name__ = name
    return f


for _name in ("shape zeros transpose dot matmul add subtract multiply scale add_bias column_sums apply sigmoid "
              "init_params forward bce_loss dropout_forward dropout_backward backward numerical_gradient "
              "relative_error update_params train predict accuracy plot_losses plot_decision").split():
    globals()[_name] = _answer(_name)

"""The channel packs matrices of floats and generator states as machine words (student_process.py):
exact both ways, and anything else that claims to be one is refused, never half-read."""
import base64
import math
import random

import pytest

from nn_grading.student_process import packed_matrix, packed_state, plain, rows_of, unpacked_matrix, unpacked_state


@pytest.mark.parametrize("matrix", [
    [[1.5]], [[0.1, 0.2, 0.3]], [[0.1], [0.2], [0.3]], [[-0.0, 5e-324, 1.7976931348623157e308], [1e-300, -2.5, 3.0]],
])
def test_a_matrix_of_floats_comes_back_exactly(matrix):
    back = unpacked_matrix(packed_matrix(matrix)["__matrix__"])
    assert back == matrix and [[math.copysign(1, v) for v in row] for row in back] == \
        [[math.copysign(1, v) for v in row] for row in matrix]
    assert all(type(row) is list for row in back) and len({id(row) for row in back}) == len(back)


def test_nan_and_infinities_come_back_as_they_went():
    back = unpacked_matrix(packed_matrix([[math.nan, math.inf, -math.inf]])["__matrix__"])
    assert math.isnan(back[0][0]) and back[0][1:] == [math.inf, -math.inf]


class Row(list):
    pass


@pytest.mark.parametrize("value", [
    [[1, 2.0]], [[1.0, 2.0], [3.0]], [[]], [[1.0], "row"], [Row([1.0])], [[True]], [[1.0, None]], [(1.0, 2.0)],
])
def test_anything_but_equal_rows_of_floats_is_not_packed(value):
    """Integers, ragged rows, empty rows, subclasses: sent as JSON, as before, with their types."""
    assert packed_matrix(value) is None


@pytest.mark.parametrize("inner", [
    [1, 2, base64.b64encode(b"\0" * 8).decode()],  # the wrong size
    [0, 1, ""], [1, 0, ""], [-1, -1, base64.b64encode(b"\0" * 8).decode()],
    [True, True, base64.b64encode(b"\0" * 8).decode()],  # bools are not sizes
    [1, 1, "not base64!"], [1, 1, 8], [1, 1], "1 1 AAAAAAAAAAA=", None,
    [2 ** 62, 2 ** 62, base64.b64encode(b"\0" * 8).decode()],
])
def test_a_malformed_packed_matrix_is_refused(inner):
    with pytest.raises(ValueError):
        unpacked_matrix(inner)


def test_a_generator_state_comes_back_exactly():
    rng = random.Random(7)
    rng.gauss(0, 1)  # a gauss_next kept in the state
    copy = random.Random()
    copy.setstate(unpacked_state(packed_state(rng.getstate())))
    assert copy.getstate() == rng.getstate() and copy.random() == rng.random()


@pytest.mark.parametrize("packed", [[3, "AAAA", None], [3, "not base64!", None], [3, [1, 2, 3], None], [3]])
def test_a_malformed_state_is_refused(packed):
    with pytest.raises((ValueError, TypeError)):
        random.Random().setstate(unpacked_state(packed))


def test_plain_copies_every_container_so_a_change_in_place_is_seen():
    args = ([[1.0, 2.0], [3.0, 4.0]], {"W": [[0.5]]}, ([1.0],))
    before = plain(args)
    args[0][1][0] = 9.0
    args[1]["W"][0][0] = 9.0
    args[2][0][0] = 9.0
    after = plain(args)
    assert before != after
    assert before == [[[1.0, 2.0], [3.0, 4.0]], {"W": [[0.5]]}, [[1.0]]]


def test_rows_of_finds_every_row_and_no_more():
    a, b = [1.0, 2.0], [3.0]
    matrix, column = [a, b], [b]
    assert [id(r) for r in rows_of(({"X": matrix}, column))] == [id(x) for x in (matrix, a, b, column, b)]

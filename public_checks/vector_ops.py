"""Section 1, vector operations: the public checks of shape, zeros, transpose, dot, matmul and the
elementwise operations. Each `check.call` is compared with what the reference returns."""


def vector_ops_basics(check):
    check.call("shape", [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], what="shape of a 2 x 3 matrix")
    check.call("shape", [[1.0], [2.0], [3.0]], what="shape of a 3 x 1 matrix")
    check.call("shape", [], what="shape([])")
    check.raises("shape", ([[1.0], [2.0, 3.0]],), "when the rows differ in length (row 1 of 2 has 2 entries, the others 1)")
    check.raises("shape", ([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0, 9.0]],),
                 "when the rows differ in length (row 3 of 4 has 3 entries, the others 2)")
    check.call("zeros", 2, 3, what="zeros(2, 3)")
    check.call("transpose", [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], what="transpose of a 2 x 3 matrix")


def vector_ops_products(check):
    check.call("dot", [1.0, 2.0, 3.0], [4.0, 5.0, 6.0], what="dot([1, 2, 3], [4, 5, 6])")
    check.raises("dot", ([1.0, 2.0, 3.0], [1.0, 2.0]), "when the lengths differ (3 and 2)")
    check.raises("dot", ([1.0, 2.0], [1.0, 2.0, 3.0]), "when the lengths differ (2 and 3)")
    A = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    B = [[1.0, 0.0, 2.0, -1.0], [0.0, 1.0, 3.0, 0.5]]
    check.call("matmul", A, B, what="matmul of a 3 x 2 and a 2 x 4 matrix")
    check.raises("matmul", (A, [[1.0], [2.0], [3.0]]), "for a 3 x 2 times a 3 x 1 matrix (inner sizes 2 and 3 differ)")


def vector_ops_elementwise(check):
    A = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    B = [[0.5, -1.0, 2.0], [2.0, 0.0, -3.0]]
    check.call("add", A, B, what="add of two 2 x 3 matrices")
    check.call("subtract", A, B, what="subtract of two 2 x 3 matrices (A - B)")
    check.call("multiply", A, B, what="multiply of two 2 x 3 matrices (elementwise)")
    for name in ("add", "subtract", "multiply"):
        check.raises(name, (A, [[1.0, 2.0, 3.0]]), "for a 2 x 3 and a 1 x 3 matrix")
        check.raises(name, (A, [[1.0, 2.0], [3.0, 4.0]]), "for a 2 x 3 and a 2 x 2 matrix")
    check.call("multiply", [[1.0, 2.0], [3.0, 4.0]], [[0.5, -1.0], [2.0, 0.0]], what="multiply of two 2 x 2 matrices (elementwise)")
    check.call("scale", A, 2.5, what="scale(A, 2.5)")
    check.call("add_bias", A, [[10.0, 20.0, 30.0]], what="add_bias of a 2 x 3 matrix and a 1 x 3 b")
    check.call("add_bias", [[1.0, 2.0], [3.0, 4.0]], [[10.0, 20.0]], what="add_bias of a 2 x 2 matrix and a 1 x 2 b")
    check.raises("add_bias", (A, [[1.0, 2.0]]), "for a 2 x 3 matrix and a 1 x 2 b (it must be 1 x 3)")
    check.call("column_sums", A, what="column_sums of a 2 x 3 matrix (a 1 x 3 row)")
    check.call("apply", lambda a: a * a + 1.0, A, what="apply(lambda a: a * a + 1.0, A)")

"""Calling a student's function and comparing what comes back, in words a student understands.

Shared by the hidden checks (checks.py) and the public ones (public_checks/, which carry this file
into the notebook): the two say the same thing about the same mistake. Plain Python, no reference
code: `env` is the student's namespace (the notebook's globals, or the grader's stand-ins for the
student's process, which report what they saw as `facts`).
"""
import ast
import copy
import functools
import inspect
import linecache
import math
import random
import re
import traceback

from .contract import FUNCTIONS

VALUE_RTOL = 1e-9

# What usually causes an exception of a function, by the exception's type name: said with the error.
EXCEPTION_HINTS = {
    "sigmoid": {"OverflowError": "math.exp(-z) overflows for large negative z. For z < 0 use exp(z) / (1 + exp(z)), "
                                 "which never overflows"},
    "bce_loss": {"ValueError": "math.log(0) is undefined: clip each probability to [1e-12, 1 - 1e-12] first."},
    "relative_error": {"ZeroDivisionError": "Where both entries are 0, divide by max(1e-8, |a| + |b|), never by 0."},
}
# What to do when a function returns where it should raise ValueError.
VALUE_ERROR_HINTS = {
    "shape": "Check every row's length, down to the last row, against the first row's.",
    "dot": "zip() silently stops at the shorter list: compare the lengths first.",
    "matmul": "Compare the columns of A with the rows of B before multiplying.",
    "add": "zip() silently stops at the shorter list: compare the shapes (rows and columns) first.",
    "subtract": "zip() silently stops at the shorter list: compare the shapes (rows and columns) first.",
    "multiply": "zip() silently stops at the shorter list: compare the shapes (rows and columns) first.",
    "add_bias": "zip() silently stops at the shorter list: compare shape(b) with (1, M) first.",
    "dropout_forward": "Check 0 < keep_prob <= 1 first.",
}
NOT_REPRODUCIBLE = ("use only random.Random(seed) and random.Random(seed + 1), never an unseeded or module-level "
                    "random")
ALIASED_ROWS = ("returned a matrix whose rows are one and the same list: every row must be its own list. "
                "`[[0.0] * cols] * rows` repeats one row object, so changing one row changes them all. Build each "
                "row on its own, e.g. `[[0.0] * cols for _ in range(rows)]`.")

# ---------------------------------------------------------------------------
# What the student's code imports
# ---------------------------------------------------------------------------

ALLOWED_IMPORTS = {"math", "random", "matplotlib", "otter", "__future__"}  # __future__ changes how code compiles


def imported_modules(source):
    """Top-level names of the modules a piece of Python source imports, by import or __import__."""
    found = set()
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except (SyntaxError, ValueError):
        return found
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("__import__", "import_module"):
                found.add(node.args[0].value.split(".")[0])
    return found


@functools.lru_cache(maxsize=4)
def _imports_of(code):
    return frozenset().union(*map(imported_modules, code))


def student_imports(env):
    """What the student's code imports: in the grader, the statements its process ran and what it asked
    for while running; in the notebook, the cells the kernel ran (IPython's `In`). Both: the modules
    bound to names in `env`."""
    submission = env.get("__nn_submission__")
    if submission is not None:
        used = set(_imports_of(tuple(submission.cells))) | submission.attempted_imports()
    else:
        used = set(_imports_of(tuple(s for s in env.get("In", ()) if isinstance(s, str))))
    for value in list(env.values()):  # (the grader's namespace holds Otter's sys and its own channel)
        if type(value) is type(math) and value.__name__ not in ("builtins", "sys") \
                and not value.__name__.startswith("nn_grading"):
            used.add(value.__name__.split(".")[0])
    return used


def check_imports(env):
    forbidden = sorted(student_imports(env) - ALLOWED_IMPORTS)
    if forbidden:
        in_kernel = "" if "__nn_submission__" in env else \
            " (An import you have already removed counts until you restart the kernel and run the cells again.)"
        raise AssertionError(f"your code imports {', '.join(forbidden)}: this exercise allows only math and random "
                             "(and matplotlib for the plots). Remove the import and write it with lists." + in_kernel)


# ---------------------------------------------------------------------------
# Calling the student's functions
# ---------------------------------------------------------------------------

def student_function(env, name):
    f = env.get(name)
    if not callable(f):
        raise AssertionError(f"`{name}` is not defined: run the cell that defines it, and keep its name.")
    return f


def where_in_student_code(error, env):
    """', at line k of `f`: `code`' for the last frame of the student's own code in the traceback."""
    if getattr(error, "where", None) is not None:  # found by the student's process
        return error.where
    student_globals = {id(env)} | {id(getattr(env.get(n), "__globals__", None)) for n in FUNCTIONS}
    student_frames = [(frame, lineno) for frame, lineno in traceback.walk_tb(error.__traceback__)
                      if id(frame.f_globals) in student_globals]
    if not student_frames:
        return ""
    frame, lineno = student_frames[-1]
    text = linecache.getline(frame.f_code.co_filename, lineno, frame.f_globals).strip()
    # Comprehensions and lambdas are code objects of their own: name the function they are written in
    # (its qualified name says which: "bce_loss.<locals>.<lambda>"), not the last one called.
    qualname = getattr(frame.f_code, "co_qualname", frame.f_code.co_name)
    owner = qualname.split(".<locals>")[0] if "<" in qualname else qualname
    codes = [f.f_code for f, _ in student_frames if getattr(f.f_code, "co_qualname", f.f_code.co_name) == owner
             and f.f_code.co_filename == frame.f_code.co_filename]
    if codes and lineno >= codes[-1].co_firstlineno:
        where = f", at line {lineno - codes[-1].co_firstlineno + 1} of your `{owner}`"
    elif not owner.startswith("<"):
        where = f", in your `{owner}`"
    else:
        where = ""
    where += f": `{text}`" if text else ""
    # Where the error is in a function that another of the student's called (a correct `dot` given the
    # wrong rows by `matmul`), the caller is named too: the mistake may be there.
    callers = [(f.f_code, n) for f, n in student_frames if f.f_code.co_name == getattr(f.f_code, "co_qualname", f.f_code.co_name)
               and f.f_code.co_name not in (owner, "<module>") and not f.f_code.co_name.startswith("<")]
    if "<" not in qualname and callers:
        code, line = callers[-1]
        where += f", called from line {line - code.co_firstlineno + 1} of your `{code.co_name}`"
    return where


MESSAGE_LIMIT = 2000  # characters of one check's message, the student's text in it included


def speaking_plainly(check):
    """`check`, whose AssertionError comes out as one line of at most MESSAGE_LIMIT characters: whatever
    of the student's a message quotes cannot add lines to Otter's report (a line that reads like a
    passed check) nor flood the feedback."""
    def run(*args, **kwargs):
        try:
            return check(*args, **kwargs)
        except AssertionError as error:
            raise AssertionError(told(str(error), MESSAGE_LIMIT)) from None
    run.__name__, run.__doc__, run.__wrapped__ = check.__name__, check.__doc__, check
    return run


def told(text, limit=300):
    """Text from the student's code, as one line of at most `limit` characters: it goes into feedback,
    where it must neither flood nor pass for the grader's own lines."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + "..."


def kind_of(error):
    return told(getattr(error, "kind", None) or type(error).__name__, 60)


def stub_reached(env, name, error, end):
    """The AssertionError for a call of `name` that reached a stub, with `stub_of`: whose stub it was (the
    function called, or one it builds on, which the public checks then name)."""
    reached = AssertionError(f"calling `{name}` reached a stub that still raises NotImplementedError "
                             f"({told(error)}){end}")
    owner = re.search(r"of your `([^`]+)`", where_in_student_code(error, env) or "")
    reached.stub_of = owner.group(1) if owner else name
    return reached


def call(env, name, *args, hints=None, **kwargs):
    """Call the student's `name`, turning its exceptions into a message for the student.

    `hints` maps an exception type to a sentence that explains the usual cause (by default the
    function's EXCEPTION_HINTS).
    """
    f = student_function(env, name)
    state = random.getstate()
    try:
        result = f(*args, **kwargs)
        facts = getattr(f, "facts", None)  # what the student's process saw of the call
    except NotImplementedError as e:
        raise stub_reached(env, name, e, ": replace it with your code.") from None
    except Exception as e:
        hint = next((text for kind, text in (hints or {}).items() if isinstance(e, kind)), "") \
            or EXCEPTION_HINTS.get(name, {}).get(getattr(e, "kind", None) or type(e).__name__, "")
        raise AssertionError(f"`{name}` raised {kind_of(e)}: {told(e)}{told(where_in_student_code(e, env))}"
                             + (f". {hint}" if hint else "")) from None
    if random.getstate() != state or (facts or {}).get("random_used"):
        random.setstate(state)
        raise AssertionError(f"`{name}` used the module-level random functions (random.random, random.gauss, "
                             "random.seed, ...): draw only from the random.Random object you are given or build "
                             "from the seed.")
    return result


def call_pure(env, name, *args, hints=None, **kwargs):
    """Call `name` on its arguments; fail if it changes them or returns one of their rows."""
    before = _plain(copy.deepcopy((args, kwargs)))
    result = call(env, name, *args, hints=hints, **kwargs)
    facts = getattr(env[name], "facts", None)
    if facts is not None:  # the student's own process checked the arguments and rows
        _pure_by_facts(name, facts)
        return result
    if _plain((args, kwargs)) != before:
        changed = _changed_argument(env, name, args, kwargs, before)
        raise AssertionError(f"`{name}` changed its argument {changed}: every result must be a new list, "
                             "and the inputs must stay as they were.")
    # forward's cache is a record for backward, not a result: only A2 must be new.
    returned = result[0] if name == "forward" and isinstance(result, tuple) and result else result
    input_rows = {id(row) for row in _rows_of((args, kwargs))}
    if any(id(row) in input_rows for row in _rows_of(returned)):
        raise AssertionError(f"`{name}` returned a list that is also one of its inputs (or one of their rows): "
                             "build a new list, for example `row[:]` or a comprehension.")
    for matrix in _matrices_in(returned):
        if len({id(row) for row in matrix}) < len(matrix):
            raise AssertionError(f"`{name}` {ALIASED_ROWS}")
    return result


def _pure_by_facts(name, facts):
    if facts.get("changed"):
        raise AssertionError(f"`{name}` changed its argument {facts['changed']}: every result must be a new list, "
                             "and the inputs must stay as they were.")
    if facts.get("shares_input_row"):
        raise AssertionError(f"`{name}` returned a list that is also one of its inputs (or one of their rows): "
                             "build a new list, for example `row[:]` or a comprehension.")
    if facts.get("aliased_rows"):
        raise AssertionError(f"`{name}` {ALIASED_ROWS}")


def _changed_argument(env, name, args, kwargs, before):
    try:
        names = list(inspect.signature(env[name]).bind(*args, **kwargs).arguments)
    except (TypeError, ValueError):
        names = []
    after = _plain(list(args) + list(kwargs.values()))
    for i, (old, new) in enumerate(zip(before[0] + list(before[1].values()), after)):
        if old != new:
            return f"`{names[i]}`" if i < len(names) else f"number {i + 1}"
    return "(one of them)"


def _plain(value):
    """The data in `value`, with random generators and functions (which compare by identity) left out."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, random.Random) or callable(value):
        return type(value).__name__
    return value


def _rows_of(value):
    """Every list found inside `value` (lists, tuples and dicts, one level of rows deep)."""
    found = []
    if isinstance(value, dict):
        for v in value.values():
            found.extend(_rows_of(v))
    elif isinstance(value, (list, tuple)):
        if isinstance(value, list):
            found.append(value)
        for v in value:
            if isinstance(v, (list, tuple, dict)):
                found.extend(_rows_of(v))
    return found


def _matrices_in(value):
    """The lists of lists in a result: the result itself, a tuple's items, a dict's values."""
    if isinstance(value, list) and value and all(isinstance(row, list) for row in value):
        return [value]
    if isinstance(value, tuple):
        return [m for v in value for m in _matrices_in(v)]
    if isinstance(value, dict):
        return [m for v in value.values() for m in _matrices_in(v)]
    return []


def expect_value_error(env, name, args, situation, hint=None):
    hint = VALUE_ERROR_HINTS.get(name, "") if hint is None else hint
    f = student_function(env, name)
    try:
        f(*args)
    except ValueError:
        return
    except NotImplementedError as e:
        raise stub_reached(env, name, e, ".") from None
    except Exception as e:
        raise AssertionError(f"`{name}` should raise ValueError {situation}, but raised {kind_of(e)}: {told(e)}"
                             f"{told(where_in_student_code(e, env))}") from None
    raise AssertionError(f"`{name}` should raise ValueError {situation}, but returned without an error."
                         + (f" {hint}" if hint else ""))


# ---------------------------------------------------------------------------
# Comparing plain values
# ---------------------------------------------------------------------------

def finite(x):
    """A number that is neither inf nor nan (JSON from the student's process carries both)."""
    try:
        return math.isfinite(x)
    except OverflowError:  # an int too large for a float
        return False


def close(got, expected, rtol=VALUE_RTOL):
    """`got` within `rtol` of `expected`, relative to max(1, |expected|). Where `expected` is finite,
    so must `got` be: |inf - e| <= rtol * ... holds for rtol = inf (a types-only check), and in
    a <= tol * (|a| + |b|) style comparisons, so inf would pass for anything. A non-finite `expected`
    is matched only by itself."""
    if not finite(expected):
        return got == expected or (math.isnan(expected) and math.isnan(got))
    return finite(got) and abs(got - expected) <= rtol * max(1.0, abs(expected))


def not_finite(what, got):
    return f"{what} should be a finite float, got {got!r}"


def same(got, expected, rtol=VALUE_RTOL):
    """Plain data equal within `rtol`: floats, ints, None, and lists, tuples and dicts of them."""
    if isinstance(expected, dict):
        return isinstance(got, dict) and sorted(got) == sorted(expected) and \
            all(same(got[k], expected[k], rtol) for k in expected)
    if isinstance(expected, (list, tuple)):
        return isinstance(got, (list, tuple)) and len(got) == len(expected) and \
            all(same(g, e, rtol) for g, e in zip(got, expected))
    if isinstance(expected, float):
        return type(got) in (float, int) and close(got, expected, rtol)
    return got == expected


def diagnose(got, mistakes, rtol=VALUE_RTOL):
    """The message of the first (message, what that mistake returns) pair that matches `got`.

    The second item is a function (so a mistake is only computed when the ones before it did not
    match) or, in the public checks, the recorded value itself.
    """
    for message, result_of_mistake in mistakes:
        try:
            expected = result_of_mistake() if callable(result_of_mistake) else result_of_mistake
        except Exception:  # the mistake cannot even run on this input: not this one
            continue
        if same(got, expected, rtol):
            return message
    return ""


def number(x):
    return f"{x:.10g}" if isinstance(x, float) and not x.is_integer() else repr(x)


def size(M):
    """'r x c' for a matrix-like value, for messages."""
    if isinstance(M, list) and all(isinstance(r, list) for r in M):
        return f"{len(M)} x {len(M[0]) if M else 0}"
    return f"a {type(M).__name__}"


def check_float(got, expected, what, rtol=VALUE_RTOL, mistakes=()):
    if type(got) is not float:
        diagnosis = diagnose(got, mistakes, rtol) if type(got) is int else ""
        raise AssertionError(f"{what} should be a float, got {type(got).__name__} {got!r}"
                             + (f". {diagnosis}" if diagnosis else ""))
    if finite(expected) and not finite(got):
        diagnosis = diagnose(got, mistakes, rtol)
        raise AssertionError(not_finite(what, got) + (f". {diagnosis}" if diagnosis else ""))
    if not close(got, expected, rtol):
        diagnosis = diagnose(got, mistakes, rtol)
        raise AssertionError(f"{what} should be {number(expected)}, got {number(got)}"
                             + (f". {diagnosis}" if diagnosis else ""))


def check_matrix(got, expected, what, rtol=VALUE_RTOL, mistakes=(), patterns=True):
    """`got` must be a list of rows of floats of `expected`'s shape, entry by entry close to it,
    and finite wherever `expected` is (rtol = inf checks the shape, the types and that alone).

    On a difference, the message names the first entry that differs and, when the
    result follows a recognisable pattern (a named mistake, a transpose, a constant
    factor, a flipped sign), says so.
    """
    if not isinstance(got, list) or not all(isinstance(row, list) for row in got):
        odd = next((row for row in got if not isinstance(row, list)), None) if isinstance(got, list) else None
        kind = f"a list of {type(odd).__name__} (like {odd!r})" if isinstance(got, list) else type(got).__name__
        raise AssertionError(f"{what} should be a matrix (a list of rows, each a list of floats), got {kind}")
    rows, cols = len(expected), len(expected[0]) if expected else 0
    if len(got) != rows or any(len(row) != cols for row in got):
        diagnosis = diagnose(got, mistakes, rtol)
        hint = ": did you transpose?" if len(got) == cols and all(len(r) == rows for r in got) and rows != cols else ""
        raise AssertionError(f"{what} should be {rows} x {cols}, got {size(got)}{hint}"
                             + (f". {diagnosis}" if diagnosis else ""))
    for i, (g_row, e_row) in enumerate(zip(got, expected)):
        for j, g in enumerate(g_row):
            if type(g) is not float:
                raise AssertionError(f"{what}[{i}][{j}] should be a float, got {type(g).__name__} {g!r}")
    for i, (g_row, e_row) in enumerate(zip(got, expected)):
        for j, (g, e) in enumerate(zip(g_row, e_row)):
            if finite(e) and not finite(g):
                diagnosis = diagnose(got, mistakes, rtol)
                raise AssertionError(not_finite(f"{what}[{i}][{j}]", g) + (f". {diagnosis}" if diagnosis else ""))
    first = next(((i, j) for i in range(rows) for j in range(cols)
                  if not close(got[i][j], expected[i][j], rtol)), None)
    if first is None:
        return
    i, j = first
    message = f"{what} is wrong: entry [{i}][{j}] should be {number(expected[i][j])}, got {number(got[i][j])}"
    diagnosis = diagnose(got, mistakes, rtol) or (_pattern(got, expected, rtol) if patterns else "")
    raise AssertionError(message + (f". {diagnosis}" if diagnosis else ""))


def _pattern(got, expected, rtol):
    """A sentence on how `got` relates to `expected`, when it is that simple."""
    if len(expected) == len(expected[0]) > 1 and same(got, [list(col) for col in zip(*expected)], rtol):
        return "Your result is the transpose of the expected one: check the order of the indices."
    if same(got, [[-e for e in row] for row in expected], rtol):
        return "Every entry has the wrong sign."
    pairs = [(g, e) for g_row, e_row in zip(got, expected) for g, e in zip(g_row, e_row) if abs(e) > 1e-12]
    if pairs and all(abs(g) > 1e-12 for g, _ in pairs):
        ratio = pairs[0][0] / pairs[0][1]
        if finite(ratio) and all(close(g / e, ratio, 1e-7) for g, e in pairs):
            return f"Every entry is {ratio:.6g} times the expected one: a constant factor is off."
    return ""


def check_params_dict(got, expected, what, rtol=VALUE_RTOL, mistakes=(), entry="{what}[{key!r}]"):
    """A dict of matrices; `entry` names one of them in messages ("{what}: d{key}" for gradients)."""
    if not isinstance(got, dict) or sorted(got) != sorted(expected):
        keys = sorted(got) if isinstance(got, dict) else type(got).__name__
        raise AssertionError(f"{what} should be a dict with the keys {sorted(expected)}, got {keys}")
    try:
        for key in expected:
            check_matrix(got[key], expected[key], entry.format(what=what, key=key), rtol, patterns=False)
    except AssertionError as e:
        diagnosis = diagnose(got, mistakes, rtol)
        if not diagnosis:  # then say how the first wrong matrix relates to the expected one, if simply
            for key in expected:
                check_matrix(got[key], expected[key], entry.format(what=what, key=key), rtol)
        raise AssertionError(f"{e}. {diagnosis}") from None

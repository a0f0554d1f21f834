"""The engine of the public checks: one question's public check, run against the student's functions.

A public check (one function per question, in this folder's section files) is written against a
`Check`; it never holds an expected value itself:
- `check.call(name, *args, what=...)` calls the student's `name` (refusing a changed argument, a
  returned input row and the module-level random, in compare.py's words), and compares the result
  with what the reference returned for the same call;
- `check.given(name, *args)` is what the reference returns: fixed data that the check needs from
  another part (a cache, say), so that no other function of the student's is ever called for it;
- `check.raises(name, args, situation)` wants a ValueError.

`make assign` (autograder/public.py) runs every public check against the reference, then against
each catalogued mistake, and writes what came back into the check cell as DATA, next to this file
and compare.py: what the reference returns, and what each mistake returns at the call where it first
differs, with the sentence the hidden checks say about it. No reference code and no hidden input
travel, only the values of these public calls.

When the function under test calls the student's own helpers (a `backward` built on their `matmul`),
a failure is first put to those helpers: DATA holds a few of the helper calls the reference made, and
a helper that gets one wrong is named ("`matmul` fails its check: fix it first").

A helper that the notebook only asks for in a later section (forward's `dropout_forward`) is never the
student's in this check: `stand_ins` names it, and while the function under test runs, the helper is
a stand-in that answers the calls the reference (and each catalogued mistake) made to it with what the
reference's helper returned, from DATA, and draws from a random.Random as often as that call did. In
the grader, where the student's code runs in a process of its own, the reference's helper stands in.
"""
import contextlib
import hashlib
import sys

_MISSING = object()


class Check:
    """The student's side: calls their functions, compares, names the mistake."""

    def __init__(self, env, question, data):
        self.env, self.question, self.data = env, question, data
        self.calls = self.givens = 0

    def given(self, name, *args, **kwargs):
        value = self.data["given"][self.givens]
        self.givens += 1
        return copy.deepcopy(value)

    def call(self, name, *args, what, rtol=VALUE_RTOL, pure=True, items=(), entry="{what}[{key!r}]",
             stand_ins=(), **kwargs):
        """The student's `name` on the arguments, compared with the reference's result. `items` names the
        parts of a tuple result, `entry` an entry of a dict of matrices in messages, `stand_ins` the later
        sections' helpers that must not be the student's here."""
        index = self.calls
        self.calls += 1
        expected = self.data["expected"][index]
        again = copy.deepcopy((args, kwargs))  # (random generators included, in their state now)
        try:
            with self.standing_in(stand_ins):
                got = (call_pure if pure else call)(self.env, name, *args, **kwargs)
            mistakes = [(sentence, value) for at, value, sentence in self.data["mistakes"] if at == index]
            try:
                check_value(got, expected, what, rtol, mistakes, items, entry)
            except AssertionError:
                with self.standing_in(stand_ins):
                    second = call(self.env, name, *again[0], **again[1])
                if not same(second, got, 0.0):
                    raise AssertionError(f"`{name}` gave different results on a second run with the same "
                                         f"arguments: {NOT_REPRODUCIBLE}") from None
                raise
        except AssertionError as error:
            if getattr(error, "stub_of", None) != name:  # (the function itself unwritten: that is all to say)
                self.blame_helpers(name, stand_ins)
            raise
        return got

    def raises(self, name, args, situation, hint=None, stand_ins=()):
        try:
            with self.standing_in(stand_ins):
                expect_value_error(self.env, name, args, situation, hint)
        except AssertionError as error:
            if getattr(error, "stub_of", None) != name:
                self.blame_helpers(name, stand_ins)
            raise

    def figure(self, name, *args, what, shows):
        """The student's plot: a matplotlib Figure that shows what figures.py asks of it (`shows` is
        "losses": args[0]; or "decision": the points args[0] with labels args[1] over a region)."""
        try:
            fig = call(self.env, name, *args)
        except AssertionError as error:
            if getattr(error, "stub_of", None) != name:
                self.blame_helpers(name)
            raise
        # From the grader's side of the student's process a Figure is its type's name and a summary.
        kind = getattr(fig, "type_name", None) or f"{type(fig).__module__}.{type(fig).__qualname__}"
        summary = getattr(fig, "summary", None) if hasattr(fig, "type_name") else describe(fig)
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None and not hasattr(fig, "type_name") and kind == FIGURE:
            pyplot.close(fig)  # checked, not shown under the check cell (the grader's side has no Figure)
        if kind != FIGURE:
            raise AssertionError(f"{name} should return a matplotlib Figure, got {kind.rsplit('.', 1)[-1]}")
        problem = (loss_plot_problems(summary, args[0]) if shows == "losses"
                   else decision_plot_problems(summary, args[0], args[1]))
        if problem:
            raise AssertionError(f"{what}: {problem}")
        return fig

    @contextlib.contextmanager
    def standing_in(self, helpers):
        """Within the block, each of `helpers` is the stand-in (or, in the grader, the reference's)."""
        if not helpers:
            yield
            return
        submission = self.env.get("__nn_submission__")
        if submission is not None:
            submission.use_reference(helpers)
            try:
                yield
            finally:
                submission.restore()
            return
        saved = {helper: self.env.get(helper, _MISSING) for helper in helpers}
        for helper in helpers:
            self.env[helper] = self.stand_in(helper)
        try:
            yield
        finally:
            for helper, value in saved.items():
                if value is _MISSING:
                    self.env.pop(helper, None)
                else:
                    self.env[helper] = value

    def stand_in(self, helper):
        answers = [entry[1:] for entry in self.data["stand_ins"] if entry[0] == helper]

        def standing_in(*args, **kwargs):
            for want_args, want_kwargs, result, draws in answers:
                if matches(list(args), want_args) and matches(kwargs, want_kwargs):
                    for value in list(args) + list(kwargs.values()):
                        if isinstance(value, random.Random):
                            for _ in range(draws):
                                value.random()
                    return copy.deepcopy(result)
            raise AssertionError(f"this check stands in for `{helper}` (a later section's function), and your "
                                 f"code called it with arguments other than the ones expected here")
        standing_in.__name__ = helper
        return standing_in

    def blame_helpers(self, name, stand_ins=()):
        """Raise "`helper` fails its check" for the first of the student's helpers that gets one of the
        reference's own helper calls (recorded in DATA) wrong, if any."""
        for helper, args, kwargs, expected in self.data["helpers"]:
            if helper == name or helper in stand_ins or not callable(self.env.get(helper)):
                continue
            try:  # (aliased rows, a changed argument and the module-level random count as wrong too)
                got = call_pure(self.env, helper, *copy.deepcopy(args), **copy.deepcopy(kwargs))
                wrong = not same(got, expected)
            except AssertionError:
                wrong = True
            if wrong:
                raise AssertionError(f"`{helper}` fails its check, and your `{name}` may be built on it: fix "
                                     f"`{helper}` first (its own check cell says what is wrong), then run this "
                                     "check again.") from None


def rng_state(rng):
    """A random.Random's state, as a short digest that DATA can hold."""
    return {"__rng__": hashlib.sha256(repr(rng.getstate()).encode()).hexdigest()[:20]}


def matches(got, wanted):
    """An argument of a stand-in's call is the recorded one (random generators by their state)."""
    if isinstance(got, random.Random):
        return rng_state(got) == wanted
    if isinstance(wanted, dict) and isinstance(got, dict):
        return sorted(got) == sorted(wanted) and all(matches(got[k], wanted[k]) for k in wanted)
    if isinstance(wanted, (list, tuple)) and isinstance(got, (list, tuple)):
        return len(got) == len(wanted) and all(matches(g, w) for g, w in zip(got, wanted))
    return same(got, wanted)


def check_value(got, expected, what, rtol=VALUE_RTOL, mistakes=(), items=(), entry="{what}[{key!r}]"):
    """compare.py's check for the kind of value expected: a float, a matrix, a dict of matrices, a tuple
    (its parts named by `items`), anything else compared as plain data."""
    def fail(message):
        diagnosis = diagnose(got, mistakes, rtol)
        raise AssertionError(message + (f". {diagnosis}" if diagnosis else ""))

    if isinstance(expected, float):
        check_float(got, expected, what, rtol, mistakes)
    elif isinstance(expected, dict) and expected and all(isinstance(v, list) for v in expected.values()):
        check_params_dict(got, expected, what, rtol, mistakes, entry)
    elif isinstance(expected, list) and expected and all(isinstance(row, list) for row in expected):
        check_matrix(got, expected, what, rtol, mistakes)
    elif isinstance(expected, dict):
        if not isinstance(got, dict) or sorted(got) != sorted(expected):
            keys = sorted(got) if isinstance(got, dict) else type(got).__name__
            fail(f"{what} should be a dict with the keys {sorted(expected)}, got {keys}")
        for key in expected:
            part = [(m, v[key]) for m, v in mistakes if isinstance(v, dict) and key in v]
            if not same(got[key], expected[key], rtol):
                try:
                    check_value(got[key], expected[key], f"{what}[{key!r}]", rtol, part)
                except AssertionError as error:
                    message, diagnosis = str(error), diagnose(got, mistakes, rtol)
                    raise AssertionError(message + (f". {diagnosis}" if diagnosis and diagnosis not in message
                                                    else "")) from None
    elif isinstance(expected, tuple) and any(isinstance(e, (list, dict, tuple)) for e in expected):
        if not isinstance(got, tuple) or len(got) != len(expected):
            fail(f"{what} should be a tuple of {len(expected)} ({', '.join(items)})" if items else
                 f"{what} should be a tuple of {len(expected)}, got {type(got).__name__}"
                 + (f" of length {len(got)}" if isinstance(got, (tuple, list)) else ""))
        for k, (g, e) in enumerate(zip(got, expected)):
            if not same(g, e, rtol):
                part = [(m, v[k]) for m, v in mistakes if isinstance(v, tuple) and len(v) == len(expected)]
                label = f"{what}: {items[k]}" if k < len(items) else f"{what}, item {k}"
                try:
                    check_value(g, e, label, rtol, part)
                except AssertionError as error:
                    message, diagnosis = str(error), diagnose(got, mistakes, rtol)
                    raise AssertionError(message + (f". {diagnosis}" if diagnosis and diagnosis not in message
                                                    else "")) from None
    elif not same(got, expected, rtol) or type(got) is not type(expected):
        fail(f"{what} should be {expected!r}, got {told(repr(got))}")


@speaking_plainly
def run(env, question, data):
    """Run the public check of `question` (a function of that name, defined next to this one)."""
    check_imports(env)  # the grader refuses other imports: say so now, in its words
    globals()[question](Check(env, question, data))

"""The public checks' cells, generated at `make assign` from public_checks/, the reference and the catalog.

For each question, its public check (public_checks/<section>.py) is run
1. against the reference: what every call returns becomes the check's expected values, what every
   `check.given` returns its fixed data, and a few of the calls the reference makes to the helpers it
   builds on (USES) the data that `blame_helpers` puts to the student's helpers;
2. against each catalogued mistake of that question (tests/mistakes/catalog.toml, a patch on the
   reference): at the first call where the mistake returns something else, that value is kept with the
   sentence the hidden checks say about the same mistake (they are run too, here, on the mistake).
The check cell then holds compare.py, public_checks/runner.py, the question's check and that DATA:
values of public calls and sentences, never reference code or a hidden input.
"""
import contextlib
import copy
import importlib.util
import inspect
import random
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PUBLIC_CHECKS = ROOT / "public_checks"
COMPARE = ROOT / "nn_grading" / "compare.py"
CONTRACT = ROOT / "nn_grading" / "contract.py"
FIGURES = ROOT / "nn_grading" / "figures.py"
CATALOG = ROOT / "tests" / "mistakes" / "catalog.toml"
SECTIONS = ["vector_ops", "forward", "dropout", "backward", "training"]
HELPER_CALLS_KEPT = 2  # per helper: the first calls with different arguments


def load_module(path, name, package_dir=None):
    spec = importlib.util.spec_from_file_location(
        name, path, submodule_search_locations=[str(package_dir)] if package_dir else None)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def engine_source():
    """contract.py's names, compare.py, figures.py and runner.py as one piece of code, without their
    imports of each other."""
    parts = []
    for path in (CONTRACT, COMPARE, FIGURES, PUBLIC_CHECKS / "runner.py"):
        lines = [line for line in path.read_text().splitlines() if not line.startswith("from .")]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def specs():
    """question -> the function of its public check, from the section files."""
    found = {}
    for section in SECTIONS:
        module = load_module(PUBLIC_CHECKS / f"{section}.py", f"public_checks_{section}")
        for name, f in vars(module).items():
            if inspect.isfunction(f) and f.__module__ == module.__name__ and not name.startswith("_"):
                found[name] = f
    return found


def spec_source(question):
    """The question's check with the section file's own helpers (names starting with _) it uses."""
    module = sys.modules[specs()[question].__module__]
    source = inspect.getsource(module)
    header = source.split("\ndef ", 1)[0]  # the section's imports and constants
    helpers = [inspect.getsource(f) for name, f in vars(module).items()
               if name.startswith("_") and inspect.isfunction(f) and f.__module__ == module.__name__]
    return "\n\n".join([header.strip()] + helpers + [inspect.getsource(getattr(module, question))]) + "\n"


# ---------------------------------------------------------------------------
# Running a public check on the build side
# ---------------------------------------------------------------------------

def engine():
    """The engine's namespace (compare.py and runner.py as the check cell runs them)."""
    namespace = {"__name__": "public_check_engine"}
    exec(compile(engine_source(), "<public check engine>", "exec"), namespace)
    return namespace


def encoded(value, rng_state):
    """An argument as DATA holds it: random generators by the digest of their state."""
    if isinstance(value, random.Random):
        return rng_state(value)
    if isinstance(value, (list, tuple)):
        return type(value)(encoded(v, rng_state) for v in value)
    if isinstance(value, dict):
        return {k: encoded(v, rng_state) for k, v in value.items()}
    return copy.deepcopy(value)


def draws_between(before, rng):
    """How many rng.random() calls take a generator from the state `before` to the state of `rng`."""
    replay = random.Random()
    replay.setstate(before)
    for count in range(100_000):
        if replay.getstate() == rng.getstate():
            return count
        replay.random()
    raise SystemExit("a stand-in helper drew from its random generator other than by rng.random()")


@contextlib.contextmanager
def recording_stand_ins(namespace, helpers, answers):
    """Within the block, each of `helpers` in `namespace` adds the calls made to it (arguments, result,
    draws from its random generator) to `answers`, the table of the check cell's stand-in."""
    rng_state = engine()["rng_state"]
    originals = {helper: namespace[helper] for helper in helpers}

    def recorder(helper):
        def recording(*args, **kwargs):
            rngs = [v for v in list(args) + list(kwargs.values()) if isinstance(v, random.Random)]
            entry = [helper, encoded(list(args), rng_state), encoded(kwargs, rng_state)]
            states = [r.getstate() for r in rngs]
            result = originals[helper](*args, **kwargs)
            entry += [copy.deepcopy(result), draws_between(states[0], rngs[0]) if rngs else 0]
            if plain(entry) and entry not in answers:
                answers.append(entry)
            return result
        return recording
    for helper in helpers:
        namespace[helper] = recorder(helper)
    try:
        yield
    finally:
        namespace.update(originals)


class Recorder:
    """Runs a check against the reference (`namespace`): records what every call and given returns."""

    def __init__(self, namespace, helpers):
        self.namespace = namespace
        self.given_values, self.expected, self.helper_calls, self.stand_ins = [], [], [], []
        self.own_calls = []  # [name, args, kwargs, result] of the check's own plain calls
        self._wrap(helpers)

    def _wrap(self, helpers):
        for name in helpers:
            original = self.namespace[name]

            def recording(*args, __name=name, __original=original, **kwargs):
                before = copy.deepcopy((args, kwargs))
                result = __original(*args, **kwargs)
                kept = [c for c in self.helper_calls if c[0] == __name]
                if self.recording and len(kept) < HELPER_CALLS_KEPT and plain(before) and plain(result) \
                        and all(c[1:3] != list(before) for c in kept):
                    self.helper_calls.append([__name, before[0], before[1], copy.deepcopy(result)])
                return result
            self.namespace[name] = recording
        self.recording = False

    def given(self, name, *args, **kwargs):
        value = self.namespace[name](*args, **kwargs)
        self.given_values.append(copy.deepcopy(value))
        return value

    def call(self, name, *args, what, rtol=None, pure=True, items=(), entry=None, stand_ins=(), **kwargs):
        before = copy.deepcopy((list(args), kwargs))
        self.recording = True
        try:
            with recording_stand_ins(self.namespace, stand_ins, self.stand_ins):
                value = self.namespace[name](*args, **kwargs)
        finally:
            self.recording = False
        self.expected.append(copy.deepcopy(value))
        if not stand_ins and plain(before) and plain(value):
            self.own_calls.append([name, before[0], before[1], copy.deepcopy(value)])
        return value

    def figure(self, name, *args, what, shows):
        fig = self.namespace[name](*args)
        import matplotlib.pyplot
        matplotlib.pyplot.close(fig)
        return fig

    def raises(self, name, args, situation, hint="", stand_ins=()):
        try:
            self.namespace[name](*args)
        except ValueError:
            return
        raise AssertionError(f"the reference's {name} does not raise ValueError {situation}")


class MistakeProbe:
    """Runs a check against a mistake, handing the check the reference's values so that it goes the same
    way: finds the first call where the mistake returns something else."""

    def __init__(self, namespace, data, same):
        self.namespace, self.data, self.same = namespace, data, same
        self.calls = self.givens = 0
        self.first_difference = None

    def given(self, name, *args, **kwargs):
        self.givens += 1
        return copy.deepcopy(self.data["given"][self.givens - 1])

    def call(self, name, *args, what, rtol=1e-9, pure=True, items=(), entry=None, stand_ins=(), **kwargs):
        index = self.calls
        self.calls += 1
        expected = self.data["expected"][index]
        if self.first_difference is None:
            try:
                with recording_stand_ins(self.namespace, stand_ins, self.data["stand_ins"]):
                    got = self.namespace[name](*copy.deepcopy(args), **copy.deepcopy(kwargs))
            except Exception:
                got = expected  # an exception speaks for itself (compare.call names it): no value to keep
            if not self.same(got, expected, rtol) and plain(got):
                self.first_difference = (index, copy.deepcopy(got))
        return copy.deepcopy(expected)

    def raises(self, name, args, situation, hint="", stand_ins=()):
        pass

    def figure(self, name, *args, what, shows):
        pass


def plain(value):
    """Data that the check cell can hold: numbers, strings, None, and lists, tuples, dicts of them."""
    if isinstance(value, (list, tuple)):
        return all(plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    return value is None or isinstance(value, (bool, int, float, str))


def tagged(value):
    """`value` as JSON-ready data: a tuple becomes {"__tuple__": [...]} (DATA_HOOK turns it back)."""
    if isinstance(value, tuple):
        return {"__tuple__": [tagged(v) for v in value]}
    if isinstance(value, list):
        return [tagged(v) for v in value]
    if isinstance(value, dict):
        if not all(type(k) is str for k in value):
            raise TypeError(f"DATA's dict keys must be strings: {list(value)[:5]}")
        return {k: tagged(v) for k, v in value.items()}
    if value is None or type(value) in (bool, int, float, str):
        return value
    raise TypeError(f"DATA cannot hold a {type(value).__name__}")


# In the check cell: JSON's objects back into tuples where they were tagged.
DATA_HOOK = "lambda d: tuple(d['__tuple__']) if list(d) == ['__tuple__'] else d"


def data_source(data):
    """DATA as the check cell's source: JSON text in a string, read back by json.loads. A Python literal of
    these thousands of floats cost Python 30 ms to compile (training_train's), and Otter compiles each
    test file twice per run; a string costs nothing to compile and json.loads reads it in a millisecond.
    Refuses data that would not read back exactly (int and float, tuple and list, nan and inf kept)."""
    import json
    text = json.dumps(tagged(data), separators=(",", ":"))
    if repr(json.loads(text, object_hook=eval(DATA_HOOK))) != repr(data):
        raise ValueError("DATA does not read back from JSON exactly")
    return f"json.loads({text!r}, object_hook={DATA_HOOK})"


# ---------------------------------------------------------------------------
# The mistakes, and what the hidden checks say about them
# ---------------------------------------------------------------------------

def catalog():
    return tomllib.loads(CATALOG.read_text())["mistake"]


def namespace_of(source):
    namespace = {"__name__": "submission"}
    exec(compile(source, "<submission>", "exec"), namespace)
    return namespace


def hidden_sentence(checks, question, namespace):
    """The sentence with which the hidden checks name the mistake in `namespace`, if they name it: the
    last diagnosis they chose before failing."""
    chosen = []
    compare = sys.modules[checks.__package__ + ".compare"]
    original = compare.diagnose

    def recording(got, mistakes, rtol=1e-9):
        said = original(got, mistakes, rtol)
        if said:
            chosen.append(said)
        return said
    checks.diagnose = compare.diagnose = recording  # (checks calls it, and so do compare's check_*)
    try:
        for run in checks.HIDDEN_CHECKS[question]:
            try:
                run(namespace)
            except AssertionError:
                return chosen[-1] if chosen else ""
            except Exception:
                return ""
    finally:
        checks.diagnose = compare.diagnose = original
    return ""


def public_data(reference_source, grading_package_dir):
    """question -> DATA for its check cell. `grading_package_dir` is the nn_grading folder that Otter
    Assign gets (with the generated reference.py), whose checks name the mistakes."""
    for name in [n for n in sys.modules if n.split(".")[0] == "nn_grading_built"]:  # an earlier build's
        del sys.modules[name]
    package = load_module(Path(grading_package_dir) / "__init__.py", "nn_grading_built", grading_package_dir)
    checks = importlib.import_module("nn_grading_built.checks")
    compare = importlib.import_module("nn_grading_built.compare")
    mistakes = catalog()
    data, own_calls, checks_of = {}, {}, specs()
    for question, spec in checks_of.items():
        reference = namespace_of(reference_source)
        recorder = Recorder(reference, sorted(checks.USES[question]))
        spec(recorder)
        own_calls[question] = recorder.own_calls
        data[question] = {"given": recorder.given_values, "expected": recorder.expected,
                          "helpers": recorder.helper_calls, "stand_ins": recorder.stand_ins, "mistakes": []}
    for question, spec in checks_of.items():  # a helper's own public calls: a helper that fails its check is named
        for helper in sorted(checks.USES[question]):
            home = next(q for q, functions in checks.GRADED_FUNCTIONS.items() if helper in functions)
            if home != question:
                data[question]["helpers"] += [c for c in own_calls[home] if c[0] == helper][:HELPER_CALLS_KEPT]
        for mistake in (m for m in mistakes if question in m["questions"]):
            if reference_source.count(mistake["old"]) != 1:
                raise SystemExit(f"mistake {mistake['name']}: its 'old' text is not once in the reference")
            source = reference_source.replace(mistake["old"], mistake["new"])
            probe = MistakeProbe(namespace_of(source), data[question], compare.same)
            spec(probe)
            if probe.first_difference is None:
                continue
            sentence = hidden_sentence(checks, question, namespace_of(source))
            if sentence:
                index, value = probe.first_difference
                data[question]["mistakes"].append([index, value, sentence])
    del package
    return data


# Where a process keeps the public checks' engine once it has run it: {its text: its namespace}.
ENGINES_MODULE = "nn_public_check_engines"


def preload_engine(test_file_source):
    """Run the engine that a generated test file carries, and keep it where that file's public check looks
    for it first (ENGINES_MODULE). `make grade` does this once before it forks a process per submission:
    compiling the engine's 56 KB of source was 50 ms of each run. (A test file carrying another text runs
    its own, as before.)"""
    import ast
    engine = next(node.value.value for node in ast.walk(ast.parse(test_file_source))
                  if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["ENGINE"]
                  and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str))
    engines = sys.modules.setdefault(ENGINES_MODULE, type(sys)(ENGINES_MODULE)).__dict__
    if engine not in engines:
        namespace = {"__name__": "public_check"}
        exec(compile(engine, "<public check>", "exec"), namespace)
        engines[engine] = namespace


def cell_source(question, data):
    """The body of the question's public test cell (after its TEST CONFIG)."""
    return (f"def test_{question}_public(env):\n"
            f"    # Generated by `make assign` from public_checks/ and the mistake catalog: do not edit.\n"
            f"    ENGINE = {engine_source()!r}\n"
            f"    CHECK = {spec_source(question)!r}\n"
            f"    import json\n"
            f"    DATA = {data_source(data)}\n"
            f"    # The engine is compiled and run once per process (the grader's, or the kernel's) and kept in\n"
            f"    # sys.modules under its own text; each question's check joins it (their names never collide).\n"
            f"    import sys\n"
            f"    engines = sys.modules.setdefault({ENGINES_MODULE!r}, type(sys)({ENGINES_MODULE!r})).__dict__\n"
            f"    namespace = engines.get(ENGINE)\n"
            f"    if namespace is None:\n"
            f"        namespace = engines[ENGINE] = {{'__name__': 'public_check'}}\n"
            f"        exec(compile(ENGINE, '<public check>', 'exec'), namespace)\n"
            f"    exec(compile(CHECK, '<public check>', 'exec'), namespace)\n"
            f"    check_your_code = namespace['run']\n"
            f"    check_your_code(env, {question!r}, DATA)\n"
            f"test_{question}_public(globals())\n")

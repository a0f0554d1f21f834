"""The student's process: runs a submission's code and answers calls by contract name.

Started by channel.py, as an unprivileged user when grading runs as root, with only
the standard library on its path (numpy and friends cannot even be imported; a
stand-in answers `import matplotlib...` so that such a line does not stop the
cell). It holds the student's code and nothing else: no expected value, no
reference code, no test, no result file. Messages are JSON lines on the pipes it
was started with (see channel.py for the protocol); the student's own prints go
to stderr, which the grader discards (a flood of output costs nothing).

Everything this file computes about a call (arguments changed, rows shared, the
module-level random state used) is a fact about the student's own code that the
student could also fake; faking it only hides their own mistakes.
"""
import __future__
import array
import base64
import builtins
import importlib.abc
import importlib.machinery
import json
import linecache
import os
import random
import signal
import sys
import traceback
import types


# Packed values (both sides of the channel use these; channel.py imports them from here): a matrix of
# floats and a generator's state travel as base64 of their machine words, not as JSON numbers, which
# cost about five times as much to write and read. Same machine, same byte order: the values are exact.
ROW_OF_FLOATS = {float}
UINT32 = next(code for code in "IL" if array.array(code).itemsize == 4)


def packed_matrix(rows):
    """{"__matrix__": [rows, cols, base64]} for a non-empty list of equally long, non-empty lists of
    floats (exactly float), else None."""
    cols = len(rows[0]) if type(rows[0]) is list else 0
    if not cols:
        return None
    flat = array.array("d")
    for row in rows:
        if type(row) is not list or len(row) != cols or set(map(type, row)) != ROW_OF_FLOATS:
            return None
        flat.extend(row)
    return {"__matrix__": [len(rows), cols, base64.b64encode(flat.tobytes()).decode("ascii")]}


def unpacked_matrix(inner):
    """The rows of a packed matrix; ValueError if it is not one."""
    if not (type(inner) is list and len(inner) == 3 and type(inner[0]) is int and type(inner[1]) is int
            and type(inner[2]) is str and inner[0] > 0 and inner[1] > 0):
        raise ValueError("not a packed matrix")
    rows, cols, text = inner
    data = base64.b64decode(text, validate=True)
    if len(data) != rows * cols * 8:
        raise ValueError("a packed matrix of the wrong size")
    flat = array.array("d", data).tolist()
    return [flat[i:i + cols] for i in range(0, rows * cols, cols)]


def packed_state(state):
    """random.Random.getstate() as [version, base64 of the 625 words, gauss_next]."""
    version, words, gauss_next = state
    return [version, base64.b64encode(array.array(UINT32, words).tobytes()).decode("ascii"), gauss_next]


def unpacked_state(packed):
    """What random.Random.setstate takes, from packed_state's list; ValueError or TypeError if it is not one."""
    version, text, gauss_next = packed
    words = tuple(array.array(UINT32, base64.b64decode(str(text), validate=True)).tolist())
    return int(version), words, None if gauss_next is None else float(gauss_next)


class StandIn(types.ModuleType):
    """Answers any attribute with another stand-in: `import matplotlib.pyplot as plt` works, plotting does not."""

    __path__ = []

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return StandIn(f"{self.__name__}.{name}")

    def __call__(self, *args, **kwargs):
        return StandIn(self.__name__ + "()")


class StandInFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def __init__(self, prefixes):
        self.prefixes = prefixes

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in self.prefixes:
            return importlib.machinery.ModuleSpec(name, self)
        return None

    def create_module(self, spec):
        return StandIn(spec.name)

    def exec_module(self, module):
        pass


class RecordMissing(importlib.abc.MetaPathFinder):
    """Last on the import path: notes every module the code asked for and did not get (numpy, say)."""

    def __init__(self):
        self.missing = set()

    def find_spec(self, name, path=None, target=None):
        self.missing.add(name.split(".")[0])
        return None


MISSING = RecordMissing()
# What the student's own code may import in the plots process. The environment's packages are there
# for matplotlib, not for the student: without this, `import otter` (a notebook's first cell) would
# load Otter and its dependencies into every plots process, seconds of work for nothing.
PLOTS_IMPORTS = {"math", "random", "matplotlib", "__future__"}  # __future__: a compiler directive


def student_import(name, globals=None, locals=None, fromlist=(), level=0):
    if level == 0 and name.split(".")[0] not in PLOTS_IMPORTS:
        MISSING.missing.add(name.split(".")[0])
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    return builtins.__import__(name, globals, locals, fromlist, level)


def plots_builtins():
    """A copy of the builtins module whose __import__ is student_import (for the student's namespace)."""
    module = types.ModuleType("builtins")
    module.__dict__.update(vars(builtins))
    module.__import__ = student_import
    return module


def nothing(*args, **kwargs):
    return None


class NoShell:
    """What `get_ipython()` gives here. Magics and shell commands do nothing: those whose code IPython
    runs in the user's namespace (%time, %%time, %%capture, %%prun) came as that code already
    (plugin.py); the rest do not define anything there (%timeit times its code inside a function of
    its own) or are not Python (!ls, %%bash, %pip). `files = !ls` gives an empty list."""

    def getoutput(self, *args, **kwargs):
        return []

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return nothing


# Compiler flags of `from __future__` imports, which hold for the statements after them.
FUTURE_FLAGS = 0
for _feature in __future__.all_feature_names:
    FUTURE_FLAGS |= getattr(__future__, _feature).compiler_flag
FUTURE_FLAGS &= ~0xFFFF  # the old, mandatory ones share their bits with ordinary code flags (CO_NESTED...)


class Channel:
    def __init__(self, reader, writer, plots=False):
        self.reader, self.writer = reader, writer
        self.namespace = {"__name__": "__main__", "__builtins__": plots_builtins() if plots else builtins}
        # What IPython adds to the builtins of a kernel: `get_ipython()` (the transformed magics and shell
        # escapes call it; a notebook saved as a script does too) and `display`. Builtins, not the
        # namespace's own names: neither is one of the student's functions.
        shell = NoShell()
        for name, value in (("get_ipython", lambda: shell), ("display", nothing)):
            setattr(self.namespace["__builtins__"], name, value)
        self.callbacks = {}  # our functions the grader may call back (a lambda given to a reference function)
        self.saved = {}  # names replaced by the reference's, and what they were
        self.figures = None  # the grader's figures.py (plots process): what a returned Figure shows

    # -- messages ---------------------------------------------------------------
    def send(self, message):
        self.writer.write(json.dumps(message) + "\n")
        self.writer.flush()

    def receive(self):
        line = self.reader.readline()
        if not line:
            os._exit(0)  # the grader has gone
        return json.loads(line, object_hook=self.rebuild)

    def rebuild(self, tagged):
        if len(tagged) == 1:
            (key, inner), = tagged.items()
            if key == "__tuple__":
                return tuple(inner)
            if key == "__dict__":
                return {k: v for k, v in inner}
            if key == "__matrix__":
                return unpacked_matrix(inner)
            if key == "__rng__":
                rng = random.Random()
                rng.setstate(unpacked_state(inner))
                return rng
            if key == "__callback__":
                return self.grader_function(inner)
        return tagged

    def request(self, message, given=()):
        """Send a request to the grader and serve its requests until its answer comes. Random generators
        among the arguments (`given`) go by value: they come back in the state the call left them."""
        self.send(message)
        while True:
            reply = self.receive()
            if reply["op"] == "return":
                for rng, state in zip([g for g in given if isinstance(g, random.Random)], reply.get("rngs") or []):
                    rng.setstate(unpacked_state(state))
                return reply["value"]
            if reply["op"] == "raise":
                kind = getattr(builtins, reply["type"], None)
                if not (isinstance(kind, type) and issubclass(kind, Exception)):
                    kind = RuntimeError
                raise kind(reply["message"])
            self.serve(reply)

    # -- values ---------------------------------------------------------------
    def encode(self, value, depth=0):
        if depth > 50:
            raise ValueError("the value is nested too deeply")
        if value is None or type(value) in (bool, int, str):
            return value
        if isinstance(value, float):
            return float(value)  # a float subclass loses its methods here
        if type(value) is list and set(map(type, value)) == ROW_OF_FLOATS:
            return value  # a row, sent as it is
        if type(value) is list and value:
            packed = packed_matrix(value)  # a matrix: the common case
            if packed is not None:
                return packed
        if isinstance(value, (list, tuple)):
            items = [self.encode(v, depth + 1) for v in value]
            return {"__tuple__": items} if isinstance(value, tuple) else items
        if isinstance(value, dict):
            return {"__dict__": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in value.items()]}
        if isinstance(value, random.Random):
            return {"__rng__": packed_state(value.getstate())}
        if callable(value) and not issubclass(type(value), (type, types.ModuleType)):
            # a function, lambda, partial, bound method or callable object of ours that the grader calls
            # back (the `f` our code hands to a reference's `apply` while a question is graded alone)
            number = len(self.callbacks)
            self.callbacks[number] = value
            return {"__callback__": number}
        name = f"{type(value).__module__}.{type(value).__qualname__}"
        figure = getattr(sys.modules.get("matplotlib.figure"), "Figure", None)
        if self.figures is not None and isinstance(figure, type) and isinstance(value, figure):
            # a Figure goes as its type's name and a summary of what it shows (figures.describe)
            try:
                summary = self.figures.describe(value)
            except Exception:
                summary = None
            return {"__figure__": [name, self.encode(summary, depth + 1)]}
        return {"__object__": name}

    def grader_function(self, number):
        def call_the_grader(*args, **kwargs):
            return self.request({"op": "callback", "id": number, "args": self.encode(list(args)),
                                 "kwargs": self.encode(kwargs)}, list(args) + list(kwargs.values()))
        return call_the_grader

    def reference(self, name):
        def call_the_reference(*args, **kwargs):
            return self.request({"op": "reference_call", "name": name, "args": self.encode(list(args)),
                                 "kwargs": self.encode(kwargs)}, list(args) + list(kwargs.values()))
        call_the_reference.__name__ = name
        return call_the_reference

    # -- requests from the grader -----------------------------------------------
    def serve(self, message):
        op = message["op"]
        try:
            if op == "run":
                if message.get("figures"):  # figures.py's source, sent by the grader to the plots process
                    self.figures = types.ModuleType("figures")
                    exec(compile(message["figures"], "figures.py", "exec"), self.figures.__dict__)
                self.send({"op": "return", "value": self.encode(self.run(message["cells"]))})
            elif op == "call":
                self.call(message)
            elif op == "callback":  # the grader calls one of our functions it was given
                function = self.callbacks[message["id"]]
                try:
                    result = function(*message["args"], **message["kwargs"])
                except BaseException as e:
                    self.send({"op": "raise", "type": type(e).__name__, "message": str(e)[:2000],
                               "where": self.where(e)})
                else:
                    self.send({"op": "return", "value": self.encode(result)})
            elif op == "use_reference":
                for name in message["names"]:
                    self.saved.setdefault(name, self.namespace.get(name))
                    self.namespace[name] = self.reference(name)
                self.send({"op": "return", "value": None})
            elif op == "restore":
                for name, value in self.saved.items():
                    if value is None:
                        self.namespace.pop(name, None)
                    else:
                        self.namespace[name] = value
                self.saved = {}
                self.send({"op": "return", "value": None})
            else:
                self.send({"op": "raise", "type": "RuntimeError", "message": f"unknown request {op!r}"})
        except Exception as e:  # our own failure to serve: say so rather than hang
            self.send({"op": "raise", "type": "RuntimeError", "message": f"{type(e).__name__}: {e}"})

    def run(self, cells):
        """Run the statements (plugin.py: IPython's transformer has made magics and shell escapes calls
        of `get_ipython()`) one by one, like cells: one that fails costs only itself. A `from __future__`
        import holds for the statements after it, as in a kernel (IPython's compiler keeps it) or a file."""
        errors = []
        flags = 0
        for number, source in enumerate(cells):
            filename = f"<cell {number + 1}>"
            code = source if source.endswith("\n") else source + "\n"
            linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
            try:
                compiled = compile(code, filename, "exec", flags, dont_inherit=True)
                flags |= compiled.co_flags & FUTURE_FLAGS
                exec(compiled, self.namespace)
            except BaseException as e:  # a cell that fails is reported; the next cells still run
                errors.append(f"cell {number + 1}: {type(e).__name__}: {e}")
        return {"defined": self.defined(), "errors": errors, "missing": sorted(MISSING.missing)}

    def defined(self):
        """Every name bound to something callable: a function, a lambda, a closure, a functools.partial,
        a bound method (`shape = _ops.shape`), an instance with __call__, a class. Not modules (the
        stand-ins for matplotlib are callable modules), not dunder names. The grader asks only for the
        contract's names; binding one to anything callable is the student's right."""
        return sorted(name for name, value in list(self.namespace.items())
                      if isinstance(name, str) and not (name.startswith("__") and name.endswith("__"))
                      and not issubclass(type(value), types.ModuleType) and callable(value))

    def call(self, message):
        name = message["name"]
        function = self.namespace.get(name)
        args, kwargs = message["args"], message["kwargs"]
        data_before = plain((args, kwargs))  # a copy of every container: what the call may change
        random_before = random.getstate()
        try:
            if not callable(function):
                raise NameError(f"name {name!r} is not defined")
            result = function(*args, **kwargs)
        except BaseException as e:
            self.send({"op": "raise", "type": type(e).__name__, "message": str(e)[:2000],
                       "where": self.where(e), "missing": sorted(MISSING.missing)})
            return
        facts = {
            "random_used": random.getstate() != random_before,
            "changed": changed_argument(function, args, kwargs, data_before),
            "shares_input_row": shares_row(args, kwargs, result, name),
            "aliased_rows": aliased_rows(result),
            "missing": sorted(MISSING.missing),
        }
        rngs = [v.getstate() for v in list(args) + list(kwargs.values()) if isinstance(v, random.Random)]
        self.send({"op": "return", "value": self.encode(result), "facts": facts,
                   "rngs": [packed_state(state) for state in rngs]})

    def where(self, error):
        """', at line k of your `f`: `code`' for the last frame of the student's code in the traceback."""
        frames = [(f, n) for f, n in traceback.walk_tb(error.__traceback__) if f.f_globals is self.namespace]
        if not frames:
            return ""
        frame, lineno = frames[-1]
        text = linecache.getline(frame.f_code.co_filename, lineno).strip()
        # The rule of compare.where_in_student_code (this process does not load compare.py): a lambda or
        # comprehension is named by the function it is written in, from its qualified name.
        qualname = getattr(frame.f_code, "co_qualname", frame.f_code.co_name)
        owner = qualname.split(".<locals>")[0] if "<" in qualname else qualname
        codes = [f.f_code for f, _ in frames if getattr(f.f_code, "co_qualname", f.f_code.co_name) == owner
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
        callers = [(f.f_code, n) for f, n in frames if f.f_code.co_name == getattr(f.f_code, "co_qualname", f.f_code.co_name)
                   and f.f_code.co_name not in (owner, "<module>") and not f.f_code.co_name.startswith("<")]
        if "<" not in qualname and callers:
            code, line = callers[-1]
            where += f", called from line {line - code.co_firstlineno + 1} of your `{code.co_name}`"
        return where


ATOMS = {float, int, bool, str, type(None)}


def plain(value):
    if type(value) is list and set(map(type, value)) <= ATOMS:  # a row: copied whole
        return value[:]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, random.Random) or callable(value):
        return type(value).__name__
    return value


def changed_argument(function, args, kwargs, before):
    if plain((args, kwargs)) == before:
        return None
    try:
        import inspect
        names = list(inspect.signature(function).bind(*args, **kwargs).arguments)
    except (TypeError, ValueError):
        names = []
    after = plain(list(args) + list(kwargs.values()))
    for i, (old, new) in enumerate(zip(before[0] + list(before[1].values()), after)):
        if old != new:
            return f"`{names[i]}`" if i < len(names) else f"number {i + 1}"
    return "(one of them)"


def rows_of(value):
    found = []
    if type(value) is list and set(map(type, value)) <= ATOMS:  # a row: nothing inside it is a row
        return [value]
    if isinstance(value, dict):
        for v in value.values():
            found.extend(rows_of(v))
    elif isinstance(value, (list, tuple)):
        if isinstance(value, list):
            found.append(value)
        for v in value:
            if isinstance(v, (list, tuple, dict)):
                found.extend(rows_of(v))
    return found


def shares_row(args, kwargs, result, name):
    returned = result[0] if name == "forward" and isinstance(result, tuple) and result else result
    inputs = {id(row) for row in rows_of((args, kwargs))}
    return any(id(row) in inputs for row in rows_of(returned))


def matrices_in(value):
    if isinstance(value, list) and value and all(isinstance(row, list) for row in value):
        return [value]
    if isinstance(value, tuple):
        return [m for v in value for m in matrices_in(v)]
    if isinstance(value, dict):
        return [m for v in value.values() for m in matrices_in(v)]
    return []


def aliased_rows(result):
    return any(len({id(row) for row in m}) < len(m) for m in matrices_in(result))


def main():
    # The grader's SIGINT means "stop, and say where": a KeyboardInterrupt, even when whatever started the
    # grader ignores SIGINT (an ignored signal stays ignored across fork and exec, and Python leaves it so).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    # The channel keeps the pipes; the student's prints go to stderr and input() finds nothing.
    reader = os.fdopen(os.dup(0), "r", encoding="utf-8")
    writer = os.fdopen(os.dup(1), "w", encoding="utf-8")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(2, 1)
    sys.stdin = open(os.devnull)
    sys.stdout = sys.stderr
    if "--plots" not in sys.argv:
        sys.meta_path.insert(0, StandInFinder({"matplotlib"}))
    sys.meta_path.append(MISSING)
    channel = Channel(reader, writer, plots="--plots" in sys.argv)
    while True:
        channel.serve(channel.receive())


if __name__ == "__main__":
    main()

"""Attack (issue 11, class 8, with class 3): an oracle for another submission graded at the same time.

This file earns nothing itself.  While any of its functions is called during a hidden check,
its process is served references of other contract functions; it then serves, for up to 40 s,
the requests of `collude_client.py` (graded beside it in the same batch) through what the
sandbox leaves shared between runs: files in /dev/shm, /run/lock, /var/tmp or /tmp (a folder
nnkit-adv-collude in each that it can write), and a System V shared memory segment (key
0x6e6b0601).  It computes what is asked from whatever it is served right now (directly, or
derived as in served_reference_contains_graded.py: sigmoid from forward, matmul from forward's
Z1, backward from numerical_gradient at two step sizes, ...); asked for something it cannot
compute, it answers "unavailable" and lets the grader move on to its next question, where
other references are served, until it reaches one that serves forward and backward (train's,
or before the fix nearly any): there it stays and serves until the client goes quiet.  Serving each question only its legitimate dependencies does not
stop this (train's dependencies alone give forward, backward, init_params, update_params and
bce_loss); a sandbox with nothing shared between runs does: private /dev/shm and /run/lock,
an IPC namespace, no shared writable folder.
"""
_os = __import__("o" + "s")
_time = __import__("ti" + "me")
_json = __import__("js" + "on")
_ctypes = __import__("cty" + "pes")
import random as _random

CHANNEL = "nnkit-adv-collude"
FOLDERS = ["/dev/shm", "/run/lock", "/var/tmp", "/tmp"]
SHM_KEY = 0x6e6b0601
SHM_SIZE = 4 << 20
HALF = SHM_SIZE // 2
CONTRACT = ("shape zeros transpose dot matmul add subtract multiply scale add_bias column_sums apply sigmoid "
            "init_params forward bce_loss dropout_forward dropout_backward backward numerical_gradient "
            "relative_error update_params train predict accuracy plot_losses plot_decision").split()


def _encode(v):
    if isinstance(v, _random.Random):
        version, state, gauss = v.getstate()
        return {"__rng__": [version, list(state), gauss]}
    if isinstance(v, tuple):
        return {"__tuple__": [_encode(x) for x in v]}
    if isinstance(v, list):
        return [_encode(x) for x in v]
    if isinstance(v, dict):
        return {"__dict__": [[_encode(k), _encode(x)] for k, x in v.items()]}
    return v


def _rebuild(tagged):
    if len(tagged) == 1:
        (key, inner), = tagged.items()
        if key == "__tuple__":
            return tuple(inner)
        if key == "__dict__":
            return {k: v for k, v in inner}
        if key == "__rng__":
            rng = _random.Random()
            rng.setstate((inner[0], tuple(inner[1]), inner[2]))
            return rng
    return tagged


def _dumps(v):
    return _json.dumps(_encode(v))


def _loads(text):
    return _json.loads(text, object_hook=_rebuild)


class _Folders:
    """Messages as files in every folder all users can write, one sub-folder of our own in each."""

    def __init__(self, create):
        self.bases = []
        for folder in FOLDERS:
            base = f"{folder}/{CHANNEL}"
            try:
                if create:
                    _os.makedirs(base, exist_ok=True)
                    _os.chmod(base, 0o777)
                if _os.access(base, _os.W_OK):
                    self.bases.append(base)
            except OSError:
                pass

    def write(self, name, text):
        for base in self.bases:
            try:
                tmp = f"{base}/.{name}.{_os.getpid()}"
                with open(tmp, "w") as f:
                    f.write(text)
                _os.chmod(tmp, 0o666)
                _os.replace(tmp, f"{base}/{name}")
            except OSError:
                pass

    def take(self, prefix):
        """(name, text) of one file whose name starts with prefix, removed once read; or None."""
        for base in self.bases:
            try:
                names = sorted(n for n in _os.listdir(base) if n.startswith(prefix))
            except OSError:
                continue
            for name in names:
                try:
                    with open(f"{base}/{name}") as f:
                        text = f.read()
                    _os.remove(f"{base}/{name}")
                    return name, text
                except OSError:
                    continue
        return None

    def discard(self, name):
        for base in self.bases:
            try:
                _os.remove(f"{base}/{name}")
            except OSError:
                pass

    def read(self, name):
        for base in self.bases:
            try:
                with open(f"{base}/{name}") as f:
                    return f.read()
            except OSError:
                continue
        return None


class _Shm:
    """Messages in a System V shared memory segment (not in any folder at all)."""

    def __init__(self, create):
        self.address = None
        try:
            libc = _ctypes.CDLL(None, use_errno=True)
            libc.shmat.restype = _ctypes.c_void_p
            libc.shmat.argtypes = [_ctypes.c_int, _ctypes.c_void_p, _ctypes.c_int]
            self.libc = libc
            self.id = libc.shmget(SHM_KEY, SHM_SIZE, (0o1000 if create else 0) | 0o666)
            if self.id >= 0:
                address = libc.shmat(self.id, None, 0)
                if address not in (None, _ctypes.c_void_p(-1).value):
                    self.address = address
        except Exception:
            self.address = None

    def get(self, offset, kind=_ctypes.c_double):
        return kind.from_address(self.address + offset).value

    def put(self, offset, value, kind=_ctypes.c_double):
        kind.from_address(self.address + offset).value = value

    def write(self, at, ident, data):
        raw = data.encode()
        if len(raw) > HALF - 64:
            return False
        _ctypes.memmove(self.address + at + 24, raw, len(raw))
        self.put(at + 16, len(raw), _ctypes.c_int64)
        self.put(at + 8, ident, _ctypes.c_int64)
        return True

    def read(self, at):
        ident = self.get(at + 8, _ctypes.c_int64)
        size = self.get(at + 16, _ctypes.c_int64)
        if not ident or size <= 0 or size > HALF:
            return ident, None
        return ident, _ctypes.string_at(self.address + at + 24, size).decode(errors="replace")

    def remove(self):
        try:
            self.libc.shmctl(self.id, 0, None)  # IPC_RMID: gone once both sides have let go
        except Exception:
            pass


REQ_AT, RESP_AT = 64, HALF
# A question whose served references include forward and backward (train's, and before the fix almost
# any) is where the oracle stays, serving, until the client has been quiet for a while; in any other it
# only answers what is already waiting, and lets the grader move on.
RICH = {"forward", "backward"}
RICH_WINDOW_SECONDS, RICH_IDLE_SECONDS = 100, 8
WINDOW_SECONDS, IDLE_SECONDS = 0.3, 0.3


class _Unavailable(Exception):
    pass


def _served_names():
    found = set()
    for name in CONTRACT:
        f = globals().get(name)
        if getattr(getattr(f, "__code__", None), "co_name", "") == "call_the_reference":
            found.add(name)
    return found


def _compute(name, args, kwargs, served):
    """`name`(*args, **kwargs) from the references this process is served right now."""
    if name in served:
        return globals()[name](*args, **kwargs)
    derive = _DERIVE.get(name)
    if derive is None:
        raise _Unavailable(name)

    def C(other, *a, **k):
        return _compute(other, a, k, served)

    return derive(C, *args, **kwargs)


def _z1(C, X, W1, b1):
    m = len(W1[0]) if W1 else 1
    return C("forward", X, {"W1": W1, "b1": b1, "W2": [[0.0] for _ in range(m)], "b2": [[0.0]]})[1]["Z1"]


def _transpose(C, A):
    rows = len(A)
    if rows == 0:
        return []
    value = float(rows)
    while value * (1.0 / rows) != 1.0:
        value = value + value * 2.0 ** -52
    columns = []
    for i in range(rows):
        cache = {"X": [[0.0] for _ in range(rows)], "Z1": [[0.0] for _ in range(rows)],
                 "A1": [[0.0] for _ in range(rows)], "mask": None, "H1": A, "Z2": [[0.0] for _ in range(rows)],
                 "A2": [[value] if k == i else [0.0] for k in range(rows)]}
        grads = C("backward", {"W1": [[0.0]], "b1": [[0.0]], "W2": [[0.0]], "b2": [[0.0]]}, cache,
                  [[0.0] for _ in range(rows)], 1.0)
        columns.append([row[0] for row in grads["W2"]])
    return [[columns[i][j] for i in range(rows)] for j in range(len(columns[0]))]


def _shape(C, A):
    cols = len(C("column_sums", A)[0])
    return (len(C("matmul", A, [[0.0] for _ in range(cols)])), cols)


def _dropout_forward(C, A, keep_prob, rng):
    if keep_prob > 1.0:
        raise ValueError("keep_prob above 1")
    rows, cols = len(A), len(A[0])
    if keep_prob == 1.0:
        mask = [[1.0 if rng.random() < 1.0 else 0.0 for _ in range(cols)] for _ in range(rows)]
        return C("update_params", {"p": A}, {"p": mask}, 0.0)["p"], mask
    params = {"W1": [[0.0] * cols], "b1": [[0.0] * cols], "W2": [[0.0] for _ in range(cols)], "b2": [[0.0]]}
    mask = C("forward", [[0.0] for _ in range(rows)], params, keep_prob, rng)[1]["mask"]
    return C("dropout_backward", A, mask, keep_prob), mask


def _backward(C, params, cache, y, keep_prob=1.0):
    X, mask = cache["X"], cache["mask"]

    def loss(p):
        if mask is None:
            A2 = C("forward", X, p)[0]
        else:
            H1 = C("dropout_backward", C("forward", X, p)[1]["A1"], mask, keep_prob)
            A2 = [[C("sigmoid", z[0])] for z in C("add_bias", C("matmul", H1, p["W2"]), p["b2"])]
        return C("bce_loss", A2, y)

    near, far = C("numerical_gradient", loss, params, 1e-4), C("numerical_gradient", loss, params, 2e-4)
    return {key: [[(4.0 * a - b) / 3.0 for a, b in zip(rn, rf)] for rn, rf in zip(near[key], far[key])]
            for key in near}


_DERIVE = {
    "sigmoid": lambda C, z: C("forward", [[0.0]], {"W1": [[0.0]], "b1": [[0.0]], "W2": [[0.0]],
                                                   "b2": [[z]]})[0][0][0],
    "dot": lambda C, u, v: _z1(C, [list(u)], [[x] for x in v], [[0.0]])[0][0],
    "matmul": lambda C, A, B: _z1(C, A, B, [[0.0] * (len(B[0]) if B else 0)]),
    "add": lambda C, A, B: C("update_params", {"p": A}, {"p": B}, -1.0)["p"],
    "subtract": lambda C, A, B: C("update_params", {"p": A}, {"p": B}, 1.0)["p"],
    "multiply": lambda C, A, B: C("dropout_backward", A, B, 1.0),
    "scale": lambda C, A, c: C("update_params", {"p": [[0.0 for _ in r] for r in A]}, {"p": A}, -c)["p"],
    "add_bias": lambda C, A, b: _z1(C, A, [[1.0 if i == j else 0.0 for j in range(len(A[0]))]
                                           for i in range(len(A[0]))], b),
    "column_sums": lambda C, A: C("matmul", [[1.0] * len(A)], A),
    "zeros": lambda C, rows, cols: C("scale", C("init_params", rows, cols, 0)["W1"], 0.0),
    "shape": _shape,
    "transpose": _transpose,
    "init_params": lambda C, D, n_h, seed: C("train", [[0.0] * D], [[0.0]], n_h=n_h, epochs=0, seed=seed)[0],
    "dropout_forward": _dropout_forward,
    "backward": _backward,
}


class _Oracle:
    def __init__(self):
        self.folders = _Folders(create=True)
        self.shm = _Shm(create=True)
        self.last_shm_request = 0
        self.seen = set()
        self.client_seen = False

    def heartbeat(self, served):
        now = _time.time()
        self.folders.write("oracle.json", _json.dumps({"time": now, "served": sorted(served)}))
        if self.shm.address:
            self.shm.put(0, now)
            if self.shm.get(16, _ctypes.c_int64) == 1:  # the client has attached: the key can go
                self.shm.remove()
                self.shm.put(16, 2, _ctypes.c_int64)

    def poll(self):
        """(reply function, request) or None."""
        taken = self.folders.take("req-")
        if taken:
            name, text = taken
            ident = name[len("req-"):-len(".json")]
            if ident in self.seen:
                return None
            self.seen.add(ident)
            return (lambda answer: self.folders.write(f"resp-{ident}.json", answer)), _loads(text)
        if self.shm.address:
            ident, text = self.shm.read(REQ_AT)
            if ident and ident != self.last_shm_request and text:
                self.last_shm_request = ident
                key = f"shm{ident}"
                if key in self.seen:
                    return None
                self.seen.add(key)
                return (lambda answer: self.shm.write(RESP_AT, ident, answer)), _loads(text)
        return None

    def window(self):
        served = _served_names()
        if not served:
            return
        rich = RICH <= served
        window, idle = (RICH_WINDOW_SECONDS, RICH_IDLE_SECONDS) if rich else (WINDOW_SECONDS, IDLE_SECONDS)
        start = last = _time.time()
        while _time.time() - start < window and _time.time() - last < idle:
            self.heartbeat(served)
            got = self.poll()
            if got is None:
                _time.sleep(0.002)
                continue
            reply, request = got
            last = _time.time()
            self.client_seen = True
            args, kwargs = request["args"], request["kwargs"]
            rngs = [v for v in list(args) + list(kwargs.values()) if isinstance(v, _random.Random)]
            try:
                value = _compute(request["name"], args, kwargs, served)
            except _Unavailable:
                reply(_json.dumps({"unavailable": True, "final": rich}))
                if not rich:
                    return  # the next question serves other references
                continue
            except Exception as e:
                reply(_json.dumps({"raise": type(e).__name__, "message": str(e)[:500]}))
                continue
            reply(_json.dumps({"value": _encode(value), "rngs": [_encode(r) for r in rngs]}))


_ORACLE = []


def _stub(*args, **kwargs):
    if not _ORACLE:
        _ORACLE.append(_Oracle())
    _ORACLE[0].window()
    raise NotImplementedError("not written")


for _name in CONTRACT:
    globals()[_name] = (lambda: (lambda *a, **k: _stub(*a, **k)))()

"""Attack (issue 11, class 3, needs its neighbour collude_oracle.py): the answers come from another run.

Every contract function sends its call (name and plain-data arguments, random generators by
their state) to `collude_oracle.py`, a submission graded at the same time in the same batch,
through files in /dev/shm, /run/lock, /var/tmp or /tmp and a System V shared memory segment,
and returns what comes back: the oracle computes it with the references its own process is
served for *its* question at that moment.  `apply` is one comprehension (its argument is a
function of the grader's, which cannot travel); `numerical_gradient` is not written.  Nothing
is computed here; every point is unearned.  Without the oracle graded beside it (a batch of
one job, or alone on Gradescope) it waits 12 s once (per process) and then gets 0.
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
FIRST_WAIT_SECONDS = 12
WAIT_SECONDS = 10
GONE_WAIT_SECONDS = 3
NEVER = set()  # what the oracle, where it serves the most, cannot compute


class _Client:
    def __init__(self):
        self.folders = _Folders(create=False)
        self.shm = _Shm(create=False)
        if self.shm.address:
            self.shm.put(16, 1, _ctypes.c_int64)
        self.asked = 0
        self.ever_seen = False

    def reconnect(self):
        if not self.folders.bases:
            self.folders = _Folders(create=False)
        if not self.shm.address:
            self.shm = _Shm(create=False)
            if self.shm.address:
                self.shm.put(16, 1, _ctypes.c_int64)

    def oracle_alive(self):
        now = _time.time()
        text = self.folders.read("oracle.json")
        try:
            if text and now - _json.loads(text)["time"] < 15:
                return True
        except (ValueError, KeyError, TypeError):
            pass
        return bool(self.shm.address) and now - self.shm.get(0) < 15

    def ask(self, name, args, kwargs):
        if name in NEVER:
            return None
        deadline = _time.time() + (WAIT_SECONDS if self.ever_seen else FIRST_WAIT_SECONDS)
        while _time.time() < deadline:
            self.reconnect()
            if not self.oracle_alive():
                if self.ever_seen:
                    deadline = min(deadline, _time.time() + GONE_WAIT_SECONDS)
                _time.sleep(0.05)
                continue
            self.ever_seen = True
            self.asked += 1
            ident = _random.Random().randrange(1, 2 ** 62)
            text = _dumps({"name": name, "args": list(args), "kwargs": kwargs})
            self.folders.write(f"req-{ident}.json", text)
            if self.shm.address:
                self.shm.write(REQ_AT, ident, text)
            answer = self.wait(ident, min(deadline, _time.time() + 10))
            if answer is not None and answer.get("unavailable") and answer.get("final"):
                NEVER.add(name)
                return None
            if answer is None or answer.get("unavailable"):
                _time.sleep(0.05)
                continue
            return answer
        return None

    def wait(self, ident, until):
        while _time.time() < until:
            text = self.folders.read(f"resp-{ident}.json")
            if text is None and self.shm.address:
                got, shm_text = self.shm.read(RESP_AT)
                text = shm_text if got == ident else None
            if text:
                self.folders.discard(f"resp-{ident}.json")
                try:
                    return _json.loads(text)
                except ValueError:
                    pass
            _time.sleep(0.002)
        return None


_CLIENT = []


def _ask(name, args, kwargs):
    if not _CLIENT:
        _CLIENT.append(_Client())
    client = _CLIENT[0]
    if getattr(client, "gave_up", False) and not client.ever_seen:
        client.reconnect()
        if not client.oracle_alive():
            raise NotImplementedError("no oracle")
    answer = client.ask(name, args, kwargs)
    if answer is None:
        client.gave_up = True
        raise NotImplementedError("no oracle")
    if "raise" in answer:
        kind = {"ValueError": ValueError, "TypeError": TypeError, "ZeroDivisionError": ZeroDivisionError}.get(
            answer["raise"], RuntimeError)
        raise kind(answer["message"])
    given = [v for v in list(args) + list(kwargs.values()) if isinstance(v, _random.Random)]
    for rng, state in zip(given, answer.get("rngs", [])):
        rng.setstate(_rebuild(state).getstate())
    return _rebuild_all(answer["value"])


def _rebuild_all(value):
    return _loads(_json.dumps(value))


def _asking(name):
    def asked(*args, **kwargs):
        return _ask(name, args, kwargs)
    return asked


for _name in CONTRACT:
    if _name not in ("apply", "numerical_gradient"):
        globals()[_name] = _asking(_name)


def apply(f, A):
    return [[f(a) for a in row] for row in A]

"""Attack (issue 14): ask the grader's zygote for a process as root, outside the sandbox.

`make grade` forks every plots process from one warm zygote (nn_grading/zygote.py), which listens on
a unix socket and forks, as root, whatever process a request describes: its user id, its namespaces,
the code it runs. A student who reached that socket could ask for uid 0, no namespaces, and code that
writes a marker into the machine's /tmp. So, from the plots process (every statement runs there too)
and from every function:
- it looks for the socket: in /tmp/nn-kit-zygote-*/ and any folder under /tmp, in /proc/net/unix
  (the socket paths of its network namespace), and among the descriptors it inherited;
- it connects to each and sends the zygote's request with uid 0 and no namespaces, and code that
  writes /tmp/nnkit-adv-zygote_escape;
- every function raises with what it found.
No points; what counts is the marker, which must not exist after the run. Defence: the socket's folder
is root's alone (mode 0700) and is not in the sandbox's root; the zygote closes every descriptor but
the pipes in the child; it takes requests only from root (SO_PEERCRED) and only for a student's uid.
"""


def _module(name):
    """Any module, also in the plots process, whose `import` gives only math, random and matplotlib."""
    try:
        return __import__(name)
    except ImportError:
        import matplotlib
        return matplotlib.sys.modules.get(name) or matplotlib.sys.modules["importlib"].import_module(name)


_os, _socket, _json = _module("o" + "s"), _module("soc" + "ket"), _module("js" + "on")

MARKER = "/tmp/nnkit-adv-zygote_escape"
PAYLOAD = f"open({MARKER!r}, 'w').write('root outside the sandbox')\n"
FOUND = []


def _candidates():
    paths = []
    try:
        for entry in _os.listdir("/tmp"):
            folder = "/tmp/" + entry
            try:
                paths += [folder + "/" + name for name in _os.listdir(folder) if "socket" in name]
            except OSError as e:
                FOUND.append(f"{folder}: {type(e).__name__}")
    except OSError as e:
        FOUND.append(f"/tmp: {type(e).__name__}")
    try:
        with open("/proc/net/unix") as f:
            paths += [line.split()[-1] for line in f.read().splitlines()[1:] if line.split()[-1].startswith("/")]
    except OSError as e:
        FOUND.append(f"/proc/net/unix: {type(e).__name__}")
    return paths


def _request():
    read_end, write_end = _os.pipe()
    message = {"uid": 0, "hidden": [], "needed": [], "source": PAYLOAD, "matplotlib_cache": None,
               "namespaces": 0, "cpu_seconds": 10, "group": None}
    return _json.dumps(message).encode(), [read_end, write_end]


def _ask(connection, what):
    try:
        message, fds = _request()
        _socket.send_fds(connection, [message], fds)
        connection.settimeout(3)
        answer = _socket.recv_fds(connection, 4096, 1)
        FOUND.append(f"{what}: answered {answer[0][:80]!r} with {len(answer[1])} descriptors")
    except Exception as e:
        FOUND.append(f"{what}: {type(e).__name__}")


def _attack():
    for path in _candidates():
        try:
            with _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM) as connection:
                connection.settimeout(3)
                connection.connect(path)
                _ask(connection, path)
        except Exception as e:
            FOUND.append(f"{path}: {type(e).__name__}")
    try:
        inherited = [int(fd) for fd in _os.listdir("/proc/self/fd") if int(fd) > 2]
    except OSError:
        inherited = []
    for fd in inherited:
        try:
            connection = _socket.socket(fileno=_os.dup(fd))
            if connection.family == _socket.AF_UNIX:
                _ask(connection, f"descriptor {fd}")
            connection.detach()
        except Exception as e:
            FOUND.append(f"descriptor {fd}: {type(e).__name__}")


_attack()


def _reporter(*args, **kwargs):
    _attack()
    raise RuntimeError("; ".join(FOUND)[:300] or "nothing found")


for _name in ("shape zeros transpose dot matmul add subtract multiply scale add_bias column_sums apply sigmoid "
              "init_params forward bce_loss dropout_forward dropout_backward backward numerical_gradient "
              "relative_error update_params train predict accuracy plot_losses plot_decision").split():
    globals()[_name] = _reporter

"""Attack (issue 11, class 8): what the student's process can see and do of the machine.

As soon as its code runs (and again at every call), it
- writes marker files into the shared folders every process can write: /dev/shm, /run/lock,
  /var/tmp and /tmp (nn-kit-adversarial-markers/), and creates a System V shared memory
  segment and message queue under fixed keys (0x6e6b0501, 0x6e6b0502): any of them still there
  after the run, outside the run, means the sandbox shares them with the machine (and with the
  other submissions graded at the same time: a channel between two students' code);
- reads /proc: how many processes of other users it can see, with their command lines, and
  whether it can read another process's environment or working folder;
- reads NoNewPrivs and its capabilities from /proc/self/status and runs a setuid-root program
  (/usr/bin/passwd -S nobody), which prints shadow data only with root's rights;
- tries the network (a TCP connect to 127.0.0.1:9 and to 10.255.255.1:80, a UDP socket) and
  lists the network interfaces;
- lists /, /work, /autograder, /tmp, /mnt and /mnt/*.
Every function then raises with a part of what it found, so the feedback (hidden checks'
messages are shown) reports it.  No points; what counts is what is left outside the run, and
the report in the feedback.  Defence: a private /dev/shm and IPC namespace, a PID namespace,
no_new_privs, no network, nothing of the machine's folders.
"""
_os = __import__("o" + "s")
_socket = __import__("soc" + "ket")
_ctypes = __import__("cty" + "pes")
_subprocess = __import__("subpro" + "cess")

NAME = "sandbox_probe"
FOUND = {}


def _note(key, value):
    FOUND[key] = " ".join(str(value).split())[:400]


def _markers():
    made = []
    for folder in ("/dev/shm", "/run/lock", "/var/tmp", "/tmp/nn-kit-adversarial-markers"):
        try:
            _os.makedirs(folder, exist_ok=True)
            path = f"{folder}/nnkit-adv-{NAME}"
            with open(path, "w") as f:
                f.write(f"written by the student's process, uid {_os.getuid()}, pid {_os.getpid()}\n")
            _os.chmod(path, 0o666)
            made.append(folder)
        except OSError as e:
            made.append(f"{folder}: {type(e).__name__}")
    _note("files", made)
    try:
        libc = _ctypes.CDLL(None, use_errno=True)
        shm = libc.shmget(0x6e6b0501, 4096, 0o1000 | 0o666)  # IPC_CREAT
        msg = libc.msgget(0x6e6b0502, 0o1000 | 0o666)
        _note("sysv", f"shm id {shm}, msg id {msg}")
    except Exception as e:
        _note("sysv", f"{type(e).__name__}: {e}")


def _proc():
    mine, others, readable_env, readable_cwd, grader = 0, 0, 0, 0, []
    for entry in _os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as f:
                uid = int(next(line for line in f if line.startswith("Uid:")).split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except (OSError, StopIteration, ValueError):
            continue
        if uid == _os.getuid():
            mine += 1
            continue
        others += 1
        if any(word in cmd for word in ("grade", "otter", "pytest", "autograder", "kernel")):
            grader.append(f"{entry}:{cmd[:80]}")
        try:
            with open(f"/proc/{entry}/environ", "rb") as f:
                f.read(1)
            readable_env += 1
        except OSError:
            pass
        try:
            _os.listdir(f"/proc/{entry}/cwd")
            readable_cwd += 1
        except OSError:
            pass
    _note("proc", f"own {mine}, other users' {others}, their environ readable {readable_env}, cwd {readable_cwd}")
    _note("grader", grader[:4])


def _privileges():
    try:
        with open("/proc/self/status") as f:
            status = {k: v.strip() for k, v in (line.split(":", 1) for line in f if ":" in line)}
        _note("privs", f"uid {_os.getuid()} NoNewPrivs {status.get('NoNewPrivs')} CapEff {status.get('CapEff')} "
                       f"CapBnd {status.get('CapBnd')} Seccomp {status.get('Seccomp')}")
    except OSError as e:
        _note("privs", e)
    try:
        done = _subprocess.run(["/usr/bin/passwd", "-S", "nobody"], capture_output=True, text=True, timeout=5)
        _note("setuid", f"passwd -S nobody: rc {done.returncode} {done.stdout.strip()} {done.stderr.strip()}")
    except Exception as e:
        _note("setuid", f"{type(e).__name__}: {e}")


def _network():
    results = []
    for host, port in (("127.0.0.1", 9), ("10.255.255.1", 80)):
        s = _socket.socket()
        s.settimeout(1)
        try:
            s.connect((host, port))
            results.append(f"{host}:{port} connected")
        except OSError as e:
            results.append(f"{host}:{port} {type(e).__name__} {e.errno}")
        finally:
            s.close()
    try:
        results.append("interfaces " + ",".join(sorted(_os.listdir("/sys/class/net"))))
    except OSError as e:
        results.append(f"interfaces {e}")
    _note("net", results)


def _folders():
    seen = []
    for folder in ["/", "/work", "/autograder", "/tmp", "/mnt"] + [f"/mnt/{n}" for n in range(3)]:
        try:
            seen.append(f"{folder}: {sorted(_os.listdir(folder))[:8]}")
        except OSError as e:
            seen.append(f"{folder}: {type(e).__name__}")
    _note("folders", seen)


def _probe():
    for step in (_markers, _proc, _privileges, _network, _folders):
        try:
            step()
        except Exception as e:
            _note(step.__name__, f"{type(e).__name__}: {e}")


_probe()


def _reporter(key):
    def report(*args, **kwargs):
        _probe()
        raise RuntimeError(f"[{key}] {FOUND.get(key, '?')}")
    return report


_KEYS = ["files", "sysv", "proc", "grader", "privs", "setuid", "net", "folders"]
_NAMES = ("shape zeros transpose dot matmul add subtract multiply scale add_bias column_sums apply sigmoid "
          "init_params forward bce_loss dropout_forward dropout_backward backward numerical_gradient "
          "relative_error update_params train predict accuracy plot_losses plot_decision").split()
for _i, _name in enumerate(_NAMES):
    globals()[_name] = _reporter(_KEYS[_i % len(_KEYS)])

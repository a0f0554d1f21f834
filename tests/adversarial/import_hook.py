"""Attack: hook the import system so the hidden checks import a fake.

builtins.__import__ is replaced by a wrapper that, when the test cells run
`from nn_grading import checks`, hands back a module whose every check passes;
a sys.meta_path finder does the same for importlib-based imports.  All other
imports go through untouched.

A secure grader does not import its own code through an import system the
student's code ran in (builtins and sys.meta_path are shared state of the
process); its checks run in a process the student's code never ran in.
"""
_b = __import__("built" + "ins")
_real_import = _b.__import__
_Module = type(_b)


class _Passing(_Module):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return lambda *args, **kwargs: None


_FAKE = _Passing("nn_grading")
_FAKE.checks = _Passing("nn_grading.checks")
_FAKE.__path__ = []


def _import(name, globals=None, locals=None, fromlist=(), level=0):
    if name == "nn_grading" or name.startswith("nn_grading."):
        return _FAKE.checks if name.endswith(".checks") and fromlist else _FAKE
    return _real_import(name, globals, locals, fromlist, level)


class _Finder:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.startswith("nn_grading"):
            spec_from_loader = _real_import("importlib.util", fromlist=["x"]).spec_from_loader
            return spec_from_loader(name, _Finder)
        return None

    @staticmethod
    def create_module(spec):
        return _FAKE if spec.name == "nn_grading" else _FAKE.checks

    @staticmethod
    def exec_module(module):
        pass


_b.__import__ = _import
_real_import("s" + "ys").meta_path.insert(0, _Finder)
del _b


def _stub(*args, **kwargs):
    raise NotImplementedError("nothing implemented")


shape = zeros = transpose = dot = matmul = add = subtract = multiply = scale = add_bias = column_sums = apply = _stub
sigmoid = init_params = forward = bce_loss = dropout_forward = dropout_backward = backward = _stub
numerical_gradient = relative_error = update_params = train = predict = accuracy = _stub
plot_losses = plot_decision = _stub

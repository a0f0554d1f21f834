"""Otter's notebook run in the grading process itself, not in a Jupyter kernel started for it.

Otter executes what it grades (here the plugin's one-cell harness, then its own check cells)
in a Jupyter kernel: starting one, and importing Otter again inside it, is about 3 s of a 6 s
Gradescope run. The student's code never runs in that kernel (the harness sends it to a
process of its own, channel.py), so the kernel isolates nothing: the cells can run in an
IPython shell in this process, as they would in the kernel, with the same results.

Both graders use it: `make grade`'s fast engine (autograder/engine.py) in each forked child,
and Gradescope's `run_otter.py` (written by autograder/build.py) through `run_autograder`.
Stock `otter run` is left as it is: it is the baseline `make bench` measures against.
"""
import contextlib
import os
import time


def execute_in_this_process(self, nb, resources=None, km=None):
    """Stands in for nbconvert's ExecutePreprocessor.preprocess: run the code cells in an IPython
    shell in this process, continuing after errors (Otter grades with allow_errors)."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    # Plain tracebacks: IPython's default (Context) spends ~60 ms formatting each one,
    # and only the log ever shows them.
    config.InteractiveShell.xmode = "Plain"
    config.InteractiveShell.colors = "NoColor"
    shell = InteractiveShell.instance(config=config)
    note_phase("otter's set-up")
    with logging_left_alone():
        for cell in nb.cells:
            if cell.cell_type == "code":
                shell.run_cell(cell.source, store_history=True)
                # Otter's notebook here: the plugin's harness (the student's code, in its process), then the checks.
                note_phase("the student's code" if "_nn_channel.install(" in cell.source else "the checks")
    return nb, resources if resources is not None else {}


@contextlib.contextmanager
def logging_left_alone():
    """Otter's first cell sets its loggers to DEBUG and sends their records to the log server of the
    process that started the kernel. Run in that process itself, the server would hand each record back
    to the loggers that sent it, for ever (a thread spinning through the checks, and a process that
    never exits): here the cell changes nothing."""
    import otter.logging
    saved = otter.logging.set_level, otter.logging.send_logs
    otter.logging.set_level = otter.logging.send_logs = lambda *args, **kwargs: None
    try:
        yield
    finally:
        otter.logging.set_level, otter.logging.send_logs = saved


def run_cells_here():
    """From now on, Otter runs a notebook's cells in this process."""
    os.environ.setdefault("MPLBACKEND", "Agg")  # what a kernel without a display would use
    import nbconvert.preprocessors
    import otter.execute
    nbconvert.preprocessors.ExecutePreprocessor.preprocess = execute_in_this_process
    # Otter's log server is for a kernel's records; the cells here send none (logging_left_alone). Its
    # thread polls once a second, so the process would wait up to 1 s for it at exit.
    otter.execute.start_server = lambda: (("127.0.0.1", 0), lambda: None)


def run_autograder(autograder_dir):
    """Otter's autograder (what Gradescope's run_otter.py runs), the cells in this process."""
    run_cells_here()
    import gc

    from otter.run.run_autograder import main
    # Otter's imports live as long as the process: out of the collector's sight, a full collection no
    # longer walks their 200,000-odd objects (about 0.1 s each time).
    gc.freeze()
    main(autograder_dir)


def note_phase(name):
    """The end of a phase of grading, for `make bench`'s breakdown (NN_KIT_PHASES_LOG, a file of the run)."""
    path = os.environ.get("NN_KIT_PHASES_LOG")
    if path:
        with open(path, "a") as log:
            log.write(f"{name}\t{time.monotonic()}\n")

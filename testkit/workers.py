"""Child processes: the scripts of this kit that tests run as files, and their environment."""
import os
from pathlib import Path

_HERE = Path(__file__).resolve().parent
#: One import in a child that says "ready" first (see import_worker.py).
IMPORT_WORKER = _HERE / "import_worker.py"
#: A render of the fake map, slowed down, for the kill-and-resume test.
RENDER_WORKER = _HERE / "render_worker.py"
#: The hostile campaign in a memory-capped child (see hostile/runner.py).
HOSTILE_RUNNER = _HERE / "hostile" / "runner.py"


def child_env(**extra):
    """os.environ for a child: PROJ's data found, one BLAS thread, plus ``extra``."""
    env = dict(os.environ)
    env.setdefault("PROJ_DATA", "/usr/share/proj")
    env["OPENBLAS_NUM_THREADS"] = "1"
    env.update(extra)
    return env

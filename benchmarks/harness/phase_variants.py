"""Phase `variants`: runs the idle-memory mode (harness/idle_memory.py: builds the variants unless
IDLE_MEMORY_BUILD=0, and measures them) and keeps its Markdown section for the report."""
import os
import subprocess
import sys

from .common import log


def phase_variants(args, work, results):
    """The idle-memory mode: builds the variants (unless IDLE_MEMORY_BUILD=0) and measures them."""
    out = os.path.join(work, "idle-memory.md")
    env = dict(os.environ, IDLE_MEMORY_OUT=out)
    env.setdefault("IDLE_MEMORY_RUNS", str(args.runs))
    log("idle memory by build: benchmarks/compare --idle-memory")
    subprocess.run([sys.executable, "-m", "harness.idle_memory"], check=True, stdout=subprocess.DEVNULL, env=env,
                   cwd=os.path.join(args.root, "benchmarks"))
    with open(out) as f:
        results["variants"] = f.read()

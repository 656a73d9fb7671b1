"""Write the README's examples by running them (with cog), so the docs cannot drift.

make readme        # rewrite the examples in README.md from real runs
make test          # tests/test_readme.py fails when README.md is out of date
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import cog

__all__ = ["console", "output", "python"]

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "COLUMNS": "120", "PYTHONWARNINGS": "ignore"}


def run(command: str) -> str:
    """What a command prints (stdout, then stderr), run from the repository root."""
    args = shlex.split(command, comments=True)
    if args[0] == "cat":
        return (ROOT / args[1]).read_text(encoding="utf-8")
    if args[0] == "demanddiff":
        args = [sys.executable, "-m", "demanddiff.cli", *args[1:]]
    done = subprocess.run(args, cwd=ROOT, env=ENV, capture_output=True, text=True)
    return done.stdout + done.stderr


def console(*commands: str) -> None:
    """A console block: each command, then its output."""
    lines = ["```console"]
    for command in commands:
        lines.append(f"$ {command}")
        output = run(command).rstrip("\n")
        if output:
            lines.append(output)
    lines.append("```")
    cog.outl("\n".join(lines))


def output(command: str, fence: str = "") -> None:
    """Only a command's output, in a fenced block (``fence`` is its language), or bare when fence is None."""
    text = run(command).rstrip("\n")
    cog.outl(text if fence is None else f"```{fence}\n{text}\n```")


def python(code: str) -> None:
    """A Python example, then what it prints."""
    code = code.strip("\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"README example failed:\n{done.stderr}")
    cog.outl(f"```python\n{code}\n```\n\nprints\n\n```\n{done.stdout.rstrip()}\n```")

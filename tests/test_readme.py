"""The README's and docs pages' examples are the output of real runs, and every command is documented."""

import subprocess
import sys

import pytest

from conftest import ROOT
from demanddiff.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = sorted((ROOT / "docs").glob("*.md"))  # docs pages the README links
DOCS = README + "".join(page.read_text(encoding="utf-8") for page in PAGES)
COGGED = ["README.md", *(str(p.relative_to(ROOT)) for p in PAGES if "[[[cog" in p.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_documented(command):
    assert f"$ demanddiff {command} " in DOCS


@pytest.mark.parametrize("page", COGGED)
def test_readme_examples_match_a_fresh_run(page):
    """`make readme` rewrites the examples; this fails when a page has drifted from the code."""
    check = [sys.executable, "-m", "cogapp", "--check", "--diff", "-I", "docs", "-p", "from cogs import *"]
    done = subprocess.run([*check, page], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

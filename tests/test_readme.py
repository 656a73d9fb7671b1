"""The README's examples are the output of real runs, and every command is documented."""

import subprocess
import sys

import pytest

from conftest import ROOT
from demanddiff.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))]


def test_the_readme_is_a_short_front_door():
    assert len(README.splitlines()) <= 200
    for page in PAGES[1:]:
        assert page.replace("docs/", "") in README or page == "docs/accuracy-experiments.md", page


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_in_the_readme_and_has_a_real_example_in_the_docs(command):
    assert f"`demanddiff {command} " in README
    docs = "".join((ROOT / page).read_text(encoding="utf-8") for page in PAGES)
    assert f"$ demanddiff {command} " in docs


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_examples_match_a_fresh_run(page):
    """`make readme` rewrites the examples; this fails when a page has drifted from the code."""
    check = [sys.executable, "-m", "cogapp", "--check", "--diff", "-I", "docs", "-p", "from cogs import *"]
    done = subprocess.run([*check, page], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

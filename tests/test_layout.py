"""The layout the README describes: data never imports the engine, nothing imports the CLI,
only the CLI and the public API reach into the renderers, and every command is a library call."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import demanddiff
from demanddiff.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def imports_of(path: Path) -> set[str]:
    """Absolute module names (``demanddiff.compare.engine``) that one file imports."""
    package = ["demanddiff", *path.relative_to(ROOT).parent.parts]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", sources("positions"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_data_layer_never_imports_the_engine(path):
    assert not {m for m in imports_of(path) if m.startswith(("demanddiff.compare", "demanddiff.cli"))}


@pytest.mark.parametrize("path", [*sources("positions"), *sources("compare"), ROOT / "api.py"], ids=str)
def test_nothing_imports_the_cli(path):
    assert not {m for m in imports_of(path) if m.startswith("demanddiff.cli")}


@pytest.mark.parametrize(
    "path", [p for p in sources("compare") if "render" not in p.parts], ids=lambda p: str(p.relative_to(ROOT))
)
def test_only_the_cli_and_the_api_reach_the_renderers(path):
    assert not {m for m in imports_of(path) if m.startswith("demanddiff.compare.render")}


def test_the_engine_modules_import_by_path_and_compare_is_still_callable():
    code = (
        "import demanddiff.compare.engine as E, demanddiff\n"
        "c = demanddiff.compare(['Ukraine must not join NATO.'], ['Ukraine must join NATO.'])\n"
        "print(E.Engine.__name__, c.summary['reversed'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"HF_HUB_OFFLINE": "1"})
    assert done.stdout.split() == ["Engine", "1"], done.stderr


# Each command of the CLI and the library call it makes.
CALLS = {
    "compare": demanddiff.compare,
    "rounds": demanddiff.rounds,
    "timeline": demanddiff.timeline,
    "report": demanddiff.report,
    "extract": demanddiff.extract,
    "eval": demanddiff.evaluate,
    "corpus": demanddiff.corpus,
    "review": demanddiff.review,
}


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_one_documented_library_call(command):
    call = CALLS[command]
    assert call.__doc__ and len(call.__doc__.strip()) > 20
    assert command in demanddiff.__all__ or call.__name__ in demanddiff.__all__ or call is demanddiff.compare


def test_only_refuses_what_is_not_a_status():
    c = demanddiff.compare(["Ukraine must not join NATO."], ["Ukraine must join NATO."])
    assert [i.status for i in c.only("reversed").items] == ["reversed"]
    assert c.only(["persisted"]).items == ()
    with pytest.raises(ValueError, match="'bogus' is not a status"):
        c.only(["bogus"])

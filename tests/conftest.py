"""Shared fixtures: offline model, a private embedding cache, a CLI runner, gold cases."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
import yaml

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "russia.yaml"
GOLD_DIR = Path(__file__).resolve().parent / "gold"  # a copy of ../shared/gold, so CI needs nothing else
GOLD_EXTRA_DIR = Path(__file__).resolve().parent / "gold-extra"  # other negotiations, never tuned on


def _battery_split():
    spec = importlib.util.spec_from_file_location("battery_split", Path(__file__).parent / "battery" / "split.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The battery format (FORMAT, from tests/battery/format.yaml) and its one check (problems), as the
# script that splits and validates the battery holds them.
BATTERY_SPLIT = _battery_split()
BATTERY_DIR = Path(__file__).resolve().parent / "battery"


def raw_battery(name: str) -> dict:
    """A battery file as its examiner wrote it (plain YAML), for the tests of its make-up."""
    return yaml.safe_load((BATTERY_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Every test session embeds into its own cache directory."""
    path = tmp_path_factory.mktemp("cache")
    os.environ["DEMANDDIFF_CACHE_DIR"] = str(path)
    return path


@pytest.fixture(scope="session")
def engine(private_cache):
    """The real model, loaded once per session."""
    from demanddiff import Engine

    return Engine()


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


def gold_cases() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.yaml"))


def write_gold_rounds(case: Path, folder: Path) -> tuple[Path, Path]:
    """A gold case's two rounds written out as position files."""
    data = yaml.safe_load(case.read_text())
    paths = []
    for side in ("old", "new"):
        path = folder / f"{side}.yaml"
        path.write_text(yaml.safe_dump(data[side], sort_keys=False, allow_unicode=True))
        paths.append(path)
    return paths[0], paths[1]


# Four rounds with known threads: a number that changes, a demand dropped and made again,
# a reversal, a demand dropped for good, one that appears late, and one kept word for word.
THREADS_DATASET = (ROOT / "docs" / "examples" / "northland.yaml").read_text()
# Each thread's marks per round, as `demanddiff timeline` shows them ("" = nothing that round).
THREADS_EXPECTED = {
    "ceasefire": ["+ a1", "= b1", "~ c1", "= d1"],
    "troops": ["+ a2", "x", "", "^= d2"],
    "prisoners": ["+ a3", "= b2", "! c2", "x"],
    "observers": ["+ a4", "x", "", ""],
    "kessa": ["+ a5", "= b3", "= c4", "= d4"],
    "sanctions": ["", "", "+ c3", "= d3"],
}


@pytest.fixture
def threads_dataset(tmp_path):
    path = tmp_path / "threads.yaml"
    path.write_text(THREADS_DATASET)
    return path


NEGATORS = {"not", "no", "never", "n't", "neither", "nor", "without", "none"}


def flips_with_a_negator(pairs: list[dict]) -> list[str]:
    """Ids of the ``flip-without-not`` pairs that carry a negator on a side (they test another class)."""
    out = []
    for p in pairs:
        if p["class"] == "flip-without-not":
            words = {w.strip(".,;:'").lower() for side in ("old", "new") for w in p[side].split()}
            if words & NEGATORS or any(w.endswith("n't") for w in words):
                out.append(p["id"])
    return out

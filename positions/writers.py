"""Writing positions back out: the project's YAML format (or the same in JSON), which ``load`` reads back."""

from __future__ import annotations

import datetime as dt
import json
import re

from .model import Position, PositionSet

# Characters that act on a terminal or turn text around, escaped in JSON (the same data, read back alike).
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _data(loaded: Position | PositionSet) -> dict:
    """A position or dataset as plain data, sources included."""

    def position(p: Position) -> dict:
        meta = {"party": p.party, "date": p.date, "round": p.round, "source": p.source}
        data: dict[str, object] = {k: v for k, v in meta.items() if v not in ("", None)}
        data["demands"] = [
            {"id": s.id, "text": s.text, "sources": [src.to_dict() for src in s.sources]} for s in p.statements
        ]
        return data

    if isinstance(loaded, Position):
        return position(loaded)
    data = {"name": loaded.name, "description": loaded.description, "positions": [position(p) for p in loaded]}
    return {k: v for k, v in data.items() if v not in ("", None)}


def safe_dumper():
    """A YAML dumper (safe, no aliases) that writes a text holding a direction override or a C1
    control escaped in double quotes ("\\u202E"), as JSON does: on a terminal "withdraw
    \u202eevil\u202c troops" would show as "withdraw live troops". Other texts are written as they are."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data):
            return True

        def analyze_scalar(self, scalar):
            analysis = super().analyze_scalar(scalar)
            if _JSON_UNSAFE.search(scalar):
                analysis.allow_flow_plain = analysis.allow_block_plain = False
                analysis.allow_single_quoted = analysis.allow_block = False
            return analysis

        def write_double_quoted(self, text, split=True):
            if not _JSON_UNSAFE.search(text):
                return super().write_double_quoted(text, split)
            unicode, self.allow_unicode = self.allow_unicode, False  # escape what is not ASCII in this one
            try:
                return super().write_double_quoted(text, split)
            finally:
                self.allow_unicode = unicode

    return Dumper


def to_yaml(loaded: Position | PositionSet) -> str:
    """A position or dataset in the project's YAML format, sources included; ``load`` reads it back."""
    import yaml

    return yaml.dump(_data(loaded), Dumper=safe_dumper(), sort_keys=False, allow_unicode=True, width=120)


def to_json(loaded: Position | PositionSet) -> str:
    """The same as ``to_yaml``, in JSON (dates as YYYY-MM-DD); ``load`` reads it back."""

    def iso(value: object) -> str:
        if isinstance(value, dt.date):
            return value.isoformat()
        raise TypeError(f"{type(value).__name__} is not JSON")

    text = json.dumps(_data(loaded), indent=2, ensure_ascii=False, default=iso)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"

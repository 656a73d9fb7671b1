"""Writing positions back out: the project's YAML format, which ``load`` reads back."""

from __future__ import annotations

from .model import Position, PositionSet


def to_yaml(loaded: Position | PositionSet) -> str:
    """A position or dataset in the project's YAML format, sources included; ``load`` reads it back."""
    import yaml

    def position(p: Position) -> dict:
        meta = {"party": p.party, "date": p.date, "round": p.round, "source": p.source}
        data: dict[str, object] = {k: v for k, v in meta.items() if v not in ("", None)}
        data["demands"] = [
            {"id": s.id, "text": s.text, "sources": [src.to_dict() for src in s.sources]} for s in p.statements
        ]
        return data

    if isinstance(loaded, Position):
        data = position(loaded)
    else:
        data = {"name": loaded.name, "description": loaded.description, "positions": [position(p) for p in loaded]}
        data = {k: v for k, v in data.items() if v not in ("", None)}

    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data):
            return True

    return yaml.dump(data, Dumper=NoAliases, sort_keys=False, allow_unicode=True, width=120)

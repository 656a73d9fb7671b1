"""Statements, positions and datasets: loading, validating, selecting rounds."""

from .errors import InputError
from .model import Position, PositionSet, Source, Statement, parse_date
from .readers import READERS, load

__all__ = ["READERS", "InputError", "Position", "PositionSet", "Source", "Statement", "load", "parse_date"]

"""Synthetic positions of any size, with known true pairs and stand-in embeddings.

Each demand is built from slots (who, what, which object, where, a number of days).
Its vector is the sum of one random vector per slot plus a little noise, so
demands sharing slots are near each other as real embeddings would be, without
spending minutes of CPU embedding 40,000 texts. The new round keeps 45% of the
old demands word for word, changes the number of 20%, negates 10%, softens "must"
to "should" in 10% and replaces the rest by new demands.
"""

from __future__ import annotations

import numpy as np

SUBJECTS = (
    "Ukraine", "Russia", "The government", "The employer", "The landlord", "The supplier", "Each party",
    "The union", "The ministry", "The city council", "The contractor", "The hospital trust", "The school board",
    "Western states", "The buyer", "The operator", "The regulator", "The tenant association", "The district",
    "The insurer",
)  # fmt: skip
VERBS = (
    "withdraw", "recognise", "fund", "publish", "reduce", "guarantee", "suspend", "review", "lift", "limit",
    "extend", "cap", "approve", "renounce", "inspect",
)  # fmt: skip
OBJECTS = (
    "all troops from the border region", "the sanctions on energy exports", "nurse staffing ratios on night shifts",
    "rent increases for social housing", "the arbitration clause", "pension contributions",
    "class sizes in primary schools", "the liability cap", "tariffs on steel", "the deployment of missiles",
    "overtime pay for weekend work", "the data retention period", "the ceasefire line", "repairs to damp flats",
    "the warranty on delivered goods", "grain shipments through the ports", "the frozen central bank assets",
    "military exercises near the frontier", "fees for late payment", "the exchange of prisoners",
    "heating costs for tenants", "the training budget for staff", "the inspection regime for reactors",
    "the schedule of wage increases", "customs checks at the crossing", "the number of agency workers",
    "the ban on night flights", "subsidies for electric buses", "the audit of public contracts",
    "the reconstruction fund", "language rights of minorities", "the quota for fishing vessels",
)  # fmt: skip
PLACES = (
    "in the eastern regions", "for new contracts", "across all sites", "in every district", "for existing tenants",
    "in coastal areas", "at every hospital", "for the next budget year", "along the whole border", "in the capital",
)  # fmt: skip


def _text(subject: int, verb: int, obj: int, place: int, days: int, modal: str = "must") -> str:
    return f"{SUBJECTS[subject]} {modal} {VERBS[verb]} {OBJECTS[obj]} {PLACES[place]} within {days} days."


def positions(n: int, seed: int = 0, dim: int = 384):
    """(old texts, new texts, {text: vector}, true (old index, new index) pairs) for n demands a side."""
    rng = np.random.default_rng(seed)
    sizes = (len(SUBJECTS), len(VERBS), len(OBJECTS), len(PLACES))
    combos = rng.choice(int(np.prod(sizes)), size=n + n // 2, replace=False)
    slots = np.stack(np.unravel_index(combos, sizes), axis=1)
    days = rng.integers(2, 90, size=len(slots))
    tables = [rng.normal(size=(size, dim)) for size in sizes]
    weights = (1.0, 1.0, 1.2, 0.6)
    day_vectors, must_not, should = rng.normal(size=(200, dim)), rng.normal(size=dim), rng.normal(size=dim)

    def vector(k: int, day: int, extra=0.0) -> np.ndarray:
        v = sum(w * t[s] for w, t, s in zip(weights, tables, slots[k])) + 0.3 * day_vectors[day] + extra
        v = v + 0.25 * rng.normal(size=dim)
        return (v / np.linalg.norm(v)).astype(np.float32)

    old = [_text(*slots[k], days[k]) for k in range(n)]
    vectors = {t: vector(k, days[k]) for k, t in enumerate(old)}
    new, truth = [], []
    fate = rng.random(n)
    fresh = iter(range(n, len(slots)))
    for k in range(n):
        if fate[k] < 0.45:
            text, vec = old[k], None
        elif fate[k] < 0.65:
            text, vec = _text(*slots[k], days[k] * 2), vector(k, days[k] * 2)
        elif fate[k] < 0.75:
            text, vec = _text(*slots[k], days[k], "must not"), vector(k, days[k], 0.4 * must_not)
        elif fate[k] < 0.85:
            text, vec = _text(*slots[k], days[k], "should"), vector(k, days[k], 0.2 * should)
        else:
            j = next(fresh)
            text, vec = _text(*slots[j], days[j]), vector(j, days[j])
            k = None
        if vec is not None:
            vectors[text] = vec
        if k is not None:
            truth.append((k, len(new)))
        new.append(text)
    order = rng.permutation(n)
    where = np.argsort(order)
    return old, [new[i] for i in order], vectors, [(i, int(where[j])) for i, j in truth]


CSV_HEADER = ("party", "date", "round", "id", "text")


def corpus_rows(statements: int, rounds: int, parties: int | None = None, seed: int = 0) -> list[tuple]:
    """CSV rows (``CSV_HEADER``) of a corpus of about ``statements`` demands in ``rounds`` rounds.

    The rounds are shared out among ``parties`` (default: one party per 50 rounds). Each
    party's round follows from its previous one as ``positions`` builds a new round: 45%
    kept word for word, 20% with another number, 10% negated, 10% softened, 15% replaced.
    Real texts for the real model: the Dask bench and tests embed them.
    """
    import datetime as dt

    rng = np.random.default_rng(seed)
    parties = parties or max(1, rounds // 50)
    per_round = max(1, statements // rounds)
    sizes = (len(SUBJECTS), len(VERBS), len(OBJECTS), len(PLACES))

    def fresh() -> tuple:
        return (*(int(rng.integers(n)) for n in sizes), int(rng.integers(2, 90)), "must")

    rows: list[tuple] = []
    for p in range(parties):
        party = f"Party {p + 1}"
        demands = [fresh() for _ in range(per_round)]
        for r in range(rounds // parties + (p < rounds % parties)):
            date = (dt.date(1990, 1, 1) + dt.timedelta(days=61 * r)).isoformat()
            seen: set[str] = set()
            for i, d in enumerate(demands):
                text = _text(*d)
                while text in seen:  # one text once per round
                    d = demands[i] = fresh()
                    text = _text(*d)
                seen.add(text)
                rows.append((party, date, f"round {r + 1}", f"r{r + 1}-{i + 1}", text))
            fate = rng.random(len(demands))
            demands = [
                d if f < 0.45
                else (*d[:4], int(rng.integers(2, 90)), d[5]) if f < 0.65
                else (*d[:5], "must not") if f < 0.75
                else (*d[:5], "should") if f < 0.85
                else fresh()
                for d, f in zip(demands, fate)
            ]  # fmt: skip
    return rows


def write_corpus(path, statements: int, rounds: int, parties: int | None = None, seed: int = 0) -> int:
    """``corpus_rows`` as a CSV dataset file that ``demanddiff`` reads; the number of rows."""
    import csv

    rows = corpus_rows(statements, rounds, parties, seed)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_HEADER)
        writer.writerows(rows)
    return len(rows)

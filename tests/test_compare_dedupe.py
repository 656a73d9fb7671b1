"""Near-duplicates within one text: repeated texts are scored once, with the same groups as scoring every text."""

import random

from demanddiff.compare.dedupe import MERGE_THRESHOLD, near_duplicates
from demanddiff.compare.score import lexical_scores, semantic_scores

TEXTS = [
    "Russia must stop the war.",
    "Russia must end the war now.",
    "Ukraine must stay neutral.",
    "NATO must not expand.",
    "the",  # no content words: does not match even itself
    "The West should lift sanctions.",
    "Sanctions should be lifted by the West.",
]


def every_pair(embedder, texts):
    """The oracle: every text scored against every other, repeats included."""
    vectors = embedder.encode(texts)
    score = 0.6 * semantic_scores(vectors, vectors) + 0.4 * lexical_scores(texts, texts)
    groups = list(range(len(texts)))
    for j in range(len(texts)):
        for i in range(j):
            if score[i, j] >= MERGE_THRESHOLD and groups[i] == i:
                groups[j] = i
                break
    return groups


def test_repeated_texts_group_as_when_every_text_is_scored(engine):
    same = near_duplicates(engine.embedder)
    rng = random.Random(3)
    for size in (1, 5, 30):
        for _ in range(4):
            texts = [rng.choice(TEXTS[:4] + TEXTS[5:]) for _ in range(size)]
            assert same(texts) == every_pair(engine.embedder, texts), texts
    with_empty = ["the", "Russia must stop the war.", "the", "Russia must stop the war."]
    assert same(with_empty) == every_pair(engine.embedder, with_empty)


def test_a_long_text_scores_each_demand_against_its_nearest_only_with_the_same_groups(engine):
    """Above ``dense_up_to`` distinct texts, only each text's nearest are scored (a 5 MB document
    was n x n): the groups are those of scoring every pair."""
    parties = ["Russia", "Ukraine", "NATO", "The European Union", "China", "Turkey", "The United Nations"]
    acts = [
        "must stop the war",
        "must lift the sanctions on grain exports",
        "should open talks on prisoner exchanges",
        "must withdraw its troops from the border",
        "will fund the reconstruction of schools",
        "must not deploy missiles near the frontier",
        "should guarantee safe passage for ships",
        "must hold elections within a year",
    ]
    texts = [f"{p} {a}." for p in parties for a in acts]  # 56 demands, many alike
    texts += [f"{p} {a} now." for p, a in zip(parties, acts)]  # and near-duplicates of seven
    random.Random(5).shuffle(texts)
    sparse = near_duplicates(engine.embedder, dense_up_to=0)
    assert sparse(texts) == every_pair(engine.embedder, texts)
    assert sum(g != k for k, g in enumerate(sparse(texts))) >= 7  # the near-duplicates did merge
    repeated = texts + texts[:10] + ["the", "the"]
    assert sparse(repeated) == every_pair(engine.embedder, repeated)

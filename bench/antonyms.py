"""Build compare/reading/data/antonyms.tsv from Open English WordNet.

    python bench/antonyms.py PATH/TO/english-wordnet > compare/reading/data/antonyms.tsv

PATH is a checkout of https://github.com/globalwordnet/english-wordnet (its ``src/yaml``
entries files). Two words are antonyms when WordNet links them:

- directly: one sense of the one word is an antonym of one sense of the other (verbs, adjectives
  and nouns: "include" / "exclude", "increase" / "decrease", "victory" / "defeat");
- through a synset: a verb or adjective sense among the first ``--senses`` senses of each word
  (WordNet lists a word's senses most common first) sits in two synsets WordNet calls antonyms
  ("uphold" shares a synset with "maintain", whose antonym synset holds "break"). Rarer senses are
  left out: "face" is antonym of "back" only in "face (front) the street".

Adverbs, words of more than three words and words with digits are left out. The output is one
pair a line, the two words in alphabetical order, under a header naming the source and its licence
(CC BY 4.0, derived from Princeton WordNet): keep the header when the file is rebuilt.
"""

from __future__ import annotations

import argparse
import subprocess
from collections import defaultdict
from pathlib import Path

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # safe, and in C where PyYAML has it


def _load(text: str):
    loader = _LOADER(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def entries(root: Path):
    """(word, part of speech, sense) of every sense in the checkout's entries files, a word's
    senses most common first."""
    for path in sorted((root / "src" / "yaml").glob("entries-*.yaml")):
        for word, by_pos in _load(path.read_text(encoding="utf-8")).items():
            for pos, entry in by_pos.items():
                for sense in entry.get("sense") or ():
                    yield str(word).lower(), pos, sense


def read_wordnet(root: Path) -> tuple[dict[str, list[str]], dict[str, set[str]], list[tuple[str, str, str, str]]]:
    """(word -> its synsets, most common sense first), (synset -> words), and antonym sense pairs
    as (word, synset, word, synset)."""
    senses: dict[str, tuple[str, str]] = {}
    word_synsets: dict[str, list[str]] = defaultdict(list)
    synset_words: dict[str, set[str]] = defaultdict(set)
    links: list[tuple[str, str]] = []
    for word, _, sense in entries(root):
        senses[sense["id"]] = (word, sense["synset"])
        word_synsets[word].append(sense["synset"])
        synset_words[sense["synset"]].add(word)
        links.extend((sense["id"], other) for other in sense.get("antonym") or ())
    pairs = [(*senses[a], *senses[b]) for a, b in links if a in senses and b in senses]
    return word_synsets, synset_words, pairs


def _pos(synset: str) -> str:
    return "a" if synset[-1] in "as" else synset[-1]  # a satellite adjective is an adjective


def antonym_pairs(word_synsets, synset_words, pairs, senses: int = 4) -> set[tuple[str, str]]:
    opposite: dict[str, set[str]] = defaultdict(set)
    out: set[tuple[str, str]] = set()
    for x, sx, y, sy in pairs:
        opposite[sx].add(sy)
        if _pos(sx) in "van" and _pos(sy) in "van":
            out.add((x, y))

    def common(word: str) -> set[str]:
        by_pos: dict[str, list[str]] = defaultdict(list)
        for s in word_synsets.get(word, ()):
            by_pos[_pos(s)].append(s)
        return {s for pos, found in by_pos.items() if pos in "va" for s in found[:senses]}

    for word in word_synsets:
        for s in common(word):
            for t in opposite[s]:
                out.update((word, other) for other in synset_words[t] if t in common(other))
    return {
        tuple(sorted(p))
        for p in out
        if p[0] != p[1] and all(len(w.split()) <= 3 and not any(c.isdigit() for c in w) for w in p)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wordnet", type=Path, help="a checkout of globalwordnet/english-wordnet")
    parser.add_argument("--senses", type=int, default=4, help="senses of a word read for synset antonyms")
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "-C", str(args.wordnet), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    pairs = sorted(antonym_pairs(*read_wordnet(args.wordnet), senses=args.senses))
    print("# Antonyms: pairs of words WordNet calls opposite, one pair a line (tab between), built by")
    print(f"# bench/antonyms.py (--senses {args.senses}) from Open English WordNet")
    print(f"# (https://github.com/globalwordnet/english-wordnet, commit {commit or 'unknown'}).")
    print("# Open English WordNet is derived from Princeton WordNet (WordNet License) and developed")
    print("# under CC BY 4.0 by the Open English Wordnet team; this list is an adaptation of it.")
    print("# Pairs that mislead are left out by `antonyms: not` in stance.yaml, not by editing this file.")
    for a, b in pairs:
        print(f"{a}\t{b}")


if __name__ == "__main__":
    main()

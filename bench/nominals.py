"""Build compare/reading/data/nominals.tsv from Open English WordNet.

    python bench/nominals.py PATH/TO/english-wordnet > compare/reading/data/nominals.tsv

PATH is a checkout of https://github.com/globalwordnet/english-wordnet (its ``src/yaml``
entries files). A nominal is the noun WordNet names the event of a verb sense ("retain" /
"retention"), or a noun of an act's ending (``SUFFIXES``) it derives from one, read from the
first ``--senses`` senses of each verb (most common first). Nouns spelt as their verb ("cut",
"ban") and words of more than one word are left out; each -ization noun is given its British
-isation spelling too. The reader takes a nominal before "of" as its verb's stance ("calls for
the retention of the allowance" = "calls for keeping it"). The output is one pair a line (noun,
verb), under a header naming the source and its licence (CC BY 4.0, derived from Princeton
WordNet): keep the header
when the file is rebuilt.
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

from antonyms import entries

# Endings of nouns that name an act: a derivation link to such a noun counts as an event link
# ("privatize" / "privatization" has only the derivation link).
SUFFIXES = ("ion", "ment", "ance", "ence", "al", "ure", "age")


def nominal_pairs(root: Path, senses: int = 4) -> set[tuple[str, str]]:
    words: dict[str, str] = {}  # sense id -> word
    events: list[tuple[str, str]] = []  # (verb, noun sense id)
    seen: dict[str, int] = {}
    for word, pos, sense in entries(root):
        words[sense["id"]] = word
        if pos != "v":
            continue
        seen[word] = seen.get(word, 0) + 1
        if seen[word] <= senses:
            events.extend((word, noun) for noun in sense.get("event") or ())
            events.extend(
                (word, noun)
                for noun in sense.get("derivation") or ()
                if "%1:" in noun and noun.split("%")[0].endswith(SUFFIXES)
            )
    out = set()
    for verb, noun_id in events:
        noun = words.get(noun_id)
        if noun and noun != verb and " " not in noun and " " not in verb and noun.isalpha():
            out.add((noun, verb))
            if noun.endswith("ization"):
                out.add((noun[: -len("ization")] + "isation", verb))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wordnet", type=Path, help="a checkout of globalwordnet/english-wordnet")
    parser.add_argument("--senses", type=int, default=4, help="senses of a verb read for its nominals")
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "-C", str(args.wordnet), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    print("# Nominals: the noun that names a verb's event, and the verb, one pair a line (tab between),")
    print(f"# built by bench/nominals.py (--senses {args.senses}) from Open English WordNet")
    print(f"# (https://github.com/globalwordnet/english-wordnet, commit {commit or 'unknown'}).")
    print("# Open English WordNet is derived from Princeton WordNet (WordNet License) and developed")
    print("# under CC BY 4.0 by the Open English Wordnet team; this list is an adaptation of it.")
    for noun, verb in sorted(nominal_pairs(args.wordnet, args.senses)):
        print(f"{noun}\t{verb}")


if __name__ == "__main__":
    main()

"""Demand clauses read from a dependency parse, not from cue-word lists.

The parse is spaCy's small English pipeline (``positions/syntax.py``), loaded the first time a
clause is read, so only a running extraction pays for it. What the grammar says:

- an **imperative** is a base-form verb (``VB``) that opens its clause and has no subject
  ("Bring railways back into public ownership", "Significantly increase retiree pay");
- a **coordination** is split only where each conjunct is a verb with its own object or subject;
  a conjunct without a subject takes the first one's subject and modal ("Y must A and B" ->
  "Y must A", "Y must B"), one with a subject but no auxiliary takes the modal ("X should be
  freed and Z restored" -> "Z should be restored");
- a **reported demand** is the complement of a demand verb (``data/demand_verbs.yaml``) whose
  subject is the party: its that-clause ("insisted that Y V" -> "Y must V"), its addressee and
  infinitive ("urged Y to V" -> "Y must V"), or its object ("called for Z", "conditions, which
  included Z");
- a **fragment** has no verb and no auxiliary at all.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterable

from .grammar import base_verb, lists, modals

_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")
_WH = ("WDT", "WP", "WP$")
_VERBS = ("VERB", "AUX")


_DOCS: OrderedDict[str, object] = OrderedDict()  # text -> its parse, the most recently read last
KEPT = 8192  # parses kept: the same clause is read by several rules
BATCH = 256  # texts parsed in one call of the pipeline: one at a time costs five times as much
_expected: list[str] = []  # texts about to be read (``expect``), parsed a batch at a time


def doc(text: str):
    """The parse of one text (cached). A text ``expect`` named is parsed with the next ones it named."""
    from ..syntax import parse

    found = _DOCS.get(text)
    if found is not None:
        _DOCS.move_to_end(text)
        return found
    batch = [text]
    while _expected and len(batch) < BATCH:
        nxt = _expected.pop()
        if nxt not in _DOCS and nxt not in batch:
            batch.append(nxt)
    for t, d in zip(batch, parse(batch)):
        _DOCS[t] = d
    while len(_DOCS) > KEPT:
        _DOCS.popitem(last=False)
    return _DOCS[text]


def expect(texts: Iterable[str]) -> None:
    """Say which texts are about to be read, in order: the first one read that is not yet parsed
    brings the next ``BATCH`` with it (a long document's sentences, in a few pipeline calls)."""
    _expected[:] = reversed(list(dict.fromkeys(texts)))


def _words(name: str) -> frozenset[str]:
    return frozenset(lists("demand_verbs.yaml")[name])


def _root(d):
    sentence = next(iter(d.sents), None)
    return sentence.root if sentence is not None else None


def _subject(verb):
    return next((c for c in verb.children if c.dep_ in _SUBJECTS), None)


def _modal(verb) -> list:
    """The verb's modal and passive auxiliaries ("should", "be", "not"), in text order."""
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]


def _text(tokens: Iterable, replace: dict[int, str] | None = None) -> str:
    """The tokens as text, in order, with their own spacing; ``replace`` maps a token index to new words."""
    swap = replace or {}
    words = ""
    for t in sorted(tokens, key=lambda t: t.i):
        word = swap.get(t.i, t.text)
        if word:
            words += word + t.whitespace_ if word else ""
        elif words and not words.endswith(" "):
            words += t.whitespace_
    words = re.sub(r"\s+([,.;:])", r"\1", " ".join(words.split()))
    return re.sub(r"(?:,\s*)+,", ",", words).strip(" ,;:-–—")


def imperative(text: str) -> bool:
    """The text opens with a base-form verb that has no subject ("Scrap Universal Credit")."""
    root = _root(doc(text.strip()))
    if root is None or root.tag_ != "VB" or _subject(root) is not None:
        return False
    # "Don't cut our wages", "Do not resort to ...": a negative imperative
    negative = [a.lower_.replace("’", "'") for a in _modal(root)] in (["do", "n't"], ["do", "not"], ["never"])
    if _modal(root) and not negative:
        return False
    before = [t for t in root.doc[: root.i] if not t.is_punct]
    return all(t.dep_ in ("advmod", "cc", "aux", "neg") for t in before)


def opens_imperative(text: str) -> bool:
    """The sentence is a command: an imperative, or a first word the parse tags as a base-form
    verb with no subject before it ("Let your leaders know that ...", which the small parser
    reads as a clause hung under a later noun)."""
    if imperative(text):
        return True
    d = doc(text.strip())
    first = next((t for t in d if not t.is_punct), None)
    return first is not None and first.tag_ == "VB" and first.dep_ not in ("aux", "auxpass") and first.i == 0


def has_predicate(text: str) -> bool:
    """The text has a verb, an auxiliary or a gerund somewhere, or opens with a pledge form ("No X",
    "An end to X"): it is not a bare fragment."""
    body = text.strip().strip("\"“”'")
    if _PLEDGE.match(body) or re.match(r"^\w+ing\b", body):
        return True
    return any(t.pos_ in _VERBS or t.tag_.startswith("VB") or t.tag_ == "MD" for t in doc(body))


_PLEDGE = re.compile(r"^(?:no|not|an?\s+end\s+to)\b", re.I)


def _mistagged_verb(token) -> bool:
    """A base-form verb the parse tags as a noun but coordinates with a verb and gives a direct
    object: "will halve national insurance ... and scrap self-employed national insurance"."""
    return (
        token.dep_ == "conj"
        and token.pos_ == "NOUN"
        and token.head.pos_ in _VERBS
        and base_verb(token.lower_)
        and any(c.dep_ == "dobj" for c in token.children)
    )


def _tag(verb) -> str:
    return verb.head.tag_ if _mistagged_verb(verb) else verb.tag_


def _conjuncts(verb) -> list:
    """The verb and every verb coordinated with it (conj chains), in text order."""
    out, todo = [verb], [verb]
    while todo:
        v = todo.pop()
        for c in v.children:
            if (c.pos_ not in _VERBS or not c.tag_.startswith("VB")) and not _mistagged_verb(c):
                continue
            listed = (
                # the small parser hangs a list's second verb so: ", unconditionally withdraws"
                c.dep_ in ("dep", "advcl")
                and c.tag_ == v.tag_
                and "," in (c.left_edge.text, c.doc[max(c.left_edge.i - 1, 0)].text)
                and not any(x.dep_ in (*_SUBJECTS, "mark", "aux") for x in c.children)
            )
            if c.dep_ == "conj" or listed:
                out.append(c)
                todo.append(c)
    return sorted(out, key=lambda t: t.i)


def _own(member, others: list) -> list:
    """The tokens of one conjunct: its subtree without the other conjuncts' subtrees, cc and punctuation."""
    drop: set[int] = set()
    for o in others:
        if o.i != member.i and member.is_ancestor(o):
            drop.update(t.i for t in o.subtree)
    tokens = [t for t in member.subtree if t.i not in drop]
    while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct):
        tokens.pop()
    while tokens and (tokens[0].dep_ == "cc" or tokens[0].is_punct):
        tokens.pop(0)
    return tokens


_COMPLEMENTS = ("dobj", "attr", "acomp", "prep", "xcomp", "ccomp", "oprd", "agent", "dative", "prt", "npadvmod")


def _substantial(verb, first: bool) -> bool:
    """The conjunct has an object or complement of its own (or, after the first, a subject of its
    own): "involve and permit no X" shares its object and is one demand."""
    return any(c.dep_ in _COMPLEMENTS or (not first and c.dep_ in _SUBJECTS) for c in verb.children)


def split_coordination(text: str, modal_at: int | None = None) -> list[str]:
    """A clause with coordinated verbs as one full clause per verb; ``[text]`` when it has none.

    With ``modal_at`` (the offset of the clause's modal), the parse's main verb must be the one
    that modal governs; a negated verb is not split ("shall not A nor B" is one demand).
    """
    body = text.strip()
    d = doc(body if body.endswith((".", "!", "?")) else body + ".")  # the parse of a sentence, full stop included
    root = _root(d)
    if root is None or root.pos_ not in _VERBS:
        return [text]
    chain = _conjuncts(root)
    for v in chain[1:]:
        if _subject(v) is None and not _modal(v) and _tag(v) != root.tag_:
            return [text]  # "ensure respect for ... personnel engaged in ...": not a verb of the same kind
    own_subjects = len(chain) > 1 and _subject(chain[1]) is not None
    if len(chain) < 2 or not all(_substantial(v, n == 0) or (n == 0 and own_subjects) for n, v in enumerate(chain)):
        return [text]
    subject = _subject(root)
    subject_text = _text(subject.subtree) if subject is not None else ""
    auxes = _modal(root)
    if any(a.dep_ == "neg" for a in auxes):
        return [text]
    if modal_at is not None and not any(a.tag_ == "MD" and a.idx == modal_at for a in auxes):
        return [text]
    modal = next((a.text for a in auxes if a.tag_ == "MD"), "")
    passive = next((a.text for a in auxes if a.dep_ == "auxpass"), "")
    out = []
    for n, v in enumerate(chain):
        tokens = _own(v, chain)
        if n == 0:
            out.append(_text(tokens))
            continue
        own_subject = _subject(v)
        own_aux = _modal(v)
        if v.lemma_ in ("have", "need") and any(c.dep_ == "xcomp" for c in v.children):
            own_aux = [v]  # "... and the politics of arms have to be stopped": "have to" is its own modal
        if own_aux and all(a.lower_ in ("to", "not", "never") for a in own_aux) and own_subject is None:
            # "must exercise restraint and not to resort to X": the infinitive takes the first verb's modal
            tokens = [t for t in tokens if not (t.lower_ == "to" and t.head.i == v.i and t.dep_ == "aux")]
            own_aux = []
        if own_subject is not None and not own_aux and v.tag_ in ("VBZ", "VBP"):
            continue  # "X should be at its core, and this paper sets out Y": a statement of its own, not a demand
        words = _text(t for t in tokens if own_subject is None or t.i not in {x.i for x in own_subject.subtree})
        fill = ""
        if not own_aux and modal:
            fill = modal + (f" {passive}" if passive and v.tag_ in ("VBN", "VBD") else "")
        if own_subject is not None:
            out.append(" ".join(p for p in (_text(own_subject.subtree), fill, words) if p))
        elif subject_text:
            out.append(" ".join(p for p in (subject_text, fill, words) if p))
        else:
            out.append(words)  # an imperative: the caller gives it the party
    return [_sentence(o) for o in out if o]


def relative_demands(text: str) -> list[str]:
    """A modal clause whose relative clauses carry modals of their own ("A Polish state should be
    erected, which should be assured access to the sea, and whose independence should be
    guaranteed"): the main clause without them, then each with its antecedent as subject
    ("A Polish state should be assured ...", "A Polish state's independence should be ...").
    ``[text]`` when it has none."""
    body = text.strip()
    d = doc(body if body.endswith((".", "!", "?")) else body + ".")
    root = _root(d)
    if root is None or not any(a.tag_ == "MD" for a in _modal(root)):
        return [text]

    def relative(v) -> bool:
        """A relative clause set off by a comma (or coordinated with one) whose pronoun is its subject."""
        pronoun = next((t for t in v.subtree if t.tag_ in _WH and t.i < v.i), None)
        if pronoun is None or not any(a.tag_ == "MD" for a in _modal(v)):
            return False
        if pronoun.dep_ not in (*_SUBJECTS, "poss"):
            return False  # "from which such weapons can attack": not about the antecedent
        if v.dep_ == "relcl":
            return v.head.pos_ in ("NOUN", "PROPN") and "," in (v.left_edge.text, d[max(v.left_edge.i - 1, 0)].text)
        return v.dep_ == "conj" and any(a.dep_ == "relcl" for a in v.ancestors)

    relatives = [v for v in d if relative(v)]
    if not relatives:
        return [text]
    found = []
    for v in relatives:
        pronoun = next(t for t in v.subtree if t.tag_ in _WH and t.i < v.i)
        # "a state ... which should include X, which should be assured Y, and whose Z should be ...":
        # relatives in a row share the first one's antecedent
        outer = [a for a in v.ancestors if a.dep_ == "relcl"]
        noun = outer[-1].head if outer else v.head
        antecedent = _text(d[noun.left_edge.i : noun.i + 1])
        name = f"{antecedent}'s" if pronoun.tag_ == "WP$" else antecedent
        nested = {t.i for o in relatives if o.i != v.i and v.is_ancestor(o) for t in o.subtree}
        tokens = [t for t in v.subtree if t.i not in nested and t.i != pronoun.i]
        clause = _text(t for t in tokens if not (t.dep_ == "cc" and t.head.i == v.i))
        start = min(t.i for t in tokens)
        head = name if pronoun.i <= start else ""
        found.append((v, _sentence(f"{head} {clause}" if head else clause.replace(pronoun.text, name, 1))))
    drop = {t.i for v in relatives for t in v.subtree}
    main = re.sub(
        r",\s+(?=(?:must|should|shall|will|would|can|cannot|may)\b)", " ", _text(t for t in d if t.i not in drop)
    )
    return [_sentence(_unhang(main)), *(_sentence(_unhang(c)) for _, c in found)]


def _unhang(text: str) -> str:
    """Without a conjunction left hanging at the end by a clause taken out ("..., and")."""
    return re.sub(r"[\s,]+(?:and|or|but)\W*$", "", text.strip().rstrip("."))


def verbs_in_parse(text: str, pieces: list[str]) -> list[str]:
    """Pieces of ``text`` split where a word-list verb starts one, joined back where the parse says
    that word is no verb ("a free and secure access": "secure" is an adjective there)."""
    if len(pieces) < 2:
        return pieces
    d = doc(text.strip())
    starts = {t.idx: t for t in d}
    out, cursor = [pieces[0]], text.find(pieces[0]) + len(pieces[0])
    for piece in pieces[1:]:
        at = text.find(piece, cursor)
        cursor = at + len(piece) if at >= 0 else cursor
        token = starts.get(at)
        adjective = token is not None and token.pos_ == "ADJ" and token.dep_ in ("amod", "conj")
        # "deliver on mitigation and finance": the word-list verb is a noun coordinated with a noun
        noun = token is not None and token.pos_ == "NOUN" and token.dep_ == "conj" and token.head.pos_ == "NOUN"
        if adjective or noun:
            out[-1] = text[text.find(out[-1]) : at + len(piece)] if at >= 0 else f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def gapped(text: str) -> list[str] | None:
    """Clauses joined by ";" where the later ones leave out the first one's modal ("Rumania should
    be evacuated; occupied territories restored; Serbia accorded access"): each as a full clause.
    None when the text is not built so."""
    parts = [p for p in re.split(r";\s+(?:and\s+)?", text.strip().rstrip(".")) if p.strip()]
    if len(parts) < 2:
        return None
    root = _root(doc(parts[0]))
    auxes = _modal(root) if root is not None else []
    modal = next((a.text for a in auxes if a.tag_ == "MD"), "")
    if not modal:
        return None
    passive = next((a.text for a in auxes if a.dep_ == "auxpass"), "")
    out = [parts[0]]
    for part in parts[1:]:
        r = _root(doc(part))
        if r is None:
            return None
        if any(a.tag_ == "MD" for a in _modal(r)):
            out.append(part)
            continue
        subject = _subject(r)
        if subject is None or r.tag_ not in ("VBN", "VBD") or _modal(r):
            return None
        end = max(t.i for t in subject.subtree)
        fill = f"{modal} {passive}".strip() if passive else modal
        out.append(_text(r.doc[:], {end: f"{r.doc[end].text} {fill}"}))
    return out


def _sentence(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:")
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!")) else ".")


def _with_must(clause, sentence: bool = False) -> str:
    """A that-clause as a demand: "the rights are protected" -> "the rights must be protected",
    "Russia ceases X and withdraws Y" -> "Russia must cease X and withdraw Y". ``sentence``: the
    clause is the whole text (keep what lies outside its subtree)."""
    auxes = _modal(clause)
    swap: dict[int, str] = {t.i: "" for t in clause.children if t.dep_ == "mark"}
    if not any(a.tag_ == "MD" for a in auxes):
        passive = next((a for a in auxes if a.dep_ == "auxpass"), None)
        must = "must not" if any(a.dep_ == "neg" for a in auxes) else "must"
        for a in auxes:
            if a.dep_ == "neg" or a.lemma_ in ("do", "be", "have"):
                swap[a.i] = ""
        if passive is not None:
            swap[passive.i] = f"{must} be"
        else:
            adverbs = [c for c in clause.children if c.dep_ == "advmod" and c.i < clause.i]
            verb = "be" if clause.lemma_ == "be" else clause.lemma_
            # "Russia immediately ceases" -> "Russia must immediately cease"
            if adverbs and adverbs[0].i == clause.i - len(adverbs):
                swap[adverbs[0].i] = f"{must} {adverbs[0].text}"
                swap[clause.i] = verb
            else:
                swap[clause.i] = f"{must} {verb}"
            for v in _conjuncts(clause)[1:]:
                if _subject(v) is None and not _modal(v) and v.tag_ in ("VBZ", "VBP", "VB"):
                    swap[v.i] = v.lemma_
    tokens = clause.doc[:] if sentence else clause.subtree
    return _text(tokens, swap)


def with_modality(text: str) -> str:
    """A demand stated as a fact ("The rights of X are protected.", from "demanded that ...")
    gets its "must" back; a clause with a modal, an imperative or no subject is left as it is."""
    body = text.strip()
    root = _root(doc(body if body.endswith((".", "!", "?")) else body + "."))
    if root is None or root.pos_ not in _VERBS or _subject(root) is None:
        return text
    if any(a.tag_ == "MD" for a in _modal(root)) or root.tag_ in ("VBG", "VBN") and not _modal(root):
        return text
    if any(t.tag_ == "MD" and t.i < root.i for t in root.doc):
        return text
    return _sentence(_with_must(root, sentence=True))


def _third_person_owner(subject) -> bool:
    """The subject's owner is "its", "their", "his" or "her" ("its plans for growth")."""
    return any(t.dep_ == "poss" and t.lower_ in ("its", "their", "his", "her") for t in subject.subtree)


def _ruling_subject(verb):
    """The subject of the nearest clause above ``verb`` that has one: whom "its" in a clause hung on
    that clause points to."""
    return next((_subject(a) for a in verb.ancestors if a.pos_ in _VERBS and _subject(a) is not None), None)


def _marker_to(token, verb) -> bool:
    """``token`` is the "to" that marks ``verb`` as an infinitive, not a preposition of its own
    ("to halve national insurance to 6 per cent": only the first "to" goes)."""
    return token.lower_ == "to" and token.head.i == verb.i and token.dep_ == "aux"


def _phrase(verb) -> str:
    """ "call for", "push for": the verb with its particle or preposition."""
    prep = next((c for c in verb.children if c.dep_ in ("prep", "prt") and c.i == verb.i + 1), None)
    return f"{verb.lemma_} {prep.lower_}" if prep is not None else verb.lemma_


def _list_head(verb, heads: frozenset[str]):
    """The noun a relative clause lists ("the conditions for talks, which included ..."), if any."""
    for a in verb.ancestors:
        if a.pos_ == "NOUN" and a.lemma_ in heads:
            return a
        if a.pos_ in _VERBS:
            return None
    return None


def reported(text: str, is_party: Callable[[str, str], bool]) -> tuple[list[str], list[str]]:
    """What a demand verb whose subject is the party asks in ``text``: (clauses, noun phrases).

    Clauses are full demands ("Y must V ..."); noun phrases are the objects of "call for",
    "demand", "conditions ..., which included", for the caller to give the party as subject.
    """
    d = doc(text.strip())
    clause_verbs, addressee_verbs, object_verbs = _words("clause"), _words("addressee"), _words("object")
    heads = _words("list_heads")
    for v in d:
        if v.pos_ not in _VERBS:
            continue
        subject = _subject(v)
        if subject is None and v.dep_ == "conj" and v.head.pos_ in _VERBS:
            subject = _subject(v.head)  # "The members expressed concern ... and reiterated their call on X to V"
        owner = _text(subject.subtree) if subject is not None else ""
        if subject is not None and subject.tag_ in _WH and v.dep_ == "relcl":
            owner = _text(d[v.head.left_edge.i : v.head.i + 1])  # "A group of eminent citizens, who issued ..."
        listed = _list_head(v, heads) if v.dep_ == "relcl" else None
        if listed is not None:
            s = _subject(listed.head)
            owner = _text(s.subtree) if s is not None else ""
        lemma = v.lemma_.lower()
        if (
            subject is not None
            and subject.lemma_.lower() in _words("provision_subjects")
            and lemma in _words("provides")
        ):
            # "This stage anticipates mutual exchange of ...", "The plan involves X": the plan's terms,
            # unless its subject names someone other than the party ("Hamas's proposal includes ...")
            obj = next((c for c in v.children if c.dep_ == "dobj"), None)
            others = [t for t in subject.subtree if t.pos_ == "PROPN" or t.dep_ == "poss" and t.pos_ != "PRON"]
            ruler = _ruling_subject(v) if _third_person_owner(subject) else None
            if ruler is not None and not is_party(_text(ruler.subtree), text[: v.idx]):
                continue  # "The Labour party pledged ..., stating that its plans included X": Labour's plans
            if obj is not None and obj.pos_ in ("NOUN", "PROPN") and (not others or is_party(owner, text[: v.idx])):
                return [], [_text(obj.subtree)]
        progressive = v.tag_ == "VBG" and any(a.dep_ == "aux" and a.lemma_ == "be" for a in v.children)
        if not owner or not is_party(owner, text[: v.idx]) or v.tag_ in ("VBG",) and not progressive:
            continue  # "demanding X" hung on another verb is read by the cue patterns; "is pledging X" is read here
        if v.lemma_.lower() in _words("pledge_clause"):
            pledged = next(
                (c for c in v.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None
            )
            if pledged is not None:  # "Labour is pledging to make some cuts": a pledge
                action = _text(t for t in pledged.subtree if not _marker_to(t, pledged))
                return split_coordination(_sentence(f"{owner} will {action}")), []
        named = next((c for c in v.children if c.dep_ == "dobj" and c.lemma_.lower() in _words("demand_nouns")), None)
        asked = next((c for c in named.children if c.dep_ == "prep" and c.lower_ == "for"), None) if named else None
        what = next((c for c in asked.children if c.dep_ == "pobj"), None) if asked is not None else None
        if what is not None:  # "issued a 24-hour ultimatum for the unconditional release of X"
            return [], [_text(what.subtree)]
        called = _called_on(named, v) if named is not None else ""
        if called:  # "reiterated their call on the parties to implement resolutions 425 and 426"
            return split_coordination(called), []
        comps = [c for c in v.children if c.dep_ == "ccomp" and c.pos_ in _VERBS]
        if lemma in clause_verbs and comps and _subject(comps[0]) is not None:
            if lemma in ("say", "stress", "reaffirm", "reiterate") and not any(
                a.tag_ == "MD" and a.lower_ in modals() for a in _modal(comps[0])
            ):
                continue  # "said that X is ...": a statement, not a demand
            return split_coordination(_sentence(_with_must(comps[0]))), []
        infinitive = next(
            (
                c
                for c in v.children
                if c.dep_ in ("xcomp", "advcl", "ccomp") and any(a.lower_ == "to" for a in c.children)
            ),
            None,
        )
        addressee = next((c for c in v.children if c.dep_ == "dobj"), None)
        if addressee is None:  # "called on X to", "appeal to X to", "count on X to"
            on = next((c for c in v.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to")), None)
            addressee = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
        if addressee is not None and addressee.lower_ == "you":
            # "I appeal to you - the citizens of the world - to ...": the people the speaker names
            named_as = next((c for c in v.children if c.dep_ in ("dep", "appos") and c.pos_ in ("NOUN", "PROPN")), None)
            addressee = next((c for c in addressee.children if c.dep_ == "appos"), named_as) or addressee
        if lemma in addressee_verbs and infinitive is not None and addressee is not None:
            action = _text(t for t in infinitive.subtree if not _marker_to(t, infinitive))
            return split_coordination(_sentence(f"{_text(addressee.subtree)} must {action}")), []
        # "The leaders include US President Joe Biden": who they are, not what they ask; "include" names
        # demands only after a list's noun ("the conditions include X", read above)
        members = lemma == "include" and subject is not None and subject.lemma_.lower() not in heads
        if lemma in object_verbs and subject is not None and subject.dep_ != "nsubjpass" and not members:
            # the verb's direct object ("called for Z", "set conditions"); not a passive's ("the vision
            # has been set out in the manifesto on the basis of which ..."), nor the "on" of "on the basis"
            obj = next((c for c in v.children if c.dep_ == "dobj"), None)
            phrase = _phrase(v)
            if phrase in ("call for", "push for", "press for", "ask for"):
                prep = next(c for c in v.children if c.i == v.i + 1)
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_ not in heads and obj.pos_ in ("NOUN", "PROPN"):
                return [], [_text(t for t in obj.subtree if t.i >= obj.left_edge.i)]
            if obj is not None and obj.lemma_ in heads:
                listed = next((c for c in obj.children if c.dep_ == "relcl" and c.lemma_ == "include"), None)
                if listed is not None:
                    items = next((c for c in listed.children if c.dep_ == "dobj"), None)
                    if items is not None:
                        return [], [_text(t for t in d if t.i >= items.left_edge.i and not t.is_punct or t.i > items.i)]
        if listed is not None and lemma == "include":
            items = next((c for c in v.children if c.dep_ == "dobj"), None)
            if items is not None:
                return [], [text[items.left_edge.idx :].strip().rstrip(".")]
    return [], []


def _called_on(noun, verb) -> str:
    """ "reiterated their call on the parties to implement X" -> "The parties must implement X": a
    demand noun with an addressee ("on", "upon") and an infinitive, which the parse hangs on the noun
    or on the verb; "" when it has not both."""
    on = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")), None)
    addressee = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
    infinitive = next(
        (
            c
            for c in [*noun.subtree, *verb.children]
            if c.tag_ == "VB" and c.i > noun.i and any(a.lower_ == "to" for a in c.children)
        ),
        None,
    )
    if addressee is None or infinitive is None or infinitive.i < addressee.i:
        return ""
    action = _text(t for t in infinitive.subtree if not _marker_to(t, infinitive))
    return _sentence(f"{_text(addressee.subtree)} must {action}")


def owned_proposals(text: str, is_party: Callable[[str, str], bool]) -> list[str]:
    """What a proposal the party owns asks for: "waiting for a response to our proposal for more metal
    detectors, locked safety doors in LDRP, and ..." -> the noun phrase after "for" (to the end of the
    sentence when a list runs on there, with no verb of its own)."""
    d = doc(text.strip())
    out = []
    for n in d:
        if n.pos_ != "NOUN" or n.lemma_.lower() not in _words("demand_nouns"):
            continue
        owner = next((c for c in n.children if c.dep_ == "poss"), None)
        asked = next((c for c in n.children if c.dep_ == "prep" and c.lower_ == "for"), None)
        what = next((c for c in asked.children if c.dep_ == "pobj"), None) if asked is not None else None
        if owner is None or what is None or not is_party(_text(owner.subtree), text[: owner.idx]):
            continue
        last = max(t.i for t in what.subtree if not t.is_punct)
        rest = [t for t in d if t.i > last and not t.is_punct]
        runs_on = d[last + 1 : last + 2].text == "," and not any(
            t.pos_ == "AUX" or t.tag_ in ("MD", "VBZ", "VBP") or t.dep_ in _SUBJECTS for t in rest
        )
        end = d[-1].i if runs_on else last
        out.append(_text(t for t in d[what.left_edge.i : end + 1] if not (t.i == end and t.is_punct)))
    return out


def deverbal(text: str) -> bool:
    """A noun phrase headed by a noun made from a verb ("A guarantee of the right to strike",
    "Reduction in the age for retirement") or with a complement ("Voting age to 16")."""
    root = _root(doc(text.strip()))
    if root is None or root.pos_ not in ("NOUN", "PROPN"):
        return False
    head = root.lower_
    if any(head.endswith(s) for s in _words("deverbal_suffixes")) and len(head) > 4:
        return True
    return any(c.dep_ in ("prep", "acl") and c.lower_ in ("to", "for") for c in root.children) or bool(
        re.search(r"^\W*(?:an?\s+end\s+to|no)\b", text, re.I)
    )


_PRONOUN = re.compile(r"^(?P<pronoun>It|They)\s+(?=(?:must|should|shall|will|needs?|has|have)\b)")


def resolve_pronoun(demand: str, before: str, is_party: Callable[[str], bool], thing: bool = False) -> str:
    """ "It must abide by ..." after "the involvement of Belarus ... calls on it to": the pronoun
    that opens a demand is the first name (a country, an organisation, a people, a person) in
    the words before it that is not the party's. With ``thing`` (the pronoun opens its sentence
    and ``before`` is the sentence before), "It" is the last thing that sentence named as an
    object ("we need an ambitious global agreement. It must ..."). Left as it is when there is none."""
    m = _PRONOUN.match(demand)
    if not m or not before.strip():
        return demand
    if thing and m["pronoun"] == "It":
        objects = [
            c
            for c in doc(before.strip()).noun_chunks
            if c.root.dep_ in ("dobj", "attr", "pobj")
            and c.root.pos_ == "NOUN"
            and c.root.tag_ == "NN"
            and c[0].lower_ in ("a", "an", "the")
        ]
        if objects:
            return _sentence(_text(objects[-1]) + demand[m.end("pronoun") :])
    names = [
        e for e in doc(before.strip()).ents if e.label_ in ("GPE", "ORG", "NORP", "PERSON") and not is_party(e.text)
    ]
    if not names:
        return demand
    return names[0].text + demand[m.end("pronoun") :]


def agrees(subject: str, pronoun: str) -> bool:
    """Whether ``pronoun`` ("It" / "They") can stand for the noun phrase ``subject``: "It" for a
    singular head ("The Mission"), "They" for a plural one or a coordination ("The EU and Japan")."""
    d = doc(subject.strip())
    root = _root(d)
    if root is None or root.pos_ not in ("NOUN", "PROPN"):
        return False
    many = root.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in root.children)
    return many if pronoun.lower() == "they" else not many


def dangling_modifiers(text: str, ends: list[int]) -> set[int]:
    """Which of the offsets ``ends`` (where a list piece ends) close on a modifier of a noun that
    comes later: "an immediate, durable | and fully respected ceasefire", "the immediate | and
    unconditional release". A list is not split there: the pieces are one noun phrase."""
    d = doc(text.strip())
    lead = len(text) - len(text.lstrip())
    by_end = {t.idx + len(t.text) + lead: t for t in d}
    out = set()
    for n, end in enumerate(ends):
        t = by_end.get(end)
        if t is None or t.pos_ not in ("ADJ", "ADV", "DET", "NUM"):
            continue
        noun = next((a for a in t.ancestors if a.pos_ in ("NOUN", "PROPN")), None)
        if noun is not None and noun.i > t.i:
            out.add(n)
    return out


_FINITE = ("VBZ", "VBP", "VBD", "MD")


def noun_item(text: str) -> bool:
    """The sentence has no finite verb: a noun phrase ("A 7 to 10-day humanitarian ceasefire aiming
    to liberate civilians") or a reduced passive ("Female soldiers released for prisoners")."""
    d = doc(re.sub(r"\s*\([^)]*\)", "", text).strip())
    return any(t.pos_ in ("NOUN", "PROPN") for t in d) and not any(t.tag_ in _FINITE for t in d)


def _in_relative(verb) -> bool:
    """The finite verb belongs to a relative clause ("which is currently under Russian control",
    "about half of which was damaged", "a clause that Zelensky said was ...")."""
    head = verb.head if verb.dep_ in ("aux", "auxpass") else verb
    if head.dep_ == "relcl" or any(a.dep_ == "relcl" for a in head.ancestors):
        return True
    return any(w.tag_ in _WH for left in head.lefts for w in left.subtree)


def list_paragraph(text: str) -> bool:
    """A paragraph that is a list item, not a sentence: a noun phrase whatever relative clauses its
    nouns carry ("Radiation and nuclear safety, ..., which is currently under Russian control.") or
    gerunds that open it ("Withdrawing Russian forces, stopping hostilities, and restoring ...")."""
    d = doc(re.sub(r"\s*\([^)]*\)", "", text).strip())
    root = _root(d)
    if root is None:
        return False
    # a noun with something that says what is asked of it ("of", "with a focus on", "including",
    # "focusing on", "and"), or made from a verb; a bare name ("Ukrainian President Volodymyr
    # Zelenskyy", a caption) is no item
    asks = any(c.dep_ in ("prep", "acl", "relcl", "conj") for c in root.children) or any(
        root.lower_.endswith(s) for s in _words("deverbal_suffixes")
    )
    headed = root.pos_ in ("NOUN", "PROPN") and asks or (root.tag_ == "VBG" and root.i == 0)
    return headed and not any(t.tag_ in _FINITE and not _in_relative(t) for t in d)


def is_clause(text: str) -> bool:
    """The text is a clause with its own subject and a finite verb or a modal ("we deserve recognition
    for additional qualifications", "Nurses and patients will benefit from PPE")."""
    root = _root(doc(text.strip()))
    if root is None or root.pos_ not in _VERBS or _subject(root) is None:
        return False
    return root.tag_ in _FINITE or any(c.tag_ in _FINITE for c in _modal(root))


def reduced_passive(text: str) -> str:
    """ "Female soldiers released for Palestinian prisoners" -> "Female soldiers must be released for
    Palestinian prisoners": a noun phrase that opens the text followed by a past participle of its
    own; "" when the text is not built so."""
    d = doc(text.strip().rstrip("."))
    root = _root(d)
    if root is None or root.pos_ not in ("NOUN", "PROPN") or any(t.tag_ in _FINITE for t in d):
        return ""
    acl = next((c for c in root.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.i == root.i + 1), None)
    if acl is None or root.left_edge.i != 0:
        return ""
    return _sentence(f"{_text(d[: acl.i])} must be {_text(d[acl.i :])}")


def mandative(text: str) -> list[str] | None:
    """A demand in the mandative subjunctive, the form of a list item "That X be V" or "That X V":
    "That Gezi Park remain as a park." -> "Gezi Park must remain as a park."; a coordinated clause
    with its own subject is its own demand ("That A be released and B be made" -> two). None when
    the text is not such a clause (a finite verb in the past or the third person singular, a modal)."""
    body = text.strip()
    if not re.match(r"^that\s", body, re.I):
        return None
    d = doc(body if body.endswith((".", "!", "?")) else body + ".")
    root = _root(d)
    if root is None or root.pos_ not in _VERBS or not any(c.dep_ == "mark" and c.i == 0 for c in root.children):
        return None
    clauses = [root] + [v for v in _conjuncts(root)[1:] if _subject(v) is not None]
    out: list[str] = []
    for verb in clauses:
        subject = _subject(verb)
        auxes = [a for a in _modal(verb) if a.dep_ != "neg"]
        finite = auxes[0] if auxes else verb
        if subject is None or any(a.tag_ == "MD" for a in auxes) or finite.tag_ not in ("VB", "VBP"):
            if verb is root:
                return None
            continue
        if finite.tag_ == "VBP" and finite.lower_ not in ("be",) and subject.tag_ in ("NNS", "NNPS", "PRP"):
            if verb is root:
                return None  # "That the talks continue": a plural present reads the same; not read as a demand
            continue
        others = [v for v in clauses if v is not verb]
        tokens = [t for t in _own(verb, others) if not (t.dep_ == "mark" and t.head.i == verb.i)]
        negated = any(a.dep_ == "neg" for a in _modal(verb))
        swap = {a.i: "" for a in _modal(verb) if a.dep_ == "neg"}
        swap[finite.i] = f"{'must not' if negated else 'must'} {finite.text}"
        out.append(_sentence(_text(tokens, swap)))
    return out

#!/usr/bin/env python3
"""Writes data/antonyms.tsv and data/inflections.tsv from the WordNet 3.0
database files (Debian: `apt-get install -y wordnet-base`, files under
/usr/share/wordnet/). The build never runs this: the two files it writes
are committed, so a clean clone builds with crates.io only.

    python3 scripts/antonyms_from_wordnet.py [--wordnet /usr/share/wordnet] [--out data]

data/antonyms.tsv: one antonym pair a line, `word<TAB>word<TAB>tag`, the
two words in sorted order, lines sorted, single words only (letters with
inner hyphens or apostrophes: WordNet's multi-word lemmas such as
"put_out" never match one token, nor do numbers). Tags, by
how directly WordNet states the opposition (a pair reached in two ways
keeps the most direct):

  d  a direct antonym pointer (`!`) between two words ("able" ! "unable",
     "rise" ! "fall"), any part of speech;
  i  an indirect antonym of an adjective: a satellite of a head adjective
     (`&`, "similar to") against the head's direct antonym ("huge", a
     satellite of "large", against "small");
  s  two other members of two synsets joined by a direct pointer
     ("start", a synonym of "begin", against "end").

data/inflections.tsv: `form<TAB>lemma` for the irregular forms WordNet's
exception lists (*.exc) give for the words of antonyms.tsv ("rose" →
"rise", "worse" → "bad"), which a stemmer cannot find.

Lines starting with '#' are comments. WordNet 3.0 licence:
data/WORDNET-LICENSE.
"""
import argparse
import collections
import os
import re

POS = ["noun", "verb", "adj", "adv"]
RANK = {"d": 0, "i": 1, "s": 2}
# A single word: letters, inner hyphens and apostrophes ("well-off").
WORD = re.compile(r"^[a-z][a-z'-]*[a-z]$")


def read_synsets(wordnet):
    """(pos, offset) -> (synset type, words, pointers); satellites ("s")
    are filed under "a" as WordNet's pointers address them."""
    synsets = {}
    for pos in POS:
        with open(os.path.join(wordnet, "data." + pos), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):  # the licence header
                    continue
                fields = line.split(" | ")[0].split()
                offset, ss_type = fields[0], fields[2]
                count = int(fields[3], 16)
                i = 4
                words = []
                for _ in range(count):
                    # Adjective markers: "(a)", "(p)", "(ip)".
                    words.append(re.sub(r"\(.*\)$", "", fields[i]).lower())
                    i += 2
                pointers = []
                for _ in range(int(fields[i])):
                    symbol, target, target_pos, source_target = fields[i + 1 : i + 5]
                    target_pos = "a" if target_pos == "s" else target_pos
                    pointers.append((symbol, target, target_pos, source_target))
                    i += 4
                key = ("a" if ss_type == "s" else ss_type, offset)
                synsets[key] = (ss_type, words, pointers)
    return synsets


def antonym_pairs(synsets):
    pairs = {}

    def add(a, b, tag):
        if a == b or not (WORD.match(a) and WORD.match(b)):
            return
        key = tuple(sorted((a, b)))
        if key not in pairs or RANK[tag] < RANK[pairs[key]]:
            pairs[key] = tag

    satellites = collections.defaultdict(set)
    for key, (ss_type, _, pointers) in synsets.items():
        for symbol, target, target_pos, _ in pointers:
            if symbol == "&" and ss_type == "s":
                satellites[(target_pos, target)].add(key)
    for key, (ss_type, words, pointers) in synsets.items():
        for symbol, target, target_pos, source_target in pointers:
            if symbol != "!":
                continue
            source, goal = int(source_target[:2], 16), int(source_target[2:], 16)
            target_words = synsets[(target_pos, target)][1]
            add(words[source - 1], target_words[goal - 1], "d")
            for a in words:
                for b in target_words:
                    add(a, b, "s")
            if key[0] == "a" and ss_type == "a":
                for satellite in satellites[key]:
                    for a in synsets[satellite][1]:
                        for b in target_words:
                            add(a, b, "i")
    return pairs


def inflections(wordnet, lemmas):
    forms = set()
    for pos in POS:
        with open(os.path.join(wordnet, pos + ".exc"), encoding="latin-1") as f:
            for line in f:
                fields = line.split()
                for lemma in fields[1:]:
                    if lemma in lemmas and fields[0] != lemma and WORD.match(fields[0]):
                        forms.add((fields[0], lemma))
    return sorted(forms)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data"))
    a = ap.parse_args()
    pairs = antonym_pairs(read_synsets(a.wordnet))
    header = "# Generated by scripts/antonyms_from_wordnet.py from WordNet 3.0 (see WORDNET-LICENSE).\n"
    with open(os.path.join(a.out, "antonyms.tsv"), "w", encoding="utf-8") as f:
        f.write(header)
        f.write("# word<TAB>word<TAB>tag: d direct, i adjective satellite, s synset member\n")
        for (x, y), tag in sorted(pairs.items()):
            f.write(f"{x}\t{y}\t{tag}\n")
    lemmas = {w for pair in pairs for w in pair}
    with open(os.path.join(a.out, "inflections.tsv"), "w", encoding="utf-8") as f:
        f.write(header)
        f.write("# irregular form<TAB>lemma, from WordNet's exception lists\n")
        for form, lemma in inflections(a.wordnet, lemmas):
            f.write(f"{form}\t{lemma}\n")


if __name__ == "__main__":
    main()

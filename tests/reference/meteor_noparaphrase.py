#!/usr/bin/env python3
"""The reference for our METEOR (no paraphrase): pycocoevalcap's own code and jars, without the paraphrase stage.

BrainHub scores captions with pycocoevalcap: the Stanford PTB tokenizer (stanford-corenlp-3.4.1.jar), then METEOR 1.5
as `java -jar -Xmx2G meteor-1.5.jar - - -stdio -l en -norm`. This script runs exactly that, through pycocoevalcap's
PTBTokenizer and Meteor.compute_score, with the jar told to leave out its paraphrase stage:
`-m "exact stem synonym" -w "1.0 0.6 0.8"` (the English defaults' modules and weights less the paraphrase module and
its weight 0.6; α β γ δ stay the rank task's defaults for -l en). That is what vindex/eval/Meteor.h calls
"METEOR (no paraphrase)".

Two WordNets for the jar's synonym stage, both scored in one run:
  jar      the jar's own synonym files (WordNet 3.0 keyed by synset offset alone, so that a noun and a verb synset
           with the same offset number look alike to it);
  wordnet  the WordNet database in --wordnet DIR (Debian's /usr/share/wordnet, what our Meteor reads), written into
           the jar's synonym-file format (-d) with every synset keyed by part of speech and offset
           (part-of-speech index × 2^28 + offset: noun 0, verb 1, adj 2, adv 3) and the exception lists as they are.
           Everything else is still the jar's: normalizer, stemmer, detachment rules, aligner, scorer.

Usage: meteor_noparaphrase.py --candidates C.json --references R.json [--wordnet DIR] [--pretokenized]
  C.json: {"id": "caption", ...}; R.json: {"id": ["caption", ...], ...} (a single string is a one-caption list)
  --pretokenized: skip the PTB tokenizer (the captions go to the jar as given)
Prints a header line "id<TAB>jar[<TAB>wordnet]", one line per candidate id in the file's order with its segment
scores, then "corpus<TAB>..." (floats as Python's repr, which round-trips every double). Needs pycocoevalcap
(packaging/install-deps.sh installs it, pinned, into the project's .venv) and Java.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

from pycocoevalcap.meteor import meteor as pycocoevalcap_meteor
from pycocoevalcap.tokenizer.ptbtokenizer import PTBTokenizer

NO_PARAPHRASE = ['-m', 'exact stem synonym', '-w', '1.0 0.6 0.8']
PARTS_OF_SPEECH = ['noun', 'verb', 'adj', 'adv']


def meteor_without_paraphrase(extra_arguments=()):
    """pycocoevalcap's Meteor scorer, its jar started with the paraphrase module left out."""
    scorer = pycocoevalcap_meteor.Meteor.__new__(pycocoevalcap_meteor.Meteor)
    jar_dir = os.path.dirname(os.path.abspath(pycocoevalcap_meteor.__file__))
    scorer.meteor_cmd = ['java', '-jar', '-Xmx2G', pycocoevalcap_meteor.METEOR_JAR, '-', '-', '-stdio', '-l', 'en',
                         '-norm'] + NO_PARAPHRASE + list(extra_arguments)
    scorer.meteor_p = subprocess.Popen(scorer.meteor_cmd, cwd=jar_dir, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE)
    scorer.lock = threading.Lock()
    return scorer


def write_synonym_files(wordnet_dir, out_dir):
    """WordNet's database files in the format of the jar's synonym/english.{synsets,exceptions,relations}."""
    synsets = {}
    for index, pos in enumerate(PARTS_OF_SPEECH):
        with open(os.path.join(wordnet_dir, f'index.{pos}'), encoding='utf-8') as f:
            for line in f:
                if line.startswith(' '):
                    continue  # the licence at the top
                fields = line.split()
                count = int(fields[2])
                for offset in fields[len(fields) - count:]:
                    synsets.setdefault(fields[0], []).append((index << 28) + int(offset))
    bases = {}
    for pos in PARTS_OF_SPEECH:
        with open(os.path.join(wordnet_dir, f'{pos}.exc'), encoding='utf-8') as f:
            for line in f:
                fields = line.split()
                for base in fields[1:]:
                    bases.setdefault(base, []).append(fields[0])
    with open(os.path.join(out_dir, 'english.synsets'), 'w', encoding='utf-8') as f:
        for word, keys in synsets.items():
            f.write(word + '\n' + ' '.join(str(k) for k in keys) + '\n')
    with open(os.path.join(out_dir, 'english.exceptions'), 'w', encoding='utf-8') as f:
        for base, forms in bases.items():  # the jar's layout: a base, then its inflected forms
            f.write(base + '\n' + ' '.join(forms) + '\n')
    open(os.path.join(out_dir, 'english.relations'), 'w').close()  # named by the jar, never read (LOAD_DATA false)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--candidates', required=True)
    parser.add_argument('--references', required=True)
    parser.add_argument('--wordnet', help='also score with this WordNet database (e.g. /usr/share/wordnet)')
    parser.add_argument('--pretokenized', action='store_true')
    args = parser.parse_args()
    with open(args.candidates, encoding='utf-8') as f:
        candidates = json.load(f)
    with open(args.references, encoding='utf-8') as f:
        references = json.load(f)
    ids = list(candidates)
    res = {i: [{'caption': candidates[i]}] for i in ids}
    gts = {i: [{'caption': c} for c in ([references[i]] if isinstance(references[i], str) else references[i])]
           for i in ids}
    if args.pretokenized:
        res = {i: [c['caption'] for c in v] for i, v in res.items()}
        gts = {i: [c['caption'] for c in v] for i, v in gts.items()}
    else:
        tokenizer = PTBTokenizer()
        res = tokenizer.tokenize(res)
        gts = tokenizer.tokenize(gts)

    with tempfile.TemporaryDirectory() as synonyms:
        configurations = [('jar', [])]
        if args.wordnet:
            write_synonym_files(args.wordnet, synonyms)
            configurations.append(('wordnet', ['-d', synonyms]))
        scorers = [meteor_without_paraphrase(extra) for _, extra in configurations]  # the JVMs start side by side
        with ThreadPoolExecutor(len(scorers)) as pool:
            results = list(pool.map(lambda scorer: scorer.compute_score(gts, res), scorers))
    print('\t'.join(['id'] + [name for name, _ in configurations]))
    for n, i in enumerate(ids):
        print('\t'.join([i] + [repr(segments[n]) for _, segments in results]))
    print('\t'.join(['corpus'] + [repr(corpus) for corpus, _ in results]))
    return 0


if __name__ == '__main__':
    sys.exit(main())

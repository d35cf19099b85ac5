#!/usr/bin/env python3
"""The reference for our METEOR with paraphrases: pycocoevalcap's Meteor, run as it is.

BrainHub scores captions with pycocoevalcap: the Stanford PTB tokenizer (stanford-corenlp-3.4.1.jar), then METEOR 1.5
as `java -jar -Xmx2G meteor-1.5.jar - - -stdio -l en -norm` (exact, stem, WordNet synonym and paraphrase matching,
the paraphrase table being pycocoevalcap's meteor/data/paraphrase-en.gz). This script runs exactly that, through
pycocoevalcap's PTBTokenizer and Meteor.compute_score, unchanged; it only records, beside each segment score, the
statistics line the jar answered to pycocoevalcap's SCORE command (the segment's 23 word counts, from which the jar's
EVAL command computes the segment and corpus scores).

With --wordnet DIR it also scores with the jar's synonym stage reading the WordNet database in DIR (Debian's
/usr/share/wordnet, what our Meteor reads) instead of its own synonym files, everything else unchanged: the jar's
files key synsets by offset alone, so that a noun and a verb synset with the same offset number look alike to it
(see meteor_noparaphrase.py, whose conversion this reuses); with Debian's WordNet keyed by part of speech the jar and
our Meteor see the same synonyms.

Usage: meteor_pycocoevalcap.py --candidates C.json --references R.json [--wordnet DIR] [--pretokenized]
  C.json: {"id": "caption", ...}; R.json: {"id": ["caption", ...], ...} (a single string is a one-caption list)
  --pretokenized: skip the PTB tokenizer (the captions go to the jar as given)
Prints a header line "id<TAB>jar<TAB>statistics[<TAB>wordnet]", one line per candidate id in the file's order with its
segment score (Python's repr, which round-trips every double), the jar's statistics (its numbers as integers, separated by
spaces: test length, reference length, test function words, reference function words, then per stage exact, stem,
synonym, paraphrase: test content, reference content, test function, reference function matches; then chunks, test
word matches, reference word matches) [and the segment score with Debian's WordNet], then
"corpus<TAB>score<TAB><TAB>score with Debian's WordNet". Needs pycocoevalcap (packaging/install-deps.sh
installs it, pinned, into the project's .venv) and Java.
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
from pycocoevalcap.meteor.meteor import Meteor
from pycocoevalcap.tokenizer.ptbtokenizer import PTBTokenizer

from meteor_noparaphrase import write_synonym_files


class RecordingMeteor(Meteor):
    """pycocoevalcap's Meteor, keeping the statistics lines its _stat reads from the jar."""

    def __init__(self, synonym_dir=None):
        if synonym_dir is None:
            super().__init__()
        else:  # pycocoevalcap's command with the jar's -d (synonym directory) added
            self.meteor_cmd = ['java', '-jar', '-Xmx2G', pycocoevalcap_meteor.METEOR_JAR, '-', '-', '-stdio', '-l',
                               'en', '-norm', '-d', synonym_dir]
            self.meteor_p = subprocess.Popen(self.meteor_cmd, cwd=os.path.dirname(
                os.path.abspath(pycocoevalcap_meteor.__file__)), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE)
            self.lock = threading.Lock()
        self.statistics = []

    def _stat(self, hypothesis_str, reference_list):
        line = super()._stat(hypothesis_str, reference_list)
        self.statistics.append(line)
        return line


def integers(statistics_line):
    values = [float(v) for v in statistics_line.split()]
    if any(v != int(v) for v in values):
        raise ValueError('non-integral METEOR statistics: ' + statistics_line)
    return ' '.join(str(int(v)) for v in values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--candidates', required=True)
    parser.add_argument('--references', required=True)
    parser.add_argument('--wordnet', help="also score with this WordNet database (e.g. /usr/share/wordnet)")
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
        scorers = [RecordingMeteor()]
        if args.wordnet:
            write_synonym_files(args.wordnet, synonyms)
            scorers.append(RecordingMeteor(synonyms))
        with ThreadPoolExecutor(len(scorers)) as pool:  # the JVMs run side by side
            results = list(pool.map(lambda scorer: scorer.compute_score(gts, res), scorers))
    (corpus, segments), scorer = results[0], scorers[0]
    print('id\tjar\tstatistics' + ('\twordnet' if args.wordnet else ''))
    for n, i in enumerate(ids):
        line = f'{i}\t{segments[n]!r}\t{integers(scorer.statistics[n])}'
        if args.wordnet:
            line += f'\t{results[1][1][n]!r}'
        print(line)
    print(f'corpus\t{corpus!r}' + (f'\t\t{results[1][0]!r}' if args.wordnet else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())

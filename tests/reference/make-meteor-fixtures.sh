#!/usr/bin/env bash
# Writes, for every decoded-caption file of BrainHub (../shared/brainhub), METEOR 1.5 as pycocoevalcap's jar computes it:
#   tests/reference/meteor/<method>-<subject>.tsv               the jar as pycocoevalcap runs it, paraphrase stage
#                                                              included (meteor_pycocoevalcap.py: scores, statistics;
#                                                              and scores with Debian's WordNet keyed by part of speech)
#   tests/reference/meteor-noparaphrase/<method>-<subject>.tsv  without its paraphrase stage (meteor_noparaphrase.py: the
#                                                              jar's own WordNet, and Debian's keyed by part of speech)
# MeteorTest compares our scores with them. Needs what packaging/install-deps.sh installs: pycocoevalcap in the
# project's .venv, Java, Debian's wordnet-base.
# Usage: tests/reference/make-meteor-fixtures.sh [BRAINHUB_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
brainhub="${1:-$root/../shared/brainhub}"
mkdir -p "$here/meteor" "$here/meteor-noparaphrase"
for file in "$brainhub"/caption/comparison/*/*_decoded_caption.json; do
  method="$(basename "$(dirname "$file")")"
  subject="$(basename "$file" _decoded_caption.json)"
  echo "make-meteor-fixtures: $method $subject"
  "$root/.venv/bin/python" "$here/meteor_pycocoevalcap.py" --candidates "$file" \
    --references "$brainhub/caption/fmri_cococap.json" --wordnet /usr/share/wordnet >"$here/meteor/$method-$subject.tsv"
  "$root/.venv/bin/python" "$here/meteor_noparaphrase.py" --candidates "$file" \
    --references "$brainhub/caption/fmri_cococap.json" --wordnet /usr/share/wordnet \
    >"$here/meteor-noparaphrase/$method-$subject.tsv"
done

#!/usr/bin/env bash
# Writes tests/reference/meteor-noparaphrase/<method>-<subject>.tsv: METEOR 1.5 without its paraphrase stage, as
# pycocoevalcap's jar computes it (meteor_noparaphrase.py: the jar's own WordNet, and Debian's WordNet keyed by part of
# speech), for every decoded-caption file of BrainHub (../shared/brainhub). MeteorTest compares our scores with them.
# Needs what packaging/install-deps.sh installs: pycocoevalcap in the project's .venv, Java, Debian's wordnet-base.
# Usage: tests/reference/make-meteor-fixtures.sh [BRAINHUB_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
brainhub="${1:-$root/../shared/brainhub}"
out="$here/meteor-noparaphrase"
mkdir -p "$out"
for file in "$brainhub"/caption/comparison/*/*_decoded_caption.json; do
  method="$(basename "$(dirname "$file")")"
  subject="$(basename "$file" _decoded_caption.json)"
  echo "make-meteor-fixtures: $method $subject"
  "$root/.venv/bin/python" "$here/meteor_noparaphrase.py" --candidates "$file" \
    --references "$brainhub/caption/fmri_cococap.json" --wordnet /usr/share/wordnet >"$out/$method-$subject.tsv"
done

#!/usr/bin/env bash
# Rebuild the recognizer's model, models/ner.bin, from its sources, end to end:
#   1. word classes from unlabelled news + Wikipedia      -> models/wordclasses.tsv
#   2. place gazetteer from GeoNames / ISO 3166 (PyPI)     -> models/gazetteer.tsv
#   3. name lists mined from the same unlabelled text by models trained on halves of the
#      labelled data (jackknife; those two lists live only while building) and on all of
#      it                                                  -> models/names.tsv
#   4. the final model on CoNLL-2003 train + dev           -> models/ner.bin
# Settings (epochs, pruning, hash size) were chosen on dev with models trained on train only.
# Deterministic: every step is seeded or order-independent. Takes about 10 minutes on 2 cores.
# Usage: tools/ner/build.sh [SHARED_DIR]   (default ../shared relative to the repository)
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=${1:-../shared}
D=$SHARED/data/conll2003
R=$SHARED/data/raw_news
RAW=$R/reuters21578.txt.gz,$R/bbc2005.txt.gz,$R/agnews_test.txt.gz,$R/abc2006.txt.gz,$R/wikipedia2015.txt.gz
TRAIN=$D/train.txt,$D/dev.txt
OPTS=(--epochs 10 --prune 0.5 --bits 20 --seed 1)
MINE=(--raw "$RAW" --max-bytes "${MAX_BYTES:-60000000}" --min-count "${MIN_COUNT:-3}")

cargo build --release -p gloss-cli
G=./target/release/gloss
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if [[ ! -s models/wordclasses.tsv || ${REBUILD_CLASSES:-0} == 1 ]]; then
  $G train classes --raw "$RAW" --conll "$D/train.txt" --out models/wordclasses.tsv --vocab 100000 --contexts 600 --seed 1
fi
if [[ ! -s models/gazetteer.tsv || ${REBUILD_GAZETTEER:-0} == 1 ]]; then
  python3 -m pip install -q -r tools/ner/requirements.txt
  python3 tools/ner/gazetteer.py models/gazetteer.tsv
fi
LEX=(--classes models/wordclasses.tsv --gazetteer models/gazetteer.tsv)

for fold in even odd; do
  $G train --train "$TRAIN" --fold $fold --out "$TMP/$fold.bin" "${OPTS[@]}" "${LEX[@]}"
  $G train names --model "$TMP/$fold.bin" "${MINE[@]}" --out "$TMP/names-$fold.tsv"
done
$G train --train "$TRAIN" --out "$TMP/full.bin" "${OPTS[@]}" "${LEX[@]}"
$G train names --model "$TMP/full.bin" "${MINE[@]}" --out models/names.tsv

$G train --train "$TRAIN" --out models/ner.bin "${OPTS[@]}" --classes models/wordclasses.tsv \
  --gazetteer models/gazetteer.tsv,models/names.tsv --jackknife "$TMP/names-even.tsv,$TMP/names-odd.tsv"

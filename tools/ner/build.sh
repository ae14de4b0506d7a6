#!/usr/bin/env bash
# Rebuild the recognizer's model, models/ner.bin, from its sources, end to end:
#   1. word classes: embeddings of the unlabelled news + Wikipedia as gloss tokenizes it,
#      clustered (tools/ner/classes.py; about 6 minutes)     -> models/wordclasses.tsv
#   2. place gazetteer from GeoNames / ISO 3166 (PyPI)     -> models/gazetteer.tsv
#   3. name lists mined from the same unlabelled text by models trained on halves of the
#      labelled data (jackknife; those two lists live only while building) and on all of
#      it                                                  -> models/names.tsv
#   4. the first stage on CoNLL-2003 train + dev (the average of RUNS=4 seeded runs)
#   5. first-stage models on each half of the documents, whose tags of the other half are
#      the second stage's training input (a document's first-stage tags never come from a
#      model that saw its labels)
#   6. the second stage, written with the first into      -> models/ner.bin
#   STAGE2=0 stops after step 4 and writes the one-stage model to ner.bin.
# Settings (epochs, pruning, hash size) were chosen on dev with models trained on train only:
#   TRAIN=train.txt DEV=dev.txt OUT=/tmp/nerdev tools/ner/build.sh ../shared
# does that (names and model go to OUT; dev F1 is printed after each training).
# Deterministic: every step is seeded or order-independent.
# Usage: tools/ner/build.sh [SHARED_DIR]   (default ../shared relative to the repository)
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=${1:-../shared}
D=$SHARED/data/conll2003
R=$SHARED/data/raw_news
RAW=$R/reuters21578.txt.gz,$R/bbc2005.txt.gz,$R/agnews_test.txt.gz,$R/abc2006.txt.gz,$R/wikipedia2015.txt.gz
TRAIN=$D/${TRAIN:-train.txt,$D/dev.txt}
DEVOPT=()
if [[ -n ${DEV:-} ]]; then DEVOPT=(--dev "$D/$DEV"); fi
OUT=${OUT:-models}
mkdir -p "$OUT"
OPTS=(--epochs 10 --prune 0.5 --bits 20 --seed 1)
OPTS2=(--epochs "${EPOCHS2:-10}" --prune "${PRUNE2:-0.5}" --bits 20 --seed 1 --runs "${RUNS2:-1}")
MINE=(--raw "$RAW" --max-bytes "${MAX_BYTES:-60000000}" --min-count "${MIN_COUNT:-3}")

cargo build --release -p gloss-cli
G=./target/release/gloss
TMP=${KEEP_TMP:-$(mktemp -d)}
mkdir -p "$TMP"
if [[ -z ${KEEP_TMP:-} ]]; then trap 'rm -rf "$TMP"' EXIT; fi

if [[ ! -s models/wordclasses.tsv || ${REBUILD_CLASSES:-0} == 1 ||
      ! -s models/gazetteer.tsv || ${REBUILD_GAZETTEER:-0} == 1 ]]; then
  python3 -m pip install -q -r tools/ner/requirements.txt
fi
if [[ ! -s models/wordclasses.tsv || ${REBUILD_CLASSES:-0} == 1 ]]; then
  $G train tokens --raw "$RAW" --conll "$D/train.txt" --out "$TMP/tokens.txt"
  python3 tools/ner/classes.py "$TMP/tokens.txt" models/wordclasses.tsv --vocab 100000 --seed 1
fi
if [[ ! -s models/gazetteer.tsv || ${REBUILD_GAZETTEER:-0} == 1 ]]; then
  python3 tools/ner/gazetteer.py models/gazetteer.tsv
fi
CLS=(--classes models/wordclasses.tsv)
GAZ=models/gazetteer.tsv

if [[ -z ${SKIP_MINING:-} ]]; then
  for fold in even odd; do
    $G train --train "$TRAIN" --fold $fold --out "$TMP/$fold.bin" "${OPTS[@]}" "${CLS[@]}" --gazetteer $GAZ
    $G train names --model "$TMP/$fold.bin" "${MINE[@]}" --out "$TMP/names-$fold.tsv"
  done
  $G train --train "$TRAIN" --out "$TMP/full.bin" "${OPTS[@]}" "${CLS[@]}" --gazetteer $GAZ
  $G train names --model "$TMP/full.bin" "${MINE[@]}" --out "$OUT/names.tsv"
fi
LISTS=(--gazetteer "$GAZ,$OUT/names.tsv" --jackknife "$TMP/names-even.tsv,$TMP/names-odd.tsv")

FINAL=(--runs "${RUNS:-4}")
if [[ ${STAGE2:-1} != 1 ]]; then
  $G train --train "$TRAIN" --out "$OUT/ner.bin" "${OPTS[@]}" "${FINAL[@]}" "${CLS[@]}" "${LISTS[@]}" "${DEVOPT[@]}"
  exit 0
fi
$G train --train "$TRAIN" --out "$TMP/stage1.bin" "${OPTS[@]}" "${FINAL[@]}" "${CLS[@]}" "${LISTS[@]}" "${DEVOPT[@]}"
for fold in even odd; do
  $G train --train "$TRAIN" --fold $fold --out "$TMP/stage1-$fold.bin" "${OPTS[@]}" "${CLS[@]}" \
    --gazetteer "$GAZ,$TMP/names-$fold.tsv"
done
$G train --train "$TRAIN" --out "$OUT/ner.bin" "${OPTS2[@]}" "${CLS[@]}" "${LISTS[@]}" "${DEVOPT[@]}" \
  --stage1 "$TMP/stage1.bin" --stage1-folds "$TMP/stage1-even.bin,$TMP/stage1-odd.bin"

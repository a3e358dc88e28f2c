#!/bin/sh
# Fills the (untracked) working corpus corpus/pipeline for `cargo fuzz run pipeline`:
# the hand-written seeds, the sample articles, and, when it is beside the repository,
# a few articles of the shared corpus (read-only research text: it stays in the
# untracked corpus folder, never in the repository). The first byte of each input
# chooses how the target reads it: '0' a .txt file, '1' a JSON line, '2' article text.
set -eu
cd "$(dirname "$0")"
out=corpus/pipeline
mkdir -p "$out"
cp seeds/* "$out"/
for f in ../data/sample/*.txt; do
    { printf 0; cat "$f"; } > "$out/sample-$(basename "$f")"
done
n=0
while IFS= read -r line; do
    n=$((n + 1))
    { printf 1; printf '%s' "$line"; } > "$out/sample-jsonl-$n"
done < ../data/sample/articles.jsonl
shared=../../shared/corpus
if [ -d "$shared/dev" ]; then
    for f in $(ls "$shared"/dev/*.txt | head -n 40); do
        { printf 0; head -c 8000 "$f"; } > "$out/shared-$(basename "$f")"
    done
fi
for f in "$shared"/*.jsonl; do
    [ -f "$f" ] || continue
    n=0
    head -n 15 "$f" | while IFS= read -r line; do
        n=$((n + 1))
        { printf 1; printf '%s' "$line"; } > "$out/shared-$(basename "$f" .jsonl)-$n"
    done
done
ls "$out" | wc -l

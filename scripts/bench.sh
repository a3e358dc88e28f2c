#!/bin/sh
# End-to-end benchmark for `make bench`: builds JSON Lines corpora under target/bench/ from
# $SHARED/corpus/*.jsonl (never checked in), runs the release binary over them with 1 and 2
# threads, prints MB/s, documents/s, claims and peak resident memory, and checks that the
# 1- and 2-thread tables are the same bytes.
#
# Only POSIX sh, sed, awk, cmp and date (plus GNU time when present): a fresh machine with
# the Rust toolchain has them, no Python needed.
#
#   scripts/bench.sh [SHARED]      (default ../shared; BIN=... overrides the binary)
set -eu

SHARED=${1:-../shared}
BIN=${BIN:-./target/release/claimtab}
DIR=target/bench

[ -x "$BIN" ] || { echo "bench: $BIN not built (make build)" >&2; exit 2; }
set -- "$SHARED"/corpus/*.jsonl
[ -f "$1" ] || { echo "bench: no $SHARED/corpus/*.jsonl (set SHARED=...)" >&2; exit 2; }
mkdir -p "$DIR"

# corpus FILE COPIES: the shared corpora concatenated COPIES times, the ids of copy N
# prefixed with `rN-` so that they stay unique (every line starts with `{"id": "`; a line
# that does not would keep its id, and the run would report it as a repeated id).
corpus() {
    out=$1 copies=$2
    fresh=yes
    if [ -f "$out" ]; then
        for f in "$SHARED"/corpus/*.jsonl; do
            [ "$f" -nt "$out" ] && fresh=no
        done
    else
        fresh=no
    fi
    [ "$fresh" = yes ] && return 0
    : >"$out.tmp"
    n=1
    while [ "$n" -le "$copies" ]; do
        sed "s/^{\"id\": \"/{\"id\": \"r$n-/" "$SHARED"/corpus/*.jsonl >>"$out.tmp"
        n=$((n + 1))
    done
    mv "$out.tmp" "$out"
}

now_ns() { date +%s%N; }

# Runs a command; writes "peak-resident-KB cpu-seconds" to $DIR/rss: from GNU time if
# present, else the kernel's high-water mark (VmHWM) polled from /proc while the command
# runs (and no CPU time).
measure() {
    if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$DIR/rss" true 2>/dev/null; then
        /usr/bin/time -f '%M %U %S' -o "$DIR/rss" "$@"
    else
        "$@" &
        pid=$!
        hwm=0
        while kill -0 "$pid" 2>/dev/null; do
            v=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
            [ -n "$v" ] && hwm=$v
            sleep 0.05
        done
        wait "$pid"
        echo "$hwm" >"$DIR/rss"
    fi
}

# run NAME CORPUS THREADS: one run, one row of the table.
run() {
    name=$1 input=$2 threads=$3
    out="$DIR/out-$name-t$threads"
    # The last run's tables go first, outside the timing: replacing them would time the
    # file system freeing 100 MB, not claimtab (a nightly job writes to a fresh folder).
    rm -rf "$out"
    start=$(now_ns)
    measure "$BIN" run "$input" --out "$out" --threads "$threads" --progress never \
        2>"$DIR/stderr" || { cat "$DIR/stderr" >&2; exit 1; }
    end=$(now_ns)
    cp "$DIR/rss" "$DIR/rss-$name-t$threads"
    bytes=$(wc -c <"$input")
    tail -n 1 "$DIR/stderr" | awk -v name="$name" -v t="$threads" -v bytes="$bytes" \
        -v ns=$((end - start)) -v usage="$(tail -n 1 "$DIR/rss")" '
        # claimtab: 63903 documents, 233805 claims, 0 errors in 2.00 s (35.0 MB/s)
        {
            s = ns / 1e9
            n = split(usage, u, " ")
            cpu = n >= 3 ? sprintf("%.2f", u[2] + u[3]) : "-"
            printf "%-8s %7.1f %7s %8.2f %8.1f %9.0f %9d %9.1f %8s\n", name, bytes / 1e6, t, s,
                bytes / 1e6 / s, $2 / s, $4, u[1] / 1024, cpu
        }'
}

corpus "$DIR/corpus-x3.jsonl" 3
corpus "$DIR/corpus-x9.jsonl" 9

load=$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo '?')
echo "claimtab bench: $(nproc 2>/dev/null || echo '?') cores, load average $load before the runs"
echo "MB/s = input JSON Lines bytes / wall time; cpu s = user + system time"
printf '%-8s %7s %7s %8s %8s %9s %9s %9s %8s\n' corpus MB threads seconds MB/s docs/s claims \
    'peak MB' 'cpu s'
run x3 "$DIR/corpus-x3.jsonl" 1
run x3 "$DIR/corpus-x3.jsonl" 2
run x9 "$DIR/corpus-x9.jsonl" 2
awk '{ a = $1 } END { split(b, x, " "); printf "peak memory, 3x larger corpus / 70 MB corpus (2 threads): %.2f\n", x[1] / a }' \
    b="$(tail -n 1 "$DIR/rss-x9-t2")" "$DIR/rss-x3-t2"

same=yes
for table in claims.csv sources.csv documents.csv; do
    cmp -s "$DIR/out-x3-t1/$table" "$DIR/out-x3-t2/$table" || {
        same=no
        echo "bench: $table differs between 1 and 2 threads:" >&2
        cmp "$DIR/out-x3-t1/$table" "$DIR/out-x3-t2/$table" >&2 || true
    }
done
if [ "$same" = yes ]; then
    echo "outputs, 1 vs 2 threads (cmp claims.csv sources.csv documents.csv): identical"
else
    echo "outputs, 1 vs 2 threads: DIFFERENT"
    exit 1
fi

#!/usr/bin/env bash
# Two threads against one, measured against what the machine itself allows.
#
#   benches/threads_paired.sh [ROUNDS] [PATH]     # default 5 rounds on ../shared/corpus
#
# Each round, back to back (order alternating between rounds, so drift cancels):
#   t1    `tifa extract PATH -j1`
#   t2    `tifa extract PATH -j2`
#   pair  two `tifa extract PATH -j1` started together: how long the machine takes to run the
#         same one-thread job on both cores at once.
# Speed-up of -j2 = t1 / t2. The machine's ceiling = 2 * t1 / pair: two independent processes
# share nothing in tifa, so whatever keeps them from 2x (shared caches, memory bandwidth,
# neighbours on a shared host) also bounds -j2. Medians of the per-round figures are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
CORPUS=${2:-../shared/corpus}
[ -e "$CORPUS" ] || { echo "skip: $CORPUS not found"; exit 0; }
[ "$(nproc)" -ge 2 ] || { echo "skip: needs 2 cores"; exit 0; }
cargo build --release -q
TIFA=$PWD/target/release/tifa
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
one() { "$TIFA" extract "$CORPUS" -q -j "$1" -o "$work/out-$2.jsonl"; }
rows=()
for r in $(seq 1 "$ROUNDS"); do
    steps=(t1 t2 pair)
    (( r % 2 )) || steps=(pair t2 t1)
    for s in "${steps[@]}"; do
        a=$(now)
        case $s in
            t1) one 1 a ;;
            t2) one 2 b ;;
            pair) one 1 c & one 1 d; wait ;;
        esac
        b=$(now)
        declare "$s=$(python3 -c "print($b - $a)")"
    done
    cmp -s "$work/out-a.jsonl" "$work/out-b.jsonl" || echo "  !! -j2 output differs from -j1"
    rows+=("$t1 $t2 $pair")
    python3 -c "t1,t2,p=$t1,$t2,$pair; print(f'round $r: -j1 {t1:.2f} s, -j2 {t2:.2f} s, two -j1 at once {p:.2f} s: speed-up {t1/t2:.2f}x, ceiling {2*t1/p:.2f}x')"
done
printf '%s\n' "${rows[@]}" | python3 -c '
import statistics, sys
rows = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
sp = statistics.median(t1 / t2 for t1, t2, _ in rows)
ce = statistics.median(2 * t1 / p for t1, _, p in rows)
ef = statistics.median((t1 / t2) / (2 * t1 / p) for t1, t2, p in rows)
print(f"median: -j2 speed-up {sp:.2f}x; machine ceiling {ce:.2f}x; -j2 reaches {ef:.0%} of the ceiling")
'

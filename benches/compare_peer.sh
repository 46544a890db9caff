#!/usr/bin/env bash
# Time the Python peer pipeline (../shared/peers/py_pipeline.py: OpenCC t2s + jieba + two
# regexes) and `tifa extract` on the same input, in one run, and print the ratio.
#
#   benches/compare_peer.sh [SIZE_MB] [MODE]
#
# Input: the plain-text seeds in corpus/ joined and repeated to SIZE_MB (default 50) in one temporary
# UTF-8 file. tifa runs with -j1 (one core, like the peer's single process); the peer runs in
# MODE (default `full`). The peer's virtual environment is made in /tmp/peer-venv on first use
# (PyPI: jieba 0.42.1, opencc 1.4.2), never inside the project.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${1:-50}
MODE=${2:-full}
PEER=../shared/peers/py_pipeline.py
VENV=${PEER_VENV:-/tmp/peer-venv}
[ -f "$PEER" ] || { echo "skip: $PEER not found (needs ../shared/peers)"; exit 0; }
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import jieba, opencc' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q jieba==0.42.1 opencc==1.4.2
fi
cargo build --release -q
TIFA=target/release/tifa

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
input="$work/seeds-${SIZE_MB}MB.txt"
python3 - "$input" "$SIZE_MB" <<'PY'
import re, sys, pathlib
out, mb = sys.argv[1], float(sys.argv[2])
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path("corpus").iterdir()) if p.is_file()]
# The plain-text seeds only, as benches/stages.rs uses them: with the HTML seed inside, the
# whole buffer would sniff as one HTML page, which is not what the peer reads either.
unit = "\n".join(t for t in texts if not re.search(r"<(html|body|div|p)[ >]", t, re.I))
target = int(mb * 1e6)
with open(out, "w", encoding="utf-8") as f:
    n = 0
    while n < target:
        f.write(unit + "\n")
        n += len(unit.encode()) + 1
PY
bytes=$(stat -c %s "$input")
echo "input: $input, $bytes bytes (corpus/ repeated)"

now() { date +%s.%N; }
# tifa runs once before the peer and twice after it; the median of the three is compared, so a
# disturbance of one run on this shared machine does not decide the ratio.
tifa_run() {
    local a b
    a=$(now)
    "$TIFA" extract "$input" -j 1 -q --max-bytes 1G -o "$work/tifa.jsonl"
    b=$(now)
    python3 -c "print($b - $a)"
}
r1=$(tifa_run)
t0=$(now)
"$VENV/bin/python" "$PEER" "$MODE" "$input" > "$work/peer.txt"
t1=$(now)
r2=$(tifa_run)
r3=$(tifa_run)
python3 - "$bytes" "$t0" "$t1" "$r1" "$r2" "$r3" "$(cat "$work/peer.txt")" <<'PY'
import statistics, sys
b, t0, t1 = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
runs = [float(x) for x in sys.argv[4:7]]
peer = sys.argv[7]
peer_s, tifa_s = t1 - t0, statistics.median(runs)
print(f"peer ({peer.split()[0]}): {peer_s:7.2f} s  {b / 1e6 / peer_s:7.2f} MB/s   [{peer}]")
print(f"tifa -j1:     {tifa_s:7.2f} s  {b / 1e6 / tifa_s:7.2f} MB/s   (median of {', '.join(f'{r:.2f}' for r in runs)} s)")
print(f"ratio: tifa is {peer_s / tifa_s:.1f}x the peer's throughput on one core")
PY

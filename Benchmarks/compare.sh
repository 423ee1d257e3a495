#!/usr/bin/env bash
# Runs the NumPy seed networks and nnbench side by side on this machine and prints, per workload,
# both times and the speed-up of nnbench over NumPy (NumPy seconds / nnbench seconds, same epochs).
#
#   Benchmarks/compare.sh           # full run (a few minutes)
#   Benchmarks/compare.sh --quick   # one repeat, 20-epoch W4: a smoke test
#
# Needs python3 with numpy, scikit-learn and threadpoolctl. The machine is shared: only ratios from
# one run mean anything, so both sides run back to back, here, now.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product nnbench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== NumPy $(python3 -c 'import numpy; print(numpy.__version__)')"
python3 Benchmarks/numpy/seeds_bench.py "$@" | tee "$work/numpy.txt"
echo "== nnbench"
.build/release/nnbench "$@" | tee "$work/nnbench.txt"
echo "== nnbench vs NumPy (same epochs; W4xT = T threads for both)"
awk '
  FNR == NR && $1 == "RESULT" { numpy[$2] = $4; epochs[$2] = $3; order[++n] = $2; next }
  $1 == "RESULT" { ours[$2] = $4; ourEpochs[$2] = $3 }
  END {
    printf "%-11s %7s %12s %12s %14s %10s\n", "workload", "epochs", "NumPy s", "nnbench s", "nnbench ep/s", "speed-up"
    for (i = 1; i <= n; i++) {
      w = order[i]
      if (!(w in ours)) continue
      if (ourEpochs[w] != epochs[w]) { printf "%-11s epochs differ\n", w; continue }
      printf "%-11s %7d %12.4f %12.4f %14.0f %9.1fx\n", w, epochs[w], numpy[w], ours[w], epochs[w] / ours[w], numpy[w] / ours[w]
    }
  }
' "$work/numpy.txt" "$work/nnbench.txt"

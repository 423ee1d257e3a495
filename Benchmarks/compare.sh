#!/usr/bin/env bash
# Runs the NumPy seed networks and nnbench side by side on this machine and prints, per workload,
# both times and the speed-up of nnbench over NumPy (NumPy seconds / nnbench seconds, same epochs).
#
#   Benchmarks/compare.sh              # 3 rounds (a few minutes)
#   Benchmarks/compare.sh --rounds=5   # more rounds
#   Benchmarks/compare.sh W1 W3        # only the workloads whose names start so, on both sides
#   Benchmarks/compare.sh --quick      # one round, one repeat, 20-epoch W4: a smoke test
#   Benchmarks/compare.sh --no-avx512  # nnbench on its 256-bit kernels
#
# Each round runs the NumPy workloads, then nnbench's; each side's time is its best over the
# rounds. The machine is shared and its speed drifts over tens of seconds: alternating the two
# sides and keeping each one's best compares them at the machine's best, not one side in a slow
# spell and the other in a fast one.
#
# Needs python3 with numpy, scikit-learn and threadpoolctl.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3
quick=false
numpyArguments=()
nnbenchArguments=()
for argument in "$@"; do
  case "$argument" in
    --rounds=*)
      rounds=${argument#--rounds=}
      if ! [[ $rounds =~ ^[1-9][0-9]*$ ]]; then
        echo "compare.sh: --rounds needs a whole number above 0, as in --rounds=5; got '$argument'" >&2
        exit 2
      fi
      ;;
    --quick)
      quick=true
      numpyArguments+=("$argument")
      nnbenchArguments+=("$argument")
      ;;
    --no-avx512) nnbenchArguments+=("$argument") ;;
    -*)
      echo "compare.sh: unknown option '$argument' (--rounds=N, --quick, --no-avx512, or workload names)" >&2
      exit 2
      ;;
    *)
      numpyArguments+=("$argument")
      nnbenchArguments+=("$argument")
      ;;
  esac
done
# A smoke test is one round, whatever --rounds says.
if $quick; then rounds=1; fi
swift build -c release --product nnbench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for round in $(seq "$rounds"); do
  echo "== round $round of $rounds: NumPy $(python3 -c 'import numpy; print(numpy.__version__)')"
  python3 Benchmarks/numpy/seeds_bench.py ${numpyArguments[@]+"${numpyArguments[@]}"} \
    | tee -a "$work/numpy.txt"
  echo "== round $round of $rounds: nnbench"
  .build/release/nnbench ${nnbenchArguments[@]+"${nnbenchArguments[@]}"} \
    | tee -a "$work/nnbench.txt"
done
echo "== nnbench vs NumPy, best of $rounds round(s) each (same epochs; W4xT = T threads for both)"
awk '
  FNR == NR && $1 == "RESULT" {
    if (!($2 in numpy)) { order[++n] = $2; numpy[$2] = $4 } else if ($4 < numpy[$2]) numpy[$2] = $4
    epochs[$2] = $3; next
  }
  $1 == "RESULT" { if (!($2 in ours) || $4 < ours[$2]) ours[$2] = $4; ourEpochs[$2] = $3 }
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

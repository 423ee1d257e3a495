#!/usr/bin/env bash
# Checks issue #8's "no heap allocation inside the training loop after the first epoch": runs
# nnbench's workloads for two numbers of epochs under valgrind and compares the heap allocation
# counts, which must be equal (every buffer is allocated before or during the first epoch).
#
#   Benchmarks/allocations.sh             # W1 W2 W3 F1 F2 F3 (F1: Adam, mini-batches, dropout,
#                                         # L1, a cosine schedule and validation at once; F2:
#                                         # products split across every core; F3: a 10-class head
#                                         # on the layer path)
#   Benchmarks/allocations.sh W3 F1       # only these workloads
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 1; }
swift build -c release --product nnbench >/dev/null 2>&1 || swift build -c release --product nnbench
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(W1 W2 W3 F1 F2 F3)

allocations() { # workload epochs; prints nothing when the run fails
  { valgrind --tool=memcheck .build/release/nnbench --no-probe --epochs="$2" "$1" 2>&1 || true; } \
    | sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,
}

failed=0
printf "%-8s %14s %14s %s\n" workload "allocs @ 2" "allocs @ 5" "per extra epoch"
for workload in "${workloads[@]}"; do
  short=$(allocations "$workload" 2)
  long=$(allocations "$workload" 5)
  if [ -z "$short" ] || [ -z "$long" ]; then
    echo "$workload: valgrind gave no count"; failed=1; continue
  fi
  per=$(( (long - short) / 3 ))
  printf "%-8s %14d %14d %s\n" "$workload" "$short" "$long" "$per"
  [ "$long" -eq "$short" ] || failed=1
done
if [ "$failed" -ne 0 ]; then
  echo "FAIL: training allocates after its first epoch"
  exit 1
fi
echo "OK: no allocation after the first epoch"

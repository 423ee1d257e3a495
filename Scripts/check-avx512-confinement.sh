#!/usr/bin/env bash
# Checks that AVX-512 instructions occur only in the WideKernels module's own functions, which the
# library enters only after asking the CPU (Sources/CPUFeatures). Anything else built for
# skylake-avx512 that the linker picked for other modules' calls (a shared generic helper, say)
# would stop a CPU without AVX-512 with "Illegal instruction".
#
#   Scripts/check-avx512-confinement.sh [BINARY…]   # default: the release nnbook and nnbench
set -euo pipefail
cd "$(dirname "$0")/.."
binaries=("$@")
[ ${#binaries[@]} -gt 0 ] || binaries=(.build/release/nnbook .build/release/nnbench)
failed=0
for binary in "${binaries[@]}"; do
  [ -x "$binary" ] || { echo "$binary: not built (swift build -c release)"; failed=1; continue; }
  # An instruction is AVX-512 when EVEX-encoded (first byte 0x62 after any address-size or segment
  # prefix) or when it names a zmm, mask or upper-16 vector register.
  outside=$(objdump -d "$binary" | awk -F'\t' '
    /^[0-9a-f]+ <.*>:$/ { name = $0; sub(/^[0-9a-f]+ </, "", name); sub(/>:$/, "", name); next }
    NF >= 3 {
      split($2, bytes, " "); i = 1
      while (bytes[i] ~ /^(67|64|65|2e|3e|26|36)$/) i++
      if (bytes[i] == "62" || $3 ~ /%zmm|%k[0-7]([^0-9]|$)|%[xy]mm(1[6-9]|2[0-9]|3[01])/) {
        if (name !~ /^\$s11WideKernels/) count[name]++
      }
    }
    END { for (n in count) printf "%6d  %s\n", count[n], n }')
  if [ -n "$outside" ]; then
    echo "$binary: AVX-512 instructions outside WideKernels:"
    echo "$outside"
    failed=1
  else
    echo "$binary: AVX-512 only in WideKernels"
  fi
done
exit "$failed"

#ifndef NNBOOK_CPU_FEATURES_H
#define NNBOOK_CPU_FEATURES_H

/// Whether this CPU and operating system can run AVX-512 code of the kind `-target-cpu
/// skylake-avx512` emits: the F, CD, DQ, BW and VL extensions, with the operating system saving
/// the 512-bit and mask registers. Always 0 off x86-64.
int nnbook_supports_avx512(void);

#endif

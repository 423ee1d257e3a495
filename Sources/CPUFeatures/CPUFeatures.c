#include "CPUFeatures.h"

#if defined(__x86_64__)
#include <cpuid.h>

int nnbook_supports_avx512(void) {
  unsigned int eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
  const unsigned int osxsave = 1u << 27;
  if (!(ecx & osxsave)) return 0;
  // XCR0: SSE, AVX, opmask, upper halves of ZMM0–15 and ZMM16–31 all enabled by the OS.
  unsigned int low, high;
  __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
  (void)high;
  if ((low & 0xe6) != 0xe6) return 0;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
  const unsigned int needed = (1u << 16)    // AVX512F
                              | (1u << 17)  // AVX512DQ
                              | (1u << 28)  // AVX512CD
                              | (1u << 30)  // AVX512BW
                              | (1u << 31); // AVX512VL
  return (ebx & needed) == needed;
}

#else

int nnbook_supports_avx512(void) { return 0; }

#endif

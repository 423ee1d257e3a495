#ifndef VECTOR_INTRINSICS_H
#define VECTOR_INTRINSICS_H

/// Eight-lane vector operations for Swift, each one operation in the compiler's own vector terms.
/// (The `lanes_` prefix keeps them apart from Apple's `simd` names.)
///
/// Swift's `SIMD8<Double>` arithmetic computes lane by lane and leaves the compiler to put the
/// lanes back together into vector instructions, which it gives up on in long functions (a
/// polynomial, a loss head): the lanes then go through scalar instructions one by one, several
/// times slower. These functions are inlined into their Swift callers and built for the caller's
/// CPU: one 512-bit instruction with AVX-512, two 256-bit ones on Haswell, and without FMA the C
/// library's `fma` per lane. Each is exactly rounded (no contraction), so the bits are the same in
/// every case.

/// Eight doubles, and eight 64-bit integers (masks are all ones or all zeros per lane): Swift sees
/// them as `SIMD8<Double>` and `SIMD8<Int64>`.
typedef double lanes_double8 __attribute__((ext_vector_type(8)));
typedef long long lanes_long8 __attribute__((ext_vector_type(8)));

#define LANES_INLINE static inline __attribute__((always_inline))

LANES_INLINE lanes_double8 lanes_add(lanes_double8 a, lanes_double8 b) { return a + b; }
LANES_INLINE lanes_double8 lanes_subtract(lanes_double8 a, lanes_double8 b) { return a - b; }
LANES_INLINE lanes_double8 lanes_multiply(lanes_double8 a, lanes_double8 b) { return a * b; }
LANES_INLINE lanes_double8 lanes_divide(lanes_double8 a, lanes_double8 b) { return a / b; }

/// `a·b + c` in each lane with one rounding: a fused multiply-add.
LANES_INLINE lanes_double8 lanes_fma(lanes_double8 a, lanes_double8 b, lanes_double8 c) {
  return __builtin_elementwise_fma(a, b, c);
}

/// Comparisons: all ones where true (never for a NaN lane, but in `lanes_not_equal`).
LANES_INLINE lanes_long8 lanes_less(lanes_double8 a, lanes_double8 b) {
  return (lanes_long8)(a < b);
}
LANES_INLINE lanes_long8 lanes_less_or_equal(lanes_double8 a, lanes_double8 b) {
  return (lanes_long8)(a <= b);
}
LANES_INLINE lanes_long8 lanes_not_equal(lanes_double8 a, lanes_double8 b) {
  return (lanes_long8)(a != b);
}

/// `a` where `mask` is all ones, `b` where it is zero.
LANES_INLINE lanes_double8 lanes_select(lanes_long8 mask, lanes_double8 a, lanes_double8 b) {
  return (lanes_double8)(((lanes_long8)a & mask) | ((lanes_long8)b & ~mask));
}

LANES_INLINE lanes_long8 lanes_and(lanes_long8 a, lanes_long8 b) { return a & b; }
LANES_INLINE lanes_long8 lanes_or(lanes_long8 a, lanes_long8 b) { return a | b; }
LANES_INLINE lanes_long8 lanes_not(lanes_long8 a) { return ~a; }
LANES_INLINE lanes_long8 lanes_add_integers(lanes_long8 a, lanes_long8 b) { return a + b; }
LANES_INLINE lanes_long8 lanes_subtract_integers(lanes_long8 a, lanes_long8 b) {
  return a - b;
}
LANES_INLINE lanes_long8 lanes_shift_left(lanes_long8 a, int bits) { return a << bits; }
/// Shifts in copies of the sign bit.
LANES_INLINE lanes_long8 lanes_shift_right(lanes_long8 a, int bits) { return a >> bits; }

/// Whether every lane of a mask is all ones.
LANES_INLINE _Bool lanes_all(lanes_long8 mask) {
  return __builtin_reduce_and(mask) == -1;
}

/// A mask's lanes as the bits of a byte, lane `i` in bit `i`, and a mask from such a byte: a ReLU
/// layer's `z > 0` kept in a byte per 8 examples instead of their 64 bytes of activations.
LANES_INLINE unsigned char lanes_mask_byte(lanes_long8 mask) {
  typedef _Bool lanes_bool8 __attribute__((ext_vector_type(8)));
  lanes_bool8 lanes = __builtin_convertvector(mask, lanes_bool8);
  unsigned char byte;
  __builtin_memcpy(&byte, &lanes, 1);
  return byte;
}
LANES_INLINE lanes_long8 lanes_mask_from_byte(unsigned char byte) {
  const lanes_long8 bits = {1, 2, 4, 8, 16, 32, 64, 128};
  return (lanes_long8)(((lanes_long8)((long long)byte) & bits) != 0);
}

/// The lanes' bits as the other type.
LANES_INLINE lanes_long8 lanes_bits(lanes_double8 a) { return (lanes_long8)a; }
LANES_INLINE lanes_double8 lanes_from_bits(lanes_long8 a) { return (lanes_double8)a; }

/// Four doubles: Swift sees them as `SIMD4<Double>`.
typedef double lanes_double4 __attribute__((ext_vector_type(4)));

/// The sums of the lanes of `a`, `b`, `c` and `d`, each in the same fixed tree: the halves'
/// lanes added (`lᵢ + lᵢ₊₄`), then the quarters' (`qⱼ + qⱼ₊₂`), then the last pair. Four at once
/// in whole vectors, rather than one lane at a time.
LANES_INLINE lanes_double4 lanes_sums(
    lanes_double8 a, lanes_double8 b, lanes_double8 c, lanes_double8 d) {
  lanes_double8 quartersAB = __builtin_shufflevector(a, b, 0, 1, 2, 3, 8, 9, 10, 11)
                             + __builtin_shufflevector(a, b, 4, 5, 6, 7, 12, 13, 14, 15);
  lanes_double8 quartersCD = __builtin_shufflevector(c, d, 0, 1, 2, 3, 8, 9, 10, 11)
                             + __builtin_shufflevector(c, d, 4, 5, 6, 7, 12, 13, 14, 15);
  lanes_double8 pairs =
      __builtin_shufflevector(quartersAB, quartersCD, 0, 1, 4, 5, 8, 9, 12, 13)
      + __builtin_shufflevector(quartersAB, quartersCD, 2, 3, 6, 7, 10, 11, 14, 15);
  return __builtin_shufflevector(pairs, pairs, 0, 2, 4, 6)
         + __builtin_shufflevector(pairs, pairs, 1, 3, 5, 7);
}

/// Copies the 8 × 8 block of doubles whose rows start `sourceStride` doubles apart at `source` to
/// the block whose rows start `targetStride` apart at `target`, transposed (source row `i` becomes
/// target column `i`): eight loads, three rounds of shuffles in registers, eight stores, where an
/// element-by-element copy takes 64 loads and 64 stores. Neither block need be aligned.
LANES_INLINE void lanes_transpose8x8(
    const double *source, long sourceStride, double *target, long targetStride) {
  typedef double unaligned8 __attribute__((ext_vector_type(8), aligned(8)));
  lanes_double8 r0 = *(const unaligned8 *)(source);
  lanes_double8 r1 = *(const unaligned8 *)(source + sourceStride);
  lanes_double8 r2 = *(const unaligned8 *)(source + 2 * sourceStride);
  lanes_double8 r3 = *(const unaligned8 *)(source + 3 * sourceStride);
  lanes_double8 r4 = *(const unaligned8 *)(source + 4 * sourceStride);
  lanes_double8 r5 = *(const unaligned8 *)(source + 5 * sourceStride);
  lanes_double8 r6 = *(const unaligned8 *)(source + 6 * sourceStride);
  lanes_double8 r7 = *(const unaligned8 *)(source + 7 * sourceStride);
  // Pairs of rows, element by element: even columns in one vector, odd in the other.
  lanes_double8 a0 = __builtin_shufflevector(r0, r1, 0, 8, 2, 10, 4, 12, 6, 14);
  lanes_double8 a1 = __builtin_shufflevector(r0, r1, 1, 9, 3, 11, 5, 13, 7, 15);
  lanes_double8 a2 = __builtin_shufflevector(r2, r3, 0, 8, 2, 10, 4, 12, 6, 14);
  lanes_double8 a3 = __builtin_shufflevector(r2, r3, 1, 9, 3, 11, 5, 13, 7, 15);
  lanes_double8 a4 = __builtin_shufflevector(r4, r5, 0, 8, 2, 10, 4, 12, 6, 14);
  lanes_double8 a5 = __builtin_shufflevector(r4, r5, 1, 9, 3, 11, 5, 13, 7, 15);
  lanes_double8 a6 = __builtin_shufflevector(r6, r7, 0, 8, 2, 10, 4, 12, 6, 14);
  lanes_double8 a7 = __builtin_shufflevector(r6, r7, 1, 9, 3, 11, 5, 13, 7, 15);
  // Fours of rows, pair by pair: columns (0, 4), (2, 6), (1, 5) and (3, 7).
  lanes_double8 b0 = __builtin_shufflevector(a0, a2, 0, 1, 8, 9, 4, 5, 12, 13);
  lanes_double8 b2 = __builtin_shufflevector(a0, a2, 2, 3, 10, 11, 6, 7, 14, 15);
  lanes_double8 b1 = __builtin_shufflevector(a1, a3, 0, 1, 8, 9, 4, 5, 12, 13);
  lanes_double8 b3 = __builtin_shufflevector(a1, a3, 2, 3, 10, 11, 6, 7, 14, 15);
  lanes_double8 b4 = __builtin_shufflevector(a4, a6, 0, 1, 8, 9, 4, 5, 12, 13);
  lanes_double8 b6 = __builtin_shufflevector(a4, a6, 2, 3, 10, 11, 6, 7, 14, 15);
  lanes_double8 b5 = __builtin_shufflevector(a5, a7, 0, 1, 8, 9, 4, 5, 12, 13);
  lanes_double8 b7 = __builtin_shufflevector(a5, a7, 2, 3, 10, 11, 6, 7, 14, 15);
  // All eight rows, four by four: one column each.
  typedef double unalignedStore8 __attribute__((ext_vector_type(8), aligned(8)));
  *(unalignedStore8 *)(target) = __builtin_shufflevector(b0, b4, 0, 1, 2, 3, 8, 9, 10, 11);
  *(unalignedStore8 *)(target + targetStride) =
      __builtin_shufflevector(b1, b5, 0, 1, 2, 3, 8, 9, 10, 11);
  *(unalignedStore8 *)(target + 2 * targetStride) =
      __builtin_shufflevector(b2, b6, 0, 1, 2, 3, 8, 9, 10, 11);
  *(unalignedStore8 *)(target + 3 * targetStride) =
      __builtin_shufflevector(b3, b7, 0, 1, 2, 3, 8, 9, 10, 11);
  *(unalignedStore8 *)(target + 4 * targetStride) =
      __builtin_shufflevector(b0, b4, 4, 5, 6, 7, 12, 13, 14, 15);
  *(unalignedStore8 *)(target + 5 * targetStride) =
      __builtin_shufflevector(b1, b5, 4, 5, 6, 7, 12, 13, 14, 15);
  *(unalignedStore8 *)(target + 6 * targetStride) =
      __builtin_shufflevector(b2, b6, 4, 5, 6, 7, 12, 13, 14, 15);
  *(unalignedStore8 *)(target + 7 * targetStride) =
      __builtin_shufflevector(b3, b7, 4, 5, 6, 7, 12, 13, 14, 15);
}

#endif

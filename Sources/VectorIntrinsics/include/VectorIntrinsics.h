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

#endif

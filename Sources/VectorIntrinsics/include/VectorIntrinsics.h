#ifndef VECTOR_INTRINSICS_H
#define VECTOR_INTRINSICS_H

/// Eight-lane vector operations for Swift, each one operation in the compiler's own vector terms.
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
typedef double vector_double8 __attribute__((ext_vector_type(8)));
typedef long long vector_long8 __attribute__((ext_vector_type(8)));

#define VECTOR_INLINE static inline __attribute__((always_inline))

VECTOR_INLINE vector_double8 vector_add(vector_double8 a, vector_double8 b) { return a + b; }
VECTOR_INLINE vector_double8 vector_subtract(vector_double8 a, vector_double8 b) { return a - b; }
VECTOR_INLINE vector_double8 vector_multiply(vector_double8 a, vector_double8 b) { return a * b; }
VECTOR_INLINE vector_double8 vector_divide(vector_double8 a, vector_double8 b) { return a / b; }

/// `a·b + c` in each lane with one rounding: a fused multiply-add.
VECTOR_INLINE vector_double8 vector_fma(vector_double8 a, vector_double8 b, vector_double8 c) {
  return __builtin_elementwise_fma(a, b, c);
}

/// Comparisons: all ones where true (never for a NaN lane, but in `vector_not_equal`).
VECTOR_INLINE vector_long8 vector_less(vector_double8 a, vector_double8 b) {
  return (vector_long8)(a < b);
}
VECTOR_INLINE vector_long8 vector_less_or_equal(vector_double8 a, vector_double8 b) {
  return (vector_long8)(a <= b);
}
VECTOR_INLINE vector_long8 vector_not_equal(vector_double8 a, vector_double8 b) {
  return (vector_long8)(a != b);
}

/// `a` where `mask` is all ones, `b` where it is zero.
VECTOR_INLINE vector_double8 vector_select(vector_long8 mask, vector_double8 a, vector_double8 b) {
  return (vector_double8)(((vector_long8)a & mask) | ((vector_long8)b & ~mask));
}

VECTOR_INLINE vector_long8 vector_and(vector_long8 a, vector_long8 b) { return a & b; }
VECTOR_INLINE vector_long8 vector_or(vector_long8 a, vector_long8 b) { return a | b; }
VECTOR_INLINE vector_long8 vector_not(vector_long8 a) { return ~a; }
VECTOR_INLINE vector_long8 vector_add_integers(vector_long8 a, vector_long8 b) { return a + b; }
VECTOR_INLINE vector_long8 vector_subtract_integers(vector_long8 a, vector_long8 b) {
  return a - b;
}
VECTOR_INLINE vector_long8 vector_shift_left(vector_long8 a, int bits) { return a << bits; }
/// Shifts in copies of the sign bit.
VECTOR_INLINE vector_long8 vector_shift_right(vector_long8 a, int bits) { return a >> bits; }

/// Whether every lane of a mask is all ones.
VECTOR_INLINE _Bool vector_all(vector_long8 mask) {
  return __builtin_reduce_and(mask) == -1;
}

/// The lanes' bits as the other type.
VECTOR_INLINE vector_long8 vector_bits(vector_double8 a) { return (vector_long8)a; }
VECTOR_INLINE vector_double8 vector_from_bits(vector_long8 a) { return (vector_double8)a; }

#endif

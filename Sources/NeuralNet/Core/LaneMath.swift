import VectorIntrinsics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Eight-lane versions of the C library's `exp`, `log1p` and `tanh`, and of the logistic sigmoid, for
/// the loss heads (``LaneHeads``) and the hidden layers of both paths.
///
/// `exp` and `log1p` are within 1 ulp of the C library's (glibc's) for the same input, and most
/// often the same bits (`LaneMathTests` measures how often); `tanh` is within 0.75 ulp of the
/// exact value, where glibc's is up to 2.1 ulp off; the sigmoid is the scalar formula on our
/// `exp`. None uses a table: the lanes' lookups, one scalar load each, cost more than the whole
/// polynomial. The fast paths keep their
/// error before the final rounding to a few tenths of an ulp. Lanes outside a fast path's range —
/// NaN, infinities, out-of-range arguments (and −0 for `log1p`), results that overflow or
/// underflow — are handed to the C library one by one, which happens only when a vector holds such a lane. A
/// lane's result never depends on the other lanes.
///
/// Every step is an exactly rounded operation on a ``LaneVector`` (`fused` is a fused
/// multiply-add), so the bits are the same in debug and release builds and on every CPU.
///
/// Like ``LaneKernels``, this file is compiled twice: into NeuralNet for Haswell and, through the
/// symbolic link `Sources/WideKernels/LaneMath.swift`, into WideKernels for AVX-512.
package enum LaneMath {
  /// eˣ in each lane.
  ///
  /// Arguments in [-708, 709] take the fast path, whose results are normal doubles.
  @inline(__always)
  package static func exp(_ x: SIMD8<Double>) -> SIMD8<Double> {
    exp(LaneVector(x)).vector
  }

  /// ln(1 + x) in each lane, accurate for `x` near 0 where `log(1 + x)` is not.
  ///
  /// Arguments in (-1, 2¹⁰⁰⁰) but −0 take the fast path. It takes the logarithm of `u = 1 + x`
  /// as rounded, with the rounding error `x − (u − 1)` carried as a correction.
  @inline(__always)
  package static func log(onePlus x: SIMD8<Double>) -> SIMD8<Double> {
    log(onePlus: LaneVector(x)).vector
  }

  /// tanh x in each lane.
  ///
  /// Every argument but NaN takes the fast path: |x| ≥ 22 gives ±1, as tanh x rounds to ±1 from
  /// |x| ≈ 19.06 on.
  @inline(__always)
  package static func tanh(_ x: SIMD8<Double>) -> SIMD8<Double> {
    tanh(LaneVector(x)).vector
  }

  /// The logistic sigmoid 1/(1 + e⁻ˣ) in each lane, as the scalar formula takes it: `e = e^−|x|`,
  /// then `1/(1 + e)` for `x ≥ 0` and `e/(1 + e)` below, with ``exp(_:)-swift.type.method`` for
  /// `e`.
  @inline(__always)
  package static func logistic(_ x: SIMD8<Double>) -> SIMD8<Double> {
    logistic(LaneVector(x)).vector
  }

  @inline(__always)
  static func exp(_ x: LaneVector) -> LaneVector {
    var result = Exponential.evaluate(x)
    let isFast = (x .>= -708) & (x .<= 709)
    if !isFast.isAll { replaceLanes(of: &result, x, where: isFast, with: cExp) }
    return result
  }

  @inline(__always)
  static func log(onePlus x: LaneVector) -> LaneVector {
    var result = Logarithm.evaluate(onePlus: x)
    // +0 takes the fast path (a softmax's log1p(s − 1) meets it often); −0 does not, to keep its
    // sign.
    let isPlusZeroOrNonzero = (x .!= 0) | !LaneMask(lanes_shift_right(x.bits, 63))
    let isFast = (x .> -1) & (x .< 0x1p1000) & isPlusZeroOrNonzero
    if !isFast.isAll { replaceLanes(of: &result, x, where: isFast, with: cLogOnePlus) }
    return result
  }

  @inline(__always)
  static func tanh(_ x: LaneVector) -> LaneVector {
    let sign = SIMD8<Int64>(repeating: Int64.min)
    let magnitude = LaneVector(bits: lanes_and(x.bits, lanes_not(sign)))
    let isUnsaturated = magnitude .< 22
    let t = select(isUnsaturated, magnitude, otherwise: LaneVector(repeating: 22))
    let tanhOfMagnitude = select(
      isUnsaturated, HyperbolicTangent.evaluate(magnitude: t), otherwise: LaneVector(repeating: 1))
    var result = LaneVector(bits: lanes_or(tanhOfMagnitude.bits, lanes_and(x.bits, sign)))
    let isNumber = !(x .!= x)
    if !isNumber.isAll { replaceLanes(of: &result, x, where: isNumber, with: cTanh) }
    return result
  }

  @inline(__always)
  static func logistic(_ x: LaneVector) -> LaneVector {
    let sign = SIMD8<Int64>(repeating: Int64.min)
    let e = exp(LaneVector(bits: lanes_or(x.bits, sign)))
    return select(x .>= 0, LaneVector(repeating: 1), otherwise: e) / (1 + e)
  }

  /// Replaces the lanes where `isFast` is clear with `function` of the argument.
  ///
  /// Out of line, so that the callers' fast path tests the mask as a whole and never takes it
  /// apart lane by lane; in place, so that the fast path's result stays one vector.
  @inline(never)
  private static func replaceLanes(
    of result: inout LaneVector, _ x: LaneVector, where isFast: LaneMask,
    with function: (Double) -> Double
  ) {
    for lane in 0..<8 where isFast.bits[lane] == 0 {
      result.vector[lane] = function(x.vector[lane])
    }
  }
}

/// The C library's functions, under names that the members above do not shadow.
private func cExp(_ x: Double) -> Double { exp(x) }
private func cLogOnePlus(_ x: Double) -> Double { log1p(x) }
private func cTanh(_ x: Double) -> Double { tanh(x) }

/// ln 2 as two doubles: the first with 21 trailing zero bits, so that `k·ln2High` is exact for
/// every `|k| < 2²¹`; together good to about 2⁻⁸⁵.
private let ln2High = 0x1.62e42fee00000p-1
private let ln2Low = 0x1.a39ef35793c76p-33

/// Added to a double of magnitude below 2⁵¹, it rounds it to an integer held in the low bits of
/// the sum; its bits, subtracted from the sum's, give the integer.
private let roundingShift = 0x1.8p52
/// The bits of ``roundingShift`` (a literal, so that no lazy initialisation is checked per call).
private let roundingShiftBits: Int64 = 0x4338_0000_0000_0000

/// The fast path of `exp`:
///
/// ```
/// x = k·ln 2 + r,   |r| ≤ ln 2/2,   eˣ = 2ᵏ · (1 + r + r²·Q(r))
/// ```
///
/// `Q(r) = (eʳ − 1 − r)/r²` is its Taylor series to `r¹¹/13!`, which leaves out less than 2⁻⁵⁷
/// of the result. `r` is carried as two doubles and `1 + r` keeps its rounding error, so the only
/// sizeable error is the last rounding: the result is within about 0.53 ulp.
private enum Exponential {
  /// 1/n! for n = 2…13.
  static let coefficients: (Double, Double, Double, Double, Double, Double) = (
    0x1p-1, 0x1.5555555555555p-3, 0x1.5555555555555p-5, 0x1.1111111111111p-7,
    0x1.6c16c16c16c17p-10, 0x1.a01a01a01a01ap-13
  )
  static let higherCoefficients: (Double, Double, Double, Double, Double, Double) = (
    0x1.a01a01a01a01ap-16, 0x1.71de3a556c734p-19, 0x1.27e4fb7789f5cp-22, 0x1.ae64567f544e4p-26,
    0x1.1eed8eff8d898p-29, 0x1.6124613a86d09p-33
  )

  /// `x = k·ln 2 + r + rLow`, with `k` rounded from `x/ln 2` and `|r| ≤ ln 2/2`: `x − k·ln2High` is
  /// exact, and `r + rLow` is `x − k·ln 2` to about 2⁻¹⁰⁵. `shifted` holds `k` in its low bits.
  @inline(__always)
  static func reduce(_ x: LaneVector) -> (shifted: LaneVector, r: LaneVector, rLow: LaneVector) {
    let shifted = LaneVector.fused(
      x, LaneVector(repeating: 0x1.71547652b82fep+0), LaneVector(repeating: roundingShift))
    let k = shifted - roundingShift
    let reduced = LaneVector.fused(k, LaneVector(repeating: -ln2High), x)
    let r = LaneVector.fused(k, LaneVector(repeating: -ln2Low), reduced)
    let rLow = LaneVector.fused(k, LaneVector(repeating: -ln2Low), reduced - r)
    return (shifted, r, rLow)
  }

  /// `eʳ⁺ʳᴸᵒʷ − 1 − r`, to far below the last bit of `r`: `r²·Q(r) + rLow·(1 + r)`.
  @inline(__always)
  static func excess(r: LaneVector, rLow: LaneVector) -> LaneVector {
    // Q(r) in Horner's scheme.
    let (c2, c3, c4, c5, c6, c7) = coefficients
    let (c8, c9, c10, c11, c12, c13) = higherCoefficients
    var q = LaneVector(repeating: c13)
    q = LaneVector.fused(q, r, LaneVector(repeating: c12))
    q = LaneVector.fused(q, r, LaneVector(repeating: c11))
    q = LaneVector.fused(q, r, LaneVector(repeating: c10))
    q = LaneVector.fused(q, r, LaneVector(repeating: c9))
    q = LaneVector.fused(q, r, LaneVector(repeating: c8))
    q = LaneVector.fused(q, r, LaneVector(repeating: c7))
    q = LaneVector.fused(q, r, LaneVector(repeating: c6))
    q = LaneVector.fused(q, r, LaneVector(repeating: c5))
    q = LaneVector.fused(q, r, LaneVector(repeating: c4))
    q = LaneVector.fused(q, r, LaneVector(repeating: c3))
    q = LaneVector.fused(q, r, LaneVector(repeating: c2))
    return LaneVector.fused(r * r, q, LaneVector.fused(rLow, r, rLow))
  }

  /// 2ᵏ, for the `k` that ``reduce(_:)`` left in the low bits of `shifted` (a normal double's
  /// exponent: −1022 ≤ k ≤ 1023).
  @inline(__always)
  static func power(_ shifted: LaneVector) -> LaneVector {
    let kBits = lanes_subtract_integers(shifted.bits, SIMD8(repeating: roundingShiftBits))
    return LaneVector(
      bits: lanes_shift_left(lanes_add_integers(kBits, SIMD8(repeating: 1023)), 52))
  }

  @inline(__always)
  static func evaluate(_ x: LaneVector) -> LaneVector {
    let (shifted, r, rLow) = reduce(x)
    let small = excess(r: r, rLow: rLow)
    // 1 + r keeps its rounding error (|r| < 1), so only the last rounding is sizeable.
    let head = 1 + r
    let sum = head + (((1 - head) + r) + small)
    return sum * power(shifted)
  }
}

/// The fast path of `tanh`, for `t = |x|` in [0, 22] (its result is ≥ 0; the caller gives it the
/// sign of `x`):
///
/// ```
/// tanh t = −M/(2 + M),   M = e⁻²ᵗ − 1 = (2ᵏ − 1) + 2ᵏ·(r + (eʳ − 1 − r)),   −2t = k·ln 2 + r
/// ```
///
/// the C library's formula for |x| < 1, here for every `t`, with `M` carried as two doubles: `M`
/// near 0 keeps every digit (no `1 − e⁻²ᵗ` cancels), and `M` near −1 keeps the `e⁻²ᵗ` that the
/// quotient turns on. The quotient is rounded once, after a correction for the divisor's low part
/// and the reciprocal's rounding, so the result is within about 0.7 ulp (the series' truncation,
/// below 2⁻⁵⁶ of `M`, is the rest).
private enum HyperbolicTangent {
  @inline(__always)
  static func evaluate(magnitude t: LaneVector) -> LaneVector {
    let (shifted, r, rLow) = Exponential.reduce(-2 * t)
    let small = Exponential.excess(r: r, rLow: rLow)
    // k ≤ 0, so 2ᵏ ≤ 1: 2ᵏ − 1 as `high + low` by Fast2Sum, exact.
    let scale = Exponential.power(shifted)
    let high = scale - 1
    let low = scale - (high + 1)
    // M = high + 2ᵏ·r + (low + 2ᵏ·small), summed by Fast2Sum twice into `mHigh + mLow` with
    // |mLow| ≤ ulp(mHigh)/2: |high| ≥ |2ᵏ·r| unless high is 0 (k = 0, where the first sum is
    // exact), and the rest is smaller than |r|·0.2.
    let scaledR = scale * r
    let partial = high + scaledR
    let rest = (scaledR - (partial - high)) + LaneVector.fused(scale, small, low)
    let mHigh = partial + rest
    let mLow = rest - (mHigh - partial)
    // D = 2 + M, by Fast2Sum again (|M| ≤ 1).
    let dHigh = 2 + mHigh
    let dLow = (mHigh - (dHigh - 2)) + mLow
    // −M/D: a first quotient, its exact residual, and the correction.
    let inverse = 1 / dHigh
    let quotient = -mHigh * inverse
    let residual = LaneVector.fused(quotient, -dHigh, -mHigh)
    let correction = (residual - mLow - quotient * dLow) * inverse
    return quotient + correction
  }
}

/// The fast path of `log1p`, after fdlibm's:
///
/// ```
/// 1 + x = u + c,   u = 2ᵏ·m,   m in [√2/2, √2),   f = m − 1
/// ln(1 + x) = k·ln 2 + ln(1 + f) + c/(2ᵏ·m)
/// ln(1 + f) = f − f²/2 + s·(f²/2 + R(s²)),   s = f/(2 + f)
/// ```
///
/// `R` is fdlibm's polynomial, good to 2⁻⁵⁸·⁴⁵ of itself. `f − f²/2` and the sum with `k·ln 2`
/// keep their rounding errors, so the result is within about 0.55 ulp.
private enum Logarithm {
  /// fdlibm's `Lg1` … `Lg7`.
  static let coefficients: (Double, Double, Double, Double, Double, Double, Double) = (
    0x1.5555555555593p-1, 0x1.999999997fa04p-2, 0x1.2492494229359p-2, 0x1.c71c51d8e78afp-3,
    0x1.7466496cb03dep-3, 0x1.39a09d078c69fp-3, 0x1.2f112df3e5244p-3
  )
  /// The bits of √2/2: `u`'s bits minus these, shifted, give `k`.
  static let lowestMantissa: Int64 = 0x3fe6_a09e_667f_3bcd

  /// ln(1 + x), for `x` in (-1, 2¹⁰⁰⁰).
  @inline(__always)
  static func evaluate(onePlus x: LaneVector) -> LaneVector {
    let u = 1 + x
    let uMinusOne = u - 1
    let c = (1 - (u - uMinusOne)) + (x - uMinusOne)

    let offset = lanes_subtract_integers(u.bits, SIMD8(repeating: lowestMantissa))
    let k64 = lanes_shift_right(offset, 52)
    let m = LaneVector(
      bits: lanes_add_integers(
        lanes_and(offset, SIMD8(repeating: 0x000f_ffff_ffff_ffff)), SIMD8(repeating: lowestMantissa)
      ))
    let k =
      LaneVector(bits: lanes_add_integers(k64, SIMD8(repeating: roundingShiftBits))) - roundingShift
    let inverseScale = LaneVector(
      bits: lanes_shift_left(lanes_subtract_integers(SIMD8(repeating: 1023), k64), 52))
    let f = m - 1

    let inverse = 1 / (2 + f)
    let s = f * inverse
    let z = s * s
    let w = z * z
    let (lg1, lg2, lg3, lg4, lg5, lg6, lg7) = coefficients
    var odd = LaneVector.fused(LaneVector(repeating: lg7), w, LaneVector(repeating: lg5))
    odd = LaneVector.fused(odd, w, LaneVector(repeating: lg3))
    odd = LaneVector.fused(odd, w, LaneVector(repeating: lg1))
    var even = LaneVector.fused(LaneVector(repeating: lg6), w, LaneVector(repeating: lg4))
    even = LaneVector.fused(even, w, LaneVector(repeating: lg2))
    let series = z * odd + w * even
    let halfSquare = 0.5 * f * f
    let halfSquareLow = LaneVector.fused(0.5 * f, f, halfSquare * -1)

    // f − f²/2 with its rounding error (|f²/2| ≤ |f|), then the small terms: the series, the
    // correction c/(2ᵏ·m) = c·2⁻ᵏ·2/(2 + f)/(1 + s) to about s², and k·ln2Low.
    let head = f - halfSquare
    let headError = (f - head) - halfSquare
    let correction = c * inverseScale * (2 * inverse) * (1 - s)
    let small =
      headError - halfSquareLow + s * (halfSquare + series) + correction + k * ln2Low

    // k·ln2High is exact, and larger than `head` unless 0; their sum keeps its rounding error.
    let big = k * ln2High
    let sum = big + head
    let sumError = (big - sum) + head
    return sum + (sumError + small)
  }
}

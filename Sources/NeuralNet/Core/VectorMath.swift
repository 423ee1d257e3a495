#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Four-lane versions of the C library's `exp`, `log` and `log1p`, for the loss heads.
///
/// Each lane's result is within 1 ulp of the C library's (glibc's) result for the same input, and
/// mostly the same bits (measured: `exp` 99.9 %, `log` 99.97 %, `log1p` 97.7 % overall but about
/// 92 % on (0, 1], the sigmoid head's range). The fast path keeps its intermediate errors near
/// 2⁻⁶⁰ of the result, so its one final rounding is almost always the correct one; where the two
/// differ, glibc's is the misrounded one in every case checked at 160 bits. Lanes
/// outside the fast path's range — NaN, infinities, zero or negative arguments of `log`, results
/// that overflow or underflow — are handed to the C library one by one, which happens only when
/// a vector holds such a lane. A lane's result never depends on the other lanes.
///
/// Every step is an exactly rounded operation (`addingProduct` is a fused multiply-add), so the
/// bits are the same in debug and release builds and on every CPU. Negations are written
/// `x * -1`: the standard library's prefix minus on a SIMD vector computes `0 − x`, which the
/// compiler may not fuse into a multiply-subtract.
extension SIMD4 where Scalar == Double {
  /// eˣ in each lane.
  ///
  /// Arguments in [-708, 709] take the fast path, whose results are normal doubles.
  @inline(__always)
  static func exp(_ x: Self) -> Self {
    var result = Exponential.evaluate(x)
    let isFast = (x .>= -708) .& (x .<= 709)
    if !all(isFast) { result.replaceLanes(of: x, where: isFast, with: cExp) }
    return result
  }

  /// The natural logarithm of each lane.
  ///
  /// Positive normal arguments take the fast path; subnormal ones go to the C library.
  @inline(__always)
  static func log(_ x: Self) -> Self {
    var result = Logarithm.evaluate(x, correction: nil)
    let isFast = (x .>= .leastNormalMagnitude) .& (x .< .infinity)
    if !all(isFast) { result.replaceLanes(of: x, where: isFast, with: cLog) }
    return result
  }

  /// ln(1 + x) in each lane, accurate for `x` near 0 where `log(1 + x)` is not.
  ///
  /// Nonzero arguments in (-1, 2¹⁰⁰⁰) take the fast path. It takes the logarithm of `u = 1 + x`
  /// as rounded, with the rounding error `x − (u − 1)` carried as a correction.
  @inline(__always)
  static func log(onePlus x: Self) -> Self {
    let u = 1 + x
    let uMinusOne = u - 1
    let correction = (1 - (u - uMinusOne)) + (x - uMinusOne)
    var result = Logarithm.evaluate(u, correction: correction)
    let isFast = (x .> -1) .& (x .< 0x1p1000) .& (x .!= 0)
    if !all(isFast) { result.replaceLanes(of: x, where: isFast, with: cLogOnePlus) }
    return result
  }

  /// Replaces the lanes where `isFast` is clear with `function` of the argument.
  ///
  /// Out of line, so that the callers' fast path tests the mask as a whole and never takes it
  /// apart lane by lane; in place, so that the fast path's result stays one vector.
  @inline(never)
  private mutating func replaceLanes(
    of x: Self, where isFast: SIMDMask<SIMD4<Int64>>, with function: (Double) -> Double
  ) {
    for lane in indices where !isFast[lane] { self[lane] = function(x[lane]) }
  }
}

/// The C library's functions, under names that the SIMD members above do not shadow.
private func cExp(_ x: Double) -> Double { exp(x) }
private func cLog(_ x: Double) -> Double { log(x) }
private func cLogOnePlus(_ x: Double) -> Double { log1p(x) }

/// The fast path of `exp`: Tang's table-driven method.
///
/// ```
/// x = (128·q + j)·ln2/128 + r,   |r| ≤ ln2/256
/// eˣ = 2^q · 2^(j/128) · eʳ
/// ```
///
/// `2^(j/128)` comes from a table as a sum of two doubles (`Scripts/vector-math-tables.py`
/// computes it), and `eʳ − 1` from its Taylor series to `r⁶/720`, which leaves out less than
/// 2⁻⁷¹. `r` is carried as two doubles too, and the largest product and sum keep their rounding
/// errors, so the sum before the final rounding is good to about 2⁻⁶⁵ of the result.
private enum Exponential {
  /// 128/ln 2.
  static let stepsPerUnit = 0x1.71547652b82fep+7
  /// ln 2/128 as two doubles, the first so that `x − k·stepHigh` is exact for every `k` used.
  static let stepHigh = 0x1.62e42fefa39efp-8
  static let stepLow = 0x1.abc9e3b39803fp-63
  /// Added to `x·128/ln 2`, it rounds the sum to an integer `k` held in the low bits of the sum.
  static let roundingShift = 0x1.8p52

  /// `2^(j/128)` for `j` in 0..<128, as pairs (high, low) whose sum is within 2⁻¹⁰⁶ of the value.
  static let powersOfTwo: [Double] = [
    0x1p+0, 0,
    0x1.0163da9fb3335p+0, 0x1.b61299ab8cdb7p-54,
    0x1.02c9a3e778061p+0, -0x1.19083535b085dp-56,
    0x1.04315e86e7f85p+0, -0x1.0a31c1977c96ep-54,
    0x1.059b0d3158574p+0, 0x1.d73e2a475b465p-55,
    0x1.0706b29ddf6dep+0, -0x1.c91dfe2b13c27p-55,
    0x1.0874518759bc8p+0, 0x1.186be4bb284ffp-57,
    0x1.09e3ecac6f383p+0, 0x1.1487818316136p-54,
    0x1.0b5586cf9890fp+0, 0x1.8a62e4adc610bp-54,
    0x1.0cc922b7247f7p+0, 0x1.01edc16e24f71p-54,
    0x1.0e3ec32d3d1a2p+0, 0x1.03a1727c57b53p-59,
    0x1.0fb66affed31bp+0, -0x1.b9bedc44ebd7bp-57,
    0x1.11301d0125b51p+0, -0x1.6c51039449b3ap-54,
    0x1.12abdc06c31ccp+0, -0x1.1b514b36ca5c7p-58,
    0x1.1429aaea92dep+0, -0x1.32fbf9af1369ep-54,
    0x1.15a98c8a58e51p+0, 0x1.2406ab9eeab0ap-55,
    0x1.172b83c7d517bp+0, -0x1.19041b9d78a76p-55,
    0x1.18af9388c8deap+0, -0x1.11023d1970f6cp-54,
    0x1.1a35beb6fcb75p+0, 0x1.e5b4c7b4968e4p-55,
    0x1.1bbe084045cd4p+0, -0x1.95386352ef607p-54,
    0x1.1d4873168b9aap+0, 0x1.e016e00a2643cp-54,
    0x1.1ed5022fcd91dp+0, -0x1.1df98027bb78cp-54,
    0x1.2063b88628cd6p+0, 0x1.dc775814a8495p-55,
    0x1.21f49917ddc96p+0, 0x1.2a97e9494a5eep-55,
    0x1.2387a6e756238p+0, 0x1.9b07eb6c70573p-54,
    0x1.251ce4fb2a63fp+0, 0x1.ac155bef4f4a4p-55,
    0x1.26b4565e27cddp+0, 0x1.2bd339940e9d9p-55,
    0x1.284dfe1f56381p+0, -0x1.a4c3a8c3f0d7ep-54,
    0x1.29e9df51fdee1p+0, 0x1.612e8afad1255p-55,
    0x1.2b87fd0dad99p+0, -0x1.10adcd6381aa4p-59,
    0x1.2d285a6e4030bp+0, 0x1.0024754db41d5p-54,
    0x1.2ecafa93e2f56p+0, 0x1.1ca0f45d52383p-56,
    0x1.306fe0a31b715p+0, 0x1.6f46ad23182e4p-55,
    0x1.32170fc4cd831p+0, 0x1.a9ce78e18047cp-55,
    0x1.33c08b26416ffp+0, 0x1.32721843659a6p-54,
    0x1.356c55f929ff1p+0, -0x1.b5cee5c4e4628p-55,
    0x1.371a7373aa9cbp+0, -0x1.63aeabf42eae2p-54,
    0x1.38cae6d05d866p+0, -0x1.e958d3c9904bdp-54,
    0x1.3a7db34e59ff7p+0, -0x1.5e436d661f5e3p-56,
    0x1.3c32dc313a8e5p+0, -0x1.efff8375d29c3p-54,
    0x1.3dea64c123422p+0, 0x1.ada0911f09ebcp-55,
    0x1.3fa4504ac801cp+0, -0x1.7d023f956f9f3p-54,
    0x1.4160a21f72e2ap+0, -0x1.ef3691c309278p-58,
    0x1.431f5d950a897p+0, -0x1.1c7dde35f7999p-55,
    0x1.44e086061892dp+0, 0x1.89b7a04ef80dp-59,
    0x1.46a41ed1d0057p+0, 0x1.c944bd1648a76p-54,
    0x1.486a2b5c13cdp+0, 0x1.3c1a3b69062fp-56,
    0x1.4a32af0d7d3dep+0, 0x1.9cb62f3d1be56p-54,
    0x1.4bfdad5362a27p+0, 0x1.d4397afec42e2p-56,
    0x1.4dcb299fddd0dp+0, 0x1.8ecdbbc6a7833p-54,
    0x1.4f9b2769d2ca7p+0, -0x1.4b309d25957e3p-54,
    0x1.516daa2cf6642p+0, -0x1.f768569bd93efp-55,
    0x1.5342b569d4f82p+0, -0x1.07abe1db13cadp-55,
    0x1.551a4ca5d920fp+0, -0x1.d689cefede59bp-55,
    0x1.56f4736b527dap+0, 0x1.9bb2c011d93adp-54,
    0x1.58d12d497c7fdp+0, 0x1.295e15b9a1de8p-55,
    0x1.5ab07dd485429p+0, 0x1.6324c054647adp-54,
    0x1.5c9268a5946b7p+0, 0x1.c4b1b816986a2p-60,
    0x1.5e76f15ad2148p+0, 0x1.ba6f93080e65ep-54,
    0x1.605e1b976dc09p+0, -0x1.3e2429b56de47p-54,
    0x1.6247eb03a5585p+0, -0x1.383c17e40b497p-54,
    0x1.6434634ccc32p+0, -0x1.c483c759d8933p-55,
    0x1.6623882552225p+0, -0x1.bb60987591c34p-54,
    0x1.68155d44ca973p+0, 0x1.038ae44f73e65p-57,
    0x1.6a09e667f3bcdp+0, -0x1.bdd3413b26456p-54,
    0x1.6c012750bdabfp+0, -0x1.2895667ff0b0dp-56,
    0x1.6dfb23c651a2fp+0, -0x1.bbe3a683c88abp-57,
    0x1.6ff7df9519484p+0, -0x1.83c0f25860ef6p-55,
    0x1.71f75e8ec5f74p+0, -0x1.16e4786887a99p-55,
    0x1.73f9a48a58174p+0, -0x1.0a8d96c65d53cp-54,
    0x1.75feb564267c9p+0, -0x1.0245957316dd3p-54,
    0x1.780694fde5d3fp+0, 0x1.866b80a02162dp-54,
    0x1.7a11473eb0187p+0, -0x1.41577ee04992fp-55,
    0x1.7c1ed0130c132p+0, 0x1.f124cd1164dd6p-54,
    0x1.7e2f336cf4e62p+0, 0x1.05d02ba15797ep-56,
    0x1.80427543e1a12p+0, -0x1.27c86626d972bp-54,
    0x1.82589994cce13p+0, -0x1.d4c1dd41532d8p-54,
    0x1.8471a4623c7adp+0, -0x1.8d684a341cdfbp-55,
    0x1.868d99b4492edp+0, -0x1.fc6f89bd4f6bap-54,
    0x1.88ac7d98a6699p+0, 0x1.994c2f37cb53ap-54,
    0x1.8ace5422aa0dbp+0, 0x1.6e9f156864b27p-54,
    0x1.8cf3216b5448cp+0, -0x1.0d55e32e9e3aap-56,
    0x1.8f1ae99157736p+0, 0x1.5cc13a2e3976cp-55,
    0x1.9145b0b91ffc6p+0, -0x1.dd6792e582524p-54,
    0x1.93737b0cdc5e5p+0, -0x1.75fc781b57ebcp-57,
    0x1.95a44cbc8520fp+0, -0x1.64b7c96a5f039p-56,
    0x1.97d829fde4e5p+0, -0x1.d185b7c1b85d1p-54,
    0x1.9a0f170ca07bap+0, -0x1.173bd91cee632p-54,
    0x1.9c49182a3f09p+0, 0x1.c7c46b071f2bep-56,
    0x1.9e86319e32323p+0, 0x1.824ca78e64c6ep-56,
    0x1.a0c667b5de565p+0, -0x1.359495d1cd533p-54,
    0x1.a309bec4a2d33p+0, 0x1.6305c7ddc36abp-54,
    0x1.a5503b23e255dp+0, -0x1.d2f6edb8d41e1p-54,
    0x1.a799e1330b358p+0, 0x1.bcb7ecac563c7p-54,
    0x1.a9e6b5579fdbfp+0, 0x1.0fac90ef7fd31p-54,
    0x1.ac36bbfd3f37ap+0, -0x1.f9234cae76cdp-55,
    0x1.ae89f995ad3adp+0, 0x1.7a1cd345dcc81p-54,
    0x1.b0e07298db666p+0, -0x1.bdef54c80e425p-54,
    0x1.b33a2b84f15fbp+0, -0x1.2805e3084d708p-57,
    0x1.b59728de5593ap+0, -0x1.c71dfbbba6de3p-54,
    0x1.b7f76f2fb5e47p+0, -0x1.5584f7e54ac3bp-56,
    0x1.ba5b030a1064ap+0, -0x1.efcd30e54292ep-54,
    0x1.bcc1e904bc1d2p+0, 0x1.23dd07a2d9e84p-55,
    0x1.bf2c25bd71e09p+0, -0x1.efdca3f6b9c73p-54,
    0x1.c199bdd85529cp+0, 0x1.11065895048ddp-55,
    0x1.c40ab5fffd07ap+0, 0x1.b4537e083c60ap-54,
    0x1.c67f12e57d14bp+0, 0x1.2884dff483cadp-54,
    0x1.c8f6d9406e7b5p+0, 0x1.1acbc48805c44p-56,
    0x1.cb720dcef9069p+0, 0x1.503cbd1e949dbp-56,
    0x1.cdf0b555dc3fap+0, -0x1.dd83b53829d72p-55,
    0x1.d072d4a07897cp+0, -0x1.cbc3743797a9cp-54,
    0x1.d2f87080d89f2p+0, -0x1.d487b719d8578p-54,
    0x1.d5818dcfba487p+0, 0x1.2ed02d75b3707p-55,
    0x1.d80e316c98398p+0, -0x1.11ec18beddfe8p-54,
    0x1.da9e603db3285p+0, 0x1.c2300696db532p-54,
    0x1.dd321f301b46p+0, 0x1.2da5778f018c3p-54,
    0x1.dfc97337b9b5fp+0, -0x1.1a5cd4f184b5cp-54,
    0x1.e264614f5a129p+0, -0x1.7b627817a1496p-54,
    0x1.e502ee78b3ff6p+0, 0x1.39e8980a9cc8fp-55,
    0x1.e7a51fbc74c83p+0, 0x1.2d522ca0c8de2p-54,
    0x1.ea4afa2a490dap+0, -0x1.e9c23179c2893p-54,
    0x1.ecf482d8e67f1p+0, -0x1.c93f3b411ad8cp-54,
    0x1.efa1bee615a27p+0, 0x1.dc7f486a4b6bp-54,
    0x1.f252b376bba97p+0, 0x1.3a1a5bf0d8e43p-54,
    0x1.f50765b6e454p+0, 0x1.9d3e12dd8a18bp-54,
    0x1.f7bfdad9cbe14p+0, -0x1.dbb12d006350ap-54,
    0x1.fa7c1819e90d8p+0, 0x1.74853f3a5931ep-55,
    0x1.fd3c22b8f71f1p+0, 0x1.2eb74966579e7p-57,
  ]

  @inline(__always)
  static func evaluate(_ x: SIMD4<Double>) -> SIMD4<Double> {
    let shifted = SIMD4(repeating: roundingShift).addingProduct(x, stepsPerUnit)
    let k = shifted - roundingShift
    let rExact = x.addingProduct(k, -stepHigh)
    let r = rExact.addingProduct(k, -stepLow)
    let rLow = (rExact - r).addingProduct(k, -stepLow)

    // k = 128·q + j sits in the low bits of `shifted`; moving 128·q up to the exponent field
    // drops the shift's own bits off the top and leaves 2^q.
    let bits = unsafeBitCast(shifted, to: SIMD4<UInt64>.self)
    let j = bits & 127
    let scale = unsafeBitCast((bits &- j) &<< 45 &+ (1023 &<< 52), to: SIMD4<Double>.self)
    let index = SIMD4<Int>(truncatingIfNeeded: j &<< 1)
    let (high, low) = powersOfTwo.withUnsafeBufferPointer { table in
      (
        SIMD4(table[index[0]], table[index[1]], table[index[2]], table[index[3]]),
        SIMD4(table[index[0] + 1], table[index[1] + 1], table[index[2] + 1], table[index[3] + 1])
      )
    }

    // eʳ − 1 = r + r²·(1/2 + r/6 + r²/24 + r³/120 + r⁴/720)
    let r2 = r * r
    let inner = SIMD4(repeating: 0x1p-1).addingProduct(r, 0x1.5555555555555p-3)
    let outer = SIMD4(repeating: 0x1.5555555555555p-5).addingProduct(r, 0x1.1111111111111p-7)
      .addingProduct(r2, 0x1.6c16c16c16c17p-10)
    let curvature = r2 * inner.addingProduct(r2, outer)

    // 2^(j/128)·e^(r + rLow) = high + high·r + [low·(1 + r) + high·(curvature + rLow)]
    let small = low.addingProduct(low, r).addingProduct(high, curvature + rLow)
    let product = high * r
    let productError = (product * -1).addingProduct(high, r)
    let sum = high + product
    let sumError = product - (sum - high)
    return (sum + (sumError + productError + small)) * scale
  }
}

/// The fast path of `log` and `log1p`: a table-driven reduction to a short series.
///
/// ```
/// u = 2^e · m,   m in [0x1.6a8p-1, 0x1.6a8p+0)
/// ln u = e·ln 2 − ln(1/c) + ln(1 + r),   r = m·(1/c) − 1,   |r| < 2⁻⁸
/// ```
///
/// The 8 bits of `m` after its offset pick one of 256 intervals, whose entry holds `1/c` and
/// `−ln(1/c)` as two doubles (`Scripts/vector-math-tables.py` computes them). Each `1/c` is a
/// multiple of 2⁻⁸ (2⁻⁹ above 1), so `r` is exact, and the interval around 1 has `1/c = 1`;
/// `ln(1 + r)` is its Taylor series to `r⁸/8`. The terms are summed with their rounding errors
/// carried along, so the sum before the final rounding is good to about 2⁻⁶⁵ of the result.
private enum Logarithm {
  /// The bits of the smallest mantissa; 1.0 is in the middle of its interval.
  static let mantissaStart: UInt64 = 0x3fe6_a800_0000_0000
  /// ln 2 as two doubles, the first a multiple of 2⁻⁴² so that `e·ln2High + (−ln(1/c))` is
  /// exact: the table's high parts are multiples of 2⁻⁴² too.
  static let ln2High = 0x1.62e42fefa38p-1
  static let ln2Low = 0x1.ef35793c7673p-45

  /// Per interval, in order of `m`: `1/c`, and `−ln(1/c)` as (high, low).
  static let intervals: [Double] = [
    0x1.69p+0, -0x1.5ff3070a79p-2, -0x1.e9e439f105039p-45,
    0x1.68p+0, -0x1.5d1bdbf581p-2, 0x1.8d6bdc9c7c238p-44,
    0x1.67p+0, -0x1.5a42ab0f4dp-2, 0x1.e63af2df7ba69p-50,
    0x1.66p+0, -0x1.5767717456p-2, 0x1.64ead9524d7cap-44,
    0x1.65p+0, -0x1.548a2c3addp-2, -0x1.3167e63081cf7p-45,
    0x1.64p+0, -0x1.51aad872ep-2, 0x1.f4bd8db0a7cc1p-44,
    0x1.63p+0, -0x1.4ec97326p-2, -0x1.34d7aaf04d104p-45,
    0x1.62p+0, -0x1.4be5f95778p-2, 0x1.d7c92cd9ad824p-44,
    0x1.61p+0, -0x1.4900680401p-2, 0x1.8bccffe1a0f8cp-44,
    0x1.6p+0, -0x1.4618bc21c6p-2, 0x1.3d82f484c84ccp-46,
    0x1.5fp+0, -0x1.432ef2a04fp-2, 0x1.fb129931715adp-44,
    0x1.5ep+0, -0x1.404308686ap-2, -0x1.f8ef43049f7d3p-44,
    0x1.5ep+0, -0x1.404308686ap-2, -0x1.f8ef43049f7d3p-44,
    0x1.5dp+0, -0x1.3d54fa5c1fp-2, -0x1.c3e1cd9a395e3p-44,
    0x1.5cp+0, -0x1.3a64c55694p-2, -0x1.7a71cbcd735dp-44,
    0x1.5bp+0, -0x1.3772662bfep-2, 0x1.e9436ac53b023p-44,
    0x1.5ap+0, -0x1.347dd9a988p-2, 0x1.5594dd4c58092p-45,
    0x1.59p+0, -0x1.31871c9544p-2, -0x1.84fab94cecfd9p-46,
    0x1.58p+0, -0x1.2e8e2bae12p-2, 0x1.67b1e99b72bd8p-45,
    0x1.57p+0, -0x1.2b9303ab8ap-2, 0x1.6db12d6bfb0a5p-45,
    0x1.56p+0, -0x1.2895a13de8p-2, -0x1.a8d7ad24c13fp-44,
    0x1.55p+0, -0x1.2596010df7p-2, -0x1.8e7bc224ea3e3p-44,
    0x1.54p+0, -0x1.22941fbcf8p-2, 0x1.a6976f5eb0963p-44,
    0x1.54p+0, -0x1.22941fbcf8p-2, 0x1.a6976f5eb0963p-44,
    0x1.53p+0, -0x1.1f8ff9e48ap-2, -0x1.7946c040cbe77p-45,
    0x1.52p+0, -0x1.1c898c169ap-2, 0x1.81410e5c62affp-44,
    0x1.51p+0, -0x1.1980d2dd42p-2, -0x1.b7b3a7a361c9ap-45,
    0x1.5p+0, -0x1.1675cababap-2, -0x1.8380e731f55c4p-44,
    0x1.4fp+0, -0x1.136870293bp-2, 0x1.d3e8499d67123p-44,
    0x1.4ep+0, -0x1.1058bf9ae5p-2, 0x1.4ab9d817d52cdp-44,
    0x1.4ep+0, -0x1.1058bf9ae5p-2, 0x1.4ab9d817d52cdp-44,
    0x1.4dp+0, -0x1.0d46b579abp-2, -0x1.d2c81f640e1e6p-44,
    0x1.4cp+0, -0x1.0a324e2739p-2, -0x1.c6bee7ef4030ep-47,
    0x1.4bp+0, -0x1.071b85fcd6p-2, 0x1.bcb8ba3e01a11p-44,
    0x1.4ap+0, -0x1.0402594b4dp-2, -0x1.036b89ef42d7fp-48,
    0x1.49p+0, -0x1.00e6c45ad5p-2, -0x1.cc68d52e01203p-50,
    0x1.49p+0, -0x1.00e6c45ad5p-2, -0x1.cc68d52e01203p-50,
    0x1.48p+0, -0x1.fb9186d5e4p-3, 0x1.d572aab993c87p-47,
    0x1.47p+0, -0x1.f550a564b8p-3, 0x1.323e3a09202fep-45,
    0x1.46p+0, -0x1.ef0adcbdc6p-3, 0x1.b26b79c86af24p-45,
    0x1.45p+0, -0x1.e8c0252aa6p-3, 0x1.6805b80e8e6ffp-45,
    0x1.44p+0, -0x1.e27076e2bp-3, 0x1.a342c2af0003cp-44,
    0x1.44p+0, -0x1.e27076e2bp-3, 0x1.a342c2af0003cp-44,
    0x1.43p+0, -0x1.dc1bca0abep-3, -0x1.8fac1a628ccc6p-44,
    0x1.42p+0, -0x1.d5c216b4fcp-3, 0x1.1ba91bbca681bp-45,
    0x1.41p+0, -0x1.cf6354e09cp-3, -0x1.771239a07d55bp-45,
    0x1.4p+0, -0x1.c8ff7c79aap-3, 0x1.7794f689f8434p-45,
    0x1.4p+0, -0x1.c8ff7c79aap-3, 0x1.7794f689f8434p-45,
    0x1.3fp+0, -0x1.c2968558c2p-3, 0x1.cfd73dee38a4p-45,
    0x1.3ep+0, -0x1.bc286742d8p-3, -0x1.9ac53f39d121cp-44,
    0x1.3dp+0, -0x1.b5b519e8fcp-3, 0x1.4b722ec011f31p-44,
    0x1.3dp+0, -0x1.b5b519e8fcp-3, 0x1.4b722ec011f31p-44,
    0x1.3cp+0, -0x1.af3c94e80cp-3, 0x1.a4e633fcd9066p-52,
    0x1.3bp+0, -0x1.a8becfc882p-3, -0x1.e3185cf21b9cfp-44,
    0x1.3ap+0, -0x1.a23bc1fe2cp-3, 0x1.539cd91dc9f0bp-44,
    0x1.3ap+0, -0x1.a23bc1fe2cp-3, 0x1.539cd91dc9f0bp-44,
    0x1.39p+0, -0x1.9bb362e7ep-3, 0x1.1f2a8a1ce0ffcp-45,
    0x1.38p+0, -0x1.9525a9cf46p-3, 0x1.297137d9f158fp-44,
    0x1.37p+0, -0x1.8e928de886p-3, -0x1.a8154b13d72d5p-44,
    0x1.37p+0, -0x1.8e928de886p-3, -0x1.a8154b13d72d5p-44,
    0x1.36p+0, -0x1.87fa06520cp-3, -0x1.22120401202fcp-44,
    0x1.35p+0, -0x1.815c0a1436p-3, 0x1.02a52f9201ce8p-44,
    0x1.34p+0, -0x1.7ab890210ep-3, 0x1.bdb9072534a58p-45,
    0x1.34p+0, -0x1.7ab890210ep-3, 0x1.bdb9072534a58p-45,
    0x1.33p+0, -0x1.740f8f5404p-3, 0x1.0b66c99018aa1p-44,
    0x1.32p+0, -0x1.6d60fe719ep-3, 0x1.bc6e557134767p-44,
    0x1.32p+0, -0x1.6d60fe719ep-3, 0x1.bc6e557134767p-44,
    0x1.31p+0, -0x1.66acd4272ap-3, -0x1.aa1bdbfc6c785p-44,
    0x1.3p+0, -0x1.5ff3070a7ap-3, 0x1.8586f183bebf2p-44,
    0x1.2fp+0, -0x1.59338d9982p-3, -0x1.0ba68b7555d4ap-48,
    0x1.2fp+0, -0x1.59338d9982p-3, -0x1.0ba68b7555d4ap-48,
    0x1.2ep+0, -0x1.526e5e3a1cp-3, 0x1.790ba37fc5238p-44,
    0x1.2dp+0, -0x1.4ba36f39a6p-3, 0x1.4354bb3f219e5p-44,
    0x1.2dp+0, -0x1.4ba36f39a6p-3, 0x1.4354bb3f219e5p-44,
    0x1.2cp+0, -0x1.44d2b6ccb8p-3, 0x1.70cc16135783cp-46,
    0x1.2bp+0, -0x1.3dfc2b0eccp-3, -0x1.8a72a62b8c13fp-45,
    0x1.2bp+0, -0x1.3dfc2b0eccp-3, -0x1.8a72a62b8c13fp-45,
    0x1.2ap+0, -0x1.371fc201e8p-3, -0x1.ee8779b2d8abcp-44,
    0x1.29p+0, -0x1.303d718e48p-3, 0x1.680b5ce3ecb05p-50,
    0x1.29p+0, -0x1.303d718e48p-3, 0x1.680b5ce3ecb05p-50,
    0x1.28p+0, -0x1.29552f82p-3, 0x1.5b967f4471dfcp-44,
    0x1.27p+0, -0x1.2266f190a6p-3, 0x1.4d20ab840e7f6p-45,
    0x1.27p+0, -0x1.2266f190a6p-3, 0x1.4d20ab840e7f6p-45,
    0x1.26p+0, -0x1.1b72ad52f6p-3, -0x1.e80a41811a396p-45,
    0x1.25p+0, -0x1.1478584674p-3, -0x1.563451027c75p-46,
    0x1.25p+0, -0x1.1478584674p-3, -0x1.563451027c75p-46,
    0x1.24p+0, -0x1.0d77e7cd08p-3, -0x1.cb2cd2ee2f482p-44,
    0x1.23p+0, -0x1.0671512ca6p-3, 0x1.a47579cdc0a3dp-45,
    0x1.23p+0, -0x1.0671512ca6p-3, 0x1.a47579cdc0a3dp-45,
    0x1.22p+0, -0x1.fec9131dcp-4, 0x1.54555d1ae6607p-44,
    0x1.21p+0, -0x1.f0a30c0118p-4, 0x1.d599e83368e91p-44,
    0x1.21p+0, -0x1.f0a30c0118p-4, 0x1.d599e83368e91p-44,
    0x1.2p+0, -0x1.e27076e2bp-4, 0x1.a342c2af0003cp-45,
    0x1.1fp+0, -0x1.d4313d66ccp-4, 0x1.9454379135713p-45,
    0x1.1fp+0, -0x1.d4313d66ccp-4, 0x1.9454379135713p-45,
    0x1.1ep+0, -0x1.c5e548f5bcp-4, -0x1.d0c57585fbe06p-46,
    0x1.1ep+0, -0x1.c5e548f5bcp-4, -0x1.d0c57585fbe06p-46,
    0x1.1dp+0, -0x1.b78c82bb1p-4, 0x1.25ef7bc3987e7p-44,
    0x1.1cp+0, -0x1.a926d3a4acp-4, -0x1.563650bd22a9cp-44,
    0x1.1cp+0, -0x1.a926d3a4acp-4, -0x1.563650bd22a9cp-44,
    0x1.1bp+0, -0x1.9ab4246204p-4, 0x1.8a64826787061p-45,
    0x1.1ap+0, -0x1.8c345d6318p-4, -0x1.b20f5acb42a66p-44,
    0x1.1ap+0, -0x1.8c345d6318p-4, -0x1.b20f5acb42a66p-44,
    0x1.19p+0, -0x1.7da766d7bp-4, -0x1.2cc844480c89bp-44,
    0x1.19p+0, -0x1.7da766d7bp-4, -0x1.2cc844480c89bp-44,
    0x1.18p+0, -0x1.6f0d28ae58p-4, 0x1.4b4641b664613p-44,
    0x1.17p+0, -0x1.60658a9374p-4, -0x1.0c3b1dee9c4f8p-44,
    0x1.17p+0, -0x1.60658a9374p-4, -0x1.0c3b1dee9c4f8p-44,
    0x1.16p+0, -0x1.51b073f06p-4, -0x1.83f69278e686ap-44,
    0x1.16p+0, -0x1.51b073f06p-4, -0x1.83f69278e686ap-44,
    0x1.15p+0, -0x1.42edcbea64p-4, -0x1.bc0eeea7c9acdp-46,
    0x1.15p+0, -0x1.42edcbea64p-4, -0x1.bc0eeea7c9acdp-46,
    0x1.14p+0, -0x1.341d7961bcp-4, -0x1.1d0929983761p-44,
    0x1.13p+0, -0x1.253f62f0ap-4, -0x1.416f8fb69a701p-44,
    0x1.13p+0, -0x1.253f62f0ap-4, -0x1.416f8fb69a701p-44,
    0x1.12p+0, -0x1.16536eea38p-4, 0x1.47c5e768fa309p-46,
    0x1.12p+0, -0x1.16536eea38p-4, 0x1.47c5e768fa309p-46,
    0x1.11p+0, -0x1.075983599p-4, 0x1.b8ecfe4b59987p-44,
    0x1.1p+0, -0x1.f0a30c0118p-5, 0x1.d599e83368e91p-45,
    0x1.1p+0, -0x1.f0a30c0118p-5, 0x1.d599e83368e91p-45,
    0x1.0fp+0, -0x1.d276b8adbp-5, -0x1.6a423c78a64bp-46,
    0x1.0fp+0, -0x1.d276b8adbp-5, -0x1.6a423c78a64bp-46,
    0x1.0ep+0, -0x1.b42dd71198p-5, 0x1.c827ae5d6704cp-46,
    0x1.0ep+0, -0x1.b42dd71198p-5, 0x1.c827ae5d6704cp-46,
    0x1.0dp+0, -0x1.95c830ec9p-5, 0x1.c148297c5feb8p-45,
    0x1.0dp+0, -0x1.95c830ec9p-5, 0x1.c148297c5feb8p-45,
    0x1.0cp+0, -0x1.77458f633p-5, 0x1.181dce586af09p-44,
    0x1.0bp+0, -0x1.58a5bafc9p-5, 0x1.b2b739570ad39p-45,
    0x1.0bp+0, -0x1.58a5bafc9p-5, 0x1.b2b739570ad39p-45,
    0x1.0ap+0, -0x1.39e87b9fe8p-5, -0x1.eafd480ad9015p-44,
    0x1.0ap+0, -0x1.39e87b9fe8p-5, -0x1.eafd480ad9015p-44,
    0x1.09p+0, -0x1.1b0d98924p-5, 0x1.3401e9ae889bbp-44,
    0x1.09p+0, -0x1.1b0d98924p-5, 0x1.3401e9ae889bbp-44,
    0x1.08p+0, -0x1.f829b0e78p-6, -0x1.980267c7e09e4p-45,
    0x1.08p+0, -0x1.f829b0e78p-6, -0x1.980267c7e09e4p-45,
    0x1.07p+0, -0x1.b9fc027bp-6, 0x1.b9a010ae6922ap-44,
    0x1.07p+0, -0x1.b9fc027bp-6, 0x1.b9a010ae6922ap-44,
    0x1.06p+0, -0x1.7b91b07d6p-6, 0x1.3b955b602ace4p-44,
    0x1.06p+0, -0x1.7b91b07d6p-6, 0x1.3b955b602ace4p-44,
    0x1.05p+0, -0x1.3cea44347p-6, 0x1.6a2c432d6a40bp-44,
    0x1.05p+0, -0x1.3cea44347p-6, 0x1.6a2c432d6a40bp-44,
    0x1.04p+0, -0x1.fc0a8b0fcp-7, -0x1.f1e7cf6d3a69cp-50,
    0x1.04p+0, -0x1.fc0a8b0fcp-7, -0x1.f1e7cf6d3a69cp-50,
    0x1.03p+0, -0x1.7dc475f82p-7, 0x1.eb1245b5da1f5p-44,
    0x1.03p+0, -0x1.7dc475f82p-7, 0x1.eb1245b5da1f5p-44,
    0x1.02p+0, -0x1.fe02a6b1p-8, -0x1.9e23f0dda40e4p-46,
    0x1.02p+0, -0x1.fe02a6b1p-8, -0x1.9e23f0dda40e4p-46,
    0x1.01p+0, -0x1.ff00aa2bp-9, -0x1.0bc04a086b56ap-45,
    0x1.01p+0, -0x1.ff00aa2bp-9, -0x1.0bc04a086b56ap-45,
    0x1p+0, 0, 0,
    0x1.fep-1, 0x1.008055958p-8, 0x1.166afcb31c67bp-45,
    0x1.fcp-1, 0x1.010157588p-7, 0x1.bce251998b506p-44,
    0x1.fap-1, 0x1.82448a388p-7, 0x1.4554412c584ep-44,
    0x1.f8p-1, 0x1.020565893p-6, 0x1.611d27c8e8417p-44,
    0x1.f6p-1, 0x1.432a92598p-6, 0x1.98139928637fep-47,
    0x1.f4p-1, 0x1.8492528c9p-6, -0x1.aa0ba325a0c34p-45,
    0x1.f2p-1, 0x1.c63d2ec15p-6, -0x1.5439ce030a687p-44,
    0x1.fp-1, 0x1.0415d89e78p-5, -0x1.dddc7f461c516p-44,
    0x1.efp-1, 0x1.149e3e4008p-5, -0x1.2b98a9a4168fdp-44,
    0x1.edp-1, 0x1.35c8bfaa1p-5, 0x1.8357d5ef9eb35p-44,
    0x1.ebp-1, 0x1.5715c4c04p-5, -0x1.8888ddfc47628p-44,
    0x1.e9p-1, 0x1.788595a358p-5, -0x1.08b0d083b3a4cp-46,
    0x1.e7p-1, 0x1.9a187b574p-5, -0x1.0c22e4ec4d90dp-44,
    0x1.e5p-1, 0x1.bbcebfc69p-5, -0x1.7bf868c317c2ap-46,
    0x1.e4p-1, 0x1.ccb73cddd8p-5, 0x1.965c36e09f5fep-44,
    0x1.e2p-1, 0x1.eea31c0068p-5, 0x1.c3dd83606d891p-44,
    0x1.ep-1, 0x1.08598b59e4p-4, -0x1.7e5dd7009902cp-46,
    0x1.dep-1, 0x1.1973bd1464p-4, 0x1.566d154f930b3p-44,
    0x1.ddp-1, 0x1.2207b5c784p-4, 0x1.49d8cfc10c7bfp-44,
    0x1.dbp-1, 0x1.333d7f8184p-4, -0x1.692b6a81b8848p-49,
    0x1.d9p-1, 0x1.4485e03dbcp-4, 0x1.fad46e8d26ab7p-44,
    0x1.d7p-1, 0x1.55e10050ep-4, 0x1.c1d740c53c72ep-47,
    0x1.d6p-1, 0x1.5e95a4d978p-4, 0x1.1cb7ce1d17171p-44,
    0x1.d4p-1, 0x1.700d30aeacp-4, 0x1.c1e8da99ded32p-49,
    0x1.d2p-1, 0x1.8197e2f41p-4, -0x1.c0fe460d20041p-44,
    0x1.d1p-1, 0x1.8a6477a91cp-4, 0x1.c28c0af9bd6dfp-44,
    0x1.cfp-1, 0x1.9c0c32d4d4p-4, -0x1.ab7c09e838668p-44,
    0x1.cep-1, 0x1.a4e7640b1cp-4, -0x1.e42b6b94407c8p-47,
    0x1.ccp-1, 0x1.b6ac88dad4p-4, 0x1.b1bdff50225c7p-44,
    0x1.cap-1, 0x1.c885801bc4p-4, 0x1.646d1c65aacd3p-45,
    0x1.c9p-1, 0x1.d179788218p-4, 0x1.36433b5efbeedp-44,
    0x1.c7p-1, 0x1.e3707ee304p-4, 0x1.0f684e6766abdp-45,
    0x1.c6p-1, 0x1.ec739830ap-4, 0x1.11fcba80cdd1p-44,
    0x1.c4p-1, 0x1.fe89139dbcp-4, 0x1.56594d82f7a82p-44,
    0x1.c2p-1, 0x1.08598b59e4p-3, -0x1.7e5dd7009902cp-45,
    0x1.c1p-1, 0x1.0ce7ecdcccp-3, 0x1.4652dabff5447p-46,
    0x1.bfp-1, 0x1.160c8024b2p-3, 0x1.ec2d2a9009e3dp-45,
    0x1.bep-1, 0x1.1aa2b7e24p-3, -0x1.1ac38dde3b366p-44,
    0x1.bcp-1, 0x1.23d712a49cp-3, 0x1.00d238fd3df5cp-46,
    0x1.bbp-1, 0x1.28753bc11ap-3, 0x1.7494e359302e6p-44,
    0x1.b9p-1, 0x1.31b994d3a4p-3, 0x1.f098ee3a5081p-44,
    0x1.b8p-1, 0x1.365fcb015ap-3, -0x1.fd3a0afb9691bp-44,
    0x1.b6p-1, 0x1.3fb45a5992p-3, 0x1.19713c0cae559p-44,
    0x1.b5p-1, 0x1.4462b9dc9cp-3, -0x1.84858a711b062p-44,
    0x1.b3p-1, 0x1.4dc7b897bcp-3, 0x1.c79b60ae1ff0fp-47,
    0x1.b2p-1, 0x1.527e5e4a1cp-3, -0x1.4e60b8d4b411dp-44,
    0x1.b1p-1, 0x1.5737cc9018p-3, 0x1.9baa7a6b887f6p-44,
    0x1.afp-1, 0x1.60b3100b0ap-3, -0x1.71456c988f814p-44,
    0x1.aep-1, 0x1.6574ebe8c2p-3, -0x1.98c1d34f0f462p-44,
    0x1.acp-1, 0x1.6f0128b756p-3, 0x1.577390d31ef0fp-44,
    0x1.abp-1, 0x1.73cb9074fep-3, -0x1.d66a90d0005a6p-44,
    0x1.aap-1, 0x1.7898d85444p-3, 0x1.8e67be3dbaf3fp-44,
    0x1.a8p-1, 0x1.823c16551ap-3, 0x1.e0ddb9a631e83p-46,
    0x1.a7p-1, 0x1.871213750ep-3, 0x1.328eb42f9af75p-44,
    0x1.a5p-1, 0x1.90c6db9fccp-3, -0x1.935f57718d7cap-46,
    0x1.a4p-1, 0x1.95a5adcf7p-3, 0x1.7f22858a0ff6fp-47,
    0x1.a3p-1, 0x1.9a8778debap-3, 0x1.470fa3efec39p-44,
    0x1.a1p-1, 0x1.a454082e6ap-3, 0x1.60a77c81f7171p-44,
    0x1.ap-1, 0x1.a93ed3c8aep-3, -0x1.8724350562169p-45,
    0x1.9fp-1, 0x1.ae2ca6f672p-3, 0x1.7a8d5ae54f55p-44,
    0x1.9dp-1, 0x1.b811730b82p-3, 0x1.e90683b9cd768p-46,
    0x1.9cp-1, 0x1.bd087383bep-3, -0x1.d4bc4595412b6p-45,
    0x1.9bp-1, 0x1.c2028ab18p-3, -0x1.92e0ee55c7ac6p-45,
    0x1.9ap-1, 0x1.c6ffbc6fp-3, 0x1.ee138d3a69d43p-44,
    0x1.98p-1, 0x1.d1037f2656p-3, -0x1.84a7e75b6f6e4p-47,
    0x1.97p-1, 0x1.d60a17f904p-3, -0x1.5d6e06fc20d39p-44,
    0x1.96p-1, 0x1.db13db0d48p-3, 0x1.2806a847527e6p-44,
    0x1.95p-1, 0x1.e020cc6236p-3, -0x1.52b00adb91424p-45,
    0x1.93p-1, 0x1.ea4449f04ap-3, 0x1.5e91663732a36p-44,
    0x1.92p-1, 0x1.ef5ade4ddp-3, -0x1.a211565bb8e11p-51,
    0x1.91p-1, 0x1.f474b134ep-3, -0x1.bae49f1df7b5ep-44,
    0x1.9p-1, 0x1.f991c6cb3cp-3, -0x1.90d04cd7cc834p-44,
    0x1.8ep-1, 0x1.01eae5626cp-2, 0x1.a43dcfade85aep-44,
    0x1.8dp-1, 0x1.047e60cde8p-2, 0x1.dbdf10d397f3cp-45,
    0x1.8cp-1, 0x1.07138604d6p-2, -0x1.e76324e912b17p-44,
    0x1.8bp-1, 0x1.09aa572e6cp-2, 0x1.b50a1e1734342p-44,
    0x1.8ap-1, 0x1.0c42d67616p-2, 0x1.7188b163ceae9p-45,
    0x1.88p-1, 0x1.1178e8227ep-2, 0x1.1ef78ce2d07f2p-44,
    0x1.87p-1, 0x1.14167ef367p-2, 0x1.e0c07824daaf5p-44,
    0x1.86p-1, 0x1.16b5ccbadp-2, -0x1.23299042d74bfp-44,
    0x1.85p-1, 0x1.1956d3b9bcp-2, 0x1.7d2f73ad1aa14p-45,
    0x1.84p-1, 0x1.1bf99635a7p-2, -0x1.1ac89575c2125p-44,
    0x1.83p-1, 0x1.1e9e16788ap-2, -0x1.82eaed3c8b65ep-44,
    0x1.82p-1, 0x1.214456d0ecp-2, -0x1.caf0428b728a3p-44,
    0x1.8p-1, 0x1.269621134ep-2, -0x1.1b61f10522625p-44,
    0x1.7fp-1, 0x1.2941afb187p-2, -0x1.210c2b730e28bp-44,
    0x1.7ep-1, 0x1.2bef07cdc9p-2, 0x1.a9cfa4a5004f4p-45,
    0x1.7dp-1, 0x1.2e9e2bce12p-2, 0x1.4300c128d1dc2p-45,
    0x1.7cp-1, 0x1.314f1e1d36p-2, -0x1.8e27ad3213cb8p-45,
    0x1.7bp-1, 0x1.3401e12aedp-2, -0x1.17c73556e291dp-44,
    0x1.7ap-1, 0x1.36b6776be1p-2, 0x1.16ecdb0f177c8p-46,
    0x1.79p-1, 0x1.396ce359bcp-2, -0x1.5839c5663663dp-47,
    0x1.78p-1, 0x1.3c25277333p-2, 0x1.83b54b606bd5cp-46,
    0x1.76p-1, 0x1.419b423d5fp-2, -0x1.ce379226de3ecp-44,
    0x1.75p-1, 0x1.44591e053ap-2, -0x1.6e95892923d88p-47,
    0x1.74p-1, 0x1.4718dc271cp-2, 0x1.06c18fb4c14c5p-44,
    0x1.73p-1, 0x1.49da7f3bccp-2, 0x1.07b334daf4b9ap-44,
    0x1.72p-1, 0x1.4c9e09e173p-2, -0x1.e20891b0ad8a4p-45,
    0x1.71p-1, 0x1.4f637ebbaap-2, -0x1.fc158cb3124b9p-44,
    0x1.7p-1, 0x1.522ae0738ap-2, 0x1.ebe708164c759p-45,
    0x1.6fp-1, 0x1.54f431b7bep-2, 0x1.a8954c0910952p-46,
    0x1.6ep-1, 0x1.57bf753c8dp-2, 0x1.fadedee5d40efp-46,
    0x1.6dp-1, 0x1.5a8cadbbeep-2, -0x1.7c79b0af7ecf8p-48,
    0x1.6cp-1, 0x1.5d5bddf596p-2, -0x1.a0b2a08a465dcp-47,
    0x1.6bp-1, 0x1.602d08af09p-2, 0x1.ebe9176df3f65p-46,
    0x1.6ap-1, 0x1.630030b3abp-2, -0x1.db623e731aep-45,
  ]

  /// ln(u + correction), for positive normal `u` and a correction of at most an ulp of `u`.
  @inline(__always)
  static func evaluate(_ u: SIMD4<Double>, correction: SIMD4<Double>?) -> SIMD4<Double> {
    // The offset bits hold e + 2048 in their top 12 bits and the interval next to them.
    let bits = unsafeBitCast(u, to: SIMD4<UInt64>.self)
    let offsetBits = bits &- mantissaStart &+ (2048 &<< 52)
    let exponentField = offsetBits & 0xfff0_0000_0000_0000
    let m = unsafeBitCast(bits &- exponentField &+ (2048 &<< 52), to: SIMD4<Double>.self)
    let biasedExponent = (offsetBits &>> 52) | 0x4330_0000_0000_0000
    let e = unsafeBitCast(biasedExponent, to: SIMD4<Double>.self) - (0x1p52 + 2048)
    let index = SIMD4<Int>(truncatingIfNeeded: (offsetBits &>> 44) & 255) &* 3
    let (inverse, logHigh, logLow) = intervals.withUnsafeBufferPointer { table in
      (
        SIMD4(table[index[0]], table[index[1]], table[index[2]], table[index[3]]),
        SIMD4(table[index[0] + 1], table[index[1] + 1], table[index[2] + 1], table[index[3] + 1]),
        SIMD4(table[index[0] + 2], table[index[1] + 2], table[index[2] + 2], table[index[3] + 2])
      )
    }

    var r = SIMD4(repeating: -1).addingProduct(m, inverse)
    var rLow = SIMD4<Double>.zero
    if let correction {
      // The correction, scaled as m is, joins r as far as r can hold it: all of it where 1/c is
      // 1 (there r becomes x itself, and the series stays exact near 0).
      let inverseScale = unsafeBitCast(
        0xbff0_0000_0000_0000 &- exponentField, to: SIMD4<Double>.self)
      let scaledCorrection = correction * inverseScale * inverse
      let rExact = r
      r = rExact + scaledCorrection
      rLow = scaledCorrection - (r - rExact)
    }

    // e·ln 2 − ln(1/c) + r; the first sum is exact, the second's error is kept.
    let tableSum = logHigh.addingProduct(e, ln2High)
    let sum = tableSum + r
    let sumError = r - (sum - tableSum)

    // ln(1 + r) = r − r²/2 + r³·(1/3 − r/4 + r²/5 − r³/6 + r⁴/7 − r⁵/8), with −r²/2 kept as two
    // doubles: near 1 it is the largest term after r.
    let r2 = r * r
    let halfSquare = r2 * -0.5
    let halfSquareLow = (r2 * -1).addingProduct(r, r) * -0.5
    let withSquare = sum + halfSquare
    let squareError = halfSquare - (withSquare - sum)
    let a = SIMD4(repeating: 0x1.5555555555555p-2).addingProduct(r, -0x1p-2)
    let b = SIMD4(repeating: 0x1.999999999999ap-3).addingProduct(r, -0x1.5555555555555p-3)
    let c = SIMD4(repeating: 0x1.2492492492492p-3).addingProduct(r, -0x1p-3)
    let cubic = r2 * r * a.addingProduct(r2, b.addingProduct(r2, c))

    // ln(1 + r + rLow) = ln(1 + r) + rLow·(1 − r + r²) to well below 2⁻⁶⁵ of the result.
    let tableLow = logLow.addingProduct(e, ln2Low)
    let roundingErrors = sumError + squareError + halfSquareLow
    var low = tableLow + cubic + roundingErrors
    if correction != nil { low = low + rLow.addingProduct(rLow, r2 - r) }
    return withSquare + low
  }
}

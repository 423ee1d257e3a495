import Testing

@testable import NeuralNet

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The eight-lane `exp` and `log1p` (`LaneMath`) against the C library's, lane by lane: within 1 ulp for every
/// input, mostly the same bits, and the C library's exact results for special values.
@Suite struct LaneMathTests {
  typealias Vector = SIMD8<Double>

  /// The number of doubles from `a` to `b`: 0 for the same double (or ±0, or two NaNs), 1 for
  /// neighbours, `UInt64.max` when only one is NaN.
  static func ulpDistance(_ a: Double, _ b: Double) -> UInt64 {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .max }
    // Doubles in order map to integers in order: negative ones count down from 0.
    func ordinal(_ x: Double) -> Int64 {
      let bits = Int64(bitPattern: x.bitPattern)
      return bits < 0 ? Int64.min &- bits : bits
    }
    return (ordinal(a) &- ordinal(b)).magnitude
  }

  /// Whether two results are the same double, bit for bit, counting any two NaNs as the same.
  static func isSame(_ a: Double, _ b: Double) -> Bool {
    a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
  }

  /// How a vector function's lanes compare with the scalar function over many inputs.
  struct Agreement: CustomStringConvertible {
    var count = 0
    var identical = 0
    var largestDistance: UInt64 = 0
    var worstInput = 0.0

    var identicalShare: Double { Double(identical) / Double(count) }

    var description: String {
      let percent = (identicalShare * 100_000).rounded() / 1000
      return "\(count) inputs, \(percent)% bit-identical, largest difference \(largestDistance) ulp"
        + (largestDistance > 0 ? " (at \(worstInput))" : "")
    }

    mutating func add(_ other: Agreement) {
      if other.largestDistance > largestDistance {
        largestDistance = other.largestDistance
        worstInput = other.worstInput
      }
      count += other.count
      identical += other.identical
    }
  }

  static func agreement(
    on inputs: [Double], _ vector: (Vector) -> Vector, _ scalar: (Double) -> Double
  ) -> Agreement {
    var agreement = Agreement()
    for start in stride(from: 0, to: inputs.count - 7, by: 8) {
      let x = Vector(inputs[start..<start + 8])
      let y = vector(x)
      for lane in 0..<8 {
        let distance = ulpDistance(y[lane], scalar(x[lane]))
        agreement.count += 1
        if distance == 0 { agreement.identical += 1 }
        if distance > agreement.largestDistance {
          agreement.largestDistance = distance
          agreement.worstInput = x[lane]
        }
      }
    }
    return agreement
  }

  /// The inputs drawn for a large range, half as many for a smaller one: 2²⁰ in a release build,
  /// so that each function is checked on 2²¹ inputs (`swift test -c release -Xswiftc
  /// -enable-testing --filter LaneMath`); a quarter as many in a debug build, whose unoptimised
  /// SIMD code is many times slower.
  static let batch: Int = {
    #if DEBUG
      1 << 18
    #else
      1 << 20
    #endif
  }()

  /// Uniform in [a, b).
  static func uniform(_ count: Int, _ a: Double, _ b: Double, seed: UInt32) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in generator.uniform(from: a, to: b) }
  }

  /// Magnitudes spread evenly over the orders of magnitude from `a` to `b`.
  static func logUniform(_ count: Int, _ a: Double, _ b: Double, seed: UInt32) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in exp(generator.uniform(from: log(a), to: log(b))) }
  }

  /// Positive doubles with uniformly random bits below `limit`: every exponent equally often.
  static func randomBits(_ count: Int, below limit: UInt64, seed: UInt32) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in Double(bitPattern: generator.nextUInt64() % limit) }
  }

  static func checkAgreement(
    _ name: String, _ ranges: [(String, [Double])], minimumIdenticalShare: Double,
    largestDistance: UInt64 = 1, _ vector: (Vector) -> Vector, _ scalar: (Double) -> Double
  ) {
    var total = Agreement()
    for (range, inputs) in ranges {
      let agreement = agreement(on: inputs, vector, scalar)
      print("\(name), \(range): \(agreement)")
      #expect(agreement.largestDistance <= largestDistance, "\(name), \(range): \(agreement)")
      total.add(agreement)
    }
    print("\(name), all: \(total)")
    #expect(total.identicalShare >= minimumIdenticalShare, "\(name): \(total)")
  }

  @Test func expIsWithinOneUlpOfTheCLibrary() {
    var signs = SeededGenerator(seed: 14)
    let nearZero = Self.logUniform(Self.batch / 2, 1e-20, 1, seed: 13).map {
      signs.nextDouble() < 0.5 ? -$0 : $0
    }
    Self.checkAgreement(
      "exp",
      [
        ("x in [-745, 710]", Self.uniform(Self.batch, -745, 710, seed: 11)),
        ("x in [-50, 50]", Self.uniform(Self.batch / 2, -50, 50, seed: 12)),
        ("|x| in [1e-20, 1]", nearZero),
      ], minimumIdenticalShare: 0.985, LaneMath.exp, exp)
  }

  /// glibc's `log1p` (fdlibm's algorithm) rounds less accurately than its `exp` and `log`, so fewer
  /// results are bit-identical: where they differed, ours was the correctly rounded one in every
  /// case checked against 160-bit arithmetic (mpmath) while writing these functions.
  @Test func logOnePlusIsWithinOneUlpOfTheCLibrary() {
    var signs = SeededGenerator(seed: 25)
    let tiny = Self.logUniform(Self.batch / 2, 1e-300, 1e-3, seed: 22).map {
      signs.nextDouble() < 0.5 ? -$0 : $0
    }
    Self.checkAgreement(
      "log1p",
      [
        ("e in (0, 1]", Self.uniform(Self.batch / 2, 0, 1, seed: 21).map { 1 - $0 }),
        ("|x| in [1e-300, 1e-3]", tiny),
        (
          "x in -1 + [1e-16, 0.5]",
          Self.logUniform(Self.batch / 2, 1e-16, 0.5, seed: 23).map { -1 + $0 }
        ),
        ("x in [1, 1e300]", Self.logUniform(Self.batch / 2, 1, 1e300, seed: 24)),
      ], minimumIdenticalShare: 0.95, LaneMath.log(onePlus:), log1p)
  }

  /// Both signs of magnitudes from `a` to `b`, spread evenly over their orders of magnitude.
  static func signedLogUniform(_ count: Int, _ a: Double, _ b: Double, seed: UInt32) -> [Double] {
    var signs = SeededGenerator(seed: seed &+ 1000)
    return logUniform(count, a, b, seed: seed).map { signs.nextDouble() < 0.5 ? -$0 : $0 }
  }

  /// Within 2 ulp of glibc's `tanh`, whose own error reaches 2.1 ulp for |x| < 1 (its
  /// `−t/(t + 2)` rounds `t = expm1(−2|x|)` first); ours is held to 0.75 ulp of the exact value
  /// by the next test, so where the two differ by 2, glibc is the one more than 1 ulp off.
  @Test func tanhIsWithinTwoUlpOfTheCLibrary() {
    Self.checkAgreement(
      "tanh",
      [
        ("x in [-25, 25]", Self.uniform(Self.batch, -25, 25, seed: 31)),
        ("x in [-1, 1]", Self.uniform(Self.batch / 2, -1, 1, seed: 32)),
        ("|x| in [1e-20, 1]", Self.signedLogUniform(Self.batch / 2, 1e-20, 1, seed: 33)),
        ("|x| in [1, 20]", Self.signedLogUniform(Self.batch / 2, 1, 20, seed: 34)),
      ], minimumIdenticalShare: 0.8, largestDistance: 2, LaneMath.tanh, tanh)
  }

  /// The C library's `tanh` is not always the correctly rounded result, so ours is also held to
  /// the exact value: within 0.75 ulp of the 64-bit-mantissa `tanhl`, rounded to a double's ulp.
  @Test func tanhIsWithinThreeQuartersOfAnUlpOfTheTrueValue() {
    #if arch(x86_64) && canImport(Glibc)
      let inputs =
        Self.uniform(Self.batch / 2, -25, 25, seed: 36)
        + Self.signedLogUniform(Self.batch / 2, 1e-20, 20, seed: 37)
      var largest = 0.0
      var worst = 0.0
      for start in stride(from: 0, to: inputs.count - 7, by: 8) {
        let x = Vector(inputs[start..<start + 8])
        let y = LaneMath.tanh(x)
        for lane in 0..<8 {
          let exact = tanhl(Float80(x[lane]))
          let error = abs(Float80(y[lane]) - exact) / Float80(Double(exact).ulp)
          if Double(error) > largest { (largest, worst) = (Double(error), x[lane]) }
        }
      }
      print("tanh: largest error \(largest) ulp (at \(worst))")
      #expect(largest <= 0.75, "tanh: \(largest) ulp at \(worst)")
    #endif
  }

  /// The sigmoid is the scalar formula (`logistic`) with our `exp` in place of the C library's:
  /// the same bits as that formula on our `exp`'s results, within 2 ulp of it on the C library's
  /// (where the two `exp`s differ by 1 ulp, `e/(1 + e)` may cross into a binade of half the ulp),
  /// and no further from the exact value than it is.
  @Test func logisticIsTheScalarFormulaOnOurExp() {
    Self.checkAgreement(
      "logistic",
      [
        ("x in [-40, 40]", Self.uniform(Self.batch, -40, 40, seed: 61)),
        ("|x| in [1e-20, 1]", Self.signedLogUniform(Self.batch / 2, 1e-20, 1, seed: 62)),
        ("|x| in [1, 745]", Self.signedLogUniform(Self.batch / 2, 1, 745, seed: 63)),
      ], minimumIdenticalShare: 0.99, largestDistance: 2, LaneMath.logistic, logistic)
    var generator = SeededGenerator(seed: 64)
    var (ours, formula) = (0.0, 0.0)
    for _ in 0..<Self.batch / 64 {
      let x = Vector((0..<8).map { _ in generator.uniform(from: -30, to: 30) })
      let y = LaneMath.logistic(x)
      let e = LaneMath.exp(-Vector((0..<8).map { abs(x[$0]) }))
      for lane in 0..<8 {
        #expect(Self.isSame(y[lane], logistic(x[lane], exponentialOfMinusMagnitude: e[lane])))
        #if arch(x86_64) && canImport(Glibc)
          let exact = 1 / (1 + expl(-Float80(x[lane])))
          let ulp = Float80(Double(exact).ulp)
          ours = max(ours, Double(abs(Float80(y[lane]) - exact) / ulp))
          formula = max(formula, Double(abs(Float80(logistic(x[lane])) - exact) / ulp))
        #endif
      }
    }
    print("logistic: largest error \(ours) ulp; with the C library's exp \(formula) ulp")
    #expect(ours <= formula + 0.125)
  }

  @Test func tanhAndLogisticOfSpecialValuesMatchTheCLibrary() {
    #expect(
      LaneMath.tanh(Vector(.nan, .infinity, -.infinity, -0.0, 0, 22, -22, 1e300)).isSame(as: [
        .nan, 1, -1, -0.0, 0, 1, -1, 1,
      ]))
    Self.expectLibmResults(
      for: [
        .nan, .infinity, -.infinity, 0, -0.0, 1, -1, 0.5, -0.5, 0.55, 0.35, 0.3465, 0x1p-27,
        -0x1p-27, 0x1p-55, 1e-300, -1e-300, 1e-310, -1e-310, .leastNonzeroMagnitude,
        -.leastNonzeroMagnitude, 19, 19.06, 19.07, 21.99, 22, 22.01, -19.07, 40, 710, -710,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
      ], LaneMath.tanh, tanh)
    Self.expectLibmResults(
      for: [
        .nan, .infinity, -.infinity, 0, -0.0, 1, -1, 1e-300, -1e-300, 36, 37, -36, -37, 708,
        -708, 708.5, -708.5, 745, -745, 746, -746, .greatestFiniteMagnitude,
        -.greatestFiniteMagnitude,
      ], LaneMath.logistic, logistic)
  }

  /// Special and boundary arguments, in every lane, give the C library's result: bit for bit
  /// where it is not a finite nonzero number (or the argument is not finite), else within 1 ulp.
  static func expectLibmResults(
    for arguments: [Double], _ vector: (Vector) -> Vector, _ scalar: (Double) -> Double,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for x in arguments {
      let expected = scalar(x)
      for lane in 0..<8 {
        var input = Vector(repeating: 0.5)
        input[lane] = x
        let result = vector(input)[lane]
        let isExact = !x.isFinite || !expected.isFinite || expected == 0
        #expect(
          isExact ? isSame(result, expected) : ulpDistance(result, expected) <= 1,
          "f(\(x)) = \(result), C library: \(expected)", sourceLocation: sourceLocation)
      }
    }
  }

  @Test func expOfSpecialValuesMatchesTheCLibrary() {
    #expect(
      LaneMath.exp(Vector(.nan, .infinity, -.infinity, -0.0, .nan, .infinity, -.infinity, -0.0))
        .isSame(as: [.nan, .infinity, 0, 1]))
    #expect(
      LaneMath.exp(Vector(710, 1e300, -746, -1e300, 710, 1e300, -746, -1e300)).isSame(as: [
        .infinity, .infinity, 0, 0,
      ]))
    Self.expectLibmResults(
      for: [
        .nan, .infinity, -.infinity, 0, -0.0, 1, -1, 1e-300, -1e-300, .leastNonzeroMagnitude,
        709, 709.78, 709.782712893384, 709.7827128933841, 709.8, 710, .greatestFiniteMagnitude,
        -708, -708.39, -708.4, -720, -740, -745.1, -745.13, -745.1332191019411,
        -745.1332191019412, -745.2, -746, -.greatestFiniteMagnitude,
      ], LaneMath.exp, exp)
  }

  @Test func logOnePlusOfSpecialValuesMatchesTheCLibrary() {
    #expect(
      LaneMath.log(
        onePlus: Vector(.nan, .infinity, -.infinity, -2, .nan, .infinity, -.infinity, -2)
      ).isSame(as: [
        .nan, .infinity, .nan, .nan,
      ]))
    #expect(
      LaneMath.log(onePlus: Vector(-1, -0.0, 0, 1e-320, -1, -0.0, 0, 1e-320)).isSame(as: [
        -.infinity, -0.0, 0, 1e-320,
      ]))
    Self.expectLibmResults(
      for: [
        .nan, .infinity, -.infinity, -2, -1, (-1.0).nextUp, (-1.0).nextDown, 0, -0.0, 1,
        1e-320, -1e-320, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1e-300, -1e-300,
        0x1p-53, -0x1p-54, 0x1p1000, 0x1p1000.nextDown, 1e300, .greatestFiniteMagnitude,
      ], LaneMath.log(onePlus:), log1p)
  }

  /// An FNV-1a hash of the bits of `results` for 4096 arguments drawn uniformly from
  /// `range`, 8 at a time.
  static func fingerprint(
    seed: UInt32, range: ClosedRange<Double>, _ results: (Vector) -> [Vector]
  ) -> UInt64 {
    var generator = SeededGenerator(seed: seed)
    let arguments = (0..<4096).map { _ in
      generator.uniform(from: range.lowerBound, to: range.upperBound)
    }
    var fingerprint: UInt64 = 0xcbf2_9ce4_8422_2325
    for start in stride(from: 0, to: arguments.count, by: 8) {
      for y in results(Vector(arguments[start..<start + 8])) {
        for lane in 0..<8 { fingerprint = (fingerprint ^ y[lane].bitPattern) &* 0x100_0000_01b3 }
      }
    }
    return fingerprint
  }

  /// The same inputs give the same bits in debug and release builds (and with
  /// `NNBOOK_PORTABLE=1`): a fingerprint of 3 × 4096 results, checked in each.
  @Test func resultsAreTheSameBitsInEveryBuild() {
    let fingerprint = Self.fingerprint(seed: 51, range: -30...30) { x in
      [LaneMath.exp(x), LaneMath.log(onePlus: LaneMath.exp(x)), LaneMath.log(onePlus: x * x)]
    }
    #expect(fingerprint == 0x9a49_7c58_89dd_9300)
  }

  /// `tanh` and the sigmoid, likewise: a fingerprint of 2 × 4096 results.
  @Test func tanhAndLogisticAreTheSameBitsInEveryBuild() {
    let fingerprint = Self.fingerprint(seed: 52, range: -25...25) { x in
      [LaneMath.tanh(x), LaneMath.logistic(x)]
    }
    #expect(fingerprint == 0x9dd1_9d0b_1bb8_344d)
  }

  /// A lane's result depends on its argument alone: not on which lane it is in, nor on whether
  /// a neighbour sends the vector down the C library's path.
  @Test func eachLaneIsComputedIndependently() {
    let functions: [(String, (Vector) -> Vector)] = [
      ("exp", LaneMath.exp), ("log1p", LaneMath.log(onePlus:)), ("tanh", LaneMath.tanh),
      ("logistic", LaneMath.logistic),
    ]
    var generator = SeededGenerator(seed: 41)
    let arguments =
      (0..<64).map { _ in generator.uniform(from: -3, to: 3) }
      + (0..<64).map { _ in exp(generator.uniform(from: -700, to: 700)) }
      + [.nan, .infinity, -.infinity, 0, -0.0, -1, 800, -800, 1e-310]
    let neighbourhoods: [Vector] = [
      Vector(0.25, 2, 7, 100, 0.25, 2, 7, 100), Vector(repeating: .nan),
      Vector(800, -800, -2, 0, 800, -800, -2, 0),
      Vector(1e-310, -1, .infinity, 0.5, 1e-310, -1, .infinity, 0.5),
    ]
    for (name, function) in functions {
      for x in arguments {
        let alone = function(Vector(repeating: x))[0]
        for neighbours in neighbourhoods {
          for lane in 0..<8 {
            var input = neighbours
            input[lane] = x
            let result = function(input)[lane]
            #expect(
              Self.isSame(result, alone),
              "\(name)(\(x)) in lane \(lane) among \(neighbours) = \(result), alone \(alone)")
          }
        }
      }
    }
  }
}

extension SIMD8 where Scalar == Double {
  /// Whether each lane is the same double as `expected`'s, counting any two NaNs as the same.
  fileprivate func isSame(as expected: [Double]) -> Bool {
    indices.allSatisfy { LaneMathTests.isSame(self[$0], expected[$0 % expected.count]) }
  }
}

/// The logistic sigmoid as the library computed it before its lanes had their own `exp`: the
/// reference formula `LaneMath.logistic` keeps, on the C library's `exp`.
private func logistic(_ z: Double) -> Double {
  logistic(z, exponentialOfMinusMagnitude: exp(-abs(z)))
}

/// The logistic sigmoid from `e = e^−|z|`: `1/(1 + e^−z)` for `z ≥ 0`, `e^z/(1 + e^z)` below.
private func logistic(_ z: Double, exponentialOfMinusMagnitude e: Double) -> Double {
  z >= 0 ? 1 / (1 + e) : e / (1 + e)
}

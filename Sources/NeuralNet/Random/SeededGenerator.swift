#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The library's only source of randomness: NumPy's legacy `RandomState` stream, bit for bit.
///
/// A Mersenne Twister (MT19937) seeded as `numpy.random.RandomState(seed)` seeds it for an integer
/// seed, with NumPy's legacy ways of turning its 32-bit outputs into doubles, Gaussians, bounded
/// integers and shuffles. So `seed: 42` here draws exactly what `np.random.seed(42)` draws, and a
/// notebook can reproduce a NumPy walkthrough number for number.
///
/// The generator is a value: copying it forks the stream, and the same seed always gives the same
/// sequence on every platform and build mode.
public struct SeededGenerator: Sendable {
  /// The seed used where a caller gives none, so nothing in the library is ever accidentally random.
  public static let defaultSeed: UInt32 = 0

  private static let stateCount = 624
  private static let shiftSize = 397

  private var state: [UInt32]
  private var position: Int
  /// The second value of the last polar Box–Muller pair, returned by the next Gaussian draw.
  private var cachedGaussian: Double?

  /// Seeds the stream as `RandomState(seed)` does (MT19937 `init_genrand`).
  public init(seed: UInt32 = SeededGenerator.defaultSeed) {
    var state = [UInt32](repeating: 0, count: Self.stateCount)
    state[0] = seed
    for i in 1..<Self.stateCount {
      let previous = state[i - 1]
      state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
    }
    self.state = state
    self.position = Self.stateCount
    self.cachedGaussian = nil
  }

  /// The next raw 32-bit output of the Mersenne Twister.
  public mutating func nextUInt32() -> UInt32 {
    if position >= Self.stateCount { regenerate() }
    let y = state[position]
    position += 1
    return Self.temper(y)
  }

  /// MT19937's output tempering of one state word.
  @inline(__always)
  private static func temper(_ word: UInt32) -> UInt32 {
    var y = word
    y ^= y >> 11
    y ^= (y << 7) & 0x9d2c_5680
    y ^= (y << 15) & 0xefc6_0000
    y ^= y >> 18
    return y
  }

  /// ``temper(_:)`` of sixteen state words.
  @inline(__always)
  private static func temper(_ words: SIMD16<UInt32>) -> SIMD16<UInt32> {
    var y = words
    y ^= y &>> 11
    y ^= (y &<< 7) & 0x9d2c_5680
    y ^= (y &<< 15) & 0xefc6_0000
    y ^= y &>> 18
    return y
  }

  /// The next 64-bit output: two 32-bit outputs, the first in the high half (NumPy's `next_uint64`).
  public mutating func nextUInt64() -> UInt64 {
    let high = UInt64(nextUInt32())
    return high << 32 | UInt64(nextUInt32())
  }

  /// A uniform double in [0, 1) with 53 random bits (NumPy's `random_sample`).
  ///
  /// ```
  /// ((a >> 5) · 2²⁶ + (b >> 6)) / 2⁵³
  /// ```
  public mutating func nextDouble() -> Double {
    let a = Double(nextUInt32() >> 5)
    let b = Double(nextUInt32() >> 6)
    return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
  }

  /// Fills `buffer` with consecutive ``nextDouble()`` draws: the same stream, read straight from
  /// the state a refill at a time (dropout draws a mask value per unit and example every step).
  mutating func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>) {
    var index = 0
    while index < buffer.count {
      guard position < Self.stateCount - 1 else {
        // A pair that straddles a refill: the one-at-a-time path handles it.
        buffer[index] = nextDouble()
        index += 1
        continue
      }
      let pairs = min((Self.stateCount - position) / 2, buffer.count - index)
      state.withUnsafeBufferPointer { state in
        let words = state.baseAddress! + position
        let output = buffer.baseAddress! + index
        // Eight pairs at a time: the same operations on each word, each exact but the last
        // rounding-free division by 2⁵³, so the vectors give the scalar loop's bits.
        var pair = 0
        while pair &+ 8 <= pairs {
          let tempered = Self.temper(
            UnsafeRawPointer(words + 2 &* pair).loadUnaligned(as: SIMD16<UInt32>.self))
          let a = SIMD8<Double>(tempered.evenHalf &>> 5)
          let b = SIMD8<Double>(tempered.oddHalf &>> 6)
          UnsafeMutableRawPointer(output + pair).storeBytes(
            of: (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0, as: SIMD8<Double>.self)
          pair &+= 8
        }
        while pair < pairs {
          let a = Double(Self.temper(words[2 &* pair]) >> 5)
          let b = Double(Self.temper(words[2 &* pair &+ 1]) >> 6)
          output[pair] = (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
          pair &+= 1
        }
      }
      position += 2 * pairs
      index += pairs
    }
  }

  /// A uniform double in [`lowerBound`, `upperBound`) (NumPy's `uniform(low, high)`).
  public mutating func uniform(from lowerBound: Double, to upperBound: Double) -> Double {
    lowerBound + (upperBound - lowerBound) * nextDouble()
  }

  /// A standard normal draw by NumPy's legacy polar Box–Muller method.
  ///
  /// Each accepted pair yields two values: the first call returns `f · x2` and keeps `f · x1` for the
  /// next call, exactly as `legacy_gauss` does.
  public mutating func standardNormal() -> Double {
    if let cached = cachedGaussian {
      cachedGaussian = nil
      return cached
    }
    var x1 = 0.0
    var x2 = 0.0
    var radiusSquared = 0.0
    repeat {
      x1 = 2.0 * nextDouble() - 1.0
      x2 = 2.0 * nextDouble() - 1.0
      radiusSquared = x1 * x1 + x2 * x2
    } while radiusSquared >= 1.0 || radiusSquared == 0.0
    let factor = (-2.0 * log(radiusSquared) / radiusSquared).squareRoot()
    cachedGaussian = factor * x1
    return factor * x2
  }

  /// A normal draw with the given mean and standard deviation (NumPy's `normal(loc, scale)`).
  public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
    mean + standardDeviation * standardNormal()
  }

  /// A uniform integer in `0...maximum`, by masked rejection sampling (NumPy's `random_interval`).
  ///
  /// Ranges that fit in 32 bits consume one 32-bit output per try; wider ones a 64-bit output.
  public mutating func integer(upToAndIncluding maximum: UInt64) -> UInt64 {
    if maximum == 0 { return 0 }
    var mask = maximum
    mask |= mask >> 1
    mask |= mask >> 2
    mask |= mask >> 4
    mask |= mask >> 8
    mask |= mask >> 16
    mask |= mask >> 32
    if maximum <= UInt64(UInt32.max) {
      while true {
        let value = UInt64(nextUInt32()) & mask
        if value <= maximum { return value }
      }
    }
    while true {
      let value = nextUInt64() & mask
      if value <= maximum { return value }
    }
  }

  /// A uniform integer in `range` (NumPy's `randint(low, high)`); the range must not be empty.
  public mutating func integer(in range: Range<Int>) -> Int {
    precondition(!range.isEmpty, "cannot draw an integer from the empty range \(range)")
    let span = UInt64(bitPattern: Int64(range.upperBound &- 1 &- range.lowerBound))
    return range.lowerBound &+ Int(truncatingIfNeeded: integer(upToAndIncluding: span))
  }

  /// Shuffles `elements` in place as NumPy's legacy `shuffle` does: Fisher–Yates from the last index
  /// down, each swap partner drawn by ``integer(upToAndIncluding:)``.
  public mutating func shuffle<Element>(_ elements: inout [Element]) {
    guard elements.count > 1 else { return }
    for i in stride(from: elements.count - 1, through: 1, by: -1) {
      let j = Int(integer(upToAndIncluding: UInt64(i)))
      elements.swapAt(i, j)
    }
  }

  /// A random permutation of `0..<count` (NumPy's `permutation(count)`).
  public mutating func permutation(of count: Int) -> [Int] {
    var indices = Array(0..<count)
    shuffle(&indices)
    return indices
  }

  /// Twists the whole state (MT19937 `genrand` refill): element `i` from elements `i`, `i + 1`
  /// and `i + 397`, indices wrapping around 624; the wrap is split out of the loop.
  private mutating func regenerate() {
    let n = Self.stateCount
    let m = Self.shiftSize
    state.withUnsafeMutableBufferPointer { state in
      @inline(__always) func twist(_ i: Int, _ next: Int, _ shifted: Int) {
        let y = (state[i] & 0x8000_0000) | (state[next] & 0x7fff_ffff)
        state[i] = state[shifted] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_b0df)
      }
      for i in 0..<n - m { twist(i, i + 1, i + m) }
      for i in n - m..<n - 1 { twist(i, i + 1, i + m - n) }
      twist(n - 1, 0, m - 1)
    }
    position = 0
  }
}

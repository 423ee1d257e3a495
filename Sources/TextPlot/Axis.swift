#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An axis: its bounds, its scale and its "nice" tick values with their labels.
///
/// Linear ticks are the multiples of a step `m × 10^k` with `m` in 1, 2, 5 (the smallest step that
/// gives at most `maximumTickCount` ticks), so a range 0.0137 ... 0.693 gets 0, 0.1, ... 0.7 and
/// never 25.8 or 50.5. Logarithmic ticks are 1, 2, 5 in every decade, or only powers of ten (every
/// decade, every other, ...) when that would be too many. Labels of one axis share one notation:
/// plain digits, or scientific (`2e5`, `1.5e-6`) when the values are 10⁶ or more or the step is
/// below 10⁻⁴, and that makes the widest label narrower.
public struct Axis: Equatable, Sendable {
  /// How values map to positions along an axis.
  public enum Scale: Equatable, Sendable {
    /// Equal differences get equal distances.
    case linear
    /// Equal ratios get equal distances; every value must be positive.
    case logarithmic
  }

  /// The value at the start (left or bottom) of the axis.
  public let lowerBound: Double
  /// The value at the end (right or top) of the axis.
  public let upperBound: Double
  /// The scale of the axis.
  public let scale: Scale
  /// The tick values, increasing, all within the bounds.
  public let ticks: [Double]
  /// One label per tick.
  public let labels: [String]

  /// An axis whose bounds are the outermost ticks around `lower ... upper`, so the data fill it
  /// and both ends are labelled with round values.
  ///
  /// An empty range (`lower == upper`) is widened to half the value on each side (±1 around 0;
  /// a factor 2 each way on a logarithmic scale). A range across zero always gets at least three
  /// ticks (a negative one, zero, a positive one). `minimumStep` keeps ticks apart, e.g. 1 for
  /// epochs.
  public init(
    covering lower: Double, _ upper: Double, scale: Scale = .linear, maximumTickCount: Int = 6,
    minimumStep: Double = 0
  ) throws(TextPlotError) {
    try Self.validate(lower, upper, scale: scale, maximumTickCount: maximumTickCount)
    var (lower, upper) = (lower, upper)
    if lower == upper {
      if scale == .logarithmic {
        lower /= 2
        upper *= 2
      } else {
        let pad = lower == 0 ? 1 : lower.magnitude * 0.5
        lower -= pad
        upper += pad
      }
    }
    try Self.requireDrawable(lower, upper, scale: scale)
    let ticks =
      scale == .linear
      ? Self.linearTicks(
        lower, upper, maximumCount: maximumTickCount, minimumStep: minimumStep, extending: true)
      : Self.logarithmicTicks(lower, upper, maximumCount: maximumTickCount, extending: true)
    self.init(
      lowerBound: ticks.values.first ?? lower, upperBound: ticks.values.last ?? upper,
      scale: scale, ticks: ticks.values, labels: ticks.labels)
  }

  /// An axis with exactly the bounds `lower ... upper` and the nice values inside them as ticks.
  public init(
    spanning lower: Double, _ upper: Double, scale: Scale = .linear, maximumTickCount: Int = 6
  ) throws(TextPlotError) {
    try Self.validate(lower, upper, scale: scale, maximumTickCount: maximumTickCount)
    try Self.requireDrawable(lower, upper, scale: scale)
    let ticks =
      scale == .linear
      ? Self.linearTicks(
        lower, upper, maximumCount: maximumTickCount, minimumStep: 0, extending: false)
      : Self.logarithmicTicks(lower, upper, maximumCount: maximumTickCount, extending: false)
    self.init(
      lowerBound: lower, upperBound: upper, scale: scale, ticks: ticks.values,
      labels: ticks.labels)
  }

  private init(
    lowerBound: Double, upperBound: Double, scale: Scale, ticks: [Double], labels: [String]
  ) {
    self.lowerBound = lowerBound
    self.upperBound = upperBound
    self.scale = scale
    self.ticks = ticks
    self.labels = labels
  }

  /// Where `value` lies between the bounds: 0 at `lowerBound`, 1 at `upperBound`.
  public func fraction(of value: Double) -> Double {
    switch scale {
    case .linear:
      return (value - lowerBound) / (upperBound - lowerBound)
    case .logarithmic:
      return (log10(value) - log10(lowerBound)) / (log10(upperBound) - log10(lowerBound))
    }
  }

  /// The width of the widest tick label.
  var labelWidth: Int { Self.widest(labels) }

  /// Throws unless `lower < upper` and positions between them can be computed: the width is
  /// finite and, on a logarithmic scale, the bounds are positive normal numbers.
  private static func requireDrawable(
    _ lower: Double, _ upper: Double, scale: Scale
  ) throws(TextPlotError) {
    let isDrawable =
      lower < upper && (upper - lower).isFinite
      && (upper - lower) >= .leastNormalMagnitude
      && (scale == .linear || (lower.isNormal && upper.isFinite))
    try require(
      isDrawable, "range", "\(lower)...\(upper)",
      "a non-empty range narrower than the largest Double"
        + (scale == .logarithmic ? ", with normal positive bounds" : ""))
  }

  private static func validate(
    _ lower: Double, _ upper: Double, scale: Scale, maximumTickCount: Int
  ) throws(TextPlotError) {
    try require(
      lower.isFinite && upper.isFinite && lower <= upper, "range", "\(lower)...\(upper)",
      "finite with lower <= upper")
    try require(maximumTickCount >= 2, "maximumTickCount", maximumTickCount, "at least 2")
    if scale == .logarithmic {
      try require(lower > 0, "range", "\(lower)...\(upper)", "positive on a logarithmic scale")
    }
  }
}

extension Axis {
  private typealias Ticks = (values: [Double], labels: [String])

  /// The value `multiple × 10^exponent`, correctly rounded.
  private static func value(_ multiple: Int, _ exponent: Int) -> Double {
    Double("\(multiple)e\(exponent)") ?? 0
  }

  /// The exponent of the leading digit of a positive finite value: ⌊log₁₀ value⌋, exactly.
  static func decade(of value: Double) -> Int {
    (DecimalNumber(value)?.pointPosition ?? 1) - 1
  }

  private static func linearTicks(
    _ lower: Double, _ upper: Double, maximumCount: Int, minimumStep: Double, extending: Bool
  ) -> Ticks {
    let tolerance = 1e-9
    let maximumCount = extending && lower < 0 && upper > 0 ? max(maximumCount, 3) : maximumCount
    var exponent = decade(of: (upper - lower) / Double(maximumCount)) - 1
    while true {
      for mantissa in [1, 2, 5] {
        let step = value(mantissa, exponent)
        guard step >= minimumStep else { continue }
        let low = lower / step
        let high = upper / step
        guard low.magnitude < 1e15, high.magnitude < 1e15 else { continue }
        let first = Int(
          extending ? (low + tolerance).rounded(.down) : (low - tolerance).rounded(.up))
        let last = Int(
          extending ? (high - tolerance).rounded(.up) : (high + tolerance).rounded(.down))
        guard last - first + 1 <= maximumCount else { continue }
        let multiples = (first...max(first, last)).map { $0 * mantissa }
        return (
          multiples.map { value($0, exponent) },
          linearLabels(multiples, exponent: exponent, step: step)
        )
      }
      exponent += 1
    }
  }

  private static func linearLabels(_ multiples: [Int], exponent: Int, step: Double) -> [String] {
    let numbers = multiples.map { DecimalNumber(multiple: $0, exponent: exponent) }
    let largest = multiples.map(\.magnitude).max() ?? 0
    let fixed = numbers.map { $0.fixed(decimals: max(0, -exponent)) }
    guard value(Int(largest), exponent) >= 1e6 || step < 1e-4 else { return fixed }
    // A narrow range far from zero (a flat loss around 0.94) reads better as 0.939994006525
    // than as 9.39994006525e-1: its digits are needed either way.
    let scientific = numbers.map { $0.scientific() }
    return widest(scientific) < widest(fixed) ? scientific : fixed
  }

  private static func widest(_ labels: [String]) -> Int {
    labels.map(\.count).max() ?? 0
  }

  private static func logarithmicTicks(
    _ lower: Double, _ upper: Double, maximumCount: Int, extending: Bool
  ) -> Ticks {
    let lowDecade = decade(of: lower)
    let highDecade = decade(of: upper) + 1
    var candidates: [(mantissa: Int, exponent: Int)] = []
    for exponent in lowDecade...highDecade {
      candidates += [1, 2, 5].map { ($0, exponent) }
    }
    if let ticks = logarithmicPick(candidates, lower, upper, maximumCount, extending) {
      return ticks
    }
    // Powers of ten every `stride` decades; from a stride wider than the range on, they give
    // the same two or three ticks (10⁰ among them when the range crosses 1), so wider ones are
    // not tried.
    for stride in 1...max(1, highDecade - lowDecade + 1) {
      let first = Int((Double(lowDecade) / Double(stride)).rounded(.down)) * stride - stride
      let powers = Swift.stride(from: first, through: highDecade + stride, by: stride).map {
        (mantissa: 1, exponent: $0)
      }
      if let ticks = logarithmicPick(powers, lower, upper, maximumCount, extending) {
        return ticks
      }
    }
    // Fewer ticks than that fit: the two powers of ten just around the range.
    let around = [(mantissa: 1, exponent: lowDecade), (mantissa: 1, exponent: highDecade)]
    return logarithmicPick(around, lower, upper, .max, extending) ?? ([], [])
  }

  /// The candidates from the last one at or below `lower` to the first at or above `upper` (or
  /// only those inside when not extending), if there are at most `maximumCount`.
  private static func logarithmicPick(
    _ candidates: [(mantissa: Int, exponent: Int)], _ lower: Double, _ upper: Double,
    _ maximumCount: Int, _ extending: Bool
  ) -> Ticks? {
    let values = candidates.map { value($0.mantissa, $0.exponent) }
    let firstIndex =
      extending
      ? values.lastIndex { $0 <= lower } ?? 0
      : values.firstIndex { $0 >= lower } ?? 0
    let lastIndex =
      extending
      ? values.firstIndex { $0 >= upper } ?? values.count - 1
      : values.lastIndex { $0 <= upper } ?? 0
    guard lastIndex >= firstIndex else { return ([], []) }
    guard lastIndex - firstIndex + 1 <= maximumCount else { return nil }
    let chosen = Array(candidates[firstIndex...lastIndex])
    let isScientific = chosen.contains { $0.exponent < -4 || $0.exponent >= 6 }
    let labels = chosen.map { tick in
      let number = DecimalNumber(multiple: tick.mantissa, exponent: tick.exponent)
      return isScientific ? number.scientific() : number.fixed(decimals: max(0, -tick.exponent))
    }
    return (Array(values[firstIndex...lastIndex]), labels)
  }
}

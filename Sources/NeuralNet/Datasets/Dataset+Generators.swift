#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Dataset {
  /// Two concentric circles, exactly as scikit-learn's `make_circles(n, noise=, factor=,
  /// random_state=seed)` returns them.
  ///
  /// ⌊n/2⌋ outer points (class 0) at angles `linspace(0, 2π, n_out, endpoint=False)`, the rest
  /// (class 1) on a circle of radius `factor`; rows shuffled, then Gaussian noise added.
  public static func circles(
    count: Int, noise: Double = 0, factor: Double = 0.8, seed: Int = 0
  ) throws(NeuralNetError) -> Dataset {
    try require(count >= 2, "n", count, "at least 2")
    try require(noise >= 0 && noise.isFinite, "noise", noise, "a finite number >= 0")
    try require(factor >= 0 && factor < 1, "factor", factor, "in [0, 1)")
    var generator = SeededGenerator(seed: try validatedSeed(seed))
    let outer = count / 2
    let inner = count - outer
    var points: [Double] = []
    points.reserveCapacity(2 * count)
    for angle in linspace(from: 0, to: 2 * Double.pi, count: outer, includingEnd: false) {
      points += [cos(angle), sin(angle)]
    }
    for angle in linspace(from: 0, to: 2 * Double.pi, count: inner, includingEnd: false) {
      points += [cos(angle) * factor, sin(angle) * factor]
    }
    return shuffledWithNoise(
      name:
        "circles(n: \(count), noise: \(noise.plainDescription), "
        + "factor: \(factor.plainDescription), seed: \(seed))",
      points: points, labels: classLabels(outer, inner), noise: noise, generator: &generator)
  }

  /// Two interleaving half circles, exactly as scikit-learn's `make_moons(n, noise=,
  /// random_state=seed)` returns them.
  ///
  /// ⌊n/2⌋ points (class 0) on the upper half circle `(cos θ, sin θ)`, the rest (class 1) on
  /// `(1 − cos θ, 1 − sin θ − 0.5)`, θ over `linspace(0, π)`; rows shuffled, then noise added.
  public static func moons(count: Int, noise: Double = 0, seed: Int = 0) throws(NeuralNetError)
    -> Dataset
  {
    try require(count >= 2, "n", count, "at least 2")
    try require(noise >= 0 && noise.isFinite, "noise", noise, "a finite number >= 0")
    var generator = SeededGenerator(seed: try validatedSeed(seed))
    let outer = count / 2
    let inner = count - outer
    var points: [Double] = []
    points.reserveCapacity(2 * count)
    for angle in linspace(from: 0, to: Double.pi, count: outer, includingEnd: true) {
      points += [cos(angle), sin(angle)]
    }
    for angle in linspace(from: 0, to: Double.pi, count: inner, includingEnd: true) {
      points += [1 - cos(angle), 1 - sin(angle) - 0.5]
    }
    return shuffledWithNoise(
      name: "moons(n: \(count), noise: \(noise.plainDescription), seed: \(seed))",
      points: points, labels: classLabels(outer, inner), noise: noise, generator: &generator)
  }

  /// Label 0 repeated `counts[0]` times, then label 1 `counts[1]` times, and so on.
  private static func classLabels(_ counts: Int...) -> [Int] {
    counts.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
  }

  /// Shuffles rows as scikit-learn's `shuffle` does, then adds `noise · N(0, 1)` to every
  /// coordinate, row by row.
  private static func shuffledWithNoise(
    name: String, points: [Double], labels: [Int], noise: Double,
    generator: inout SeededGenerator
  ) -> Dataset {
    let order = generator.permutation(of: labels.count)
    var features = Matrix(rows: labels.count, columns: 2, elements: points).selectingRows(order)
    if noise > 0 {
      features.mapInPlace { $0 + noise * generator.standardNormal() }
    }
    return Dataset(
      trusted: name, features: features, labels: order.map { labels[$0] }, classNames: ["0", "1"])
  }
}

/// NumPy's `linspace`: `i · step + start` with `step = (end − start) / div`, `div = count − 1` with
/// the end point (which is then set to `end` exactly) or `count` without.
func linspace(from start: Double, to end: Double, count: Int, includingEnd: Bool) -> [Double] {
  let divisions = includingEnd ? count - 1 : count
  guard divisions > 0 else { return count == 1 ? [start] : [] }
  let step = (end - start) / Double(divisions)
  var values = (0..<count).map { Double($0) * step + start }
  if includingEnd { values[count - 1] = end }
  return values
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Dataset {
  /// The XOR pattern: points uniform in the four unit quadrants around the origin, class 0 where
  /// `x₁·x₂ > 0` (first and third quadrants) and class 1 elsewhere, plus Gaussian noise.
  ///
  /// The quadrants get `count / 4` points each (the first ones one more when `count` is not a
  /// multiple of 4), so the classes differ in size by at most one. Rows are shuffled.
  public static func xor(count: Int, noise: Double = 0, seed: Int = 0) throws(NeuralNetError)
    -> Dataset
  {
    try require(count >= 4, "n", count, "at least 4")
    try require(noise >= 0 && noise.isFinite, "noise", noise, "a finite number >= 0")
    var generator = SeededGenerator(seed: try validatedSeed(seed))
    let signs: [(Double, Double)] = [(1, 1), (-1, 1), (-1, -1), (1, -1)]
    var points: [Double] = []
    var labels: [Int] = []
    for (quadrant, sign) in signs.enumerated() {
      for _ in 0..<share(of: count, part: quadrant, parts: 4) {
        let x = sign.0 * generator.nextDouble() + noise * generator.standardNormal()
        let y = sign.1 * generator.nextDouble() + noise * generator.standardNormal()
        points += [x, y]
        labels.append(quadrant % 2)
      }
    }
    return shuffled(
      name: "xor(n: \(count), noise: \(noise.plainDescription), seed: \(seed))", points: points,
      labels: labels,
      classNames: ["0", "1"], generator: &generator)
  }

  /// Interleaved spiral arms, one class per arm, each making one full turn out from the origin.
  ///
  /// Point `i` of the `m` on arm `j` sits at radius `r = (i + 1) / m` and angle
  /// `2π·j/arms + 2π·r`, plus Gaussian noise on each coordinate. Arms get `count / arms` points
  /// each (the first ones one more). Rows are shuffled.
  public static func spiral(
    count: Int, arms: Int = 2, noise: Double = 0, seed: Int = 0
  ) throws(NeuralNetError) -> Dataset {
    try require(arms >= 2 && arms <= 26, "arms", arms, "in 2...26")
    try require(count >= arms, "n", count, "at least the number of arms (\(arms))")
    try require(noise >= 0 && noise.isFinite, "noise", noise, "a finite number >= 0")
    var generator = SeededGenerator(seed: try validatedSeed(seed))
    var points: [Double] = []
    var labels: [Int] = []
    for arm in 0..<arms {
      let armCount = share(of: count, part: arm, parts: arms)
      for i in 0..<armCount {
        let radius = Double(i + 1) / Double(armCount)
        let angle = 2 * Double.pi * (Double(arm) / Double(arms) + radius)
        let x = radius * cos(angle) + noise * generator.standardNormal()
        let y = radius * sin(angle) + noise * generator.standardNormal()
        points += [x, y]
        labels.append(arm)
      }
    }
    return shuffled(
      name: "spiral(n: \(count), arms: \(arms), noise: \(noise.plainDescription), seed: \(seed))",
      points: points,
      labels: labels, classNames: (0..<arms).map(String.init), generator: &generator)
  }

  /// Gaussian blobs around random centres, as scikit-learn's `make_blobs(n, n_features=2,
  /// centers=, cluster_std=, random_state=seed)` draws them.
  ///
  /// Centres are uniform in [−10, 10)², each class gets `count / centers` points (the first ones one
  /// more) drawn from `N(centre, std²)`, and the rows are shuffled.
  public static func blobs(
    count: Int, centers: Int = 3, standardDeviation: Double = 1, seed: Int = 0
  ) throws(NeuralNetError) -> Dataset {
    try require(centers >= 1 && centers <= 26, "centers", centers, "in 1...26")
    try require(count >= centers, "n", count, "at least the number of centers (\(centers))")
    try require(
      standardDeviation > 0 && standardDeviation.isFinite, "std", standardDeviation,
      "a finite number > 0")
    var generator = SeededGenerator(seed: try validatedSeed(seed))
    let centres = (0..<2 * centers).map { _ in generator.uniform(from: -10, to: 10) }
    var points: [Double] = []
    var labels: [Int] = []
    for center in 0..<centers {
      for _ in 0..<share(of: count, part: center, parts: centers) {
        for axis in 0..<2 {
          points.append(
            generator.normal(mean: centres[2 * center + axis], standardDeviation: standardDeviation)
          )
        }
        labels.append(center)
      }
    }
    return shuffled(
      name:
        "blobs(n: \(count), centers: \(centers), std: \(standardDeviation.plainDescription), "
        + "seed: \(seed))",
      points: points, labels: labels, classNames: (0..<centers).map(String.init),
      generator: &generator)
  }

  /// The size of part `part` when `total` is split into `parts` as evenly as possible, the first
  /// parts taking the remainder.
  private static func share(of total: Int, part: Int, parts: Int) -> Int {
    total / parts + (part < total % parts ? 1 : 0)
  }

  private static func shuffled(
    name: String, points: [Double], labels: [Int], classNames: [String],
    generator: inout SeededGenerator
  ) -> Dataset {
    let order = generator.permutation(of: labels.count)
    let features = Matrix(rows: labels.count, columns: 2, elements: points).selectingRows(order)
    return Dataset(
      trusted: name, features: features, labels: order.map { labels[$0] }, classNames: classNames)
  }
}

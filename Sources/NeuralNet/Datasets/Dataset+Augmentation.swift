extension Dataset {
  /// The most examples ``augmented(copies:noise:seed:)`` may produce, so that a typo cannot
  /// exhaust memory.
  public static let maximumAugmentedCount = 1_000_000

  /// The original examples followed by `copies` jittered copies of every example, with the same
  /// labels.
  ///
  /// Copy `c` (from 1) of example `i` sits at row `c · count + i`; each of its features gets
  /// Gaussian noise:
  ///
  /// ```
  /// x′[c·n + i][j] = x[i][j] + noise · z      z ~ N(0, 1)
  /// ```
  ///
  /// The `z` come from one ``SeededGenerator`` seeded with `seed`, drawn copy by copy, example by
  /// example, feature by feature (row-major over the new rows). With `noise` 0 nothing is drawn and
  /// the copies are exact.
  ///
  /// - Parameters:
  ///   - copies: how many jittered copies to append, at least 1, and at most so many that the
  ///     result keeps ``maximumAugmentedCount`` examples or fewer.
  ///   - noise: the standard deviation of the noise, a finite number ≥ 0, in feature units.
  ///   - seed: the seed of the noise, `0...4294967295`.
  public func augmented(copies: Int, noise: Double, seed: Int = 0) throws(NeuralNetError)
    -> Dataset
  {
    let limit = Self.maximumAugmentedCount
    try require(count > 0, "data", "no examples", "a dataset with examples")
    try require(
      count <= limit / 2, "data", "\(count) examples",
      "at most \(limit / 2) examples to augment (the result holds at most \(limit))")
    let most = limit / count - 1
    try require(
      copies >= 1 && copies <= most, "copies", copies,
      "in 1...\(most) (at most \(limit) examples in all)")
    try require(noise >= 0 && noise.isFinite, "noise", noise, "a finite number >= 0")
    var generator = SeededGenerator(seed: try validatedSeed(seed))
    let original = features.elements
    var elements = [Double]()
    elements.reserveCapacity(original.count * (copies + 1))
    elements += original
    for _ in 0..<copies {
      if noise == 0 {
        elements += original
      } else {
        for value in original { elements.append(value + noise * generator.standardNormal()) }
      }
    }
    if let index = elements.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteFeature(row: index / featureCount, column: index % featureCount)
    }
    var allLabels = [Int]()
    allLabels.reserveCapacity(count * (copies + 1))
    for _ in 0...copies { allLabels += labels }
    return Dataset(
      trusted: "\(name) augmented x\(copies + 1)",
      features: Matrix(rows: count * (copies + 1), columns: featureCount, elements: elements),
      labels: allLabels, classNames: classNames, featureNames: featureNames, labelName: labelName)
  }
}

extension Dataset {
  /// Splits the examples into a training and a test set, keeping each class's share in both.
  ///
  /// Each class's examples are shuffled by a generator seeded with `seed` (classes in label order)
  /// and `round(classCount · testFraction)` of them go to the test set, but never all of a class's
  /// examples when it has two or more. Both sets keep the dataset's original row order.
  public func split(testFraction: Double, seed: Int = 0) throws(NeuralNetError) -> (
    train: Dataset, test: Dataset
  ) {
    try require(
      testFraction > 0 && testFraction < 1, "test", testFraction,
      "a fraction strictly between 0 and 1"
    )
    var isTest = [Bool](repeating: false, count: count)
    for members in try shuffledClassMembers(seed: seed) {
      let testCount = Self.testCount(of: members.count, fraction: testFraction)
      for index in members.prefix(testCount) { isTest[index] = true }
    }
    let testRows = isTest.indices.filter { isTest[$0] }
    let trainRows = isTest.indices.filter { !isTest[$0] }
    guard !testRows.isEmpty, !trainRows.isEmpty else {
      throw .invalidArgument(
        name: "test", value: "\(testFraction)",
        expected: "a fraction that leaves examples on both sides of \(count) examples")
    }
    return (subset(trainRows, name: "\(name) train"), subset(testRows, name: "\(name) test"))
  }

  /// Splits the examples into training, validation and test sets, keeping each class's share in
  /// all three.
  ///
  /// Each class's `m` examples are shuffled exactly as ``split(testFraction:seed:)`` shuffles them
  /// (one generator seeded with `seed`, classes in label order). Of each shuffled class, the first
  /// `t` go to the test set, the next `v` to the validation set and the rest to training:
  ///
  /// ```
  /// t = round(m · testFraction)        at most m − 1 when m ≥ 2
  /// v = round(m · validationFraction)  at most m − t − 1 (never below 0)
  /// ```
  ///
  /// `round` rounds halves away from zero. So a class of two or more examples always keeps one
  /// for training, and the test set is the very one the two-way split gives for the same seed and
  /// test fraction: adding a validation set only takes examples from training. All three sets keep
  /// the dataset's original row order.
  ///
  /// - Throws: when a fraction is not strictly between 0 and 1, when they add up to 1 or more, or
  ///   when a set would be empty.
  public func split(
    validationFraction: Double, testFraction: Double, seed: Int = 0
  ) throws(NeuralNetError) -> (train: Dataset, validation: Dataset, test: Dataset) {
    try require(
      validationFraction > 0 && validationFraction < 1, "val", validationFraction,
      "a fraction strictly between 0 and 1")
    try require(
      testFraction > 0 && testFraction < 1, "test", testFraction,
      "a fraction strictly between 0 and 1")
    try require(
      validationFraction + testFraction < 1, "val", validationFraction,
      "a fraction that leaves examples for training (val + test < 1; test is \(testFraction))")
    enum Part { case train, validation, test }
    var parts = [Part](repeating: .train, count: count)
    for members in try shuffledClassMembers(seed: seed) {
      let testCount = Self.testCount(of: members.count, fraction: testFraction)
      let share = (Double(members.count) * validationFraction).rounded(.toNearestOrAwayFromZero)
      let validationCount = max(0, min(Int(share), members.count - testCount - 1))
      for index in members.prefix(testCount) { parts[index] = .test }
      for index in members.dropFirst(testCount).prefix(validationCount) {
        parts[index] = .validation
      }
    }
    let trainRows = parts.indices.filter { parts[$0] == .train }
    let validationRows = parts.indices.filter { parts[$0] == .validation }
    let testRows = parts.indices.filter { parts[$0] == .test }
    let emptiness = "a fraction that leaves examples in each of train, validation and test (of "
    guard !testRows.isEmpty else {
      throw .invalidArgument(
        name: "test", value: "\(testFraction)", expected: emptiness + "\(count) examples)")
    }
    guard !validationRows.isEmpty, !trainRows.isEmpty else {
      throw .invalidArgument(
        name: "val", value: "\(validationFraction)", expected: emptiness + "\(count) examples)")
    }
    return (
      subset(trainRows, name: "\(name) train"), subset(validationRows, name: "\(name) val"),
      subset(testRows, name: "\(name) test")
    )
  }

  /// How many of a class's `members` examples go to the test set: `round(members · fraction)`,
  /// but never all of them when there are two or more.
  private static func testCount(of members: Int, fraction: Double) -> Int {
    let share = (Double(members) * fraction).rounded(.toNearestOrAwayFromZero)
    // A class of none or one keeps its rounded share (0, or 0 or 1): `members − 1` would be −1.
    return members <= 1 ? Int(share) : min(Int(share), members - 1)
  }

  /// The indices of each class's examples, classes in label order, each class's list shuffled (in
  /// that order) by one generator seeded with `seed`.
  ///
  /// Every stratified split and fold assignment starts here, so the same seed shuffles the same way
  /// for all of them. A class with no examples gives an empty list and draws nothing.
  func shuffledClassMembers(seed: Int) throws(NeuralNetError) -> [[Int]] {
    var generator = SeededGenerator(seed: try validatedSeed(seed))
    var members = [[Int]](repeating: [], count: classCount)
    for (index, label) in labels.enumerated() { members[label].append(index) }
    for label in members.indices { generator.shuffle(&members[label]) }
    return members
  }
}

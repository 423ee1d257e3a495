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
    var generator = SeededGenerator(seed: try validatedSeed(seed))
    var isTest = [Bool](repeating: false, count: count)
    for label in 0..<classCount {
      var members = labels.indices.filter { labels[$0] == label }
      guard !members.isEmpty else { continue }
      generator.shuffle(&members)
      let share = (Double(members.count) * testFraction).rounded(.toNearestOrAwayFromZero)
      let testCount = members.count == 1 ? Int(share) : min(Int(share), members.count - 1)
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
}

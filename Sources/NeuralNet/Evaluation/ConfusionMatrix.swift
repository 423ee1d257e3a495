/// Counts of (true class, predicted class) pairs, with the per-class metrics derived from them.
public struct ConfusionMatrix: Equatable, Sendable {
  /// The number of classes.
  public let classCount: Int
  /// `counts[actual * classCount + predicted]`: row-major, one row per true class.
  public private(set) var counts: [Int]

  /// Tallies `predicted` against `actual`; both must hold labels in `0..<classCount`.
  public init(actual: [Int], predicted: [Int], classCount: Int) throws(NeuralNetError) {
    try require(classCount >= 1, "classCount", classCount, "at least 1")
    guard actual.count == predicted.count else {
      throw .shapeMismatch(
        "\(actual.count) true labels cannot be compared with \(predicted.count) predictions")
    }
    self.classCount = classCount
    self.counts = Array(repeating: 0, count: classCount * classCount)
    for (row, (truth, guess)) in zip(actual, predicted).enumerated() {
      for label in [truth, guess] where label < 0 || label >= classCount {
        throw .labelOutOfRange(label: label, row: row, classCount: classCount)
      }
      counts[truth * classCount + guess] += 1
    }
  }

  /// How many examples of class `actual` were predicted as `predicted`.
  public subscript(actual: Int, predicted: Int) -> Int {
    counts[actual * classCount + predicted]
  }

  /// The number of examples tallied.
  public var total: Int { counts.reduce(0, +) }

  /// The share of examples predicted correctly (0 when there are none).
  public var accuracy: Double {
    let correct = (0..<classCount).reduce(0) { $0 + self[$1, $1] }
    return total == 0 ? 0 : Double(correct) / Double(total)
  }

  /// Precision, recall, F1 and support of every class, by label.
  ///
  /// ```
  /// precision = TP / (TP + FP)    recall = TP / (TP + FN)    F1 = 2PR / (P + R)
  /// ```
  ///
  /// A ratio whose denominator is 0 is reported as 0, as scikit-learn does by default.
  public var classMetrics: [ClassMetrics] {
    (0..<classCount).map { label in
      let truePositives = self[label, label]
      let predictedCount = (0..<classCount).reduce(0) { $0 + self[$1, label] }
      let actualCount = (0..<classCount).reduce(0) { $0 + self[label, $1] }
      let precision = ratio(truePositives, predictedCount)
      let recall = ratio(truePositives, actualCount)
      let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
      return ClassMetrics(
        label: label, precision: precision, recall: recall, f1: f1, support: actualCount)
    }
  }

  private func ratio(_ numerator: Int, _ denominator: Int) -> Double {
    denominator == 0 ? 0 : Double(numerator) / Double(denominator)
  }
}

/// How well a classifier does on one class.
public struct ClassMetrics: Equatable, Sendable {
  /// The class.
  public var label: Int
  /// Of the examples predicted as this class, the share that are.
  public var precision: Double
  /// Of the examples of this class, the share predicted as it.
  public var recall: Double
  /// The harmonic mean of precision and recall.
  public var f1: Double
  /// The number of examples of this class.
  public var support: Int

  /// Creates the metrics of one class.
  public init(label: Int, precision: Double, recall: Double, f1: Double, support: Int) {
    self.label = label
    self.precision = precision
    self.recall = recall
    self.f1 = f1
    self.support = support
  }
}

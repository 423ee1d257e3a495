extension Dataset {
  /// A dataset whose features are the given terms of this one's, in order, with the same labels:
  /// TensorFlow Playground's feature choices (`x1`, `x1^2`, `x1*x2`, `sin(x1)`, …).
  ///
  /// The name records the terms: `moons(n: 100, …) features [x1, x2, x1*x2]`.
  ///
  /// - Throws: when there are no terms, when a term reads a feature the dataset does not have
  ///   (naming the term), or when a value overflows to infinity.
  public func expanded(with terms: [FeatureExpression]) throws(NeuralNetError) -> Dataset {
    guard !terms.isEmpty else {
      throw .invalidArgument(name: "features", value: "[]", expected: "a list of at least one term")
    }
    for term in terms where term.columns.contains(where: { $0 < 0 || $0 >= featureCount }) {
      throw .invalidArgument(
        name: "feature term", value: "\"\(term)\"",
        expected: featureCount == 1
          ? "about x1 (the data has 1 feature)"
          : "about x1...x\(featureCount) (the data has \(featureCount) features)")
    }
    let width = terms.count
    let inputWidth = featureCount
    var result = [Double](repeating: 0, count: count * width)
    features.withUnsafeElements { input in
      result.withUnsafeMutableBufferPointer { output in
        for row in 0..<count {
          for (column, term) in terms.enumerated() {
            output[row * width + column] = term.value(input, offset: row * inputWidth)
          }
        }
      }
    }
    if let index = result.firstIndex(where: { !$0.isFinite }) {
      throw .invalidArgument(
        name: "feature term", value: "\(result[index]) for example \(index / width + 1)",
        expected: "finite, but \(terms[index % width]) overflows")
    }
    let list = terms.map(\.description).joined(separator: ", ")
    return Dataset(
      trusted: "\(name) features [\(list)]",
      features: Matrix(rows: count, columns: width, elements: result), labels: labels,
      classNames: classNames, featureNames: terms.map(\.description), labelName: labelName)
  }
}

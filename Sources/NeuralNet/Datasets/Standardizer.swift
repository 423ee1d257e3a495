/// Shifts and scales each feature to zero mean and unit variance, with statistics fitted on one set
/// (the training data) and applied unchanged to others, so no information leaks from test data.
///
/// ```
/// x′ = (x − mean) / scale      scale = population standard deviation, or 1 for a constant column
/// ```
///
/// A constant column keeps scale 1, as scikit-learn's `StandardScaler` does, so it never becomes NaN.
public struct Standardizer: Equatable, Sendable {
  /// The mean of each feature in the fitted data.
  public let means: [Double]
  /// The divisor of each feature: its standard deviation, or 1 where that is (nearly) zero.
  public let scales: [Double]

  /// Fits means and scales to the rows of `features`.
  public init(fittedTo features: Matrix) throws(NeuralNetError) {
    guard features.rows > 0 else { throw .emptyDataset("the data to standardise") }
    guard features.isFinite else {
      throw .invalidArgument(name: "features", value: "a non-finite value", expected: "finite")
    }
    let count = Double(features.rows)
    let means = features.columnSums().map { $0 / count }
    var squares = [Double](repeating: 0, count: features.columns)
    for row in 0..<features.rows {
      for column in 0..<features.columns {
        let deviation = features[row, column] - means[column]
        squares[column] += deviation * deviation
      }
    }
    self.means = means
    self.scales = squares.map {
      let deviation = ($0 / count).squareRoot()
      return deviation < 10 * Double.ulpOfOne ? 1 : deviation
    }
  }

  /// Fits means and scales to a dataset's features.
  public init(fittedTo dataset: Dataset) throws(NeuralNetError) {
    try self.init(fittedTo: dataset.features)
  }

  /// `features` shifted and scaled by the fitted statistics.
  public func transform(_ features: Matrix) throws(NeuralNetError) -> Matrix {
    guard features.columns == means.count else {
      throw .shapeMismatch(
        "the standardiser was fitted to \(means.count) features, got \(features.columns)")
    }
    var result = features
    let columns = features.columns
    result.withUnsafeMutableElements { values in
      for index in values.indices {
        let column = index % columns
        values[index] = (values[index] - means[column]) / scales[column]
      }
    }
    return result
  }

  /// A copy of `dataset` with standardised features.
  public func transform(_ dataset: Dataset) throws(NeuralNetError) -> Dataset {
    dataset.replacingFeatures(with: try transform(dataset.features))
  }
}

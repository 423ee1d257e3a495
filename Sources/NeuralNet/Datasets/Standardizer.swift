/// Shifts and scales each feature to zero mean and unit variance, with statistics fitted on one set
/// (the training data) and applied unchanged to others, so no information leaks from test data.
///
/// ```
/// x′ = (x − mean) / scale      scale = population standard deviation, or 1 for a constant column
/// ```
///
/// A constant column keeps scale 1, as scikit-learn's `StandardScaler` does, so it never becomes NaN:
/// one whose variance is within the rounding error of its computation (scikit-learn's own bound,
/// `var ≤ n·ε·var + (n·mean·ε)²`), whatever the size of its values.
public struct Standardizer: Equatable, Sendable {
  /// The mean of each feature in the fitted data.
  public let means: [Double]
  /// The divisor of each feature: its standard deviation, or 1 where the feature is constant.
  public let scales: [Double]

  /// Fits means and scales to the rows of `features`.
  public init(fittedTo features: Matrix) throws(NeuralNetError) {
    guard features.rows > 0 else { throw .emptyDataset("the data to standardise") }
    guard features.isFinite else {
      throw .invalidArgument(name: "features", value: "a non-finite value", expected: "finite")
    }
    let statistics = (0..<features.columns).map { Self.statistics(ofColumn: $0, in: features) }
    means = statistics.map(\.mean)
    scales = statistics.map(\.scale)
  }

  /// Column `column`'s mean and scale.
  ///
  /// The column is summed times the power of two that brings its largest magnitude into [1, 2),
  /// and the results scaled back: values near the largest doubles would overflow the sums and tiny
  /// ones underflow the squares. Scaling by a power of two is exact, so values of ordinary size
  /// give the same bits as sums of the values themselves.
  private static func statistics(
    ofColumn column: Int, in features: Matrix
  ) -> (mean: Double, scale: Double) {
    let largest = (0..<features.rows).reduce(0.0) { max($0, features[$1, column].magnitude) }
    // Subnormal columns are scaled by 2¹⁰²³ at most, the largest power of two a double holds.
    let factor =
      largest == 0
      ? 1 : Double(sign: .plus, exponent: min(-largest.exponent, 1023), significand: 1)
    let (mean, variance) = moments(ofColumn: column, in: features, times: factor)
    let count = Double(features.rows)
    let meanError = count * mean * .ulpOfOne
    let roundingBound = count * .ulpOfOne * variance + meanError * meanError
    return (mean / factor, variance <= roundingBound ? 1 : variance.squareRoot() / factor)
  }

  /// The mean of column `column` times `factor`, and the mean of its squared deviations from it,
  /// each summed row by row.
  private static func moments(
    ofColumn column: Int, in features: Matrix, times factor: Double
  ) -> (mean: Double, variance: Double) {
    let count = Double(features.rows)
    var sum = 0.0
    for row in 0..<features.rows { sum += features[row, column] * factor }
    let mean = sum / count
    var squares = 0.0
    for row in 0..<features.rows {
      let deviation = features[row, column] * factor - mean
      squares += deviation * deviation
    }
    return (mean, squares / count)
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
        let (value, mean, scale) = (values[index], means[column], scales[column])
        values[index] = (value - mean) / scale
        if !values[index].isFinite && value.isFinite {
          // `value − mean` overflowed: the same in halves, exact.
          values[index] = (value * 0.5 - mean * 0.5) / (scale * 0.5)
        }
      }
    }
    return result
  }

  /// A copy of `dataset` with standardised features.
  public func transform(_ dataset: Dataset) throws(NeuralNetError) -> Dataset {
    dataset.replacingFeatures(with: try transform(dataset.features))
  }
}

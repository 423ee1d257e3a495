import CellLanguage
import NeuralNet
import TextPlot

/// What `cross_validate` returns: one row per fold (sizes, final training loss, validation
/// accuracy) and the mean and sample standard deviation of the validation accuracies.
final class CrossValidationObject: HostObject {
  /// One fold's outcome.
  struct Fold {
    var trainCount: Int
    var validationCount: Int
    /// The last finite training loss (as `fit` reports it), if any epoch had one.
    var finalLoss: Double?
    var stopReason: StopReason
    var validationAccuracy: Double
  }

  let folds: [Fold]

  init(folds: [Fold]) {
    self.folds = folds
  }

  var typeName: String { "cross-validation" }

  /// The validation accuracy of each fold.
  var accuracies: [Double] { folds.map(\.validationAccuracy) }

  /// The mean validation accuracy.
  var mean: Double { accuracies.reduce(0, +) / Double(folds.count) }

  /// The sample standard deviation of the validation accuracies (dividing by k − 1, k ≥ 2):
  ///
  /// ```
  /// std = sqrt( Σ (aᵢ − mean)² / (k − 1) )
  /// ```
  ///
  /// The sample form, because the folds are a sample of the splits the data could have had; NumPy's
  /// `np.std(scores)` divides by k instead and is smaller by `sqrt((k − 1) / k)`.
  var standardDeviation: Double {
    guard folds.count > 1 else { return 0 }
    let mean = self.mean
    let squares = accuracies.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (squares / Double(folds.count - 1)).squareRoot()
  }

  /// `5-fold cross-validation: val accuracy 88.0% +/- 3.2%`
  var summary: String {
    "\(folds.count)-fold cross-validation: val accuracy \(NumberFormat.percent(mean)) +/- "
      + NumberFormat.percent(standardDeviation)
  }

  var memberNames: [String] { ["accuracies", "mean", "std", "losses", "k"] }

  func member(_ name: String) -> Value? {
    switch name {
    case "accuracies": .list(accuracies.map { .number($0) })
    case "mean": .number(mean)
    case "std": .number(standardDeviation)
    case "losses": .list(folds.map { $0.finalLoss.map { .number($0) } ?? Value.none })
    case "k": .number(Double(folds.count))
    default: nil
    }
  }

  func display(_ context: DisplayContext) -> DisplayText {
    let rows = folds.enumerated().map { index, fold in
      [
        String(index + 1), String(fold.trainCount), String(fold.validationCount),
        fold.finalLoss.map { NumberFormat.compact($0, significantDigits: 4) } ?? "-",
        NumberFormat.percent(fold.validationAccuracy),
      ]
    }
    let table = TextTable.render(
      header: ["fold", "train n", "val n", "final loss", "val accuracy"], rows: rows,
      rightAligned: [0, 1, 2, 3, 4])
    var lines = [table]
    for (index, fold) in folds.enumerated() where fold.stopReason != .completed {
      lines.append("fold \(index + 1) \(fold.stopReason)")
    }
    lines.append(
      "val accuracy \(NumberFormat.percent(mean)) +/- \(NumberFormat.percent(standardDeviation)) "
        + "(mean +/- sample std over \(folds.count) folds)")
    return DisplayText(lines.joined(separator: "\n"))
  }
}

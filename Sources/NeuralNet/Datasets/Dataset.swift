/// A labelled classification dataset: one row of features per example and an integer class label.
public struct Dataset: Equatable, Sendable {
  /// A short name shown in summaries, e.g. `circles(n: 1000, noise: 0.1)`.
  public var name: String
  /// One row per example, one column per feature.
  public private(set) var features: Matrix
  /// The class of each example, in `0..<classNames.count`.
  public private(set) var labels: [Int]
  /// The name of each class, by label.
  public private(set) var classNames: [String]
  /// The name of each feature column, when the data came with them (a file's header); `nil` for
  /// generated data. Kept by subsets and standardisation, so a file written back has its header.
  public private(set) var featureNames: [String]?
  /// The name of the label column, when the data came with one; `nil` for generated data.
  public private(set) var labelName: String?

  /// Creates a dataset after checking that labels and features agree and are valid.
  ///
  /// - Parameters:
  ///   - classNames: names by label; when omitted, classes are named `"0"`, `"1"`, … up to the
  ///     largest label.
  ///   - featureNames: one name per feature column, or `nil`.
  ///   - labelName: the name of the label column, or `nil`.
  public init(
    name: String, features: Matrix, labels: [Int], classNames: [String]? = nil,
    featureNames: [String]? = nil, labelName: String? = nil
  ) throws(NeuralNetError) {
    guard labels.count == features.rows else {
      throw .shapeMismatch(
        "dataset '\(name)' has \(features.rows) rows of features but \(labels.count) labels")
    }
    if let index = features.firstNonFiniteIndex() {
      throw .nonFiniteFeature(row: index / features.columns, column: index % features.columns)
    }
    let names = classNames ?? (0...max(labels.max() ?? 0, 0)).map(String.init)
    if let row = labels.firstIndex(where: { $0 < 0 || $0 >= names.count }) {
      throw .labelOutOfRange(label: labels[row], row: row, classCount: names.count)
    }
    if let featureNames, featureNames.count != features.columns {
      throw .shapeMismatch(
        "dataset '\(name)' has \(features.columns) feature columns but \(featureNames.count) "
          + "feature names")
    }
    self.name = name
    self.features = features
    self.labels = labels
    self.classNames = names
    self.featureNames = featureNames
    self.labelName = labelName
  }

  /// Creates a dataset from values already known to be valid (the library's own generators).
  init(
    trusted name: String, features: Matrix, labels: [Int], classNames: [String],
    featureNames: [String]? = nil, labelName: String? = nil
  ) {
    self.name = name
    self.features = features
    self.labels = labels
    self.classNames = classNames
    self.featureNames = featureNames
    self.labelName = labelName
  }

  /// The number of examples.
  public var count: Int { labels.count }
  /// The number of features per example.
  public var featureCount: Int { features.columns }
  /// The number of classes.
  public var classCount: Int { classNames.count }

  /// How many examples each class has, by label.
  public var classCounts: [Int] {
    var counts = [Int](repeating: 0, count: classCount)
    for label in labels { counts[label] += 1 }
    return counts
  }

  /// The examples at `indices`, in that order, keeping names and classes.
  public func subset(_ indices: [Int], name: String? = nil) -> Dataset {
    Dataset(
      trusted: name ?? self.name, features: features.selectingRows(indices),
      labels: indices.map { labels[$0] }, classNames: classNames, featureNames: featureNames,
      labelName: labelName)
  }

  /// A copy with its features replaced (same number of rows), e.g. after standardisation; feature
  /// names are kept when the number of columns is.
  func replacingFeatures(with newFeatures: Matrix) -> Dataset {
    Dataset(
      trusted: name, features: newFeatures, labels: labels, classNames: classNames,
      featureNames: newFeatures.columns == features.columns ? featureNames : nil,
      labelName: labelName)
  }
}

import CellLanguage
import NeuralNet

/// A dataset as the cell language sees it: shown as a one-line summary, with a few fields.
final class DatasetObject: HostObject {
  let dataset: Dataset

  init(_ dataset: Dataset) {
    self.dataset = dataset
  }

  var typeName: String { "dataset" }

  /// `moons(n: 200, noise: 0.2, seed: 0): 200 points, 2 features, 2 classes (0: 100, 1: 100)`
  var summary: String {
    let counts = zip(dataset.classNames, dataset.classCounts).map { "\($0): \($1)" }
    let points = dataset.count == 1 ? "1 point" : "\(dataset.count) points"
    let features = dataset.featureCount == 1 ? "1 feature" : "\(dataset.featureCount) features"
    let classes = dataset.classCount == 1 ? "1 class" : "\(dataset.classCount) classes"
    return "\(dataset.name): \(points), \(features), \(classes) (\(counts.joined(separator: ", ")))"
  }

  var memberNames: [String] { ["n", "features", "classes", "name", "labels", "feature_names"] }

  func member(_ name: String) -> Value? {
    switch name {
    case "n": .number(Double(dataset.count))
    case "features": .number(Double(dataset.featureCount))
    case "classes": .list(dataset.classNames.map { .string($0) })
    case "name": .string(dataset.name)
    case "labels": .list(dataset.labels.map { .number(Double($0)) })
    case "feature_names":
      .list(
        (dataset.featureNames ?? (0..<dataset.featureCount).map { "x\($0 + 1)" }).map {
          .string($0)
        })
    default: nil
    }
  }

  func display(_ context: DisplayContext) -> DisplayText {
    DisplayText(summary)
  }
}

import NeuralNet
import Testing

/// `Dataset.folds(k:seed:)`: a stratified, seeded partition into k validation folds.
@Suite struct CrossValidationFoldsTests {
  /// A dataset whose single feature is the row number, so rows can be traced through folds.
  static func numbered(labels: [Int]) throws -> Dataset {
    try Dataset(
      name: "numbered", features: Matrix(column: labels.indices.map(Double.init)), labels: labels)
  }

  static func rows(of dataset: Dataset) -> [Int] {
    dataset.features.column(0).map { Int($0) }
  }

  @Test func validationFoldsPartitionTheExamplesAndTrainingIsTheComplement() throws {
    let labels = (0..<103).map { $0 % 3 == 0 ? 2 : $0 % 2 }
    let data = try Self.numbered(labels: labels)
    let folds = try data.folds(k: 5, seed: 7)
    #expect(folds.count == 5)
    var seen = [Int]()
    for (train, validation) in folds {
      let validationRows = Self.rows(of: validation)
      let trainRows = Self.rows(of: train)
      #expect(Set(validationRows).isDisjoint(with: seen))
      seen += validationRows
      #expect(trainRows.count + validationRows.count == 103)
      #expect(Set(trainRows).union(validationRows).count == 103)
      #expect(Set(trainRows).isDisjoint(with: validationRows))
      #expect(trainRows == trainRows.sorted(), "training keeps the original row order")
      #expect(validationRows == validationRows.sorted())
      #expect(train.labels == trainRows.map { labels[$0] })
      #expect(validation.labels == validationRows.map { labels[$0] })
    }
    #expect(seen.sorted() == Array(0..<103))
  }

  @Test func foldsAreStratifiedAndBalanced() throws {
    let labels =
      Array(repeating: 0, count: 50) + Array(repeating: 1, count: 23)
      + Array(repeating: 2, count: 7)
    let folds = try Self.numbered(labels: labels).folds(k: 4, seed: 3)
    let sizes = folds.validationCounts
    #expect(sizes.reduce(0, +) == 80)
    #expect(sizes.max()! - sizes.min()! <= 1)
    for label in 0..<3 {
      let perFold = folds.map { $0.validation.classCounts[label] }
      #expect(perFold.max()! - perFold.min()! <= 1, "class \(label): \(perFold)")
    }
    #expect(folds.map { $0.validation.classCounts[0] }.sorted() == [12, 12, 13, 13])
  }

  @Test func aClassSmallerThanKIsMissingFromSomeValidationFolds() throws {
    let labels = Array(repeating: 0, count: 10) + [1, 1]
    let folds = try Self.numbered(labels: labels).folds(k: 5, seed: 0)
    let rare = folds.map { $0.validation.classCounts[1] }
    #expect(rare.reduce(0, +) == 2)
    #expect(rare.filter { $0 == 0 }.count == 3)
  }

  @Test func foldsAreDeterminedByTheSeed() throws {
    let data = try Dataset.moons(count: 60, noise: 0.1, seed: 2)
    let first = try data.folds(k: 3, seed: 11)
    let again = try data.folds(k: 3, seed: 11)
    let other = try data.folds(k: 3, seed: 12)
    #expect(first.assignment == again.assignment)
    #expect(first[1].validation == again[1].validation)
    #expect(first.assignment != other.assignment)
  }

  @Test func foldNamesCountTheFolds() throws {
    let folds = try Dataset.moons(count: 10).folds(k: 2)
    #expect(folds[1].train.name == "moons(n: 10, noise: 0, seed: 0) fold 2/2 train")
    #expect(folds[0].validation.name == "moons(n: 10, noise: 0, seed: 0) fold 1/2 val")
  }

  @Test func kOutsideTwoToTheExampleCountIsRejected() throws {
    let data = try Dataset.moons(count: 10)
    #expect(
      throws: NeuralNetError.invalidArgument(
        name: "k", value: "1", expected: "in 2...10 (at most one fold per example)")
    ) { try data.folds(k: 1) }
    #expect(throws: NeuralNetError.self) { try data.folds(k: 11) }
    #expect(throws: NeuralNetError.self) { try data.folds(k: 2, seed: -1) }
    let folds = try data.folds(k: 10)
    #expect(folds.validationCounts == Array(repeating: 1, count: 10))
  }
}

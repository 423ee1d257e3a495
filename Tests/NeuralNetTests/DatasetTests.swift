import NeuralNet
import Testing

/// Generators equal scikit-learn's for the same `random_state`, bit for bit.
@Suite struct DatasetGeneratorTests {
  static func expectIdentical(_ dataset: Dataset, toReference name: String) throws {
    let reference = try ReferenceFiles.dataset(name)
    #expect(dataset.labels == reference.labels)
    #expect(dataset.features.elements.map(\.bitPattern) == reference.features.map(\.bitPattern))
    #expect(dataset.features.columns == 2)
  }

  @Test func moonsWithNoiseEqualScikitLearn() throws {
    let moons = try Dataset.moons(count: 20, noise: 0.1, seed: 3)
    try Self.expectIdentical(moons, toReference: "make_moons-n20-noise0.1-seed3.csv")
  }

  @Test func moonsWithoutNoiseAndOddCountEqualScikitLearn() throws {
    let moons = try Dataset.moons(count: 15, seed: 5)
    try Self.expectIdentical(moons, toReference: "make_moons-n15-nonoise-seed5.csv")
  }

  @Test func circlesWithNoiseAndOddCountEqualScikitLearn() throws {
    let circles = try Dataset.circles(count: 21, noise: 0.05, factor: 0.5, seed: 42)
    try Self.expectIdentical(
      circles, toReference: "make_circles-n21-noise0.05-factor0.5-seed42.csv")
  }

  @Test func circlesWithoutNoiseEqualScikitLearn() throws {
    let circles = try Dataset.circles(count: 12, factor: 0.3, seed: 1)
    try Self.expectIdentical(circles, toReference: "make_circles-n12-nonoise-factor0.3-seed1.csv")
  }

  @Test func blobsEqualScikitLearn() throws {
    let blobs = try Dataset.blobs(count: 13, centers: 3, standardDeviation: 0.7, seed: 7)
    try Self.expectIdentical(blobs, toReference: "make_blobs-n13-centers3-std0.7-seed7.csv")
  }

  @Test func xorHasBalancedClassesInTheirQuadrants() throws {
    let xor = try Dataset.xor(count: 203, seed: 4)
    #expect(xor.count == 203)
    #expect(xor.featureCount == 2)
    #expect(xor.classCounts == [102, 101])
    for row in 0..<xor.count {
      let product = xor.features[row, 0] * xor.features[row, 1]
      #expect((product >= 0 ? 0 : 1) == xor.labels[row])
    }
  }

  @Test func spiralHasOneBalancedClassPerArm() throws {
    let spiral = try Dataset.spiral(count: 301, arms: 3, noise: 0.05, seed: 1)
    #expect(spiral.count == 301)
    #expect(spiral.classCount == 3)
    #expect(spiral.classCounts == [101, 100, 100])
    #expect(spiral.features.elements.allSatisfy { abs($0) < 1.5 })
  }

  @Test func blobsSpreadPointsOverCenters() throws {
    let blobs = try Dataset.blobs(count: 100, centers: 8, seed: 2)
    #expect(blobs.classCounts == [13, 13, 13, 13, 12, 12, 12, 12])
    #expect(blobs.features.rows == 100)
  }

  @Test func generatorsAreShuffled() throws {
    let moons = try Dataset.moons(count: 100, seed: 0)
    #expect(moons.labels != moons.labels.sorted())
  }

  @Test func invalidGeneratorArgumentsThrowDescriptiveErrors() {
    #expect(throws: NeuralNetError.invalidArgument(name: "n", value: "1", expected: "at least 2")) {
      try Dataset.moons(count: 1)
    }
    #expect(throws: NeuralNetError.self) { try Dataset.circles(count: 10, factor: 1.5) }
    #expect(throws: NeuralNetError.self) { try Dataset.circles(count: 10, noise: -1) }
    #expect(throws: NeuralNetError.self) { try Dataset.moons(count: 10, noise: .nan) }
    #expect(throws: NeuralNetError.self) { try Dataset.spiral(count: 10, arms: 1) }
    #expect(throws: NeuralNetError.self) { try Dataset.blobs(count: 2, centers: 3) }
    #expect(throws: NeuralNetError.self) { try Dataset.xor(count: 10, seed: -1) }
    let error = NeuralNetError.invalidArgument(name: "n", value: "1", expected: "at least 2")
    #expect(error.description == "n must be at least 2, got 1")
  }

  @Test func datasetRejectsMismatchedLabelsAndNonFiniteFeatures() {
    let features = Matrix(rows: 2, columns: 2, elements: [0, 1, 2, .nan])
    #expect(throws: NeuralNetError.nonFiniteFeature(row: 1, column: 1)) {
      try Dataset(name: "bad", features: features, labels: [0, 1])
    }
    #expect(throws: NeuralNetError.self) {
      try Dataset(name: "short", features: Matrix(rows: 2, columns: 2), labels: [0])
    }
    #expect(throws: NeuralNetError.labelOutOfRange(label: 3, row: 1, classCount: 2)) {
      try Dataset(
        name: "range", features: Matrix(rows: 2, columns: 2), labels: [0, 3],
        classNames: ["a", "b"])
    }
  }
}

@Suite struct SplitAndStandardizeTests {
  @Test func splitKeepsClassBalance() throws {
    let data = try Dataset.spiral(count: 300, arms: 3, seed: 2)
    let (train, test) = try data.split(testFraction: 0.2, seed: 1)
    #expect(train.count + test.count == 300)
    #expect(test.classCounts == [20, 20, 20])
    #expect(train.classCounts == [80, 80, 80])
  }

  @Test func splitIsSeededAndDisjoint() throws {
    let data = try Dataset.moons(count: 50, noise: 0.1, seed: 0)
    let first = try data.split(testFraction: 0.3, seed: 9)
    let again = try data.split(testFraction: 0.3, seed: 9)
    let other = try data.split(testFraction: 0.3, seed: 10)
    #expect(first.test == again.test)
    #expect(first.test.features != other.test.features)
    let trainRows = Set((0..<first.train.count).map { Array(first.train.features.row($0)) })
    let testRows = Set((0..<first.test.count).map { Array(first.test.features.row($0)) })
    #expect(trainRows.isDisjoint(with: testRows))
  }

  /// A class with no examples (named, but absent, as after one split too many) takes no part.
  @Test func splitsSkipAClassWithNoExamples() throws {
    let data = try Dataset(
      name: "gap", features: Matrix(rows: 8, columns: 1, elements: (0..<8).map(Double.init)),
      labels: [0, 0, 0, 0, 2, 2, 2, 2], classNames: ["a", "b", "c"])
    let (train, test) = try data.split(testFraction: 0.5)
    #expect(train.count == 4 && test.count == 4)
    let three = try data.split(validationFraction: 0.25, testFraction: 0.25)
    #expect(three.train.count + three.validation.count + three.test.count == 8)
    _ = try data.folds(k: 2)
  }

  @Test func splitRejectsFractionsOutsideZeroOne() throws {
    let data = try Dataset.moons(count: 10)
    #expect(throws: NeuralNetError.self) { try data.split(testFraction: 0) }
    #expect(throws: NeuralNetError.self) { try data.split(testFraction: 1.2) }
  }

  @Test func standardizerFitsOneSetAndAppliesToAnother() throws {
    let train = Matrix(rows: 3, columns: 2, elements: [1, 10, 2, 10, 3, 10])
    let standardizer = try Standardizer(fittedTo: train)
    #expect(standardizer.means == [2, 10])
    #expect(standardizer.scales == [(2.0 / 3).squareRoot(), 1])
    let transformed = try standardizer.transform(train)
    #expect(transformed.column(0).reduce(0, +) == 0)
    #expect(transformed.column(1) == [0, 0, 0])
    let other = try standardizer.transform(Matrix(rows: 1, columns: 2, elements: [2, 12]))
    #expect(other.elements == [0, 2])
    #expect(throws: NeuralNetError.self) { try standardizer.transform(Matrix(rows: 1, columns: 3)) }
  }

  /// Values near the largest doubles, or tiny ones, standardise like any others: the same
  /// column times 10²⁰⁰ or 10⁻³⁰⁰ gives the same standardised values (to rounding), never zeros
  /// from an overflowed variance, nor a tiny column left unscaled as if constant. (A constant
  /// column keeps scale 1, so its values are `x − mean`: rounding noise of the mean's size.)
  @Test(arguments: [1e200, 1e300, 3e307, 1e-300, 1e-20, 1e-310])
  func standardizerHandlesValuesOfAnySize(size: Double) throws {
    let column = [-3.0, -1, 0, 1, 3, 2, -2]
    let plain = try Standardizer(fittedTo: Matrix(rows: 7, columns: 1, elements: column))
    let expected = try plain.transform(Matrix(rows: 7, columns: 1, elements: column)).elements
    let scaled = Matrix(rows: 7, columns: 2, elements: column.flatMap { [$0 * size, 5 * size] })
    let standardizer = try Standardizer(fittedTo: scaled)
    #expect(standardizer.scales[1] == 1, "a constant column keeps scale 1")
    let result = try standardizer.transform(scaled)
    for (actual, wanted) in zip(result.column(0), expected) {
      #expect(abs(actual - wanted) <= 1e-12, "\(actual) for \(wanted)")
    }
    if size <= 1 { #expect(result.column(1).allSatisfy { abs($0) <= 1e-12 }) }
  }

  /// A column that reaches from near −max to near +max overflows `x − mean`; it is computed in
  /// halves instead.
  @Test func standardizerSpansTheWholeRange() throws {
    let data = Matrix(rows: 3, columns: 1, elements: [-1.6e308, 1.6e308, 1.6e308])
    let standardizer = try Standardizer(fittedTo: data)
    #expect(standardizer.means[0] > 0, "so that −1.6e308 − mean overflows")
    let result = try standardizer.transform(data)
    #expect(result.elements.allSatisfy { $0.isFinite })
    let expected = [-2.0.squareRoot(), (0.5).squareRoot(), (0.5).squareRoot()]
    for (actual, wanted) in zip(result.elements, expected) { #expect(abs(actual - wanted) < 1e-12) }
  }
}
